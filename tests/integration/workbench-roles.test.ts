import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Command, CommandType } from '@mashang/shared';
import { InboxReplySchema } from '@mashang/shared/contracts/staff';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { sessionTokenOf } from '../support/staff-session.ts';
import { httpEvent, type EventOptions } from '../support/http.ts';

/**
 * The role matrix through the real Lambda handlers: every workbench endpoint, called by
 * every role from a unit that does not hold the request (and by roles of its own unit
 * that may not act on it), is refused with 403 or 404 — and nothing changes. A final
 * control shows each request was actionable by the right person all along.
 */
type Api = (e: HttpEvent) => Promise<HttpResult>;
let h: Harness;
let ticketsApi: Api;
let staffApi: Api;
let workbenchApi: Api;
const tokens = new TokenService(TEST_SECRET);

beforeAll(async () => {
  h = await createHarness(new Date().toISOString());
  h.clock.ms = Date.now();
  Object.assign(process.env, { TABLE_NAME: h.tableName, DYNAMO_ENDPOINT: h.endpoint, SESSION_SECRET: TEST_SECRET, STAGE: 'local' });
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
  staffApi = (await import('../../functions/src/handlers/staff.ts')).handler;
  workbenchApi = (await import('../../functions/src/handlers/workbench.ts')).handler;
});
afterAll(() => h.drop());

// Staff sessions need a live account (MashangService.authenticate): tests/support/staff-session.ts makes one.
const tokenOf = (actor: Actor) => sessionTokenOf(h, tokens, actor);
const event = (routeKey: string, token: string, opts: Omit<EventOptions, 'token'> = {}) => httpEvent(routeKey, { ...opts, token });

const owner: Actor = { id: 'dev-roles-owner', role: 'resident' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const zhujian: Actor = { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian', name: '孙磊' };

/** Everybody who must not act on a request of 皋兰路街道. */
const OUTSIDERS: Array<[string, Actor]> = [
  ['another resident', { id: 'dev-roles-stranger', role: 'resident' }],
  ['a grid worker of another street', { id: 'zyl-grid', role: 'grid_worker', unitId: 'zyl-buxingjie-g1' }],
  ['a handler of another street', { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu' }],
  ['a supervisor of another street', { id: 'zyl-supervisor', role: 'supervisor', unitId: 'zhangyelu' }],
  ['an operator of another street', { id: 'zyl-operator', role: 'operator', unitId: 'zhangyelu' }],
  ['an admin of another street', { id: 'zyl-admin', role: 'admin', unitId: 'zhangyelu' }],
  ['a handler of a department it was not sent to', { id: 'jiaotong-handler', role: 'handler', unitId: 'dept-jiaotong' }],
  ['a grid worker below the street (not the centre)', { id: 'gll-grid', role: 'grid_worker', unitId: 'gll-dongjie-g1' }],
  ['an operator of the same street (no command is theirs but 来电附议, in the control below)', { id: 'gll-operator', role: 'operator', unitId: 'gaolanlu' }],
  ['an admin of the same street (no command is theirs)', { id: 'gll-admin', role: 'admin', unitId: 'gaolanlu' }],
];

/** The outsiders from outside 皋兰路街道's subtree (the others may legitimately read its requests or file into its grids). */
const OTHER_UNITS = OUTSIDERS.filter(([, a]) => !['gaolanlu', 'gll-dongjie-g1'].includes(a.unitId ?? ''));

/** One valid instance of every command a person can send. */
const COMMANDS: Record<Exclude<CommandType, 'record_checkpoint'>, (target: string) => Command> = {
  respond: () => ({ type: 'respond', via: 'call' }),
  dispatch: () => ({ type: 'dispatch', unitId: 'dept-jiaotong', categoryCode: 'traffic' }),
  accept: () => ({ type: 'accept' }),
  return: () => ({ type: 'return', reason: '不属于本单位职责' }),
  escalate: () => ({ type: 'escalate', reason: '需要上级协调' }),
  resolve: () => ({ type: 'resolve', feedback: '已经处理完毕，请查看' }),
  rate: () => ({ type: 'rate', rating: 'satisfied' }),
  follow_up: () => ({ type: 'follow_up', result: 'satisfied' }),
  reopen: () => ({ type: 'reopen', reason: '问题没有解决' }),
  reject: () => ({ type: 'reject', reason: '不属于受理范围' }),
  merge: (target) => ({ type: 'merge', intoTicketId: target }),
  request_extension: () => ({ type: 'request_extension', workingDays: 2, reason: '需要协调' }),
  decide_extension: () => ({ type: 'decide_extension', approve: true }),
  urge: () => ({ type: 'urge', note: '请加快办理' }),
  hand_over: () => ({ type: 'hand_over', toStaffId: 'gll-night', note: '请接手办理' }),
  caller_join: () => ({ type: 'caller_join', channel: 'hotline_12345' }),
};

let seq = 0;
async function file(locationId = 'loc-dajuyuan'): Promise<string> {
  const { ticket } = await h.service.createTicket(owner, {
    clientToken: `roles-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
    locationId,
    categoryCode: 'traffic',
    description: '149路公交早高峰发车间隔太长',
    phone: '13893112345',
  });
  return ticket.id;
}

describe('every endpoint × every role × a request of another unit', () => {
  const objects: Record<string, string> = {};
  let snapshot: Record<string, unknown>;
  let countsBefore: unknown;

  beforeAll(async () => {
    objects.submitted = await file();
    objects.dispatched = await file();
    await h.service.command(gll, objects.dispatched, { type: 'respond', via: 'call' });
    await h.service.command(gll, objects.dispatched, { type: 'dispatch', unitId: 'dept-zhujian' });
    objects.resolved = await file();
    await h.service.command(gll, objects.resolved, { type: 'respond', via: 'call' });
    await h.service.command(gll, objects.resolved, { type: 'resolve', feedback: '已协调公交公司加密班次' });
    objects.target = await file();
    snapshot = Object.fromEntries(await Promise.all(Object.values(objects).map(async (id) => [id, await h.tickets.getWithEvents(id)])));
    const gllToken = await tokenOf(gll);
    countsBefore = InboxReplySchema.parse(JSON.parse((await staffApi(event('GET /api/staff/inbox', gllToken))).body)).counts;
  });

  it.each(OUTSIDERS)('%s: every command on every request is refused (403/404)', async (_who, actor) => {
    const token = await tokenOf(actor);
    for (const [state, id] of Object.entries(objects)) {
      for (const [type, make] of Object.entries(COMMANDS)) {
        // 来电附议 is the one command an operator has, on the requests of their own subtree (the control below).
        if (type === 'caller_join' && actor.role === 'operator' && actor.unitId === 'gaolanlu') continue;
        const res = await ticketsApi(event('POST /api/tickets/{id}/commands', token, { path: { id }, body: { command: make(objects.target!) } }));
        expect([403, 404], `${type} on ${state}: ${res.body}`).toContain(res.statusCode);
      }
      const reveal = await workbenchApi(event('POST /api/tickets/{id}/phone', token, { path: { id } }));
      expect([403, 404], `reveal on ${state}`).toContain(reveal.statusCode);
      expect(reveal.body).not.toContain('13893112345');
    }
  });

  it.each(OTHER_UNITS)('%s: cannot read the requests, and they are not in their inbox', async (_who, actor) => {
    const token = await tokenOf(actor);
    for (const id of Object.values(objects)) {
      expect((await ticketsApi(event('GET /api/tickets/{id}', token, { path: { id } }))).statusCode).toBe(404);
    }
    const inbox = await staffApi(event('GET /api/staff/inbox', token));
    expect([200, 403]).toContain(inbox.statusCode);
    for (const id of Object.values(objects)) expect(inbox.body).not.toContain(id);
  });

  it.each(OTHER_UNITS.filter(([, a]) => a.role !== 'resident'))('%s: cannot file into, list the places of, or invite staff of the other unit', async (_who, actor) => {
    const token = await tokenOf(actor);
    // The channel each role may use, so that only the place can be the reason for the refusal.
    const channel = actor.role === 'grid_worker' ? 'grid' : 'visit';
    const filed = await workbenchApi(
      event('POST /api/staff/tickets', token, {
        body: { clientToken: `roles-file-${++seq}-abcdef`, channel, gridId: 'gll-dongjie-g1', place: '东街', categoryCode: 'traffic', description: '来访反映路面破损' },
      }),
    );
    expect([403, 404], filed.body).toContain(filed.statusCode);
    const byLocation = await workbenchApi(
      event('POST /api/staff/tickets', token, { body: { clientToken: `roles-file-${++seq}-abcdef`, channel, locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '网格上报路面破损' } }),
    );
    expect([403, 404], byLocation.body).toContain(byLocation.statusCode);
    const places = await workbenchApi(event('GET /api/staff/locations', token, { query: { gridId: 'gll-dongjie-g1' } }));
    expect([403, 404], places.body).toContain(places.statusCode);
    const invite = await workbenchApi(event('POST /api/admin/invites', token, { body: { username: 'gll-handler' } }));
    expect([403, 404], invite.body).toContain(invite.statusCode);
  });

  it('a handler of another street cannot merge their own request into this unit’s request', async () => {
    const zyl: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu' };
    const own = await file('loc-jinta');
    const before = await h.tickets.getWithEvents(own);
    const res = await ticketsApi(event('POST /api/tickets/{id}/commands', await tokenOf(zyl), { path: { id: own }, body: { command: { type: 'merge', intoTicketId: objects.target } } }));
    expect(res.statusCode).toBe(404);
    expect(await h.tickets.getWithEvents(own)).toEqual(before);
  });

  it('changed nothing: every request, its history and the unit’s counts are as they were', async () => {
    for (const [id, before] of Object.entries(snapshot)) expect(await h.tickets.getWithEvents(id), id).toEqual(before);
    const counts = InboxReplySchema.parse(JSON.parse((await staffApi(event('GET /api/staff/inbox', await tokenOf(gll)))).body)).counts;
    expect(counts).toEqual(countsBefore);
  });

  it('control: the right person could act on each request all along', async () => {
    const ok = async (actor: Actor, id: string, command: Command) => {
      const res = await ticketsApi(event('POST /api/tickets/{id}/commands', await tokenOf(actor), { path: { id }, body: { command } }));
      expect(res.statusCode, res.body).toBe(200);
    };
    await ok(gll, objects.submitted!, { type: 'respond', via: 'call' });
    await ok(zhujian, objects.dispatched!, { type: 'accept' });
    await ok(gll, objects.resolved!, { type: 'follow_up', result: 'satisfied' });
    await ok(gll, objects.submitted!, { type: 'merge', intoTicketId: objects.target! });
    await ok({ id: 'gll-operator', role: 'operator', unitId: 'gaolanlu' }, objects.target!, { type: 'caller_join', channel: 'hotline_12345' });
    const reveal = await workbenchApi(event('POST /api/tickets/{id}/phone', await tokenOf(gll), { path: { id: objects.target! } }));
    expect(reveal.statusCode).toBe(200);
  });
});

describe('roles on their own unit’s endpoints', () => {
  it.each([
    ['a resident', { id: 'dev-x', role: 'resident' }, [403, 403, 403, 403]],
    ['a handler', { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' }, [200, 201, 403, 400]],
    ['a grid worker', { id: 'gll-grid', role: 'grid_worker', unitId: 'gll-dongjie-g1' }, [200, 201, 403, 200]],
    ['an operator', { id: 'desk-operator', role: 'operator', unitId: 'chengguan' }, [200, 201, 403, 400]],
    ['an admin', { id: 'county-admin', role: 'admin', unitId: 'chengguan' }, [403, 403, 201, 403]],
  ] as Array<[string, Actor, number[]]>)('%s: inbox, filing, invites, grid places → %j', async (_who, actor, expected) => {
    const token = await tokenOf(actor);
    const channel = actor.role === 'grid_worker' ? 'grid' : 'visit';
    const got = [
      (await staffApi(event('GET /api/staff/inbox', token))).statusCode,
      (
        await workbenchApi(
          event('POST /api/staff/tickets', token, {
            body: { clientToken: `own-${++seq}-abcdefgh`, channel, gridId: 'gll-dongjie-g1', place: '东街', categoryCode: 'traffic', description: '反映路面破损严重' },
          }),
        )
      ).statusCode,
      (await workbenchApi(event('POST /api/admin/invites', token, { body: { username: 'gll-handler' } }))).statusCode,
      (await workbenchApi(event('GET /api/staff/locations', token))).statusCode,
    ];
    expect(got).toEqual(expected);
  });

  it('requires a signed session on every workbench endpoint', async () => {
    for (const routeKey of ['POST /api/tickets/{id}/phone', 'POST /api/staff/tickets', 'GET /api/staff/locations', 'POST /api/admin/invites']) {
      const res = await workbenchApi({ routeKey, headers: {}, pathParameters: { id: 'x' }, body: '{}' });
      expect(res.statusCode, routeKey).toBe(401);
    }
    expect((await staffApi({ routeKey: 'GET /api/staff/inbox', headers: { authorization: 'Bearer forged.token.here' } })).statusCode).toBe(401);
  });

  it('binds and signs in staff with WeChat through the handlers (local stage: development code2Session)', async () => {
    const invite = await workbenchApi(event('POST /api/admin/invites', await tokenOf({ id: 'county-admin', role: 'admin', unitId: 'chengguan' }), { body: { username: 'jiaotong-handler' } }));
    expect(invite.statusCode).toBe(201);
    const { code } = JSON.parse(invite.body) as { code: string };
    const unbound = await workbenchApi({ routeKey: 'POST /api/auth/staff/wechat', body: JSON.stringify({ code: 'dev:zhoujie' }) });
    expect([unbound.statusCode, JSON.parse(unbound.body).error.code]).toEqual([401, 'STAFF_NOT_BOUND']);
    const bound = await workbenchApi({ routeKey: 'POST /api/auth/staff/bind', body: JSON.stringify({ inviteCode: code.toLowerCase(), code: 'dev:zhoujie' }) });
    expect(bound.statusCode, bound.body).toBe(200);
    const signedIn = await workbenchApi({ routeKey: 'POST /api/auth/staff/wechat', body: JSON.stringify({ code: 'dev:zhoujie' }) });
    expect(JSON.parse(signedIn.body).actor).toMatchObject({ id: 'jiaotong-handler', role: 'handler', unitId: 'dept-jiaotong' });
    const bad = await workbenchApi({ routeKey: 'POST /api/auth/staff/bind', body: JSON.stringify({ inviteCode: '0000', code: 'dev:zhoujie' }) });
    expect([bad.statusCode, JSON.parse(bad.body).error.fields[0].path]).toEqual([400, 'inviteCode']);
  });
});
