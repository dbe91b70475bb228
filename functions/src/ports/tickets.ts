import type { Decision, Instant, RiskWarning, Ticket, TicketEvent } from '@mashang/shared';

/**
 * The ticket store as the use cases see it, in the domain's words. Implemented for
 * DynamoDB by functions/src/store/tickets.ts (the only place that knows keys, items and
 * transactions) and in memory by functions/src/store/memory/tickets.ts; one contract
 * suite (functions/src/store/contract.ts) holds both to the same behaviour.
 *
 * Every write is all or nothing: the ticket (conditioned on the version and status read),
 * its new events, its outbox messages, the counters it moves (reports, inbox counts,
 * webhook events) and the side-writes given with it.
 */

/** One more thing that must be stored with a ticket's change, or nothing is. */
export type SideWrite =
  /** "Me too": the resident follows the ticket; fails the write if they already do. */
  | { kind: 'follower'; ticketId: string; residentId: string; at: Instant }
  /** Consent to be messaged about the ticket: one more message per template id (repeats add up). */
  | { kind: 'consent'; ticketId: string; residentId: string; templateIds: readonly string[]; at: Instant }
  /**
   * A risk early warning (once per ticket and trigger; fails the write if it exists), the
   * message telling the assigned unit, and for a high warning the supervisors' alert.
   * `n` tells the warnings of one ticket apart (0 on creation, the reopen count after).
   */
  | { kind: 'risk_warning'; warning: RiskWarning; text: string; n: number; supervisorText?: string }
  /**
   * A second ticket decided in the same act (the target of a merge): written like the
   * first one, conditioned on the version and status it was read with.
   */
  | { kind: 'linked_change'; before: Ticket; decision: Decision }
  /** Where a merged duplicate went (the target names the source and its resident); once per pair. */
  | { kind: 'merge_link'; targetId: string; sourceId: string; residentId?: string; at: Instant }
  /** A request another system entered (Open311), listed under that system; once per ticket. */
  | { kind: 'external_request'; system: string; ticketId: string; receivedAt: Instant; categoryCode: string; ref?: string }
  /** A 12345 work order claimed by the request the desk entered for it (one request per work order); fails the write if claimed. */
  | { kind: 'work_order'; workOrderNo: string; ticketId: string; at: Instant }
  /**
   * One hit on a rate-limit counter (functions/src/app/rate-limits.ts), counted with the new
   * ticket so a create is one write: fails the write with a RateCountRefusedError (./errors.ts) when
   * the subject's window (fixed, of `windowSeconds` from the epoch, the one `atMs` is in) holds
   * `limit` hits already. Creates only.
   */
  | { kind: 'rate_count'; rule: string; subject: string; limit: number; windowSeconds: number; atMs: number }
  /**
   * The risk early warning of a new request, to be evaluated after the write: an outbox row
   * the dispatcher works (functions/src/app/supervision/risk-checks.ts), so the create reads no history.
   * Creates only; once per ticket.
   */
  | { kind: 'risk_check'; ticketId: string; at: Instant }
  /**
   * Photos the change carries whose `attached=yes` tagging failed before the write (functions/src/app/photos/photos.ts):
   * an outbox row the dispatcher works until they are tagged (functions/src/app/photos/photo-tags.ts), so a stored
   * request's photo never expires with the uploads nobody used. Once per ticket version (`version`: the new one).
   */
  | { kind: 'photo_tag'; ticketId: string; keys: readonly string[]; at: Instant; version: number };

/** A page of rows and the opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** One page of due tickets and how many index items were read for it (the sweep's cost). */
export interface DuePage {
  items: Ticket[];
  read: number;
}

export interface TicketWrites {
  /**
   * Stores a new ticket exactly once per client token: `created: false` with the existing
   * id when the token was used before by the same resident (a different resident:
   * StoreError `client_token_taken`). A taken ticket id (or a side-write that exists
   * already) is a {@link TicketIdTakenError}; nothing is written.
   */
  create(decision: Decision, clientToken: string | undefined, sideWrites?: readonly SideWrite[]): Promise<{ created: boolean; ticketId: string }>;
  /**
   * Applies a decision made on `before`, with its side-writes: a {@link VersionConflictError}
   * (and nothing written) if anybody changed the ticket since, or a side-write's condition fails.
   * The new events are numbered from `before.eventCount + 1`.
   */
  save(before: Ticket, decision: Decision, sideWrites?: readonly SideWrite[]): Promise<void>;
}

export interface TicketReads {
  get(id: string): Promise<Ticket | undefined>;
  /** The ticket and its whole history, oldest event first. */
  getWithEvents(id: string): Promise<{ ticket: Ticket; events: TicketEvent[] } | undefined>;
  /** The ticket a client token filed, and for whom. */
  findByClientToken(token: string): Promise<{ ticketId: string; residentId?: string } | undefined>;
  /** A unit's open tickets, newest first. */
  inbox(unitId: string, cursor: string | undefined, limit: number): Promise<Page<Ticket>>;
  /** A resident's own tickets, newest first. */
  byResident(residentId: string, cursor: string | undefined, limit: number): Promise<Page<Ticket>>;
}

export interface DueTickets {
  /**
   * The open tickets whose next checkpoint (a yellow or red card) is at or before `now`,
   * as independent lanes of pages of at most `pageSize`: read the lanes in parallel, each
   * page after page. How many lanes there are is the store's business.
   */
  due(now: Instant, pageSize: number): AsyncIterable<DuePage>[];
}

/** Everything the ticket use cases need of the store. */
export interface TicketRepository extends TicketWrites, TicketReads, DueTickets {}
