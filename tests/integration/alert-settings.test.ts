import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_POLICY, DEFAULT_RANKING_POLICY, type Actor } from '@mashang/shared';
import { getAlertSettings, putAlertSettings } from '../../functions/src/admin/alert-settings.ts';
import { listAudit } from '../../functions/src/admin/audit.ts';
import { countyScope } from '../../functions/src/admin/scope.ts';
import { Dispatcher } from '../../functions/src/app/notifying/notifications.ts';
import { StaffAlerts } from '../../functions/src/app/notifying/staff-alerts.ts';
import { AdminStore } from '../../functions/src/store/admin.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * The alert thresholds and the red/black list rules as admin settings, on DynamoDB Local with
 * the settable clock: only a county admin changes them, each change is audited, bad input
 * changes nothing, and the dispatcher applies the stored thresholds to requests already open
 * (the 15-minute check moved to 10 and to 25 minutes; the county 督办 brought in after 1 red card).
 */
let h: Harness;
let alerts: AlertStore;
let admin: AdminStore;
let outbox: OutboxStore;
let dispatcher: Dispatcher;
const countyAdmin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };
const streetSupervisor: Actor = { id: 'gll-supervisor', role: 'supervisor', unitId: 'gaolanlu', name: '李强' };
const resident: Actor = { id: 'dev-settings-resident', role: 'resident' };
let n = 0;

const scope = async (actor: Actor = countyAdmin) => countyScope(actor, (await h.service.ref()).units, new Date(h.clock.ms).toISOString());
const deps = () => ({ store: admin, alerts });
const settings = (alerts: Partial<typeof DEFAULT_ALERT_POLICY> = {}, ranking: Partial<typeof DEFAULT_RANKING_POLICY> = {}) => ({
  alerts: { ...DEFAULT_ALERT_POLICY, ...alerts },
  ranking: { ...DEFAULT_RANKING_POLICY, ...ranking },
});
async function file(at: string): Promise<string> {
  h.clock.set(at);
  const res = await h.service.createTicket(resident, { clientToken: `settings-${++n}-${Math.random().toString(36).slice(2, 8)}`, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运' });
  return res.ticket.id;
}
async function dispatchAt(at: string) {
  h.clock.set(at);
  return dispatcher.run();
}
const kinds = async (username: string, ticketId: string) => (await alerts.messages(username, 200)).filter((m) => m.ticketId === ticketId).map((m) => m.kind);

beforeAll(async () => {
  h = await createHarness('2026-12-01T02:00:00.000Z');
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  alerts = new AlertStore(db, h.tableName);
  admin = new AdminStore(db, h.tableName);
  outbox = new OutboxStore(db, h.tableName);
  dispatcher = new Dispatcher({
    outbox,
    residents: new ResidentStore(db, h.tableName),
    tickets: h.tickets,
    realSender: false,
    templates: {},
    now: h.clock.now,
    staffAlerts: new StaffAlerts({ alerts, org: h.org, loadPolicy: () => alerts.alertPolicy() }),
    staffMessages: alerts,
  });
});
afterAll(async () => {
  await h.drop();
});

describe('the settings', () => {
  it('show the defaults and the published formula until an admin changes them', async () => {
    const s = await getAlertSettings(deps(), await scope());
    expect(s.alerts).toEqual(DEFAULT_ALERT_POLICY);
    expect(s.ranking).toEqual(DEFAULT_RANKING_POLICY);
    expect(s.formula).toContain('10% × 响应率 + 50% × 解决率 + 40% × 满意率');
    expect(s.updatedAt).toBeUndefined();
  });

  it('only a county admin changes them; bad input is refused with a Chinese message and changes nothing', async () => {
    await expect(scope(streetSupervisor).then((s) => putAlertSettings(deps(), s, settings()))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(putAlertSettings(deps(), await scope(), settings({}, { resolveWeight: 70 }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('三项权重之和应为 100') });
    await expect(putAlertSettings(deps(), await scope(), settings({ unrespondedMinutes: 2 }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('至少 5 分钟') });
    await expect(putAlertSettings(deps(), await scope(), { alerts: DEFAULT_ALERT_POLICY })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await alerts.settings()).toEqual({});
  });

  it('a change is stored with its audit event, and the ranking formula follows the weights', async () => {
    h.clock.set('2026-12-01T02:00:00.000Z');
    const reply = await putAlertSettings(deps(), await scope(), settings({ unrespondedMinutes: 10 }, { minRequests: 8, responseWeight: 20, resolveWeight: 40 }));
    expect(reply).toMatchObject({ alerts: { unrespondedMinutes: 10 }, ranking: { minRequests: 8 }, updatedBy: 'county-admin', updatedAt: '2026-12-01T02:00:00.000Z' });
    expect(reply.formula).toContain('20% × 响应率 + 40% × 解决率 + 40% × 满意率');
    expect(reply.formula).toContain('少于 8 件');
    expect((await alerts.rankingPolicy())?.minRequests).toBe(8);
    expect((await alerts.alertPolicy())?.unrespondedMinutes).toBe(10);
    const audit = await listAudit(admin, await scope(), '2026-12', 50);
    const event = audit.items.find((e) => e.action === 'settings.alerts');
    expect(event).toMatchObject({ target: 'settings:alerts', before: { alerts: { unrespondedMinutes: 15 } }, after: { alerts: { unrespondedMinutes: 10 }, ranking: { minRequests: 8 } } });
  });
});

describe('the dispatcher applies the stored thresholds', () => {
  it('10 minutes: the supervisor is told at 10:10 about a request filed at 10:00 and not answered', async () => {
    await putAlertSettings(deps(), await scope(), settings({ unrespondedMinutes: 10 }));
    const id = await file('2026-12-01T02:00:00.000Z'); // Tue 10:00
    await dispatchAt('2026-12-01T02:00:30.000Z');
    await dispatchAt('2026-12-01T02:06:00.000Z'); // looked at (5 min), held until 10:10
    expect(await kinds('gll-supervisor', id)).toEqual([]);
    await dispatchAt('2026-12-01T02:09:59.000Z');
    expect(await kinds('gll-supervisor', id)).toEqual([]);
    await dispatchAt('2026-12-01T02:10:00.000Z');
    expect(await kinds('gll-supervisor', id)).toEqual(['unresponded']);
    const [m] = (await alerts.messages('gll-supervisor', 50)).filter((x) => x.ticketId === id);
    expect(m?.title).toBe('【未响应】诉求提交10分钟仍无人响应');
  });

  it('25 minutes, changed after the request was filed: nobody is told at 10:15, the supervisor at 10:25; held checks do not use up attempts', async () => {
    await putAlertSettings(deps(), await scope(), settings({ unrespondedMinutes: 10 }));
    const id = await file('2026-12-02T02:00:00.000Z'); // Wed 10:00
    h.clock.set('2026-12-02T02:01:00.000Z');
    await putAlertSettings(deps(), await scope(), settings({ unrespondedMinutes: 25 }));
    for (let m = 5; m < 25; m++) await dispatchAt(new Date(Date.parse('2026-12-02T02:00:00.000Z') + m * 60_000 + 1000).toISOString());
    expect(await kinds('gll-supervisor', id)).toEqual([]);
    const pending = (await Promise.all(Array.from({ length: 8 }, (_, s) => outbox.page(s, 500)))).flatMap((p) => p.items).find((r) => r.ticketId === id && r.template === 'unresponded');
    expect(pending).toMatchObject({ status: 'pending', notBefore: '2026-12-02T02:25:00.000Z', attempts: 0 });
    await dispatchAt('2026-12-02T02:25:00.000Z');
    expect(await kinds('gll-supervisor', id)).toEqual(['unresponded']);
    expect((await alerts.messages('gll-supervisor', 50)).find((x) => x.ticketId === id)?.title).toBe('【未响应】诉求提交25分钟仍无人响应');
  });

  it('one red card brings in the county 督办 when the admin set it so', async () => {
    await putAlertSettings(deps(), await scope(), settings({ escalateAfterRedCards: 1 }));
    const id = await file('2026-12-03T03:00:00.000Z'); // Thu 11:00, nobody responds
    h.clock.set('2026-12-03T03:31:00.000Z');
    await h.service.sweep(); // red card 1: respond
    await dispatchAt('2026-12-03T03:31:30.000Z');
    expect(await kinds('county-supervisor', id)).toContain('red');
    expect((await alerts.messages('county-supervisor', 50)).find((x) => x.ticketId === id && x.kind === 'red')?.title).toContain('红牌已达1张，提请上级督办');
  });
});
