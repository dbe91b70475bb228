import { describe, expect, expectTypeOf, it } from 'vitest';
import { createCalendar } from '../calendar.ts';
import { AppError } from '../errors.ts';
import { SYSTEM_ACTOR, type Actor } from '../org.ts';
import { DEFAULT_POLICY, URGENT_POLICY } from '../sla.ts';
import { CommandSchema, MAX_SUPERVISION_LEVEL, RULES, type CommandType, type Decision, type Ticket } from '../ticket.ts';
import { addMinutes, type Instant } from '../time.ts';
import { closing, followUp, rate, reopen } from './closing.ts';
import { COMMAND_HANDLERS, decide } from './decide.ts';
import { desk } from './desk.ts';
import { ending, merge, reject } from './ending.ts';
import type { CommandContext, CommandHandler, CommandHandlers, CommandOf } from './kit.ts';
import { dispatch, escalate, returnToCoordinator, routing } from './routing.ts';
import { decideExtension, recordCheckpoint, requestExtension, supervision, urge } from './supervision.ts';
import { accept, handOver, resolve, respond, working } from './working.ts';
import { openedTicket } from './opened.fixtures.ts';

/**
 * Each command's function on its own, without `decide`: the table makes every transition
 * callable (and testable) alone. Role and status (`RULES`) are `decide`'s check; what a
 * function refuses here depends on the ticket and the context.
 */

const calendar = createCalendar();
/** Wednesday 2026-11-18, 10:00 in Shanghai. */
const T0 = '2026-11-18T02:00:00.000Z';
const at = (minutes: number): Instant => addMinutes(T0, minutes);
const HOUR = 60;
const DAY = 24 * HOUR;

const OFFICE = 'street-1';
const DEPT = 'dept-roads';
const FILER = 'res-1';

const wang: Actor = { id: 'wang', role: 'handler', unitId: OFFICE, name: '王芳' };
const boss: Actor = { id: 'boss', role: 'supervisor', unitId: OFFICE, name: '李强' };
const sun: Actor = { id: 'sun', role: 'handler', unitId: DEPT, name: '孙磊' };
const filer: Actor = { id: FILER, role: 'resident' };

const ctx = (actor: Actor, now: Instant, over: Partial<CommandContext> = {}): CommandContext => ({
  calendar,
  categoryPolicy: (code) => (code === 'safety_hazard' ? URGENT_POLICY : code === 'sanitation' ? DEFAULT_POLICY : undefined),
  ...over,
  actor,
  now,
});

const opened = (): Ticket => openedTicket('T-1', T0, calendar);

const responded = () => respond(opened(), { type: 'respond', via: 'call' }, ctx(wang, at(5))).ticket;
const dispatched = () => dispatch(responded(), { type: 'dispatch', unitId: DEPT }, ctx(wang, at(30))).ticket;
const accepted = () => accept(dispatched(), { type: 'accept' }, ctx(sun, at(HOUR))).ticket;
const resolved = () => resolve(accepted(), { type: 'resolve', feedback: '垃圾已清运完毕' }, ctx(sun, at(DAY))).ticket;

/** Runs `fn` and returns the AppError it throws (failing when it throws nothing else). */
function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

/** What every decision keeps: a new version at `now`, the input untouched, events reporting the final status. */
function expectBookkeeping(before: Ticket, snapshot: Ticket, d: Decision, now: Instant): void {
  expect(before).toEqual(snapshot);
  expect(d.ticket.version).toBe(before.version + 1);
  expect(d.ticket.updatedAt).toBe(now);
  expect(d.ticket.eventCount).toBe(before.eventCount + d.events.length);
  for (const e of d.events) expect([e.at, e.from, e.to]).toEqual([now, before.status, d.ticket.status]);
}

/** Applies a handler and checks the bookkeeping every decision keeps. */
function apply<K extends CommandType>(handler: CommandHandler<K>, ticket: Ticket, command: CommandOf<K>, c: CommandContext): Decision {
  const snapshot = structuredClone(ticket);
  const d = handler(ticket, command, c);
  expectBookkeeping(ticket, snapshot, d, c.now);
  return d;
}

describe('the table', () => {
  const schemaTypes = CommandSchema.def.options.map((o) => o.shape.type.def.values[0]!);

  it('has exactly one function for every command type of CommandSchema, and nothing else', () => {
    expect(Object.keys(COMMAND_HANDLERS).sort()).toEqual([...schemaTypes].sort());
    expect(Object.keys(COMMAND_HANDLERS).sort()).toEqual(Object.keys(RULES).sort());
    for (const type of schemaTypes) expect(typeof COMMAND_HANDLERS[type], type).toBe('function');
  });

  it('its families do not overlap: no family overrides another’s command', () => {
    const families = [working, routing, ending, closing, supervision, desk].map((f) => Object.keys(f));
    expect(families.flat()).toHaveLength(schemaTypes.length);
    expect(new Set(families.flat()).size).toBe(schemaTypes.length);
  });

  it('decide hands each command to its function from the table', () => {
    const t = opened();
    const command = { type: 'respond', via: 'visit' } as const;
    expect(decide(t, command, wang, at(5), { calendar })).toEqual(COMMAND_HANDLERS.respond(t, command, ctx(wang, at(5), { categoryPolicy: undefined })));
  });

  it('the type system requires a function for every command type, each taking its own command', () => {
    expectTypeOf(COMMAND_HANDLERS).toExtend<CommandHandlers>();
    expectTypeOf<keyof CommandHandlers>().toEqualTypeOf<CommandType>();
    expectTypeOf<Parameters<CommandHandlers['dispatch']>[1]>().toEqualTypeOf<CommandOf<'dispatch'>>();
    const { urge: _dropped, ...missingOne } = COMMAND_HANDLERS;
    // @ts-expect-error a table without `urge` is not a CommandHandlers
    const incomplete: CommandHandlers = missingOne;
    // @ts-expect-error the function of `urge` cannot stand for `dispatch`
    const mismatched: CommandHandlers = { ...COMMAND_HANDLERS, dispatch: COMMAND_HANDLERS.urge };
    expect([incomplete, mismatched]).toHaveLength(2);
  });
});

describe('respond', () => {
  it('the first contact meets the respond clock, makes the caller 承办人 and tells the resident', () => {
    const t = opened();
    const d = apply(respond, t, { type: 'respond', via: 'call', note: '电话联系了王阿姨' }, ctx(wang, at(5)));
    expect(d.ticket.status).toBe('responded');
    expect(d.ticket.clocks.respond.metAt).toBe(at(5));
    expect(d.ticket.assignee).toEqual({ id: 'wang', name: '王芳', unitId: OFFICE });
    expect(d.events).toMatchObject([{ type: 'responded', note: '电话联系了王阿姨', data: { via: 'call' } }]);
    expect(d.effects).toEqual([{ type: 'notify', audience: 'resident', template: 'status_changed', text: '工作人员已联系您，正在处理您的诉求' }]);
  });

  it('a later contact is `contacted`, keeps the first moment and tells nobody after a call', () => {
    const t = responded();
    const d = apply(respond, t, { type: 'respond', via: 'visit' }, ctx(boss, at(50)));
    expect(d.events.map((e) => e.type)).toEqual(['contacted']);
    expect(d.ticket.clocks.respond.metAt).toBe(at(5));
    expect(d.ticket.assignee?.id).toBe('wang');
    expect(d.effects).toEqual([]);
  });

  it('a message goes to the filer; on the first contact those who joined get a neutral line', () => {
    const first = apply(respond, opened(), { type: 'respond', via: 'message', note: '明早上门', forResident: true }, ctx(wang, at(5)));
    expect(first.events[0]?.data).toEqual({ via: 'message', forResident: true });
    expect(first.effects).toEqual([
      { type: 'notify', audience: 'resident', template: 'status_changed', text: '工作人员留言：明早上门', filerOnly: true, followersText: '工作人员已联系您反映的问题，正在处理' },
    ]);
    const later = apply(respond, first.ticket, { type: 'respond', via: 'message', note: '师傅已出发' }, ctx(wang, at(60)));
    expect(later.effects).toEqual([{ type: 'notify', audience: 'resident', template: 'status_changed', text: '工作人员留言：师傅已出发', filerOnly: true }]);
  });
});

describe('accept', () => {
  it('the receiving unit takes the request on: its handler becomes 承办人 and the resident is told', () => {
    const d = apply(accept, dispatched(), { type: 'accept', note: '已安排人员' }, ctx(sun, at(HOUR)));
    expect(d.ticket.status).toBe('accepted');
    expect(d.ticket.assignee).toEqual({ id: 'sun', name: '孙磊', unitId: DEPT });
    expect(d.events).toMatchObject([{ type: 'accepted', note: '已安排人员' }]);
    expect(d.effects.map((e) => e.text)).toEqual(['承办单位已接单，正在办理']);
  });
});

describe('resolve', () => {
  it('meets respond, classify and resolve, confirms the category, keeps the photos and drops a pending extension', () => {
    const t = { ...opened(), pendingExtension: { workingDays: 2, reason: '需要协调', requestedBy: 'wang', requestedAt: at(3) } };
    const d = apply(resolve, t, { type: 'resolve', feedback: '已现场清运', photos: ['p/wang/a.jpg'] }, ctx(wang, at(20)));
    expect(d.ticket.status).toBe('resolved');
    expect([d.ticket.clocks.respond.metAt, d.ticket.clocks.classify.metAt, d.ticket.clocks.resolve.metAt, d.ticket.clocks.followUp.metAt]).toEqual([at(20), at(20), at(20), undefined]);
    expect([d.ticket.categoryConfirmed, d.ticket.feedback, d.ticket.feedbackPhotos, d.ticket.pendingExtension]).toEqual([true, '已现场清运', ['p/wang/a.jpg'], undefined]);
    expect(d.events).toMatchObject([{ type: 'resolved', note: '已现场清运', data: { photos: ['p/wang/a.jpg'] } }]);
    expect(d.effects.map((e) => e.text)).toEqual(['您的诉求已办结，请评价办理结果']);
  });

  it('keeps clocks met earlier where they were', () => {
    const d = apply(resolve, accepted(), { type: 'resolve', feedback: '垃圾已清运完毕' }, ctx(sun, at(DAY)));
    expect([d.ticket.clocks.respond.metAt, d.ticket.clocks.classify.metAt, d.ticket.feedbackPhotos]).toEqual([at(5), at(30), []]);
    expect(d.events[0]?.data).toBeUndefined();
  });
});

describe('hand_over', () => {
  const zhang = { id: 'zhang', name: '张伟', unitId: OFFICE, roles: ['handler'] as const };
  const command = { type: 'hand_over', toStaffId: 'zhang', note: '我明天休假，请接手' } as const;

  it('the 承办人 hands the request to a colleague, who is told', () => {
    const d = apply(handOver, responded(), command, ctx(wang, at(HOUR), { handOverTo: zhang }));
    expect(d.ticket.assignee).toEqual({ id: 'zhang', name: '张伟', unitId: OFFICE });
    expect(d.ticket.status).toBe('responded');
    expect(d.events).toMatchObject([{ type: 'handed_over', note: '我明天休假，请接手', data: { toStaffId: 'zhang', toStaffName: '张伟', fromStaffId: 'wang', fromStaffName: '王芳' } }]);
    expect(d.effects).toEqual([{ type: 'notify', audience: 'handlers', unitId: OFFICE, template: 'assigned', text: '王芳转交给您：我明天休假，请接手', alert: 'handed_over' }]);
  });

  it('refuses another handler, a missing, foreign, disabled or non-handling colleague, and the 承办人 themself', () => {
    const t = responded();
    const li: Actor = { id: 'li', role: 'handler', unitId: OFFICE, name: '李明' };
    expect(refusal(() => handOver(t, command, ctx(li, at(HOUR), { handOverTo: zhang })))).toMatchObject({ code: 'FORBIDDEN', message: '只有承办人或本单位督办人员可以转交（承办人：王芳）' });
    expect(refusal(() => handOver(t, command, ctx(wang, at(HOUR))))).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'command.toStaffId' }] });
    expect(refusal(() => handOver(t, command, ctx(wang, at(HOUR), { handOverTo: { ...zhang, unitId: DEPT } })))).toMatchObject({ code: 'FORBIDDEN', message: '只能转交给本单位的工作人员' });
    expect(refusal(() => handOver(t, command, ctx(wang, at(HOUR), { handOverTo: { ...zhang, disabled: true } })))).toMatchObject({ code: 'VALIDATION_FAILED', message: '该账号已停用，不能转交' });
    expect(refusal(() => handOver(t, command, ctx(wang, at(HOUR), { handOverTo: { ...zhang, roles: ['grid_worker'] } })))).toMatchObject({ code: 'VALIDATION_FAILED', message: '只能转交给本单位的办理人员' });
    expect(refusal(() => handOver(t, command, ctx(boss, at(HOUR), { handOverTo: { id: 'wang', unitId: OFFICE, roles: ['handler'] } })))).toMatchObject({ code: 'VALIDATION_FAILED', message: '该工作人员已是承办人' });
  });
});

describe('dispatch', () => {
  it('sends the request to the unit, meets classify, remembers the coordinator’s 承办人 and tells the unit', () => {
    const d = apply(dispatch, responded(), { type: 'dispatch', unitId: DEPT, note: '请三天内维修', forResident: true }, ctx(boss, at(30)));
    expect([d.ticket.status, d.ticket.currentUnitId, d.ticket.handlingUnitId, d.ticket.coordinatorUnitId]).toEqual(['dispatched', DEPT, DEPT, OFFICE]);
    expect([d.ticket.clocks.classify.metAt, d.ticket.categoryConfirmed, d.ticket.assignee, d.ticket.coordinatorAssignee?.id]).toEqual([at(30), true, undefined, 'wang']);
    expect(d.events).toMatchObject([{ type: 'dispatched', note: '请三天内维修', data: { unitId: DEPT, categoryCode: 'sanitation', forResident: true } }]);
    expect(d.effects).toEqual([{ type: 'notify', audience: 'handlers', unitId: DEPT, template: 'assigned', text: '收到派单，请及时报到承接', alert: 'dispatched', clock: 'resolve' }]);
  });

  it('a re-classification brings the new category’s policy and re-derived deadlines', () => {
    const d = apply(dispatch, responded(), { type: 'dispatch', unitId: DEPT, categoryCode: 'safety_hazard' }, ctx(wang, at(30)));
    expect([d.ticket.categoryCode, d.ticket.policy]).toEqual(['safety_hazard', URGENT_POLICY]);
    expect(d.ticket.clocks.resolve.dueAt).not.toBe(opened().clocks.resolve.dueAt);
    expect(d.events[0]?.data).toMatchObject({ previousCategoryCode: 'sanitation', resolveDueAt: d.ticket.clocks.resolve.dueAt });
  });

  it('refuses the unit holding it and an unknown category', () => {
    expect(refusal(() => dispatch(responded(), { type: 'dispatch', unitId: OFFICE }, ctx(wang, at(30))))).toMatchObject({ code: 'VALIDATION_FAILED', message: '不能派单给本单位，请直接办理' });
    expect(refusal(() => dispatch(responded(), { type: 'dispatch', unitId: DEPT, categoryCode: 'nope' }, ctx(wang, at(30))))).toMatchObject({ code: 'VALIDATION_FAILED', message: '诉求分类不存在' });
  });
});

describe('return', () => {
  it('goes back to the coordinator and its 承办人, who are told why', () => {
    const d = apply(returnToCoordinator, dispatched(), { type: 'return', reason: '不属于本部门职责' }, ctx(sun, at(HOUR)));
    expect([d.ticket.status, d.ticket.currentUnitId, d.ticket.handlingUnitId, d.ticket.assignee?.id]).toEqual(['returned', OFFICE, undefined, 'wang']);
    expect(d.events).toMatchObject([{ type: 'returned', note: '不属于本部门职责', data: { fromUnitId: DEPT } }]);
    expect(d.effects).toEqual([{ type: 'notify', audience: 'handlers', unitId: OFFICE, template: 'assigned', text: '派单被退回：不属于本部门职责', alert: 'returned' }]);
  });
});

describe('escalate', () => {
  it('makes the unit one level up the coordinator and tells it', () => {
    const d = apply(escalate, responded(), { type: 'escalate', reason: '涉及多个部门' }, ctx(wang, at(HOUR), { parentUnitId: 'county' }));
    expect([d.ticket.status, d.ticket.coordinatorUnitId, d.ticket.currentUnitId, d.ticket.assignee, d.ticket.coordinatorAssignee]).toEqual(['escalated', 'county', 'county', undefined, undefined]);
    expect(d.events[0]?.data).toEqual({ fromUnitId: OFFICE, toUnitId: 'county' });
    expect(d.effects.map((e) => [e.unitId, e.text])).toEqual([['county', '下级单位上报：涉及多个部门']]);
  });

  it('refuses at the top of the tree', () => {
    expect(refusal(() => escalate(responded(), { type: 'escalate', reason: '涉及多个部门' }, ctx(wang, at(HOUR))))).toMatchObject({ code: 'VALIDATION_FAILED', message: '已是最高一级单位，无法上报' });
  });
});

describe('reject', () => {
  it('records the reason, drops a pending extension and tells the resident', () => {
    const d = apply(reject, responded(), { type: 'reject', reason: '不属于受理范围' }, ctx(wang, at(HOUR)));
    expect([d.ticket.status, d.ticket.rejectReason]).toEqual(['rejected', '不属于受理范围']);
    expect(d.effects.map((e) => e.text)).toEqual(['您的诉求不予受理：不属于受理范围']);
  });
});

describe('merge', () => {
  it('marks the duplicate merged into the target and tells its resident', () => {
    const d = apply(merge, responded(), { type: 'merge', intoTicketId: 'T-0' }, ctx(wang, at(HOUR)));
    expect([d.ticket.status, d.ticket.mergedInto]).toEqual(['merged', 'T-0']);
    expect(d.events).toMatchObject([{ type: 'merged', data: { intoTicketId: 'T-0' } }]);
    expect(d.effects.map((e) => e.text)).toEqual(['您的诉求与编号 T-0 的诉求为同一问题，已合并办理']);
  });

  it('never into itself (the same check as the target’s side)', () => {
    expect(refusal(() => merge(responded(), { type: 'merge', intoTicketId: 'T-1' }, ctx(wang, at(HOUR))))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '不能合并到自身',
      fields: [{ path: 'command.intoTicketId', message: '不能合并到自身' }],
    });
  });
});

describe('rate', () => {
  it('the filer’s rating closes the request and meets follow-up', () => {
    const d = apply(rate, resolved(), { type: 'rate', rating: 'basic', comment: '还行' }, ctx(filer, at(2 * DAY)));
    expect([d.ticket.status, d.ticket.rating, d.ticket.ratingComment, d.ticket.clocks.followUp.metAt]).toEqual(['closed', 'basic', '还行', at(2 * DAY)]);
    expect(d.events).toMatchObject([{ type: 'rated', note: '还行', data: { rating: 'basic' } }]);
    expect(d.effects).toEqual([]);
  });

  it('refuses another resident, a second rating and a rating after the window', () => {
    const t = resolved();
    expect(refusal(() => rate(t, { type: 'rate', rating: 'satisfied' }, ctx({ id: 'res-2', role: 'resident' }, at(2 * DAY))))).toMatchObject({ code: 'FORBIDDEN' });
    const rated = rate(t, { type: 'rate', rating: 'satisfied' }, ctx(filer, at(2 * DAY))).ticket;
    expect(refusal(() => rate(rated, { type: 'rate', rating: 'basic' }, ctx(filer, at(3 * DAY))))).toMatchObject({ code: 'WRONG_STATE', message: '您已评价过该诉求' });
    const visited = followUp(t, { type: 'follow_up', result: 'basic' }, ctx(wang, at(2 * DAY))).ticket;
    expect(refusal(() => rate(visited, { type: 'rate', rating: 'basic' }, ctx(filer, at(10 * DAY), { ratingWindowDays: 7 })))).toMatchObject({
      code: 'WRONG_STATE',
      message: '诉求办结已超过7天，不能再评价，如问题仍未解决请提交新的诉求',
    });
  });
});

describe('follow_up', () => {
  it('the return visit closes the request with its own result, once', () => {
    const d = apply(followUp, resolved(), { type: 'follow_up', result: 'unsatisfied', note: '电话回访', forResident: true }, ctx(wang, at(2 * DAY)));
    expect([d.ticket.status, d.ticket.followUpResult, d.ticket.followUpNote, d.ticket.rating]).toEqual(['closed', 'unsatisfied', '电话回访', undefined]);
    expect(d.events[0]?.data).toEqual({ result: 'unsatisfied', forResident: true });
    expect(refusal(() => followUp(d.ticket, { type: 'follow_up', result: 'basic' }, ctx(wang, at(3 * DAY))))).toMatchObject({ code: 'WRONG_STATE', message: '该诉求已回访，不能重复回访' });
  });
});

describe('reopen', () => {
  it('goes back to the handling unit with fresh resolve and follow-up windows, keeping the old ones', () => {
    const t = resolved();
    const d = apply(reopen, t, { type: 'reopen', reason: '垃圾又堆起来了' }, ctx(filer, at(2 * DAY)));
    expect([d.ticket.status, d.ticket.reopenCount, d.ticket.currentUnitId, d.ticket.assignee?.id]).toEqual(['reopened', 1, DEPT, 'sun']);
    expect(d.ticket.pastWindows?.map((w) => [w.clock, w.outcome])).toEqual([
      ['resolve', 'met'],
      ['followUp', 'superseded'],
    ]);
    expect([d.ticket.clocks.resolve.startAt, d.ticket.clocks.resolve.metAt, d.ticket.clocks.respond]).toEqual([at(2 * DAY), undefined, t.clocks.respond]);
    expect(d.effects).toEqual([{ type: 'notify', audience: 'handlers', unitId: DEPT, template: 'assigned', text: '群众不满意，申请重新办理：垃圾又堆起来了', alert: 'reopened', clock: 'resolve' }]);
  });

  it('refuses another resident and a request closed as satisfied', () => {
    expect(refusal(() => reopen(resolved(), { type: 'reopen', reason: '没修好' }, ctx({ id: 'res-2', role: 'resident' }, at(2 * DAY))))).toMatchObject({ code: 'FORBIDDEN' });
    const closed = rate(resolved(), { type: 'rate', rating: 'satisfied' }, ctx(filer, at(2 * DAY))).ticket;
    expect(refusal(() => reopen(closed, { type: 'reopen', reason: '没修好' }, ctx(filer, at(3 * DAY))))).toMatchObject({ code: 'WRONG_STATE', message: '已评价满意的诉求不能重新办理，请提交新的诉求' });
  });
});

describe('request_extension and decide_extension', () => {
  const ask = { type: 'request_extension', workingDays: 2, reason: '需要协调多个部门' } as const;

  it('a request waits for the supervisors, who are told', () => {
    const d = apply(requestExtension, accepted(), ask, ctx(sun, at(2 * HOUR)));
    expect(d.ticket.pendingExtension).toEqual({ workingDays: 2, reason: '需要协调多个部门', requestedBy: 'sun', requestedAt: at(2 * HOUR) });
    expect(d.effects).toEqual([{ type: 'notify', audience: 'supervisors', unitId: DEPT, template: 'extension_requested', text: '申请延期2个工作日：需要协调多个部门' }]);
    expect(refusal(() => requestExtension(d.ticket, ask, ctx(sun, at(3 * HOUR))))).toMatchObject({ code: 'WRONG_STATE', message: '已有待审批的延期申请' });
    expect(refusal(() => requestExtension(resolved(), ask, ctx(sun, at(2 * DAY))))).toMatchObject({ code: 'WRONG_STATE', message: '诉求已办结，无需延期' });
  });

  it('an approval moves resolve and follow-up by the working days and tells the resident; a refusal moves nothing', () => {
    const pending = requestExtension(accepted(), ask, ctx(sun, at(2 * HOUR))).ticket;
    const yes = apply(decideExtension, pending, { type: 'decide_extension', approve: true }, ctx(boss, at(3 * HOUR)));
    expect([yes.ticket.pendingExtension, yes.ticket.extensionCount]).toEqual([undefined, 1]);
    expect(yes.ticket.clocks.resolve.dueAt > pending.clocks.resolve.dueAt).toBe(true);
    expect(yes.events).toMatchObject([{ type: 'extension_approved', data: { workingDays: 2, resolveDueAt: yes.ticket.clocks.resolve.dueAt } }]);
    expect(yes.effects.map((e) => [e.audience, e.text])).toEqual([
      ['handlers', '延期申请已批准'],
      ['resident', '办理时限已延长2个工作日'],
    ]);
    const no = apply(decideExtension, pending, { type: 'decide_extension', approve: false, note: '请按期办结' }, ctx(boss, at(3 * HOUR)));
    expect([no.ticket.pendingExtension, no.ticket.extensionCount, no.ticket.clocks]).toEqual([undefined, undefined, pending.clocks]);
    expect(no.events).toMatchObject([{ type: 'extension_refused', note: '请按期办结' }]);
    expect(no.effects.map((e) => e.text)).toEqual(['延期申请未获批准']);
    expect(refusal(() => decideExtension(accepted(), { type: 'decide_extension', approve: true }, ctx(boss, at(3 * HOUR))))).toMatchObject({ code: 'WRONG_STATE', message: '没有待审批的延期申请' });
  });
});

describe('urge', () => {
  it('raises supervision by one, up to the top level, and tells the unit holding the request', () => {
    const d = apply(urge, dispatched(), { type: 'urge', note: '请尽快办理' }, ctx(boss, at(HOUR)));
    expect(d.ticket.supervisionLevel).toBe(1);
    expect(d.events).toMatchObject([{ type: 'urged', note: '请尽快办理', data: { level: 1 } }]);
    expect(d.effects).toEqual([{ type: 'notify', audience: 'handlers', unitId: DEPT, template: 'urged', text: '督办：请尽快办理', alert: 'urged' }]);
    const top = urge({ ...dispatched(), supervisionLevel: MAX_SUPERVISION_LEVEL }, { type: 'urge', note: '请尽快办理' }, ctx(boss, at(HOUR)));
    expect(top.ticket.supervisionLevel).toBe(MAX_SUPERVISION_LEVEL);
  });
});

describe('record_checkpoint', () => {
  it('a yellow card is recorded at its moment, once, and tells the handlers', () => {
    const t = opened();
    expect(refusal(() => recordCheckpoint(t, { type: 'record_checkpoint', clock: 'respond', kind: 'warning' }, ctx(SYSTEM_ACTOR, at(1))))).toMatchObject({ code: 'WRONG_STATE', message: '尚未到时限检查点' });
    const d = apply(recordCheckpoint, t, { type: 'record_checkpoint', clock: 'respond', kind: 'warning' }, ctx(SYSTEM_ACTOR, t.clocks.respond.warnAt));
    expect([d.ticket.clocks.respond.warnedAt, d.ticket.supervisionLevel]).toEqual([t.clocks.respond.warnAt, 0]);
    expect(d.effects).toEqual([{ type: 'notify', audience: 'handlers', unitId: OFFICE, template: 'sla_warning', text: '黄牌：即将超过响应时限', alert: 'yellow', clock: 'respond' }]);
    expect(refusal(() => recordCheckpoint(d.ticket, { type: 'record_checkpoint', clock: 'respond', kind: 'warning' }, ctx(SYSTEM_ACTOR, at(40))))).toMatchObject({ code: 'WRONG_STATE', message: '该时限已记录' });
  });

  it('a red card raises supervision and tells handlers, supervisors, and (re-checked later) the next level', () => {
    const t = opened();
    const d = apply(recordCheckpoint, t, { type: 'record_checkpoint', clock: 'respond', kind: 'breach' }, ctx(SYSTEM_ACTOR, t.clocks.respond.dueAt));
    expect([d.ticket.clocks.respond.breachedAt, d.ticket.supervisionLevel]).toEqual([t.clocks.respond.dueAt, 1]);
    expect(d.events).toMatchObject([{ type: 'sla_breach', data: { clock: 'respond', dueAt: t.clocks.respond.dueAt, level: 1 } }]);
    expect(d.effects.map((e) => [e.audience, e.template, e.alert, e.notBeforeMinutes])).toEqual([
      ['handlers', 'sla_breach', 'red', undefined],
      ['supervisors', 'sla_breach', 'red', undefined],
      ['supervisors', 'overdue', 'overdue', expect.any(Number)],
    ]);
    // No yellow card after the red one, and none for a met clock.
    expect(refusal(() => recordCheckpoint(d.ticket, { type: 'record_checkpoint', clock: 'respond', kind: 'warning' }, ctx(SYSTEM_ACTOR, at(HOUR))))).toMatchObject({ code: 'WRONG_STATE' });
    expect(refusal(() => recordCheckpoint(responded(), { type: 'record_checkpoint', clock: 'respond', kind: 'breach' }, ctx(SYSTEM_ACTOR, at(HOUR))))).toMatchObject({ code: 'WRONG_STATE' });
  });
});
