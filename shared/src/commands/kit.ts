import { AppError } from '../errors.ts';
import type { Actor } from '../org.ts';
import type { ClockName, Clocks } from '../sla.ts';
import {
  DEFAULT_RATING_WINDOW_DAYS,
  ratingWindowOpen,
  type Command,
  type CommandType,
  type DecideContext,
  type Decision,
  type EventType,
  type NotifyEffect,
  type StaffRef,
  type Ticket,
  type TicketEvent,
} from '../ticket.ts';
import type { Instant } from '../time.ts';

/**
 * What every command function shares: its types, and {@link change}, the one place that
 * turns a ticket into the next version with its events and effects.
 */

/** The command of one type, as `CommandSchema` parsed it. */
export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;

/** What a command function reads besides the ticket and the command: who, when, and the use case's context. */
export interface CommandContext extends DecideContext {
  actor: Actor;
  now: Instant;
}

/**
 * One command's transition. It may assume the actor's role and the ticket's status fit
 * the command (`RULES`, checked by `decide`) and the command's fields passed
 * `CommandSchema`; it checks what depends on the ticket and the context, and throws
 * {@link AppError} without touching the ticket passed in.
 */
export type CommandHandler<K extends CommandType> = (ticket: Ticket, command: CommandOf<K>, ctx: CommandContext) => Decision;

/** One function per command type: a missing or extra key is a type error. */
export type CommandHandlers = { readonly [K in CommandType]: CommandHandler<K> };

type EventExtra = Partial<Omit<TicketEvent, 'seq' | 'ticketId' | 'type'>>;

/** A change being made to a ticket: the draft `t` (the next version) and what the change records. */
export interface Change {
  /** The next version of the ticket, edited in place by the command function. */
  readonly t: Ticket;
  /** The staff member acting, as a ticket records them (undefined for residents and the system). */
  readonly actorRef: StaffRef | undefined;
  /** Appends an event; `to` is filled with the final status by {@link Change.done}. */
  event(type: EventType, extra?: EventExtra): void;
  /** Queues a notification. */
  notify(effect: Omit<NotifyEffect, 'type'>): void;
  /** Tells the resident; with `filer`, the text is the filer's only (those who joined get `followersText`). */
  tellResident(text: string, filer?: { followersText?: string }): void;
  /** The first staff member of the current unit who works the request becomes its 承办人. */
  take(): void;
  /** The decision: events report the status after the change; the event count follows. */
  done(): Decision;
}

/** Starts the next version of `ticket` by `actor` at `now`; the ticket passed in is never mutated. */
export function change(ticket: Ticket, actor: Actor, now: Instant): Change {
  const t: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: now };
  const events: Decision['events'] = [];
  const effects: Decision['effects'] = [];
  const actorRef: StaffRef | undefined =
    actor.role !== 'resident' && actor.role !== 'system' && actor.unitId ? { id: actor.id, name: actor.name, unitId: actor.unitId } : undefined;
  const notify = (effect: Omit<NotifyEffect, 'type'>): void => {
    effects.push({ type: 'notify', ...effect });
  };
  return {
    t,
    actorRef,
    event: (type, extra = {}) => {
      events.push({ type, at: now, actor, from: ticket.status, to: t.status, ...extra });
    },
    notify,
    tellResident: (text, filer) => notify({ audience: 'resident', template: 'status_changed', text, ...(filer ? { filerOnly: true, ...filer } : {}) }),
    take: () => {
      if (actorRef && actorRef.unitId === ticket.currentUnitId && t.assignee?.unitId !== ticket.currentUnitId) t.assignee = actorRef;
    },
    done: () => {
      for (const e of events) e.to = t.status;
      t.eventCount = ticket.eventCount + events.length;
      return { ticket: t, events, effects };
    },
  };
}

export const fail = (code: 'WRONG_STATE' | 'FORBIDDEN' | 'VALIDATION_FAILED', message: string): never => {
  throw new AppError(code, message);
};

/** Marks the clocks met at `now` (a clock met earlier keeps its moment). */
export function meet(clocks: Clocks, names: readonly ClockName[], now: Instant): Clocks {
  const next = { ...clocks };
  for (const name of names) if (!next[name].metAt) next[name] = { ...next[name], metAt: now };
  return next;
}

/** Event data marking a note the author wrote for the resident (notes are internal otherwise). */
export function shown(forResident: boolean | undefined): { forResident?: true } | undefined {
  return forResident ? { forResident: true } : undefined;
}

/** The resident may rate or reopen only within the rating window after closing. */
export function checkRatingWindow(ticket: Ticket, now: Instant, ctx: Pick<DecideContext, 'ratingWindowDays'>, what: string): void {
  const days = ctx.ratingWindowDays ?? DEFAULT_RATING_WINDOW_DAYS;
  if (!ratingWindowOpen(ticket, now, days)) fail('WRONG_STATE', `诉求办结已超过${days}天，不能再${what}，如问题仍未解决请提交新的诉求`);
}

export const CLOCK_TEXT: Record<ClockName, string> = { respond: '响应', classify: '分类', resolve: '办结', followUp: '回访' };
