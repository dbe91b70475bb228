import type { Ticket } from '@mashang/shared';

/**
 * What a resident has on a request besides filing it: joining it ("me too") and consent to be
 * messaged about it, one message per consent. Follower and consent rows are also written with a
 * ticket change, as its side-writes (`follower`, `consent`, `merge_link` in
 * functions/src/ports/tickets.ts); these ports read them and change the consents' credits.
 *
 * Implemented for DynamoDB by functions/src/store/residents.ts and in memory by
 * functions/src/store/memory/residents.ts (over the memory ticket store's rows);
 * functions/src/store/residents-contract.ts holds both to the same behaviour.
 */

/** A resident's list: own and joined requests, newest first, and which ones were joined. */
export interface ResidentPage {
  items: Ticket[];
  /** The ids of the joined requests on this page (a joined request no longer there is left out of `items`, not of this). */
  followed: Set<string>;
  /** Where the next page starts (opaque); a cursor may lead to an empty last page. */
  nextCursor?: string;
}

/** Consent left for one resident, ticket and message template. */
export interface Consent {
  residentId: string;
  templateId: string;
  credits: number;
}

/** The resident's side (functions/src/app/residents/): following requests, consents given, open requests at a place, "my requests". */
export interface ResidentRequests {
  /**
   * Whether `residentId` follows the request: joined it ("me too"), or had a duplicate merged
   * into it (the merge link names the duplicate's resident). The request's own resident does not
   * follow it.
   */
  isFollower(ticketId: string, residentId: string): Promise<boolean>;
  /** Which of these requests the resident has joined (a merged duplicate does not count here). */
  joined(ticketIds: string[], residentId: string): Promise<Set<string>>;
  /** Adds consents outside a ticket change (the resident tapped "notify me" later): one credit per template id, repeats add up; returns the credits now held per template. */
  addConsents(ticketId: string, residentId: string, templateIds: string[], at: string): Promise<Record<string, number>>;
  /**
   * Open requests at a place in one category (exactly that code), newest first by received time
   * (then by id, highest first), at most `limit`. The index behind it may lag a change briefly.
   */
  openAt(locationId: string, categoryCode: string, limit: number): Promise<Ticket[]>;
  /**
   * "My requests": the resident's own requests (by received time) and joined ones (by the time
   * they joined), newest first, `limit` rows a page. A cursor of another resident's list, or not
   * one of ours, is refused with `StoreError('bad_cursor')`.
   */
  residentTickets(residentId: string, cursor: string | undefined, limit: number): Promise<ResidentPage>;
}

/** What the dispatcher (functions/src/app/notifying/notifications.ts) needs: the consents of a request and their credits. */
export interface NotificationConsents {
  /** Every consent of a request, used up and refused ones too (credits 0), in resident then template order. */
  consents(ticketId: string): Promise<Consent[]>;
  /** Uses one consent: true when there was one to use (two senders cannot both use the last); false when none is left or none was given. */
  useCredit(ticketId: string, residentId: string, templateId: string): Promise<boolean>;
  /** Gives back a consent a message did not use (WeChat busy, message malformed). */
  restoreCredit(ticketId: string, residentId: string, templateId: string): Promise<void>;
  /** The resident refused messages (WeChat 43101): keep none of their consents for this request and template. */
  clearCredits(ticketId: string, residentId: string, templateId: string, at: string): Promise<void>;
}
