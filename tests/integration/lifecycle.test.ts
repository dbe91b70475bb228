import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type Actor, type Command } from '@mashang/shared';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * The lifecycle and the SLA engine against DynamoDB Local: conditional writes,
 * the sweeper's exactly-once records, extensions, and the detail reply.
 * Time is a settable clock; nothing waits for real time to pass.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.drop());

const resident: Actor = { id: 'dev-resident-1', role: 'resident' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const gllSupervisor: Actor = { id: 'gll-supervisor', role: 'supervisor', unitId: 'gaolanlu' };
const zyl: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu' };
const zhujian: Actor = { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian' };

let tokenSeq = 0;
async function file(at: string, over: Record<string, unknown> = {}): Promise<string> {
  h.clock.set(at);
  const res = await h.service.createTicket(resident, {
    clientToken: `life-${++tokenSeq}-${Math.random().toString(36).slice(2, 8)}`,
    locationId: 'loc-xijie-xiaoqu',
    categoryCode: 'property',
    description: '小区3号楼电梯故障一周，物业一直不修',
    ...over,
  });
  return res.ticket.id;
}

async function act(actor: Actor, id: string, command: Command, at?: string) {
  if (at) h.clock.set(at);
  return h.service.command(actor, id, command);
}

async function sweepAt(iso: string) {
  h.clock.set(iso);
  return h.service.sweep();
}

async function events(id: string) {
  return (await h.tickets.getWithEvents(id))!.events;
}

describe('the four clocks on real calendar dates', () => {
  it('promises PRODUCT.md’s National Day example before submitting', async () => {
    // Wed 2026-09-30 10:00 Shanghai; Oct 1–7 off, Sat Oct 10 a make-up working day.
    const p = await h.service.promisedDeadlines('property', '2026-09-30T10:00:00+08:00');
    const due = Object.fromEntries(p.deadlines.map((d) => [d.clock, d.dueAt]));
    expect(due).toEqual({
      respond: '2026-09-30T02:30:00.000Z',
      classify: '2026-10-01T02:00:00.000Z',
      resolve: '2026-10-13T16:00:00.000Z',
      followUp: '2026-10-20T16:00:00.000Z',
    });
    expect(p.calendarMissingYears).toEqual([]);
  });

  it('uses the urgent policy of the safety-hazard category', async () => {
    const p = await h.service.promisedDeadlines('safety_hazard', '2026-11-18T10:00:00+08:00');
    expect(p.deadlines.find((d) => d.clock === 'respond')).toMatchObject({ dueAt: '2026-11-18T02:10:00.000Z', promise: expect.stringContaining('10分钟') });
    expect(p.deadlines.find((d) => d.clock === 'resolve')?.dueAt).toBe('2026-11-19T16:00:00.000Z');
  });

  it('reports a year without official calendar data', async () => {
    const p = await h.service.promisedDeadlines('property', '2026-12-28T10:00:00+08:00');
    expect(p.calendarMissingYears).toEqual([2027]);
  });

  it('applies the admins’ calendar overrides stored in the table', async () => {
    const { OrgStore } = await import('../../functions/src/store/org.ts');
    const h2 = await createHarness();
    try {
      // Make Fri 2026-10-09 a holiday: the 5th working day after Sep 30 moves from Oct 13 to Oct 14.
      await h2.org.putAll([OrgStore.calendarRow({ date: '2026-10-09', kind: 'holiday', note: '测试：临时调整' })]);
      const p = await h2.service.promisedDeadlines('property', '2026-09-30T10:00:00+08:00');
      expect(p.deadlines.find((d) => d.clock === 'resolve')?.dueAt).toBe('2026-10-14T16:00:00.000Z');
    } finally {
      await h2.drop();
    }
  });

  it('stores the deadlines on the ticket and returns them with met and breach times in the detail', async () => {
    const id = await file('2026-09-30T02:00:00.000Z');
    await act(gll, id, { type: 'respond', via: 'call', note: '已电话联系居民' }, '2026-09-30T02:20:00.000Z');
    await sweepAt('2026-10-01T02:00:00.000Z'); // classify window (24 h) has just passed
    const detail = await h.service.ticketDetail(gll, id);
    const byClock = Object.fromEntries(detail.clocks.map((c) => [c.clock, c]));
    expect(byClock.respond).toMatchObject({ state: 'met', metAt: '2026-09-30T02:20:00.000Z', dueAt: '2026-09-30T02:30:00.000Z' });
    expect(byClock.classify).toMatchObject({ state: 'breached', breachedAt: '2026-10-01T02:00:00.000Z' });
    expect(byClock.resolve).toMatchObject({ dueAt: '2026-10-13T16:00:00.000Z', state: 'on_time' });
    expect(detail.events.map((e) => e.type)).toEqual(['submitted', 'responded', 'sla_warning', 'sla_breach']);
    expect(detail.supervisionLevel).toBe(1);
  });
});

describe('the sweeper', () => {
  it('records a warning at 80 % and a breach at the deadline, each exactly once, under repeated sweeps', async () => {
    const id = await file('2026-11-18T02:00:00.000Z');
    await sweepAt('2026-11-18T02:23:00.000Z');
    expect((await h.tickets.get(id))!.clocks.respond.warnedAt).toBeUndefined();
    await sweepAt('2026-11-18T02:24:00.000Z'); // 24 of 30 minutes
    await sweepAt('2026-11-18T02:24:30.000Z');
    let t = (await h.tickets.get(id))!;
    expect(t.clocks.respond.warnedAt).toBe('2026-11-18T02:24:00.000Z');
    expect(t.clocks.respond.breachedAt).toBeUndefined();
    for (const at of ['2026-11-18T02:30:00.000Z', '2026-11-18T02:31:00.000Z', '2026-11-18T02:45:00.000Z']) await sweepAt(at);
    t = (await h.tickets.get(id))!;
    expect(t.clocks.respond.breachedAt).toBe('2026-11-18T02:30:00.000Z');
    expect(t.supervisionLevel).toBe(1);
    const kinds = (await events(id)).filter((e) => e.type.startsWith('sla_')).map((e) => `${e.type}:${String(e.data?.clock)}`);
    expect(kinds).toEqual(['sla_warning:respond', 'sla_breach:respond']);
    const outbox = (await h.tickets.recentOutbox(8, 500)).filter((m) => m.ticketId === id && m.template === 'sla_breach');
    expect(outbox.map((m) => m.audience).sort()).toEqual(['handlers', 'supervisors']);
  });

  it('records everything that came while it was not running, in one write per ticket', async () => {
    const id = await file('2026-11-18T02:00:00.000Z');
    await sweepAt('2026-11-19T03:00:00.000Z'); // respond and classify both fully past
    const sla = (await events(id)).filter((e) => e.type.startsWith('sla_')).map((e) => `${e.type}:${String(e.data?.clock)}`);
    expect(sla).toEqual(['sla_warning:respond', 'sla_breach:respond', 'sla_warning:classify', 'sla_breach:classify']);
    expect((await h.tickets.get(id))!.supervisionLevel).toBe(2);
  });

  it('neither loses nor repeats a record when two sweepers race or one is killed midway', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => file(`2026-11-18T03:${String(i).padStart(2, '0')}:00.000Z`)));
    h.clock.set('2026-11-18T04:00:00.000Z'); // every respond window is past
    // A sweeper "killed" after 5 tickets, then two running at once over the rest.
    const killed = await h.newService().sweep({ maxTickets: 5 });
    expect(killed.due).toBe(5);
    await Promise.all([h.newService().sweep(), h.newService().sweep()]);
    await h.service.sweep();
    for (const id of ids) {
      const sla = (await events(id)).filter((e) => e.type.startsWith('sla_'));
      expect(sla.map((e) => `${e.type}:${String(e.data?.clock)}`)).toEqual(['sla_warning:respond', 'sla_breach:respond']);
      const t = (await h.tickets.get(id))!;
      expect(t.supervisionLevel).toBe(1);
      expect(t.eventCount).toBe(3);
    }
  });

  it('reads only due tickets: met clocks and closed tickets leave the due index', async () => {
    const id = await file('2026-11-20T02:00:00.000Z');
    await act(gll, id, { type: 'respond', via: 'call' }, '2026-11-20T02:05:00.000Z');
    await act(gll, id, { type: 'resolve', feedback: '已联系物业当天修好电梯' }, '2026-11-20T03:00:00.000Z');
    await act(resident, id, { type: 'rate', rating: 'satisfied' }, '2026-11-20T05:00:00.000Z');
    const report = await sweepAt('2026-12-31T00:00:00.000Z');
    const t = (await h.tickets.get(id))!;
    expect(t.status).toBe('closed');
    expect(Object.values(t.clocks).every((c) => c.breachedAt === undefined)).toBe(true);
    // Everything else filed by this file's tests may be due; this ticket is not among what was read.
    const after = await sweepAt('2026-12-31T00:01:00.000Z');
    expect(after.recorded).toBe(0);
    expect(report.itemsRead).toBeGreaterThanOrEqual(report.due);
  });
});

describe('commands', () => {
  it('runs respond → dispatch → return → re-dispatch → accept → resolve → rate with every step in the history', async () => {
    const id = await file('2026-11-16T01:00:00.000Z');
    await act(gll, id, { type: 'respond', via: 'call' }, '2026-11-16T01:10:00.000Z');
    await act(gll, id, { type: 'dispatch', unitId: 'dept-chengguan' }, '2026-11-16T02:00:00.000Z');
    const cg: Actor = { id: 'cg', role: 'handler', unitId: 'dept-chengguan' };
    await act(cg, id, { type: 'return', reason: '电梯维保不属于城管职责' }, '2026-11-16T03:00:00.000Z');
    expect((await h.tickets.get(id))!.currentUnitId).toBe('gaolanlu');
    await act(gll, id, { type: 'dispatch', unitId: 'dept-zhujian' }, '2026-11-16T03:30:00.000Z');
    await act(zhujian, id, { type: 'accept' }, '2026-11-16T04:00:00.000Z');
    await act(zhujian, id, { type: 'resolve', feedback: '已督促物业更换电梯主板，恢复运行' }, '2026-11-18T04:00:00.000Z');
    const closed = await act(resident, id, { type: 'rate', rating: 'satisfied', comment: '很快' }, '2026-11-18T06:00:00.000Z');
    expect(closed.status).toBe('closed');
    expect(closed.events.map((e) => e.type)).toEqual(['submitted', 'responded', 'dispatched', 'returned', 'dispatched', 'accepted', 'resolved', 'rated']);
    expect(closed.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(closed.clocks.every((c) => c.state === 'met')).toBe(true);
    expect(await h.tickets.inbox('gaolanlu', undefined, 100).then((p) => p.items.map((t) => t.id))).not.toContain(id);
  });

  it('refuses a command from another street office with 403 and changes nothing', async () => {
    const id = await file('2026-11-18T01:00:00.000Z');
    const before = await h.tickets.getWithEvents(id);
    await expect(act(zyl, id, { type: 'respond', via: 'call' })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    await expect(act(zhujian, id, { type: 'respond', via: 'call' })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect(await h.tickets.getWithEvents(id)).toEqual(before);
  });

  it('answers a command in the wrong state with 409 WRONG_STATE', async () => {
    const id = await file('2026-11-18T01:00:00.000Z');
    const err = await act(gll, id, { type: 'accept' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'WRONG_STATE', status: 409 });
  });

  it('lets exactly one of two handlers acting at the same moment win; the other gets 409', async () => {
    const id = await file('2026-11-18T01:00:00.000Z');
    await act(gll, id, { type: 'respond', via: 'call' }, '2026-11-18T01:05:00.000Z');
    const results = await Promise.allSettled([
      h.newService().command(gll, id, { type: 'dispatch', unitId: 'dept-zhujian' }),
      h.newService().command(gllSupervisor, id, { type: 'reject', reason: '不属于受理范围' }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ code: expect.stringMatching(/^(CONFLICT|WRONG_STATE)$/), status: 409 });
    const history = await events(id);
    expect(history.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(['dispatched', 'rejected']).toContain(history[2]!.type);
  });

  it('refuses a stale expected version with 409', async () => {
    const id = await file('2026-11-18T01:00:00.000Z');
    await expect(h.service.command(gll, id, { type: 'respond', via: 'call' }, 7)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('extensions', () => {
  it('moves the resolve and follow-up deadlines when a supervisor approves, and records both steps', async () => {
    const id = await file('2026-09-30T02:00:00.000Z');
    await act(gll, id, { type: 'respond', via: 'call' }, '2026-09-30T02:10:00.000Z');
    await act(gll, id, { type: 'dispatch', unitId: 'dept-zhujian' }, '2026-09-30T03:00:00.000Z');
    await act(zhujian, id, { type: 'accept' }, '2026-09-30T04:00:00.000Z');
    await act(zhujian, id, { type: 'request_extension', workingDays: 2, reason: '需协调电梯厂家更换配件' }, '2026-10-09T02:00:00.000Z');
    await expect(act(zhujian, id, { type: 'decide_extension', approve: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const county: Actor = { id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan' };
    const after = await act(county, id, { type: 'decide_extension', approve: true, note: '同意' }, '2026-10-09T03:00:00.000Z');
    const due = Object.fromEntries(after.clocks.map((c) => [c.clock, c.dueAt]));
    expect(due.resolve).toBe('2026-10-15T16:00:00.000Z');
    expect(due.followUp).toBe('2026-10-22T16:00:00.000Z');
    expect(after.events.slice(-2).map((e) => e.type)).toEqual(['extension_requested', 'extension_approved']);
  });
});
