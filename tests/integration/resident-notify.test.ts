import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { WeChatApi } from '../../functions/src/adapters/wechat.ts';
import { Dispatcher } from '../../functions/src/app/notifying/notifications.ts';
import { ResidentRecords, ResidentService, type ResidentDeps } from '../../functions/src/app/residents/resident.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { PlaceStore } from '../../functions/src/store/places.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { FixtureServer, wechatFixture } from '../support/fixture-server.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * The outbox dispatcher against DynamoDB Local and the real WeChat adapter
 * (answered by recorded WeChat replies on 127.0.0.1): consent use, refusal,
 * rate limits, crashes and concurrent dispatchers. Time is the test clock.
 */
const TEMPLATE = 'tmpl-status-001';
let h: Harness;
let service: MashangService;
let residents: ResidentStore;
let outbox: OutboxStore;
let residentDeps: ResidentDeps;
const wx = new FixtureServer();
const SEND = '/cgi-bin/message/subscribe/send';

const handler: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const dispatcher = () =>
  new Dispatcher({
    outbox,
    residents,
    tickets: h.tickets,
    sender: new WeChatApi({ appId: 'wx1234567890abcdef', appSecret: 'app-secret-for-tests', baseUrl: wx.url, timeoutMs: 2000 }),
    realSender: true,
    templates: { status_changed: TEMPLATE },
    now: h.clock.now,
  });

let n = 0;
async function file(owner: Actor, subscriptions: string[] = [TEMPLATE]): Promise<string> {
  const res = await service.createTicket(owner, {
    clientToken: `notify-${++n}-${Math.random().toString(36).slice(2, 8)}`,
    locationId: 'loc-donggang',
    categoryCode: 'sanitation',
    description: '路口垃圾桶满了两天没人清运',
    subscriptions,
  });
  return res.ticket.id;
}

const sendsFor = (ticketId: string) => wx.calls(SEND).filter((c) => (JSON.parse(c.body) as { page: string }).page.endsWith(`id=${ticketId}`));
const logFor = async (ticketId: string) => (await outbox.recentLog(500)).filter((m) => m.ticketId === ticketId && m.audience === 'resident');
const credits = async (ticketId: string, residentId: string) => (await residents.consents(ticketId)).find((c) => c.residentId === residentId)?.credits;

beforeAll(async () => {
  h = await createHarness();
  await wx.start();
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  residents = new ResidentStore(db, h.tableName);
  outbox = new OutboxStore(db, h.tableName);
  const tokens = new TokenService(TEST_SECRET);
  residentDeps = { tickets: h.tickets, residents, places: new PlaceStore(db, h.tableName), tokens, templates: { status_changed: TEMPLATE }, now: h.clock.now };
  service = new MashangService({ tickets: h.tickets, org: h.org, tokens, now: h.clock.now, referenceTtlMs: 0, resident: new ResidentRecords(residentDeps) });
});
afterAll(async () => {
  await wx.stop();
  await h.drop();
});
beforeEach(() => {
  wx.on('/cgi-bin/stable_token', { body: wechatFixture('stable-token-ok') });
  wx.on(SEND, { body: wechatFixture('subscribe-send-ok') });
});

describe('sending residents WeChat subscription messages', () => {
  it('uses one consent per message: the first status change is sent, the next one is skipped for want of consent', async () => {
    const owner: Actor = { id: 'wx-oOwnerFirst0001', role: 'resident' };
    const id = await file(owner, [TEMPLATE, 'not-a-configured-template']);
    expect(await residents.consents(id)).toEqual([{ residentId: owner.id, templateId: TEMPLATE, credits: 1 }]);

    h.clock.advance(5);
    await service.command(handler, id, { type: 'respond', via: 'call' });
    const first = await dispatcher().run();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const [sent] = sendsFor(id);
    expect(JSON.parse(sent!.body)).toMatchObject({
      touser: 'oOwnerFirst0001',
      template_id: TEMPLATE,
      page: `pages/ticket/index?id=${id}`,
      data: { character_string1: { value: id }, phrase2: { value: '已响应' }, thing3: { value: '工作人员已联系您，正在处理您的诉求' } },
      lang: 'zh_CN',
    });
    expect(await credits(id, owner.id)).toBe(0);

    h.clock.advance(60);
    await service.command(handler, id, { type: 'resolve', feedback: '已安排环卫车辆清运' });
    await dispatcher().run();
    expect(sendsFor(id)).toHaveLength(1);
    const log = await logFor(id);
    expect(log.map((m) => [m.text, m.status, m.deliveries])).toEqual([
      ['您的诉求已办结，请评价办理结果', 'skipped', { [owner.id]: 'no_consent' }],
      ['工作人员已联系您，正在处理您的诉求', 'sent', { [owner.id]: 'sent' }],
    ]);
    // Nothing is left in the outbox for this ticket: each message was dispatched once.
    const left = (await Promise.all(Array.from({ length: 8 }, (_, s) => outbox.page(s, 500)))).flatMap((p) => p.items).filter((m) => m.ticketId === id);
    expect(left).toEqual([]);
  });

  it('clears a resident’s consent when WeChat says they refuse messages (43101)', async () => {
    wx.on(SEND, { body: wechatFixture('subscribe-send-refused') });
    const owner: Actor = { id: 'wx-oRefuser0000002', role: 'resident' };
    const id = await file(owner, [TEMPLATE, TEMPLATE]);
    expect(await credits(id, owner.id)).toBe(2);
    await service.command(handler, id, { type: 'respond', via: 'call' });
    await dispatcher().run();
    expect(await credits(id, owner.id)).toBe(0);
    expect((await logFor(id)).map((m) => [m.status, m.deliveries])).toEqual([['failed', { [owner.id]: 'refused' }]]);
  });

  it('gives the consent back on WeChat’s quota limit and sends the message on a later run', async () => {
    wx.on(SEND, { body: wechatFixture('subscribe-send-quota') }, { body: wechatFixture('subscribe-send-ok') });
    const owner: Actor = { id: 'wx-oPatient000003', role: 'resident' };
    const id = await file(owner);
    await service.command(handler, id, { type: 'respond', via: 'call' });
    const first = await dispatcher().run();
    expect(first.retried).toBeGreaterThanOrEqual(1);
    expect(await credits(id, owner.id)).toBe(1);
    expect(await logFor(id)).toEqual([]);
    // Not before its backoff: a run straight away leaves it alone.
    await dispatcher().run();
    expect(sendsFor(id)).toHaveLength(1);
    h.clock.advance(2);
    await dispatcher().run();
    expect(sendsFor(id)).toHaveLength(2);
    expect((await logFor(id)).map((m) => [m.status, m.attempts])).toEqual([['sent', 2]]);
    expect(await credits(id, owner.id)).toBe(0);
  });

  it('never sends twice after a dispatcher died in the middle of a send', async () => {
    const owner: Actor = { id: 'wx-oInterrupted04', role: 'resident' };
    const id = await file(owner);
    await service.command(handler, id, { type: 'respond', via: 'call' });
    // A dispatcher claimed the message, recorded "sending", and was killed before recording the result.
    const rows = (await Promise.all(Array.from({ length: 8 }, (_, s) => outbox.page(s, 500)))).flatMap((p) => p.items);
    const row = rows.find((m) => m.ticketId === id && m.audience === 'resident')!;
    const now = new Date(h.clock.ms).toISOString();
    expect(await outbox.claim(row, 'dead-dispatcher', now, new Date(h.clock.ms + 120_000).toISOString())).toBeDefined();
    expect(await outbox.recordDelivery(row, 'dead-dispatcher', owner.id, 'sending')).toBe(true);
    await residents.useCredit(id, owner.id, TEMPLATE);

    // While its lease runs, nobody else touches it.
    await dispatcher().run();
    expect(await logFor(id)).toEqual([]);
    h.clock.advance(3);
    await dispatcher().run();
    expect(sendsFor(id)).toHaveLength(0);
    expect((await logFor(id)).map((m) => [m.status, m.deliveries])).toEqual([['failed', { [owner.id]: 'unknown' }]]);
  });

  it('sends each message once when two dispatchers run at the same time', async () => {
    const owner: Actor = { id: 'wx-oConcurrent005', role: 'resident' };
    const id = await file(owner, [TEMPLATE, TEMPLATE, TEMPLATE]);
    await service.command(handler, id, { type: 'respond', via: 'call' });
    await Promise.all([dispatcher().run(), dispatcher().run(), dispatcher().run()]);
    expect(sendsFor(id)).toHaveLength(1);
    expect(await credits(id, owner.id)).toBe(2);
    expect((await logFor(id)).map((m) => m.status)).toEqual(['sent']);
  });

  it('tells a follower who consented when joining, and never messages an H5 device identity', async () => {
    const owner: Actor = { id: 'wx-oOwnerSix000006', role: 'resident' };
    const follower: Actor = { id: 'wx-oFollower00006', role: 'resident' };
    const browser: Actor = { id: 'dev-123e4567-e89b-12d3-a456-426614174006', role: 'resident' };
    const resident = new ResidentService({ ...residentDeps, reads: service });
    const id = await file(owner, []);
    expect((await resident.join(follower, id, [TEMPLATE])).joined).toBe(true);
    expect((await resident.join(browser, id, [])).joined).toBe(true);
    await resident.subscribe(browser, id, [TEMPLATE]);
    await service.command(handler, id, { type: 'respond', via: 'call' });
    await dispatcher().run();
    expect(sendsFor(id).map((c) => (JSON.parse(c.body) as { touser: string }).touser)).toEqual(['oFollower00006']);
    expect((await logFor(id))[0]!.deliveries).toEqual({ [follower.id]: 'sent', [browser.id]: 'no_channel' });
    expect(await credits(id, browser.id)).toBe(1);
  });

  it('sends a handler’s in-app message to the filer only: followers get a neutral line, or nothing for later messages', async () => {
    const owner: Actor = { id: 'wx-oOwnerMsg00008', role: 'resident' };
    const follower: Actor = { id: 'wx-oFollowMsg0008', role: 'resident' };
    const resident = new ResidentService({ ...residentDeps, reads: service });
    const id = await file(owner, [TEMPLATE]);
    expect((await resident.join(follower, id, [TEMPLATE])).joined).toBe(true);
    await resident.subscribe(owner, id, [TEMPLATE]);
    await resident.subscribe(follower, id, [TEMPLATE]);
    await service.command(handler, id, { type: 'respond', via: 'message', note: '明早八点上门' });
    await service.command(handler, id, { type: 'respond', via: 'message', note: '师傅已出发' });
    await dispatcher().run();
    const sent = sendsFor(id).map((c) => JSON.parse(c.body) as { touser: string; data: { thing3: { value: string } } });
    const to = (openid: string) => sent.filter((m) => m.touser === openid).map((m) => m.data.thing3.value);
    expect(to('oOwnerMsg00008')).toEqual(expect.arrayContaining(['工作人员留言：明早八点上门', '工作人员留言：师傅已出发']));
    expect(to('oFollowMsg0008').join('|')).not.toMatch(/明早八点|师傅已出发/);
    expect(to('oFollowMsg0008')).toEqual(['工作人员已联系您反映的问题，正在处理']);
  });

  it('logs staff messages as skipped: there is no push channel for staff yet', async () => {
    const id = await file({ id: 'wx-oStaffMsg000007', role: 'resident' }, []);
    await dispatcher().run();
    const log = (await outbox.recentLog(500)).filter((m) => m.ticketId === id);
    expect(log.map((m) => [m.audience, m.status])).toEqual([['handlers', 'skipped']]);
  });
});
