import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';
import { AppError } from './errors.ts';
import type { Actor, Role, Unit } from './org.ts';
import { computeClocks, DEFAULT_POLICY, rederiveClock, URGENT_POLICY, type SlaPolicy } from './sla.ts';
import { decide } from './commands/decide.ts';
import { checkCommand } from './commands/validate.ts';
import { openTicket, type DecideContext, type Ticket } from './ticket.ts';
import { addMinutes, type Instant } from './time.ts';
import { absorbDuplicate, canRevealPhone, centreOf, filingChannel, handleOnSpot, nextDue, revealPhone, wasInvolved } from './workbench.ts';

const calendar = createCalendar();
const policies: Record<string, SlaPolicy> = { traffic: DEFAULT_POLICY, safety_hazard: URGENT_POLICY };
const ctx: DecideContext = { calendar, categoryPolicy: (code) => policies[code], parentUnitId: 'county' };

/** Wed 2026-09-30 10:00 Shanghai (PRODUCT.md's example). */
const T0 = '2026-09-30T02:00:00.000Z';
const at = (minutes: number): Instant => addMinutes(T0, minutes);

const CENTRE = 'street-1';
const DEPT = 'dept-roads';
const staff = (role: Role, id: string, unitId: string): Actor => ({ id, role, unitId, name: id });
const wang = staff('handler', 'wang', CENTRE);
const li = staff('handler', 'li', CENTRE);
const sun = staff('handler', 'sun', DEPT);
const resident: Actor = { id: 'res-1', role: 'resident' };

function fresh(over: Partial<Ticket> = {}): Ticket {
  return {
    ...openTicket(
      {
        id: 'T-1',
        channel: 'qr',
        categoryCode: 'traffic',
        description: '149路公交早高峰发车间隔长',
        phone: '13812341234',
        anonymous: false,
        residentId: resident.id,
        urgent: false,
        locationName: '甘肃大剧院',
        coordinatorUnitId: CENTRE,
        receivedAt: T0,
        policy: DEFAULT_POLICY,
        clocks: computeClocks(T0, DEFAULT_POLICY, calendar),
        photos: [],
      },
      resident,
    ).ticket,
    ...over,
  };
}

const UNITS = new Map<string, Unit>(
  [
    { id: 'county', name: '区', kind: 'county', path: ['county'] },
    { id: 'street', name: '街道', kind: 'street', parentId: 'county', path: ['county', 'street'] },
    { id: 'other-street', name: '街道二', kind: 'street', parentId: 'county', path: ['county', 'other-street'] },
    { id: 'comm', name: '社区', kind: 'community', parentId: 'street', path: ['county', 'street', 'comm'] },
    { id: 'grid', name: '网格', kind: 'grid', parentId: 'comm', path: ['county', 'street', 'comm', 'grid'] },
    { id: 'dept', name: '部门', kind: 'department', parentId: 'county', path: ['county', 'dept'] },
  ].map((u) => [u.id, u as Unit]),
);

const expectAppError = (fn: () => unknown, code: string) => {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(AppError);
  expect((thrown as AppError).code).toBe(code);
};

describe('the 承办人 (assignee) of a request', () => {
  it('is the first handler of the current unit who contacts the resident, and a colleague’s contact does not take it over', () => {
    const t1 = decide(fresh(), { type: 'respond', via: 'call' }, wang, at(5), ctx).ticket;
    expect(t1.assignee).toEqual({ id: 'wang', name: 'wang', unitId: CENTRE });
    const t2 = decide(t1, { type: 'respond', via: 'visit' }, li, at(50), ctx).ticket;
    expect(t2.assignee?.id).toBe('wang');
  });

  it('passes to the department handler who reports in, and comes back to the dispatcher on a return', () => {
    const responded = decide(fresh(), { type: 'respond', via: 'call' }, wang, at(5), ctx).ticket;
    const dispatched = decide(responded, { type: 'dispatch', unitId: DEPT }, li, at(30), ctx).ticket;
    expect(dispatched.assignee).toBeUndefined();
    expect(dispatched.coordinatorAssignee?.id).toBe('wang');
    const accepted = decide(dispatched, { type: 'accept' }, sun, at(60), ctx).ticket;
    expect(accepted.assignee).toEqual({ id: 'sun', name: 'sun', unitId: DEPT });
    const other = decide(dispatched, { type: 'return', reason: '不属于本部门职责' }, sun, at(60), ctx).ticket;
    expect(other.assignee?.id).toBe('wang');
    expect(other.currentUnitId).toBe(CENTRE);
  });

  it('is cleared by an escalation, which hands the request to another unit', () => {
    const responded = decide(fresh(), { type: 'respond', via: 'call' }, wang, at(5), ctx).ticket;
    const escalated = decide(responded, { type: 'escalate', reason: '涉及多个部门需上级协调' }, wang, at(30), ctx).ticket;
    expect([escalated.assignee, escalated.coordinatorAssignee]).toEqual([undefined, undefined]);
  });
});

describe('responding by in-app message', () => {
  it('needs the message text and sends it to the resident', () => {
    // A field rule of CommandSchema, checked once where a command comes in (the API's parse makes it
    // VALIDATION_FAILED, tests/integration/hardening.test.ts; the mini-program's form uses the same check).
    expect(checkCommand({ type: 'respond', via: 'message' })).toEqual({ ok: false, fields: { note: '请填写发送给群众的消息' } });
    expect(checkCommand({ type: 'respond', via: 'message', note: '   ' })).toEqual({ ok: false, fields: { note: '请填写发送给群众的消息' } });
    const d = decide(fresh(), { type: 'respond', via: 'message', note: '您好，我们已收到，今天下午派人查看' }, wang, at(5), ctx);
    expect(d.ticket.clocks.respond.metAt).toBe(at(5));
    expect(d.effects.filter((e) => e.audience === 'resident').map((e) => e.text)).toEqual(['工作人员留言：您好，我们已收到，今天下午派人查看']);
  });
});

describe('re-classification on dispatch', () => {
  it('re-derives the running clocks from T0 under the new category’s policy; classify is judged as met', () => {
    const responded = decide(fresh(), { type: 'respond', via: 'call' }, wang, at(5), ctx).ticket;
    const d = decide(responded, { type: 'dispatch', unitId: DEPT, categoryCode: 'safety_hazard' }, wang, at(40), ctx);
    const urgent = computeClocks(T0, URGENT_POLICY, calendar);
    expect(d.ticket.policy).toEqual(URGENT_POLICY);
    expect(d.ticket.clocks.respond).toEqual(responded.clocks.respond); // met before: unchanged
    expect(d.ticket.clocks.classify).toEqual({ ...responded.clocks.classify, metAt: at(40) });
    expect(d.ticket.clocks.resolve).toEqual(urgent.resolve);
    expect(d.ticket.clocks.followUp).toEqual(urgent.followUp);
    expect(d.events[0]?.data).toMatchObject({ categoryCode: 'safety_hazard', previousCategoryCode: 'traffic', resolveDueAt: urgent.resolve.dueAt });
  });

  it('moves an unmet respond deadline too, so a late contact on an urgent hazard is due at once', () => {
    const d = decide(fresh(), { type: 'dispatch', unitId: DEPT, categoryCode: 'safety_hazard' }, wang, at(20), ctx);
    expect(d.ticket.clocks.respond.dueAt).toBe(at(10));
  });

  it('keeps the policy when the category is confirmed unchanged', () => {
    const t = fresh();
    const d = decide(t, { type: 'dispatch', unitId: DEPT, categoryCode: 'traffic' }, wang, at(20), ctx);
    expect(d.ticket.policy).toEqual(t.policy);
    expect(d.ticket.clocks.resolve).toEqual(t.clocks.resolve);
  });

  it('keeps recorded cards and approved extensions of a re-derived clock', () => {
    const base = computeClocks(T0, DEFAULT_POLICY, calendar).resolve;
    // The yellow card of 3 working days (Oct 8, 9, 10) comes at 80 % of their working time: Sat Oct 10 09:36 local.
    const carded = { ...base, warnedAt: '2026-10-10T02:00:00.000Z', breachedAt: '2026-10-11T00:00:00.000Z', extendedDays: 2 };
    const re = rederiveClock('resolve', carded, URGENT_POLICY, calendar);
    // Urgent: 1 working day after Wed Sep 30 is Thu Oct 8 (after National Day); +2 working days → Fri Oct 9, Sat Oct 10 (a make-up day).
    expect(re).toMatchObject({ startAt: T0, dueAt: '2026-10-10T16:00:00.000Z', warnAt: '2026-10-10T01:36:00.000Z', warnedAt: '2026-10-10T02:00:00.000Z', breachedAt: '2026-10-11T00:00:00.000Z', extendedDays: 2 });
    // A yellow card recorded before the new window's warning moment is dropped, as an extension drops it; the red card stays.
    const early = rederiveClock('resolve', { ...carded, warnedAt: at(100) }, URGENT_POLICY, calendar);
    expect(early.warnedAt).toBeUndefined();
    expect(early.breachedAt).toBe('2026-10-11T00:00:00.000Z');
    expect(rederiveClock('resolve', { ...base, metAt: at(5) }, URGENT_POLICY, calendar)).toEqual({ ...base, metAt: at(5) });
  });
});

describe('the staff return visit (回访)', () => {
  it('records its result apart from the resident’s rating, and an unsatisfied visit lets the resident reopen', () => {
    let t = decide(fresh(), { type: 'respond', via: 'call' }, wang, at(5), ctx).ticket;
    t = decide(t, { type: 'resolve', feedback: '已协调公交公司加密班次' }, wang, at(60), ctx).ticket;
    const visited = decide(t, { type: 'follow_up', result: 'unsatisfied', note: '居民认为仍需观察' }, wang, at(3000), ctx).ticket;
    expect(visited).toMatchObject({ status: 'closed', followUpResult: 'unsatisfied', followUpNote: '居民认为仍需观察' });
    expect(visited.rating).toBeUndefined();
    const reopened = decide(visited, { type: 'reopen', reason: '问题没有解决' }, resident, at(4000), ctx).ticket;
    expect([reopened.status, reopened.followUpResult]).toEqual(['reopened', undefined]);
  });
});

describe('revealing the full phone number', () => {
  const cases: Array<[string, Partial<Ticket>, Actor, boolean]> = [
    ['a handler of the current unit before anybody took it', {}, wang, true],
    ['the 承办人', { assignee: { id: 'wang', unitId: CENTRE } }, wang, true],
    ['a colleague of the 承办人', { assignee: { id: 'wang', unitId: CENTRE } }, li, false],
    ['a handler of another unit', {}, sun, false],
    ['a supervisor of the unit', {}, staff('supervisor', 'boss', CENTRE), false],
    ['a grid worker', {}, staff('grid_worker', 'ma', CENTRE), false],
    ['the resident', {}, resident, false],
    ['anybody, once the request is closed', { status: 'closed' }, wang, false],
    ['anybody, when no number was left', { phone: undefined }, wang, false],
  ];
  it.each(cases)('%s: %s', (_name, over, actor, allowed) => {
    const t = fresh(over);
    expect(canRevealPhone(t, actor)).toBe(allowed);
    if (allowed) {
      const d = revealPhone(t, actor, at(3));
      expect(d.events).toEqual([{ type: 'phone_viewed', at: at(3), actor, from: t.status, to: t.status }]);
      expect(d.ticket).toEqual({ ...t, version: t.version + 1, updatedAt: at(3), eventCount: t.eventCount + 1 });
      // The history records who looked, never the number.
      expect(JSON.stringify(d.events)).not.toContain('13812341234');
    } else {
      expectAppError(() => revealPhone(t, actor, at(3)), t.phone === undefined ? 'NOT_FOUND' : 'FORBIDDEN');
    }
  });
});

describe('merging a duplicate into an existing request', () => {
  it('gives the open target a follower and a `merged` event naming the duplicate', () => {
    const target = fresh({ id: 'T-0', followerCount: 2 });
    const d = absorbDuplicate(target, { id: 'T-1', status: 'merged' }, wang, at(30));
    expect(d.ticket).toMatchObject({ status: 'submitted', followerCount: 3, version: target.version + 1, eventCount: target.eventCount + 1 });
    expect(d.events).toEqual([expect.objectContaining({ type: 'merged', from: 'submitted', to: 'submitted', data: { fromTicketId: 'T-1' } })]);
  });

  it.each(['closed', 'rejected', 'merged'] as const)('refuses a %s target', (status) => {
    expectAppError(() => absorbDuplicate(fresh({ id: 'T-0', status }), { id: 'T-1', status: 'merged' }, wang, at(30)), 'WRONG_STATE');
  });

  it('refuses the request itself', () => {
    expectAppError(() => absorbDuplicate(fresh(), { id: 'T-1', status: 'merged' }, wang, at(30)), 'VALIDATION_FAILED');
  });
});

describe('filing for a resident', () => {
  it('always files a grid worker’s report as 网格上报 and lets only them handle it on the spot', () => {
    expect(filingChannel('grid_worker', undefined, true)).toBe('grid');
    expectAppError(() => filingChannel('grid_worker', 'hotline_12345', false), 'FORBIDDEN');
    expect(filingChannel('operator', 'police_110', false)).toBe('police_110');
    expectAppError(() => filingChannel('operator', 'hotline_12345', true), 'FORBIDDEN');
    expectAppError(() => filingChannel('operator', undefined, false), 'VALIDATION_FAILED');
    for (const role of ['resident', 'admin', 'system'] as const) expectAppError(() => filingChannel(role, 'visit', false), 'FORBIDDEN');
  });

  it('routes a grid to the street office above it', () => {
    const units = UNITS;
    expect(centreOf(units.get('grid')!, units)?.id).toBe('street');
    expect(centreOf(units.get('county')!, units)).toBeUndefined();
  });

  it('handles a small matter on the spot: closed at once, all four clocks met, every step in the history', () => {
    const grid = staff('grid_worker', 'ma', 'grid-1');
    const opened = openTicket({ ...fresh(), channel: 'grid', residentId: undefined }, grid);
    const d = handleOnSpot(opened, grid, T0, ctx, { feedback: '已现场清理堆放的杂物', result: 'satisfied' });
    expect(d.ticket.status).toBe('closed');
    expect(Object.values(d.ticket.clocks).map((c) => c.metAt)).toEqual([T0, T0, T0, T0]);
    expect(d.events.map((e) => e.type)).toEqual(['submitted', 'responded', 'resolved', 'followed_up']);
    expect(d.ticket).toMatchObject({ eventCount: 4, feedback: '已现场清理堆放的杂物', followUpResult: 'satisfied', categoryConfirmed: true });
    expect(d.ticket.rating).toBeUndefined();
    expect(d.effects).toEqual([]);
  });
});

describe('who worked on a request', () => {
  it('is any unit whose staff acted on it or that it was dispatched to, and the units above them', () => {
    const events = [
      { type: 'submitted', actor: resident },
      { type: 'responded', actor: staff('handler', 'wang', 'street') },
      { type: 'dispatched', actor: staff('handler', 'wang', 'street'), data: { unitId: 'dept' } },
    ];
    expect(wasInvolved(events, staff('handler', 'sun', 'dept'), UNITS)).toBe(true);
    expect(wasInvolved(events, staff('supervisor', 'chen', 'county'), UNITS)).toBe(true);
    expect(wasInvolved(events, staff('handler', 'zhao', 'other-street'), UNITS)).toBe(false);
    expect(wasInvolved(events, staff('grid_worker', 'ma', 'grid'), UNITS)).toBe(false);
    expect(wasInvolved(events, resident, UNITS)).toBe(false);
  });
});

describe('the inbox order', () => {
  it('is the earliest deadline not yet met', () => {
    const t = fresh();
    expect(nextDue(t.clocks)).toEqual({ clock: 'respond', dueAt: t.clocks.respond.dueAt });
    const met = { ...t.clocks, respond: { ...t.clocks.respond, metAt: at(5) }, classify: { ...t.clocks.classify, metAt: at(6) } };
    expect(nextDue(met)).toEqual({ clock: 'resolve', dueAt: t.clocks.resolve.dueAt });
  });
});
