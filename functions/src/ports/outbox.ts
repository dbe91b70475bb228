import type { AlertKind, ClockName } from '@mashang/shared';
import type { SideWrite } from './tickets.ts';

/**
 * The outbox as the dispatcher (functions/src/app/notifying/notifications.ts) works it, implemented for
 * DynamoDB by functions/src/store/outbox.ts. Every ticket change writes its messages as
 * `pending`; the dispatcher claims one with a lease, records each recipient's result (each
 * write conditioned on its claim) and finally moves it to the log. A row's key fields are
 * the store's: the dispatcher only hands the row back.
 */

/** What one recipient's message came to. `sending` is written before the call to WeChat. */
export type Delivery = 'sending' | 'sent' | 'refused' | 'no_consent' | 'no_channel' | 'unknown' | `retry:${string}` | `failed:${string}`;

export interface OutboxRow {
  /** The store's key of the row (opaque to use cases). */
  PK: string;
  SK: string;
  ticketId: string;
  createdAt: string;
  status: 'pending' | 'claimed';
  /**
   * `admins`: a county admin alert (e.g. a calendar year not loaded), shown with the staff messages.
   * `system`: work of the dispatcher itself, nobody is messaged (`kind: 'risk_check'`: functions/src/app/supervision/risk-checks.ts;
   * `kind: 'photo_tag'`: functions/src/app/photos/photo-tags.ts).
   */
  audience: 'resident' | 'handlers' | 'supervisors' | 'admins' | 'system';
  /** What else than a message the row is: `webhook` (integrations/webhooks.ts), `risk_check` (app/supervision/risk-checks.ts), `photo_tag` (app/photos/photo-tags.ts), `risk_high`. */
  kind?: string;
  /** `photo_tag`: the photo keys to tag `attached=yes`. */
  photoKeys?: string[];
  unitId?: string;
  template: string;
  text: string;
  /** For staff: the alert kind and the clock it is about (shared/src/alerts.ts). */
  alert?: AlertKind;
  clock?: ClockName;
  /** `text` is for the filer only: residents who joined get `followersText`, or nothing without it. */
  filerOnly?: boolean;
  followersText?: string;
  attempts?: number;
  notBefore?: string;
  claimToken?: string;
  claimUntil?: string;
  deliveries?: Record<string, Delivery>;
}

/** A dispatched message as the log keeps it. */
export interface LoggedMessage extends Omit<OutboxRow, 'status' | 'claimToken' | 'claimUntil'> {
  status: 'sent' | 'failed' | 'skipped';
  reason?: string;
  doneAt: string;
}

type FinishedStatus = LoggedMessage['status'];

export interface Outbox {
  /** Every message still to send, page after page; how the outbox is sharded is the store's business. */
  pending(limit: number): AsyncIterable<OutboxRow[]>;
  /** A stable id of a message (a re-run derives the same one). */
  messageId(row: Pick<OutboxRow, 'PK' | 'SK'>): string;
  /** Claims a message (pending and due, or its lease ran out) until `leaseUntil`; undefined when another dispatcher has it. */
  claim(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, now: string, leaseUntil: string): Promise<OutboxRow | undefined>;
  /** Records one recipient's result; false when the claim was lost. */
  recordDelivery(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, recipient: string, result: Delivery): Promise<boolean>;
  /** Gives a claimed message back for a later attempt; `uncount` gives the attempt back too. False when the claim was lost. */
  release(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, notBefore: string, uncount?: boolean): Promise<boolean>;
  /** Moves a claimed message to the log; false when the claim was lost. */
  finish(row: OutboxRow, token: string, result: { status: FinishedStatus; reason?: string; deliveries: Record<string, Delivery>; doneAt: string }): Promise<boolean>;
  /**
   * Moves a claimed message to the log and stores `writes` (a risk check's warning and its
   * messages) in the same transaction: all of it or nothing. `queued`: the outbox rows among
   * those writes (to send at once). `lost`: the claim was lost; `exists`: a write's own
   * condition failed (the warning was stored before); nothing was written either way.
   */
  finishWith(
    row: OutboxRow,
    token: string,
    result: { status: FinishedStatus; reason?: string; deliveries: Record<string, Delivery>; doneAt: string },
    writes: readonly SideWrite[],
  ): Promise<{ ok: true; queued: OutboxRow[] } | { ok: false; reason: 'lost' | 'exists' }>;
}

/**
 * When a row given back after its `attempts`-th failed attempt is due again: an exponential
 * backoff of 1, 2, 4 … minutes, at most `capMinutes` (the dispatcher's messages, webhooks and
 * photo re-tagging share it).
 */
export function retryAtMs(nowMs: number, attempts: number, capMinutes = Infinity): number {
  return nowMs + 60_000 * Math.min(capMinutes, 2 ** (attempts - 1));
}
