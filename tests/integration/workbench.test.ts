import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { AppError, computeClocks, createCalendar, DEFAULT_POLICY, fromEpochMs, openTicket, URGENT_POLICY, type Actor, type Command, type StaffCreateTicketInput, type StaffInboxQuery } from '@mashang/shared';
import { TicketDetailSchema } from '@mashang/shared/contracts/common';
import { InboxReplySchema, StaffInboxQuerySchema } from '@mashang/shared/contracts/staff';
import { createDocClient } from '../../functions/src/store/client.ts';
import { INBOX_READ_BOUND } from '../../functions/src/store/inbox.ts';
import { keys } from '../../functions/src/store/keys.ts';
import { ticketItem } from '../../functions/src/store/tickets.ts';
import type { Workbench } from '../../functions/src/app/workbench.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { workbenchOf } from '../support/workbench.ts';

/**
 * The staff workbench against DynamoDB Local, through the use cases with a settable
 * clock: the inbox by deadline with filters, pagination and counts; the recorded phone
 * reveal; filing for residents (grid workers, the operator desk, 办小事); merging
 * duplicates; re-classification; the return visit; invite codes and WeChat binding.
 */
let h: Harness;
let wb: Workbench;
beforeAll(async () => {
  h = await createHarness('2026-11-18T02:00:00.000Z');
  wb = workbenchOf(h).workbench;
});
afterAll(() => h.drop());

const resident: Actor = { id: 'dev-wb-resident', role: 'resident' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const gll2: Actor = { id: 'gll-handler-2', role: 'handler', unitId: 'gaolanlu', name: '张伟' };
const gllSupervisor: Actor = { id: 'gll-supervisor', role: 'supervisor', unitId: 'gaolanlu', name: '李强' };
const zyl: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu', name: '赵敏' };
const zhujian: Actor = { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian', name: '孙磊' };
const county: Actor = { id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan', name: '陈刚' };
const grid: Actor = { id: 'gll-grid', role: 'grid_worker', unitId: 'gll-dongjie-g1', name: '马超' };
const operator: Actor = { id: 'desk-operator', role: 'operator', unitId: 'chengguan', name: '刘静' };
const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };

let seq = 0;
const token = () => `wb-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

async function file(at: string, over: Record<string, unknown> = {}): Promise<string> {
  h.clock.set(at);
  const res = await h.service.createTicket(resident, {
    clientToken: token(),
    locationId: 'loc-dajuyuan',
    categoryCode: 'traffic',
    description: '149路公交早高峰发车间隔太长',
    phone: '13893112345',
    ...over,
  });
  return res.ticket.id;
}

const act = (actor: Actor, id: string, command: Command) => h.service.command(actor, id, command);
const inbox = (actor: Actor, q: StaffInboxQuery = {}) => wb.inbox(actor, StaffInboxQuerySchema.parse(q));
const fileFor = (actor: Actor, input: Omit<StaffCreateTicketInput, 'clientToken'> & { clientToken?: string }) =>
  wb.fileTicket(actor, { clientToken: token(), ...input });

/** Every open ticket of a unit, read page by page through the inbox. */
async function everything(actor: Actor, q: StaffInboxQuery = {}) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await inbox(actor, { ...q, limit: 50, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('the inbox', () => {
  let a: string, b: string, c: string;
  beforeAll(async () => {
    // A fresh pair of units for this block: only these three tickets are in 张掖路's inbox.
    a = await file('2026-11-20T02:00:00.000Z', { locationId: 'loc-buxingjie' });
    b = await file('2026-11-20T02:05:00.000Z', { locationId: 'loc-buxingjie', categoryCode: 'safety_hazard', description: '步行街井盖缺失，很危险' });
    c = await file('2026-11-20T02:01:00.000Z', { locationId: 'loc-jinta', categoryCode: 'market' });
  });

  it('lists the unit’s open requests by the deadline that runs out first, and newest first on request', async () => {
    h.clock.set('2026-11-20T02:06:00.000Z');
    // Respond due: b 02:15 (urgent, 10 min) < a 02:30 < c 02:31.
    expect((await inbox(zyl)).items.map((i) => i.id)).toEqual([b, a, c]);
    expect((await inbox(zyl, { sort: 'newest' })).items.map((i) => i.id)).toEqual([b, c, a]);
    await act(zyl, a, { type: 'respond', via: 'call' });
    // a's next deadline is now classify (24 h): it moves to the end.
    const page = await inbox(zyl);
    expect(page.items.map((i) => i.id)).toEqual([b, c, a]);
    expect(page.items.map((i) => i.next?.clock)).toEqual(['respond', 'respond', 'classify']);
    expect(page.items.find((i) => i.id === a)).toMatchObject({ assigneeId: 'zyl-handler', assigneeName: '赵敏' });
  });

  it('marks yellow and red from the next deadline', async () => {
    h.clock.set('2026-11-20T02:13:00.000Z'); // b: 8 of 10 minutes gone
    expect((await inbox(zyl)).items.find((i) => i.id === b)?.next?.state).toBe('warning');
    h.clock.set('2026-11-20T02:16:00.000Z');
    expect((await inbox(zyl)).items.find((i) => i.id === b)?.next?.state).toBe('breached');
  });

  it('filters by status, category, urgency and “my tickets”', async () => {
    const ids = async (q: StaffInboxQuery, who: Actor = zyl) => (await everything(who, q)).map((i) => i.id).sort();
    expect(await ids({ status: 'responded' })).toEqual([a]);
    expect(await ids({ status: 'submitted' })).toEqual([b, c].sort());
    expect(await ids({ category: 'safety_hazard' })).toEqual([b]);
    expect(await ids({ urgent: 'true' })).toEqual([b]);
    expect(await ids({ mine: '1' })).toEqual([a]);
    expect(await ids({ mine: '1' }, { ...zyl, id: 'zyl-handler-2' })).toEqual([]);
  });

  it('counts the unit’s open requests by status, following every change in and out of the unit', async () => {
    const counts = async (actor: Actor) => (await inbox(actor, { limit: 1 })).counts;
    expect(await counts(zyl)).toMatchObject({ total: 3, byStatus: { submitted: 2, responded: 1 } });
    await act(zyl, a, { type: 'dispatch', unitId: 'dept-zhujian' });
    expect(await counts(zyl)).toMatchObject({ total: 2, byStatus: { submitted: 2, responded: 0 } });
    expect((await counts(zhujian)).byStatus.dispatched).toBe(1);
    await act(zhujian, a, { type: 'return', reason: '不属于住建职责' });
    expect(await counts(zyl)).toMatchObject({ total: 3, byStatus: { submitted: 2, returned: 1 } });
    expect((await counts(zhujian)).byStatus.dispatched).toBe(0);
    await act(zyl, b, { type: 'reject', reason: '重复反映，已另案办理' });
    expect(await counts(zyl)).toMatchObject({ total: 2, byStatus: { submitted: 1, returned: 1 } });
    // The counters agree with what the index holds.
    const listed = await everything(zyl);
    const byStatus: Record<string, number> = {};
    for (const i of listed) byStatus[i.status] = (byStatus[i.status] ?? 0) + 1;
    const { counts: now } = await inbox(zyl, { limit: 1 });
    expect(now.total).toBe(listed.length);
    for (const [status, n] of Object.entries(now.byStatus)) expect(byStatus[status] ?? 0, status).toBe(n);
  });

  it('pages without gaps or repeats, with and without a filter, and refuses a forged cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await file(`2026-11-21T0${i}:00:00.000Z`, { locationId: 'loc-xijie-xiaoqu', categoryCode: i % 2 ? 'property' : 'housing' }));
    h.clock.set('2026-11-21T08:00:00.000Z');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = InboxReplySchema.parse(await inbox(gll, { limit: 3, cursor, category: 'housing' }));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    const housing = ids.filter((_, i) => i % 2 === 0);
    expect(seen).toEqual(housing); // received an hour apart: deadline order is filing order
    const all = (await everything(gll)).map((i) => i.id);
    expect(new Set(all).size).toBe(all.length);
    for (const id of ids) expect(all).toContain(id);

    const page = await inbox(gll, { limit: 2 });
    const otherUnit = await inbox(zyl, { limit: 1 });
    await expect(inbox(gll, { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(inbox(gll, { cursor: otherUnit.nextCursor })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(inbox(gll, { cursor: page.nextCursor, sort: 'newest' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('reads at most the bound per page when a filter is selective, and still finds what lies beyond it', async () => {
    // 250 open requests in one community's inbox, written directly; only the last one is about health.
    const calendar = createCalendar();
    const t0 = Date.parse('2026-11-21T00:00:00.000Z');
    const rows = Array.from({ length: 250 }, (_, i) => {
      const receivedAt = fromEpochMs(t0 + i * 60_000);
      const { ticket } = openTicket(
        { id: `BOUND${String(i).padStart(4, '0')}`, channel: 'qr', categoryCode: i === 249 ? 'health' : 'other', description: '读取上限测试', anonymous: true, urgent: false, locationName: '西街', coordinatorUnitId: 'gll-xijie', receivedAt, policy: DEFAULT_POLICY, clocks: computeClocks(receivedAt, DEFAULT_POLICY, calendar), photos: [] },
        { id: 'x', role: 'resident' },
      );
      return ticketItem(ticket);
    });
    await h.org.putAll(rows, 8);
    const { inbox: store } = workbenchOf(h);
    const first = await store.page('gll-xijie', 'deadline', { categoryCode: 'health' }, undefined, 20);
    expect(first.read).toBeLessThanOrEqual(INBOX_READ_BOUND);
    expect(first.items).toEqual([]);
    expect(first.nextCursor).toBeDefined();
    const second = await store.page('gll-xijie', 'deadline', { categoryCode: 'health' }, first.nextCursor, 20);
    expect(second.items.map((t) => t.id)).toEqual(['BOUND0249']);
  });

  it('is for staff who work requests', async () => {
    await expect(inbox(resident)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(inbox(admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the phone number', () => {
  it('is masked in every detail and list; the handler working the request reveals it, and every view is on the record', async () => {
    const id = await file('2026-11-22T02:00:00.000Z');
    for (const who of [gll, gllSupervisor, county]) expect((await h.service.ticketDetail(who, id)).phone).toBe('138****2345');
    expect((await h.service.ticketDetail(resident, id)).phone).toBe('13893112345');
    expect(JSON.stringify(await everything(gll))).not.toContain('13893112345');

    h.clock.set('2026-11-22T02:03:00.000Z');
    const revealed = await wb.revealPhone(gll, id);
    expect(revealed.phone).toBe('13893112345');
    expect(TicketDetailSchema.parse(revealed.ticket).phone).toBe('138****2345');
    expect(revealed.ticket.events.at(-1)).toMatchObject({ type: 'phone_viewed', at: '2026-11-22T02:03:00.000Z', actor: { id: 'gll-handler' } });
    const detail = await h.service.ticketDetail(gll, id);
    expect(detail.canRevealPhone).toBe(true);

    // Once 王芳 has contacted the resident she is the 承办人: a colleague and the supervisor see it masked and cannot reveal it.
    await act(gll, id, { type: 'respond', via: 'call', note: '已电话联系' });
    const before = await h.tickets.getWithEvents(id);
    await expect(wb.revealPhone(gll2, id)).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    await expect(wb.revealPhone(gllSupervisor, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(wb.revealPhone(zyl, id)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND', status: 404 });
    await expect(wb.revealPhone(resident, id)).rejects.toBeInstanceOf(AppError);
    expect(await h.tickets.getWithEvents(id)).toEqual(before);
    expect((await h.service.ticketDetail(gll2, id)).canRevealPhone).toBe(false);
    expect((await wb.revealPhone(gll, id)).phone).toBe('13893112345');
    const views = (await h.tickets.getWithEvents(id))!.events.filter((e) => e.type === 'phone_viewed');
    expect(views.map((e) => e.actor.id)).toEqual(['gll-handler', 'gll-handler']);
    expect(JSON.stringify(views)).not.toContain('13893112345');
  });
});

describe('a race lost to a change that moved the request away', () => {
  it('is a 409 for the unit that worked on it, and still a 404 for everybody else', async () => {
    const id = await file('2026-11-22T04:00:00.000Z');
    await act(gll, id, { type: 'respond', via: 'call' });
    await act(gll, id, { type: 'dispatch', unitId: 'dept-zhujian' });
    const seen = (await h.tickets.get(id))!.version;
    await act({ ...zhujian, id: 'zhujian-handler-2' }, id, { type: 'return', reason: '不属于住建职责' });
    // 孙磊 pressed 报到承接 on the screen he loaded before his colleague returned it.
    await expect(h.service.command(zhujian, id, { type: 'accept' }, seen)).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    await expect(h.service.command(zyl, id, { type: 'accept' }, seen)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND', status: 404 });
    await expect(h.service.command(zhujian, id, { type: 'accept' })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });
});

describe('responding by in-app message', () => {
  it('meets the response clock and sends the message to the resident', async () => {
    const id = await file('2026-11-22T03:00:00.000Z');
    h.clock.set('2026-11-22T03:10:00.000Z');
    const d = await act(gll, id, { type: 'respond', via: 'message', note: '您好，已收到，今天下午派人查看' });
    expect(d.clocks.find((c) => c.clock === 'respond')).toMatchObject({ state: 'met', metAt: '2026-11-22T03:10:00.000Z' });
    const out = (await h.tickets.recentOutbox(8, 500)).filter((m) => m.ticketId === id && m.audience === 'resident');
    expect(out.map((m) => m.text)).toContain('工作人员留言：您好，已收到，今天下午派人查看');
  });
});

describe('re-classification on dispatch', () => {
  it('re-derives the running clocks from T0 under the new category’s limits, and the sweeper follows the new deadline', async () => {
    const t0 = '2026-11-23T02:00:00.000Z'; // Mon 10:00 Shanghai
    const id = await file(t0, { categoryCode: 'other', description: '路边电线垂落到人行道上' });
    await act(gll, id, { type: 'respond', via: 'call' });
    h.clock.set('2026-11-23T02:30:00.000Z');
    const d = await act(gll, id, { type: 'dispatch', unitId: 'dept-zhujian', categoryCode: 'safety_hazard' });
    const urgent = computeClocks(t0, URGENT_POLICY, createCalendar());
    const due = Object.fromEntries(d.clocks.map((c) => [c.clock, c.dueAt]));
    expect(due).toMatchObject({ resolve: urgent.resolve.dueAt, followUp: urgent.followUp.dueAt });
    expect(d.events.at(-1)?.data).toMatchObject({ categoryCode: 'safety_hazard', previousCategoryCode: 'other' });
    expect(d.events.at(-1)?.label).toBe('吹哨派单 → 区住建局（已改类别，时限重算）');
    // The due index was re-keyed in the same write: a sweep at the new resolve deadline records the breach.
    h.clock.set(urgent.resolve.dueAt);
    await h.service.sweep();
    const t = (await h.tickets.get(id))!;
    expect(t.clocks.resolve.breachedAt).toBe(urgent.resolve.dueAt);
  });
});

describe('resolve and the return visit', () => {
  it('keeps the staff visit’s result apart from a resident’s rating', async () => {
    const id = await file('2026-11-24T02:00:00.000Z');
    await act(gll, id, { type: 'respond', via: 'call' });
    await act(gll, id, { type: 'resolve', feedback: '已协调公交公司早高峰加密班次', photos: ['uploads/feedback/a.jpg'] });
    const closed = await act(gll, id, { type: 'follow_up', result: 'basic', note: '电话回访，居民表示基本满意' });
    expect(closed).toMatchObject({ status: 'closed', followUpResult: 'basic', followUpNote: '电话回访，居民表示基本满意', feedbackPhotos: ['uploads/feedback/a.jpg'] });
    expect(closed.rating).toBeUndefined();
    expect(closed.clocks.every((c) => c.state === 'met')).toBe(true);
    expect(closed.events.map((e) => e.type)).toEqual(['submitted', 'responded', 'resolved', 'followed_up']);
  });
});

describe('merging a duplicate', () => {
  it('merges into an open request the actor can see, links it there, and changes both in one write', async () => {
    const target = await file('2026-11-25T02:00:00.000Z');
    const dup = await file('2026-11-25T02:10:00.000Z', { description: '149路公交车太少，等车时间长' });
    const merged = await act(gll, dup, { type: 'merge', intoTicketId: target });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: target });
    const t = (await h.tickets.getWithEvents(target))!;
    expect(t.ticket.followerCount).toBe(1);
    expect(t.events.at(-1)).toMatchObject({ type: 'merged', data: { fromTicketId: dup } });
    const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
    const link = await db.send(new GetCommand({ TableName: h.tableName, Key: keys.mergeLink(target, dup) }));
    expect(link.Item).toMatchObject({ kind: 'merged', sourceTicketId: dup, residentId: resident.id });
  });

  it.each([
    ['does not exist', async (): Promise<string> => '2611259999999', 'TICKET_NOT_FOUND'],
    ['belongs to another street office', async (): Promise<string> => file('2026-11-25T03:00:00.000Z', { locationId: 'loc-jinta' }), 'TICKET_NOT_FOUND'],
    [
      'is already closed',
      async (): Promise<string> => {
        const id = await file('2026-11-25T03:00:00.000Z');
        await act(gll, id, { type: 'reject', reason: '不属于受理范围' });
        return id;
      },
      'WRONG_STATE',
    ],
  ] as const)('refuses a target that %s and changes neither request', async (_name, makeTarget, code) => {
    const target = await makeTarget();
    const dup = await file('2026-11-25T04:00:00.000Z');
    const before = [await h.tickets.getWithEvents(dup), await h.tickets.getWithEvents(target)];
    await expect(act(gll, dup, { type: 'merge', intoTicketId: target })).rejects.toMatchObject({ code });
    expect([await h.tickets.getWithEvents(dup), await h.tickets.getWithEvents(target)]).toEqual(before);
  });
});

describe('filing for residents', () => {
  it('a grid worker files on patrol at a free-text place of their grid: 网格上报, in the street office’s inbox, same clocks', async () => {
    h.clock.set('2026-11-26T02:00:00.000Z');
    const { ticket, created } = await fileFor(grid, { place: '东街12号楼下', categoryCode: 'sanitation', description: '楼下垃圾堆放三天未清运', phone: '13912345678' });
    expect(created).toBe(true);
    expect(ticket).toMatchObject({ channel: 'grid', channelLabel: '网格上报', locationName: '东街12号楼下', gridId: 'gll-dongjie-g1', currentUnitId: 'gaolanlu', status: 'submitted' });
    expect(ticket.clocks.find((c) => c.clock === 'respond')?.dueAt).toBe('2026-11-26T02:30:00.000Z');
    expect(ticket.events[0]).toMatchObject({ type: 'submitted', actor: { id: 'gll-grid', role: 'grid_worker' } });
    expect((await everything(gll)).map((i) => i.id)).toContain(ticket.id);
    // The grid worker can follow what became of it, but acting on it is the street office's.
    expect((await h.service.ticketDetail(grid, ticket.id)).actions).toEqual([]);
    await expect(act(grid, ticket.id, { type: 'respond', via: 'visit' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.service.ticketDetail({ ...grid, id: 'gll-grid-2', unitId: 'gll-dongjie-g2' }, ticket.id)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });

  it('a grid worker picks one of their grid’s QR locations, and no other grid’s', async () => {
    const locs = await wb.locations(grid, undefined);
    expect(locs.map((l) => l.id)).toEqual(['loc-dajuyuan']);
    await expect(wb.locations(grid, 'gll-xijie-g1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { ticket } = await fileFor(grid, { locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站牌被撞歪了' });
    expect(ticket.locationName).toBe('甘肃大剧院东门公交站');
    await expect(fileFor(grid, { locationId: 'loc-xijie-xiaoqu', categoryCode: 'traffic', description: '公交站牌被撞歪了' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(fileFor(grid, { channel: 'hotline_12345', place: '东街', categoryCode: 'traffic', description: '公交站牌被撞歪了' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('handles a small matter on the spot (办小事): closed, four clocks met, every step recorded, never in an inbox', async () => {
    h.clock.set('2026-11-26T05:00:00.000Z');
    const countsBefore = (await inbox(gll, { limit: 1 })).counts;
    const { ticket } = await fileFor(grid, { place: '东街小广场', categoryCode: 'sanitation', description: '共享单车倒在盲道上', onSpot: { feedback: '已现场扶正并挪出盲道', result: 'satisfied' } });
    expect(ticket).toMatchObject({ status: 'closed', feedback: '已现场扶正并挪出盲道', followUpResult: 'satisfied', channel: 'grid' });
    expect(ticket.clocks.map((c) => [c.clock, c.state, c.metAt])).toEqual(['respond', 'classify', 'resolve', 'followUp'].map((c) => [c, 'met', '2026-11-26T05:00:00.000Z']));
    expect(ticket.events.map((e) => e.type)).toEqual(['submitted', 'responded', 'resolved', 'followed_up']);
    expect((await h.tickets.getWithEvents(ticket.id))!.events).toHaveLength(4);
    expect((await everything(gll)).map((i) => i.id)).not.toContain(ticket.id);
    expect((await inbox(gll, { limit: 1 })).counts).toEqual(countsBefore);
    await expect(fileFor(operator, { channel: 'visit', gridId: 'gll-dongjie-g1', place: '东街', categoryCode: 'sanitation', description: '共享单车倒在盲道上', onSpot: { feedback: '已现场扶正并挪出盲道', result: 'satisfied' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each([
    ['hotline_12345', '12345热线'],
    ['police_110', '110转办'],
    ['letter', '来信'],
    ['visit', '来访'],
  ] as const)('the operator desk enters a %s request, routed to the street office of the chosen grid', async (channel, label) => {
    h.clock.set('2026-11-26T06:00:00.000Z');
    const { ticket } = await fileFor(operator, { channel, gridId: 'zyl-jinta-g1', place: '金塔巷菜市场东口', categoryCode: 'market', description: '市场摊贩占道经营严重', phone: '13700001111', contactName: '李先生' });
    expect(ticket).toMatchObject({ channel, channelLabel: label, currentUnitId: 'zhangyelu', gridId: 'zyl-jinta-g1', status: 'submitted', phone: '137****1111' });
    expect(ticket.clocks.find((c) => c.clock === 'respond')?.dueAt).toBe('2026-11-26T06:30:00.000Z');
    expect((await everything(zyl)).map((i) => i.id)).toContain(ticket.id);
  });

  it('the operator desk may pick a QR location instead, and a retried submit files once', async () => {
    const clientToken = token();
    const input = { clientToken, channel: 'police_110' as const, locationId: 'loc-donggang', categoryCode: 'traffic', description: '路口信号灯故障，交通拥堵' };
    const first = await wb.fileTicket(operator, input);
    const again = await wb.fileTicket(operator, input);
    expect(first.ticket).toMatchObject({ currentUnitId: 'gaolanlu', locationName: '东岗西路与皋兰路口', gridId: 'gll-dongjie-g2' });
    expect([first.created, again.created, again.ticket.id]).toEqual([true, false, first.ticket.id]);
  });

  it('refuses a place outside the filer’s area and an unknown grid', async () => {
    const streetHandler: Actor = { ...zyl };
    await expect(fileFor(streetHandler, { channel: 'visit', gridId: 'gll-dongjie-g1', place: '东街', categoryCode: 'traffic', description: '来访反映路面破损' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(fileFor(operator, { channel: 'visit', gridId: 'gaolanlu', place: '东街', categoryCode: 'traffic', description: '来访反映路面破损' })).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
    await expect(fileFor(admin, { channel: 'visit', gridId: 'gll-dongjie-g1', place: '东街', categoryCode: 'traffic', description: '来访反映路面破损' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('staff identity: invite codes and WeChat', () => {
  it('an admin’s invite binds a WeChat identity once; the bound identity then signs in as that account', async () => {
    h.clock.set('2026-11-27T02:00:00.000Z');
    const invite = await wb.createInvite(admin, 'gll-grid');
    expect(invite).toMatchObject({ username: 'gll-grid', name: '马超', expiresAt: '2026-11-30T02:00:00.000Z' });
    expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    await expect(wb.wechatLogin('wx:ma')).rejects.toMatchObject({ code: 'STAFF_NOT_BOUND', status: 401 });

    const bound = await wb.bindWechat(invite.code, 'wx:ma');
    expect(bound.actor).toMatchObject({ id: 'gll-grid', role: 'grid_worker', unitId: 'gll-dongjie-g1' });
    expect(await h.service.authenticate(bound.token)).toMatchObject({ id: 'gll-grid', role: 'grid_worker' });
    const again = await wb.wechatLogin('wx:ma');
    expect(again.actor.id).toBe('gll-grid');
    await expect(wb.bindWechat(invite.code, 'wx:ma')).rejects.toMatchObject({ code: 'INVITE_INVALID' });
  });

  it('refuses an expired invite, an identity bound to somebody else, and an unknown code', async () => {
    h.clock.set('2026-11-27T03:00:00.000Z');
    const expired = await wb.createInvite(admin, 'zyl-handler');
    h.clock.advance(72 * 60 + 1);
    await expect(wb.bindWechat(expired.code, 'wx:zhao')).rejects.toMatchObject({ code: 'INVITE_INVALID' });
    const taken = await wb.createInvite(admin, 'zyl-handler');
    await expect(wb.bindWechat(taken.code, 'wx:ma')).rejects.toMatchObject({ code: 'INVITE_INVALID', message: expect.stringContaining('已绑定其他') });
    // The failed binding used nothing up: the right identity still binds with the same code.
    expect((await wb.bindWechat(taken.code, 'wx:zhao')).actor.id).toBe('zyl-handler');
    await expect(wb.bindWechat('ABCDEFGH', 'wx:zhao')).rejects.toMatchObject({ code: 'INVITE_INVALID' });
  });

  it('a new invite moves the account to a new WeChat identity and releases the old one', async () => {
    const invite = await wb.createInvite(admin, 'gll-grid');
    await wb.bindWechat(invite.code, 'wx:ma-new-phone');
    expect((await wb.wechatLogin('wx:ma-new-phone')).actor.id).toBe('gll-grid');
    await expect(wb.wechatLogin('wx:ma')).rejects.toMatchObject({ code: 'STAFF_NOT_BOUND' });
  });

  it('only an admin invites, and only accounts of their own subtree', async () => {
    await expect(wb.createInvite(county, 'gll-grid')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const streetAdmin: Actor = { id: 'gll-admin', role: 'admin', unitId: 'gaolanlu' };
    expect((await wb.createInvite(streetAdmin, 'gll-handler')).username).toBe('gll-handler');
    await expect(wb.createInvite(streetAdmin, 'zyl-handler')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(wb.createInvite(streetAdmin, 'nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 503 where WeChat is not configured', async () => {
    const bare = workbenchOf(h, null).workbench;
    await expect(bare.wechatLogin('wx:ma')).rejects.toMatchObject({ code: 'IDENTITY_UNAVAILABLE', status: 503 });
  });
});
