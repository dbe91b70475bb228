import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { WeChatApi } from '../../functions/src/adapters/wechat.ts';
import { AlertApi } from '../../functions/src/app/notifying/alerts-api.ts';
import { Dispatcher } from '../../functions/src/app/notifying/notifications.ts';
import { StaffAlerts } from '../../functions/src/app/notifying/staff-alerts.ts';
import { StaffWeChatChannel } from '../../functions/src/app/notifying/staff-channels.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { StaffStore } from '../../functions/src/store/staff.ts';
import { StaffSubscriptionStore } from '../../functions/src/store/staff-subscriptions.ts';
import { FixtureServer, wechatFixture } from '../support/fixture-server.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * WeChat subscription messages for staff, on DynamoDB Local with the settable clock and a WeChat
 * stand-in on 127.0.0.1 answering with recorded replies: a staff member bound to WeChat with an
 * admin's invite consents on the staff pages; each alert then uses one consent; none left → the
 * in-app message only; 43101 clears the consents; a rate limit (45009) gives the consent back
 * and is retried; a dispatcher that died after `sending` never sends again.
 */
const TEMPLATE = 'tmpl-staff-001';
const SEND = '/cgi-bin/message/subscribe/send';
const OPENID = 'oStaffNight000001';
let h: Harness;
let alerts: AlertStore;
let outbox: OutboxStore;
let consents: StaffSubscriptionStore;
let api: AlertApi;
let dispatcher: Dispatcher;
const wx = new FixtureServer();
const resident: Actor = { id: 'dev-staff-wx-resident', role: 'resident' };
const night: Actor = { id: 'gll-night', role: 'handler', unitId: 'gaolanlu', name: '张伟' };
const day: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
let n = 0;

async function file(at: string): Promise<string> {
  h.clock.set(at);
  const res = await h.service.createTicket(resident, { clientToken: `staff-wx-${++n}-${Math.random().toString(36).slice(2, 8)}`, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运' });
  return res.ticket.id;
}
async function dispatchAt(at: string) {
  h.clock.set(at);
  return dispatcher.run();
}
const sendsFor = (ticketId: string) => wx.calls(SEND).map((c) => JSON.parse(c.body) as { touser: string; page: string; data: Record<string, { value: string }> }).filter((b) => b.page.endsWith(`id=${ticketId}`));
const deliveriesOf = async (ticketId: string, template: string) => (await outbox.recentLog(500)).find((m) => m.ticketId === ticketId && m.template === template)?.deliveries ?? {};

beforeAll(async () => {
  h = await createHarness('2026-11-30T18:00:00.000Z');
  await wx.start();
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  alerts = new AlertStore(db, h.tableName);
  outbox = new OutboxStore(db, h.tableName);
  consents = new StaffSubscriptionStore(db, h.tableName);
  api = new AlertApi({ alerts, reference: h.service, now: h.clock.now, wechat: { templateId: TEMPLATE, subscriptions: consents, org: h.org } });
  // 张伟 binds his WeChat with an admin's invite (the real binding transaction).
  const staff = new StaffStore(db, h.tableName);
  await staff.putInvite('hash-of-invite', { username: 'gll-night', createdBy: 'county-admin', createdAt: '2026-11-30T00:00:00.000Z', expiresAt: '2026-12-30T00:00:00.000Z' });
  await staff.bind({ codeHash: 'hash-of-invite', username: 'gll-night', openid: OPENID, now: '2026-11-30T01:00:00.000Z' });
  dispatcher = new Dispatcher({
    outbox,
    residents: new ResidentStore(db, h.tableName),
    tickets: h.tickets,
    realSender: true,
    templates: {},
    now: h.clock.now,
    staffAlerts: new StaffAlerts({ alerts, org: h.org }),
    staffMessages: alerts,
    staffChannels: [
      new StaffWeChatChannel({
        templateId: TEMPLATE,
        sender: new WeChatApi({ appId: 'wx1234567890abcdef', appSecret: 'app-secret-for-tests', baseUrl: wx.url, timeoutMs: 2000 }),
        consents,
        openidOf: async (username) => (await h.org.staff(username))?.wechatOpenid,
        now: () => new Date(h.clock.ms).toISOString(),
      }),
    ],
  });
});
afterAll(async () => {
  await wx.stop();
  await h.drop();
});
beforeEach(() => {
  wx.on('/cgi-bin/stable_token', { body: wechatFixture('stable-token-ok') });
  wx.on(SEND, { body: wechatFixture('subscribe-send-ok') });
});

describe('consent on the staff pages', () => {
  it('tells the page which template to ask for, and records each acceptance', async () => {
    expect(await api.subscriptions(night)).toEqual({ templateIds: [TEMPLATE], credits: 0, wechatBound: true });
    expect(await api.subscriptions(day)).toEqual({ templateIds: [TEMPLATE], credits: 0, wechatBound: false });
    expect(await api.subscribe(night, { templateIds: [TEMPLATE] })).toMatchObject({ credits: 1 });
    await expect(api.subscribe(night, { templateIds: ['someone-elses-template'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(api.subscribe(night, { templateIds: [] })).rejects.toMatchObject({ name: '$ZodError' });
    await expect(api.subscriptions(resident)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await consents.credits('gll-night', TEMPLATE)).toBe(1);
    // Off when the stage has no template: the pages do not ask.
    const off = new AlertApi({ alerts, reference: h.service, now: h.clock.now, wechat: { subscriptions: consents, org: h.org } });
    expect(await off.subscriptions(night)).toEqual({ templateIds: [], credits: 0, wechatBound: false });
  });
});

describe('sending staff alerts to WeChat', () => {
  it('a request at 02:00 reaches the on-duty handler’s WeChat once, using one consent; without consent only the in-app list', async () => {
    const id = await file('2026-11-30T18:00:00.000Z'); // Tue 02:00: 张伟 on duty, 1 consent
    await dispatchAt('2026-11-30T18:00:30.000Z');
    const sends = sendsFor(id);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ touser: OPENID, template_id: TEMPLATE, page: `pages-staff/ticket/index?id=${id}` });
    expect(sends[0]!.data).toEqual({
      character_string1: { value: id },
      phrase2: { value: '新诉求' },
      thing3: { value: '收到新诉求，请在30分钟内响应' },
      time4: { value: '2026年12月1日 02:00' },
    });
    expect(await deliveriesOf(id, 'assigned')).toMatchObject({ 'inapp:gll-night': 'sent', 'wechat:gll-night': 'sent' });
    expect(await consents.credits('gll-night', TEMPLATE)).toBe(0);

    // 02:15, nobody responded: the supervisor (not bound) and 张伟 (no consent left) get the in-app message only.
    await dispatchAt('2026-11-30T18:15:00.000Z');
    expect(sendsFor(id)).toHaveLength(1);
    expect(await deliveriesOf(id, 'unresponded')).toMatchObject({ 'inapp:gll-night': 'sent', 'wechat:gll-night': 'no_consent', 'wechat:gll-supervisor': 'no_channel' });
  });

  it('a rate limit gives the consent back and is retried; 43101 clears the consents', async () => {
    await consents.add('gll-night', TEMPLATE, 3, '2026-12-01T18:00:00.000Z');
    wx.on(SEND, { body: wechatFixture('subscribe-send-quota') }, { body: wechatFixture('subscribe-send-ok') });
    const id = await file('2026-12-01T18:00:00.000Z'); // Wed 02:00
    await dispatchAt('2026-12-01T18:00:30.000Z');
    expect(await consents.credits('gll-night', TEMPLATE)).toBe(3); // given back
    await dispatchAt('2026-12-01T18:01:30.000Z'); // the retry, a minute later
    expect(sendsFor(id)).toHaveLength(2);
    expect(await deliveriesOf(id, 'assigned')).toMatchObject({ 'wechat:gll-night': 'sent' });
    expect(await consents.credits('gll-night', TEMPLATE)).toBe(2);

    wx.on(SEND, { body: wechatFixture('subscribe-send-refused') });
    const id2 = await file('2026-12-01T18:02:00.000Z'); // before the first one's 15-minute check is looked at
    await dispatchAt('2026-12-01T18:02:30.000Z');
    expect(await deliveriesOf(id2, 'assigned')).toMatchObject({ 'inapp:gll-night': 'sent', 'wechat:gll-night': 'refused' });
    expect(await consents.credits('gll-night', TEMPLATE)).toBe(0);
  });

  it('never sends twice: a row left at `sending` by a dispatcher that died is recorded as unknown', async () => {
    await consents.add('gll-night', TEMPLATE, 2, '2026-12-02T18:00:00.000Z');
    const id = await file('2026-12-02T18:00:00.000Z'); // Thu 02:00
    // A dispatcher claims the row, records `sending` for WeChat and dies before the call.
    const rows = (await Promise.all(Array.from({ length: 8 }, (_, s) => outbox.page(s, 500)))).flatMap((p) => p.items);
    const row = rows.find((r) => r.ticketId === id && r.template === 'assigned')!;
    const claimed = (await outbox.claim(row, 'dead-token', '2026-12-02T18:00:10.000Z', '2026-12-02T18:02:10.000Z'))!;
    expect(await outbox.recordDelivery(claimed, 'dead-token', 'wechat:gll-night', 'sending')).toBe(true);
    await dispatchAt('2026-12-02T18:03:00.000Z'); // the lease ran out
    expect(sendsFor(id)).toHaveLength(0);
    expect(await deliveriesOf(id, 'assigned')).toMatchObject({ 'inapp:gll-night': 'sent', 'wechat:gll-night': 'unknown' });
  });
});
