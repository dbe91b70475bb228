/**
 * Deadlines under a changed calendar: which deadlines are provisional (预计, computed with
 * the Monday–Friday fallback for a year not loaded), and re-deriving an open request's
 * working-day deadlines from its T0 after an admin corrects the calendar or the cut-off.
 * Pure: the calendar, `now` and the actor are arguments.
 */
import type { WorkCalendar } from './calendar.ts';
import type { Actor } from './org.ts';
import { missingCalendarYears, rederiveClock, type Clock, type ClockName, type Clocks } from './sla.ts';
import { isOpen, type Decision, type Ticket } from './ticket.ts';
import { localDateOf, type Instant } from './time.ts';

/** The working-day clocks: the only ones a calendar change can move. */
export const WORKING_DAY_CLOCKS = ['resolve', 'followUp'] as const satisfies readonly ClockName[];

/** The ticket's `calendarMissingYears` for these clocks: the missing years, or undefined when exact. */
export function calendarNote(clocks: Clocks, calendar: WorkCalendar): number[] | undefined {
  const missing = missingCalendarYears(clocks, calendar);
  return missing.length > 0 ? missing : undefined;
}

/** `ticket` with its `calendarMissingYears` set from its clocks under `calendar` (removed when exact). */
export function withCalendarNote(ticket: Ticket, calendar: WorkCalendar): Ticket {
  const { calendarMissingYears: _old, ...rest } = ticket;
  const note = calendarNote(ticket.clocks, calendar);
  return note ? { ...rest, calendarMissingYears: note } : rest;
}

const sameDeadline = (a: Clock, b: Clock): boolean => a.startAt === b.startAt && a.dueAt === b.dueAt;

/**
 * After a command: when it recomputed a working-day deadline (a reopening, an extension, a
 * re-classification), the note follows the calendar used for it; otherwise it is kept as it was.
 */
export function noteAfterCommand(before: Ticket, after: Ticket, calendar: WorkCalendar): Ticket {
  const moved = WORKING_DAY_CLOCKS.some((c) => !sameDeadline(before.clocks[c], after.clocks[c]));
  return moved ? withCalendarNote(after, calendar) : after;
}

/**
 * Whether the deadline of `clock` on `ticket` is provisional (预计): a working-day clock
 * whose span touches a year that was missing when it was computed.
 */
export function isProvisional(ticket: Pick<Ticket, 'clocks' | 'calendarMissingYears'>, clock: ClockName): boolean {
  const missing = ticket.calendarMissingYears;
  if (!missing?.length || !(WORKING_DAY_CLOCKS as readonly string[]).includes(clock)) return false;
  const c = ticket.clocks[clock];
  const from = Number(localDateOf(c.startAt).slice(0, 4));
  // A 24:00 deadline on Dec 31 is 00:00 of Jan 1 local: counting that year too only errs on the side of 预计.
  const to = Number(localDateOf(c.dueAt).slice(0, 4));
  return missing.some((y) => y >= from && y <= to);
}

/** The actor recorded on a re-derivation's event. */
export const CALENDAR_ACTOR: Actor = { id: 'calendar', role: 'system', name: '日历更正' };

/**
 * Re-derives an open request's working-day deadlines from their own start (T0, or the
 * reopening) under `calendar`, keeping its policy (a category's later change never applies),
 * approved extensions and recorded cards (see {@link rederiveClock}). Returns undefined when
 * nothing changes — so running it twice changes a ticket once — or a decision with one
 * `deadlines_rederived` event recording old → new.
 */
export function rederiveDeadlines(ticket: Ticket, calendar: WorkCalendar, now: Instant, reason: string, actor: Actor = CALENDAR_ACTOR): Decision | undefined {
  if (!isOpen(ticket.status)) return undefined;
  const clocks: Clocks = { ...ticket.clocks };
  for (const name of WORKING_DAY_CLOCKS) clocks[name] = rederiveClock(name, ticket.clocks[name], ticket.policy, calendar);
  const note = calendarNote(clocks, calendar);
  const changed = WORKING_DAY_CLOCKS.filter((c) => JSON.stringify(clocks[c]) !== JSON.stringify(ticket.clocks[c]));
  const noteChanged = JSON.stringify(note ?? []) !== JSON.stringify(ticket.calendarMissingYears ?? []);
  if (changed.length === 0 && !noteChanged) return undefined;
  const { calendarMissingYears: _old, ...rest } = ticket;
  const next: Ticket = {
    ...rest,
    ...(note ? { calendarMissingYears: note } : {}),
    clocks,
    version: ticket.version + 1,
    updatedAt: now,
    eventCount: ticket.eventCount + 1,
  };
  const data: Record<string, unknown> = { reason };
  for (const c of WORKING_DAY_CLOCKS) data[c] = { from: ticket.clocks[c].dueAt, to: clocks[c].dueAt };
  data.calendarMissingYears = { from: ticket.calendarMissingYears ?? [], to: note ?? [] };
  return {
    ticket: next,
    events: [{ type: 'deadlines_rederived', at: now, actor, from: ticket.status, to: ticket.status, data }],
    effects: [],
  };
}
