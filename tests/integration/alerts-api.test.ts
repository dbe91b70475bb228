import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { AlertApi } from '../../functions/src/app/notifying/alerts-api.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** Duty rosters, WeCom robots, messages and the change marker through the use case, on DynamoDB Local. */
let h: Harness;
let alerts: AlertStore;
let api: AlertApi;
const handler: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' };
const supervisor: Actor = { id: 'gll-supervisor', role: 'supervisor', unitId: 'gaolanlu' };
const zylHandler: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu' };
const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan' };
const resident: Actor = { id: 'dev-api-resident', role: 'resident' };
const roster = { weekly: [{ weekday: 1, from: '08:30', to: '17:30', staffIds: ['gll-handler'] }], exceptions: [{ date: '2026-12-31', from: '00:00', to: '24:00', staffIds: ['gll-night'] }] };

beforeAll(async () => {
  h = await createHarness();
  alerts = new AlertStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName);
  api = new AlertApi({ alerts, reference: h.service, now: h.clock.now });
});
afterAll(() => h.drop());

describe('duty roster (值班表) and WeCom robot', () => {
  it('the unit’s supervisor or an admin keeps the roster; a handler reads it', async () => {
    await api.putRoster(supervisor, 'gaolanlu', roster);
    expect((await api.duty(handler, 'gaolanlu')).roster).toEqual(roster);
    await expect(api.putRoster(handler, 'gaolanlu', roster)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.putRoster(supervisor, 'zhangyelu', roster)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await api.putRoster(admin, 'gaolanlu', roster);
  });

  it('rejects bad input with a Chinese message and changes nothing', async () => {
    await expect(api.putRoster(supervisor, 'gaolanlu', { weekly: [{ weekday: 9, from: '8点', to: '17:30', staffIds: [] }], exceptions: [] })).rejects.toMatchObject({ name: '$ZodError' });
    await expect(api.putRoster(supervisor, 'gaolanlu', { weekly: [{ weekday: 1, from: '08:00', to: '17:00', staffIds: ['zyl-handler'] }], exceptions: [] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '值班人员不属于本单位：zyl-handler',
    });
    await expect(api.putChannels(supervisor, 'gaolanlu', { wecomWebhook: 'http://10.1.2.3/hook' })).rejects.toMatchObject({ name: '$ZodError' });
    expect((await api.duty(handler, 'gaolanlu')).roster).toEqual(roster);
    await expect(api.duty(zylHandler, 'gaolanlu')).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
  });

  it('stores the robot’s webhook and shows it masked', async () => {
    const res = await api.putChannels(supervisor, 'gaolanlu', { wecomWebhook: 'https://wecom.example.cn/cgi-bin/webhook/send?key=693a91f6-7xxx' });
    expect(res.wecomWebhook).toBe('https://wecom.example.cn/cgi-bin/webhook/send?key=693a****');
    expect((await alerts.duty('gaolanlu')).channels.wecomWebhook).toBe('https://wecom.example.cn/cgi-bin/webhook/send?key=693a91f6-7xxx');
  });
});

describe('messages and the change marker', () => {
  it('a new request moves the unit’s inbox marker; messages are written once and read once', async () => {
    const before = await api.changes(handler);
    await h.service.createTicket(resident, { clientToken: 'alerts-api-0001', locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运' });
    const after = await api.changes(handler);
    expect(after.inbox).toBeGreaterThan(before.inbox);
    expect((await api.changes(zylHandler)).inbox).toBe(0);

    const m = { id: 'm1', ticketId: 'T1', kind: 'new_request', title: '【新诉求】', body: '…', link: 'pages-staff/ticket/index?id=T1', createdAt: '2026-11-18T02:00:00.000Z' };
    expect(await alerts.putMessage('gll-handler', m)).toBe(true);
    expect(await alerts.putMessage('gll-handler', m)).toBe(false); // a retried delivery changes nothing
    expect(await api.messages(handler)).toMatchObject({ unread: 1, items: [{ id: 'm1', read: false }] });
    expect(await api.markRead(handler, { id: 'm1', createdAt: m.createdAt })).toEqual({ unread: 0 });
    expect(await api.markRead(handler, { id: 'm1', createdAt: m.createdAt })).toEqual({ unread: 0 });
    await expect(api.messages(resident)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
