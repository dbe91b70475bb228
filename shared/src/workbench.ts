import { canRevealForFollowUp } from './first-use.ts';
import { AppError } from './errors.ts';
import type { Actor, Role, Unit } from './org.ts';
import { CLOCKS, type ClockName, type Clocks } from './sla.ts';
import { decide } from './commands/decide.ts';
import { refuseMergeIntoItself } from './commands/ending.ts';
import { change } from './commands/kit.ts';
import { isOpen, type Channel, type DecideContext, type Decision, type Rating, type Ticket } from './ticket.ts';
import type { Instant } from './time.ts';

/**
 * Pure rules of the staff workbench that sit beside the state machine: the inbox's
 * ordering key, who may see a full phone number, merging duplicates, which channels a
 * staff member may file through, and handling a small matter on the spot (办小事).
 */

/** The earliest deadline still unmet: the inbox's sort key and the row's yellow/red mark. */
export function nextDue(clocks: Clocks): { clock: ClockName; dueAt: Instant } | undefined {
  let best: { clock: ClockName; dueAt: Instant } | undefined;
  for (const clock of CLOCKS) {
    const c = clocks[clock];
    if (!c.metAt && (!best || c.dueAt < best.dueAt)) best = { clock, dueAt: c.dueAt };
  }
  return best;
}

/**
 * Whether `actor` is the handler working the request, the only staff member who may see
 * its full phone number: a handler of the unit whose inbox holds the open request, and its
 * 承办人 once somebody has taken it (before that, any handler of the unit, who needs the
 * number to make the first contact).
 */
export function canRevealPhone(
  ticket: Pick<Ticket, 'status' | 'currentUnitId' | 'assignee' | 'phone'> & Partial<Pick<Ticket, 'coordinatorUnitId' | 'followUpResult' | 'coordinatorAssignee'>>,
  actor: Actor,
): boolean {
  // The office that dispatched it calls the resident for the return visit (回访) after the department resolved it.
  if (ticket.coordinatorUnitId !== undefined && canRevealForFollowUp({ ...ticket, coordinatorUnitId: ticket.coordinatorUnitId }, actor)) return true;
  if (actor.role !== 'handler' || !actor.unitId || ticket.phone === undefined) return false;
  if (!isOpen(ticket.status) || actor.unitId !== ticket.currentUnitId) return false;
  return ticket.assignee === undefined || ticket.assignee.unitId !== ticket.currentUnitId || ticket.assignee.id === actor.id;
}

/**
 * Records that `actor` viewed the full phone number (a `phone_viewed` event, status
 * unchanged). Throws FORBIDDEN for anybody but the handler working the request.
 */
export function revealPhone(ticket: Ticket, actor: Actor, now: Instant): Decision {
  if (ticket.phone === undefined) throw new AppError('NOT_FOUND', '该诉求没有留下电话');
  if (!canRevealPhone(ticket, actor)) {
    const who = ticket.assignee && ticket.assignee.unitId === ticket.currentUnitId ? `（承办人：${ticket.assignee.name ?? ticket.assignee.id}）` : '';
    throw new AppError('FORBIDDEN', `只有正在办理该诉求的工作人员才能查看完整电话${who}`);
  }
  const c = change(ticket, actor, now);
  c.event('phone_viewed');
  return c.done();
}

/**
 * The target's side of merging `source` into it as a duplicate (the duplicate's side is the
 * `merge` command, commands/ending.ts; both are stored in one write): the target must be open
 * and another request; it gains a follower (the duplicate's resident follows the target)
 * and a `merged` event naming the duplicate. Visibility is the caller's check.
 */
export function absorbDuplicate(target: Ticket, source: Pick<Ticket, 'id' | 'status'>, actor: Actor, now: Instant): Decision {
  refuseMergeIntoItself(source.id, target.id);
  if (!isOpen(target.status)) {
    throw new AppError('WRONG_STATE', `目标诉求已${target.status === 'merged' ? '被合并' : '结束办理'}，不能合并到该诉求`);
  }
  const c = change(target, actor, now);
  c.t.followerCount = target.followerCount + 1;
  c.event('merged', { note: `重复诉求 ${source.id} 已合并到本诉求`, data: { fromTicketId: source.id } });
  c.notify({ audience: 'handlers', unitId: target.currentUnitId, template: 'assigned', text: `重复诉求 ${source.id} 已合并到本诉求一并办理` });
  return c.done();
}

/** Channels a staff member files through; QR and Open311 are residents' and machines' own. */
export const STAFF_CHANNELS = ['grid', 'hotline_12345', 'police_110', 'letter', 'visit'] as const satisfies readonly Channel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** The desk channels an operator (or a street office's front desk) enters. */
export const DESK_CHANNELS = ['hotline_12345', 'police_110', 'letter', 'visit'] as const satisfies readonly StaffChannel[];

/**
 * The channel a staff member's filing gets, or FORBIDDEN. Grid workers always file as
 * 网格上报 and only they handle a matter on the spot; operators, handlers and supervisors
 * enter the desk channels (12345, 110, letters, visits).
 */
export function filingChannel(role: Role, requested: StaffChannel | undefined, onSpot: boolean): StaffChannel {
  if (role === 'grid_worker') {
    if (requested !== undefined && requested !== 'grid') throw new AppError('FORBIDDEN', '网格员只能以“网格上报”渠道登记诉求');
    return 'grid';
  }
  if (role !== 'operator' && role !== 'handler' && role !== 'supervisor') throw new AppError('FORBIDDEN', '当前身份不能代为登记诉求');
  if (onSpot) throw new AppError('FORBIDDEN', '只有网格员可以现场办结小事');
  if (requested === undefined || requested === 'grid') throw new AppError('VALIDATION_FAILED', '请选择诉求来源渠道', [{ path: 'channel', message: '请选择诉求来源渠道' }]);
  return requested;
}

/**
 * The street office (or township) responsible for a grid: the nearest ancestor of kind
 * `street`. Requests entered for a grid land in that office's inbox, like a QR request.
 */
export function centreOf(unit: Unit, units: ReadonlyMap<string, Unit>): Unit | undefined {
  for (let i = unit.path.length - 1; i >= 0; i--) {
    const u = units.get(unit.path[i]!);
    if (u?.kind === 'street') return u;
  }
  return undefined;
}

/** Folds consecutive decisions on one ticket into one, so they are stored in one write. */
export function foldDecisions(decisions: readonly Decision[]): Decision {
  const last = decisions[decisions.length - 1];
  if (!last) throw new Error('foldDecisions needs at least one decision');
  return { ticket: last.ticket, events: decisions.flatMap((d) => d.events), effects: decisions.flatMap((d) => d.effects) };
}

/**
 * 办小事: a grid worker handles a small matter on the spot where a resident raised it.
 * The new request goes through the ordinary lifecycle at the same instant — contacted
 * in person (respond), handled and explained (resolve, which also confirms the
 * category and meets classify), and the resident's satisfaction asked there and then
 * (follow-up, recorded as the staff visit's result, never as the resident's own
 * rating) — so it ends `closed` with all four clocks met and four events after
 * `submitted`, and it counts in every report like any other request.
 */
export function handleOnSpot(opened: Decision, actor: Actor, now: Instant, ctx: DecideContext, onSpot: { feedback: string; result: Rating }): Decision {
  const steps: Decision[] = [opened];
  const next = (d: Decision) => {
    steps.push(d);
    return d.ticket;
  };
  let t = opened.ticket;
  t = next(decide(t, { type: 'respond', via: 'visit', note: '网格员现场受理' }, actor, now, ctx));
  t = next(decide(t, { type: 'resolve', feedback: onSpot.feedback }, actor, now, ctx));
  next(decide(t, { type: 'follow_up', result: onSpot.result, note: '现场征询群众意见' }, actor, now, ctx));
  // Nobody needs telling: the matter is done, and the resident heard it in person.
  return { ...foldDecisions(steps), effects: [] };
}

/**
 * Whether the actor's unit (or a unit below it) has worked on a request, judged from its
 * history: a staff member of it acted, or it was dispatched there. Such a unit losing a
 * race to a change that moved the request away (a return, an escalation) is told about
 * the conflict instead of being told the request does not exist.
 */
export function wasInvolved(
  events: ReadonlyArray<{ type: string; actor: Actor; data?: Record<string, unknown> }>,
  actor: Actor,
  units: ReadonlyMap<string, Unit>,
): boolean {
  if (!actor.unitId || actor.role === 'resident') return false;
  const within = (unitId: unknown) => {
    const u = typeof unitId === 'string' ? units.get(unitId) : undefined;
    return u !== undefined && u.path.includes(actor.unitId!);
  };
  return events.some((e) => within(e.actor.unitId) || (e.type === 'dispatched' && within(e.data?.unitId)));
}
