import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { ReportService } from '../../functions/src/app/reporting/reports.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { StatStore } from '../../functions/src/store/stats.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Clocks that tell the truth, against DynamoDB Local with a settable clock: a reopened
 * late request still counts its first breach, the breach list shows the deadline, the
 * resident's urgent flag selects nothing by itself.
 */
let h: Harness;
let reports: ReportService;
const resident: Actor = { id: 'dev-clocks-resident', role: 'resident' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' };
const county: Actor = { id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan' };

beforeAll(async () => {
  h = await createHarness('2026-11-02T01:00:00.000Z');
  reports = new ReportService({ stats: new StatStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName), reference: h.service, commands: h.service, now: h.clock.now });
});
afterAll(() => h.drop());

describe('a breach stays counted', () => {
  it('a request resolved late and then reopened still counts its first breach and its late resolution', async () => {
    h.clock.set('2026-11-02T01:00:00.000Z'); // Mon 09:00
    const { ticket } = await h.service.createTicket(resident, { clientToken: 'clocks-late-0001', locationId: 'loc-xijie-xiaoqu', categoryCode: 'property', description: '电梯故障一周没人修' });
    h.clock.set('2026-11-02T01:10:00.000Z');
    await h.service.command(gll, ticket.id, { type: 'respond', via: 'call' });
    // Resolve is due at the end of Mon Nov 9; the sweeper records the red card just after.
    h.clock.set('2026-11-09T16:01:00.000Z');
    await h.service.sweep();
    h.clock.set('2026-11-10T03:00:00.000Z');
    await h.service.command(gll, ticket.id, { type: 'resolve', feedback: '已修好电梯' });
    h.clock.set('2026-11-10T05:00:00.000Z');
    await h.service.command(resident, ticket.id, { type: 'reopen', reason: '又坏了' });
    const r = await reports.slaReport(county, { from: '2026-11-01', to: '2026-11-30' });
    expect(r.totals.counters).toMatchObject({ received: 1, resolved: 1, resolvedOnTime: 0, breachResolve: 1, resolveEnded: 1, reopened: 1 });
    expect(r.totals.rates.resolveOnTimeRate).toBe(0);
  });
});

describe('the resident\u2019s urgent flag', () => {
  it('selects nothing by itself: urgency and its stricter clocks come from the category', async () => {
    h.clock.set('2026-11-18T02:00:00.000Z');
    const plain = await h.service.createTicket(resident, { clientToken: 'clocks-urgent-0001', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站牌被撞歪了', urgent: true });
    expect(plain.ticket.urgent).toBe(false);
    expect(plain.ticket.clocks.find((c) => c.clock === 'respond')?.dueAt).toBe('2026-11-18T02:30:00.000Z');
    const hazard = await h.service.createTicket(resident, { clientToken: 'clocks-urgent-0002', locationId: 'loc-dajuyuan', categoryCode: 'safety_hazard', description: '井盖缺失，很危险' });
    expect(hazard.ticket.urgent).toBe(true);
    expect(hazard.ticket.clocks.find((c) => c.clock === 'respond')?.dueAt).toBe('2026-11-18T02:10:00.000Z');
  });
});
