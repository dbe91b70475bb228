import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { WeComRobot } from '../../functions/src/adapters/wecom.ts';
import { Dispatcher } from '../../functions/src/app/notifying/notifications.ts';
import { StaffAlerts } from '../../functions/src/app/notifying/staff-alerts.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { readFileSync } from 'node:fs';
import { FixtureServer } from '../support/fixture-server.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Staff alerts through the outbox, against DynamoDB Local with a settable clock and a WeCom
 * group-robot stand-in on 127.0.0.1 answering with recorded replies. The demo roster of
 * 皋兰路街道 (infra/seed-duty.ts): 王芳 (gll-handler) on weekdays 08:30–17:30, 张伟 (gll-night)
 * on the nights between and at weekends; 李强 (gll-supervisor) supervises; 陈刚
 * (county-supervisor) is the county's 督办.
 */
const wecomReply = (name: string) => ({ body: readFileSync(new URL(`../../functions/src/adapters/fixtures/wecom/${name}.json`, import.meta.url), 'utf8') });
const HOOK = '/cgi-bin/webhook/send';
let h: Harness;
let alerts: AlertStore;
let outbox: OutboxStore;
let dispatcher: Dispatcher;
const robot = new FixtureServer();
const resident: Actor = { id: 'dev-alert-resident', role: 'resident' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
let n = 0;

async function file(at: string, locationId = 'loc-donggang'): Promise<string> {
  h.clock.set(at);
  const res = await h.service.createTicket(resident, { clientToken: `alert-${++n}-${Math.random().toString(36).slice(2, 8)}`, locationId, categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运' });
  return res.ticket.id;
}
async function dispatchAt(at: string) {
  h.clock.set(at);
  return dispatcher.run();
}
/** The in-app messages of a staff member about one request: [kind, title]. */
const inbox = async (username: string, ticketId: string) => (await alerts.messages(username, 200)).filter((m) => m.ticketId === ticketId).map((m) => m.kind);

beforeAll(async () => {
  h = await createHarness('2026-11-30T18:00:00.000Z');
  await robot.start();
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  alerts = new AlertStore(db, h.tableName);
  outbox = new OutboxStore(db, h.tableName);
  await alerts.putChannels('gaolanlu', { wecomWebhook: `${robot.url}${HOOK}?key=gll-robot` }, 'gll-supervisor', '2026-11-01T00:00:00.000Z');
  robot.on(HOOK, wecomReply('send-ok'));
  dispatcher = new Dispatcher({
    outbox,
    residents: new ResidentStore(db, h.tableName),
    tickets: h.tickets,
    realSender: false,
    templates: {},
    now: h.clock.now,
    staffAlerts: new StaffAlerts({ alerts, org: h.org, wecom: new WeComRobot({ linkBase: 'https://mashang.example.cn', timeoutMs: 2000 }) }),
    staffMessages: alerts,
  });
});
afterAll(async () => {
  await robot.stop();
  await h.drop();
});

describe('who is told what, and when', () => {
  it('a request filed at 02:00 reaches that night’s on-duty handler in the first run, and the supervisor at 02:15 if nobody responded', async () => {
    const id = await file('2026-11-30T18:00:00.000Z'); // Tue Dec 1, 02:00 Shanghai
    await dispatchAt('2026-11-30T18:00:30.000Z');
    expect(await inbox('gll-night', id)).toEqual(['new_request']);
    expect(await inbox('gll-handler', id)).toEqual([]); // off duty at night
    expect(await inbox('gll-supervisor', id)).toEqual([]);
    const [message] = await alerts.messages('gll-night', 1);
    expect(message).toMatchObject({ title: '【新诉求】收到新诉求，请在30分钟内响应', link: `pages-staff/ticket/index?id=${id}` });
    expect(message!.body).toContain('皋兰路街道 · 市容环卫 · 东岗西路与皋兰路口');
    expect(message!.body).toContain('响应时限剩余 29 分');
    // The unit's WeCom group got the same alert, naming who must act.
    const post = robot.calls(HOOK).map((c) => JSON.parse(c.body) as { markdown: { content: string } }).find((b) => b.markdown.content.includes(id));
    expect(post?.markdown.content).toContain('请 张伟 处理');

    // 02:10: the 15-minute check is not due yet.
    await dispatchAt('2026-11-30T18:10:00.000Z');
    expect(await inbox('gll-supervisor', id)).toEqual([]);
    // 02:15: still nobody responded → the on-duty handler again and the supervisor.
    await dispatchAt('2026-11-30T18:15:00.000Z');
    expect(await inbox('gll-supervisor', id)).toEqual(['unresponded']);
    expect(await inbox('gll-night', id)).toEqual(['unresponded', 'new_request']);
    expect((await alerts.messageMeta('gll-supervisor')).unread).toBeGreaterThanOrEqual(1);
  });

  it('a request answered within 15 minutes does not bother the supervisor; daytime alerts go to the day handler', async () => {
    const id = await file('2026-12-01T02:00:00.000Z'); // Tue 10:00
    await dispatchAt('2026-12-01T02:00:30.000Z');
    expect(await inbox('gll-handler', id)).toEqual(['new_request']);
    expect(await inbox('gll-night', id)).toEqual([]);
    h.clock.set('2026-12-01T02:05:00.000Z');
    await h.service.command(gll, id, { type: 'respond', via: 'call' });
    await dispatchAt('2026-12-01T02:16:00.000Z');
    expect(await inbox('gll-supervisor', id)).toEqual([]);
    const log = (await outbox.recentLog(500)).filter((m) => m.ticketId === id && m.template === 'unresponded');
    expect(log.map((m) => [m.status, m.reason])).toEqual([['skipped', '已响应，无需提醒']]);
  });

  it('with no roster, alerts go to all the unit’s handlers and its supervisors (张掖路街道)', async () => {
    const id = await file('2026-12-01T02:30:00.000Z', 'loc-jinta');
    await dispatchAt('2026-12-01T02:30:30.000Z');
    expect(await inbox('zyl-handler', id)).toEqual(['new_request']);
  });

  it('a red card goes to the 承办人 and the supervisor; four hours overdue brings in the county 督办', async () => {
    const id = await file('2026-12-01T03:00:00.000Z'); // Tue 11:00
    h.clock.set('2026-12-01T03:05:00.000Z');
    await h.service.command(gll, id, { type: 'respond', via: 'call' }); // 王芳 becomes the 承办人
    // Classify is due 24 h later: yellow at 80 %, red at the deadline.
    h.clock.set('2026-12-02T03:00:30.000Z');
    await h.service.sweep();
    await dispatchAt('2026-12-02T03:01:00.000Z');
    expect(await inbox('gll-handler', id)).toEqual(expect.arrayContaining(['red', 'yellow', 'new_request']));
    expect(await inbox('gll-night', id)).toEqual([]); // the 承办人 is told, not the roster
    expect(await inbox('gll-supervisor', id)).toContain('red');
    expect(await inbox('county-supervisor', id)).toEqual([]); // one red card: not yet escalated
    // Four hours overdue and still not classified → the county 督办.
    await dispatchAt('2026-12-02T07:00:30.000Z');
    expect(await inbox('county-supervisor', id)).toEqual(['overdue']);
  });
});

describe('escalation by red cards', () => {
  it('the second red card on a request also goes to the county 督办', async () => {
    const id = await file('2026-12-03T03:00:00.000Z'); // Thu 11:00, nobody responds
    h.clock.set('2026-12-03T03:31:00.000Z');
    await h.service.sweep(); // red card 1: respond
    await dispatchAt('2026-12-03T03:31:30.000Z');
    expect(await inbox('county-supervisor', id)).toEqual([]);
    h.clock.set('2026-12-04T03:01:00.000Z');
    await h.service.sweep(); // red card 2: classify
    await dispatchAt('2026-12-04T03:01:30.000Z');
    expect(await inbox('county-supervisor', id)).toContain('red');
    const [m] = (await alerts.messages('county-supervisor', 50)).filter((x) => x.ticketId === id && x.kind === 'red');
    expect(m?.title).toContain('红牌已达2张，提请上级督办');
  });
});

describe('delivery', () => {
  it('delivers every alert exactly once although the WeCom robot refuses half the posts (45009)', async () => {
    robot.requests.length = 0;
    const replies = Array.from({ length: 400 }, (_, i) => wecomReply(i % 2 === 0 ? 'send-rate-limited' : 'send-ok'));
    robot.on(HOOK, ...replies);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await file(`2026-12-01T04:0${i}:00.000Z`));
    // Run the dispatcher every minute for half an hour: retries back off 1, 2, 4 … minutes.
    for (let m = 0; m <= 40; m++) await dispatchAt(new Date(Date.parse('2026-12-01T04:06:00.000Z') + m * 60_000).toISOString());
    // Pair each post with the reply it got (the stand-in answers in order).
    const accepted = robot.calls(HOOK).filter((_, i) => i % 2 === 1).map((c) => (JSON.parse(c.body) as { markdown: { content: string } }).markdown.content);
    for (const id of ids) {
      const titles = accepted.filter((c) => c.includes(id)).map((c) => c.split('\n')[0]);
      // Each request: the new-request alert and the 15-minute check (nobody responded), each accepted exactly once.
      expect(titles.sort()).toEqual(['**【新诉求】收到新诉求，请在30分钟内响应**', '**【未响应】诉求提交15分钟仍无人响应**']);
      expect(await inbox('gll-handler', id)).toEqual(['unresponded', 'new_request']);
      expect(await inbox('gll-supervisor', id)).toEqual(['unresponded']);
    }
    // Nothing is left to send for these requests.
    const left = (await Promise.all(Array.from({ length: 8 }, (_, s) => outbox.page(s, 500)))).flatMap((p) => p.items).filter((m) => ids.includes(m.ticketId) && m.audience !== 'resident');
    expect(left.filter((m) => m.template !== 'overdue')).toEqual([]);
  });
});
