import type { Ticket, TicketEvent } from '@mashang/shared';
import type { AuditChange } from './audit.ts';

/**
 * What personal-data erasure (functions/src/app/residents/erasure.ts) reads and rewrites, in the
 * domain's words; functions/src/store/erasure.ts implements it for DynamoDB and is the only
 * place that knows the rows' keys and the transactions. A stored row is named by an opaque
 * {@link RowRef} the store handed out with it.
 */
export interface RowRef {
  readonly __storedRow: unique symbol;
}

/** One request's partition as erasure sees it. */
export interface ErasureRecord {
  /** The request itself; undefined when there is none. */
  ticket?: Ticket;
  events: Array<{ ref: RowRef; event: TicketEvent }>;
  /** Consents to be messaged about the request (one per resident and template). */
  consents: Array<{ ref: RowRef; residentId?: string }>;
  /** Risk early warnings: they copy the request's words. */
  warnings: Array<{ ref: RowRef; summary?: unknown; note?: unknown }>;
  /** Residents who joined ("me too"). */
  followers: Array<{ ref: RowRef; residentId: string }>;
}

/** A notification about a request (still to send or sent). */
export interface ErasureMessage {
  ref: RowRef;
  text?: unknown;
  audience?: unknown;
  filerOnly?: unknown;
}

/** One change of a stored row, given as a value; the store makes it a write. */
export type ErasureChange =
  /** An event rewritten with its content replaced (its key and kind kept); the row must still exist. */
  | { kind: 'event'; ref: RowRef; event: TicketEvent }
  /** A risk warning's words replaced, over the version read (a newer version, so an older read cannot write the old words back). */
  | { kind: 'warning'; ref: RowRef; summary: unknown; note: unknown }
  /** A message's text replaced in place (nothing else of it is touched: the dispatcher may be claiming it). */
  | { kind: 'message_text'; ref: RowRef; text: string }
  /** A row removed (a consent, a follower). */
  | { kind: 'remove'; ref: RowRef }
  /** The merge link of a duplicate loses its filer's identity; the link stays. */
  | { kind: 'unlink_merged'; targetId: string; sourceId: string };

export interface ErasureRows {
  /** The request's partition, read consistently. */
  record(ticketId: string): Promise<ErasureRecord>;
  /** The notifications about the request made at these instants (its filing and each event). */
  messages(ticketId: string, instants: string[]): Promise<ErasureMessage[]>;
  /** One page of a resident's list: the requests they filed (`ticket`) and joined (`follower`). */
  residentPage(residentId: string, limit: number): Promise<Array<{ entity: string; ticketId: string }>>;
  /** The merge link of a duplicate on its target, if there is one. */
  mergeLink(targetId: string, sourceId: string): Promise<{ residentId?: unknown } | undefined>;
  /**
   * Applies the changes in order, in transactions of a bounded size. A condition that no
   * longer holds (somebody changed a row meanwhile) is a VersionConflictError.
   */
  apply(changes: readonly ErasureChange[]): Promise<void>;
  /**
   * The request rewritten without its filer's data, over the version read, with its audit event
   * if given, in one transaction: a VersionConflictError when it changed meanwhile.
   */
  saveTicket(before: Ticket, after: Ticket, audit?: AuditChange): Promise<void>;
}
