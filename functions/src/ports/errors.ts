import { AppError, type ErrorCode } from '@mashang/shared/errors';

/**
 * Why a store refused a write or a read, in the store's own terms. A store error
 * carries a stable API code (`code`, for programs and the HTTP status) and this
 * reason; it never carries the words people read: the HTTP error mapper
 * (functions/src/http/http.ts, `STORE_ERROR_WORDS`) owns those.
 */
export type StoreErrorReason =
  /** The ticket (or a ticket written with it) changed since it was read: a lost race. */
  | 'version_conflict'
  /** A new ticket's id is taken already: the caller retries with a new id. */
  | 'ticket_id_taken'
  /** A client token was used before by somebody else. */
  | 'client_token_taken'
  /** A page cursor that is not one this store handed out for this list. */
  | 'bad_cursor'
  /** An admin change touches more rows than one transaction holds. */
  | 'too_many_changes'
  /** An organisation change (a unit moved with everything below it) touches more rows than one transaction holds. */
  | 'org_change_too_large'
  /** Reference data or the organisation changed since an admin read it (or an id is taken). */
  | 'admin_conflict'
  /** The risk rule set changed since it was read. */
  | 'risk_rules_conflict'
  /** A risk task changed since it was read. */
  | 'risk_task_conflict'
  /** Binding a WeChat identity: the identity belongs to another staff account. */
  | 'wechat_taken'
  /** Binding a WeChat identity: the account is gone or disabled. */
  | 'account_unavailable'
  /** Binding a WeChat identity: the invite code is unknown, used or expired. */
  | 'invite_unusable'
  /** A rate-limit counter written with a new ticket is used up for its window. */
  | 'rate_limited';

const CODES: Record<StoreErrorReason, ErrorCode> = {
  version_conflict: 'CONFLICT',
  ticket_id_taken: 'CONFLICT',
  client_token_taken: 'IDEMPOTENCY_MISMATCH',
  bad_cursor: 'VALIDATION_FAILED',
  too_many_changes: 'VALIDATION_FAILED',
  // A 409 as the org administration answered it before its store became a port.
  org_change_too_large: 'CONFLICT',
  admin_conflict: 'CONFLICT',
  risk_rules_conflict: 'CONFLICT',
  risk_task_conflict: 'CONFLICT',
  wechat_taken: 'INVITE_INVALID',
  account_unavailable: 'INVITE_INVALID',
  invite_unusable: 'INVITE_INVALID',
  rate_limited: 'RATE_LIMITED',
};

/**
 * An error a store raises on purpose. It is an {@link AppError} (so a use case may
 * test `code === 'CONFLICT'` and an unmapped one still answers with the right status),
 * but its message is for logs: people see the words the error mapper gives its reason.
 */
export class StoreError extends AppError {
  constructor(
    readonly reason: StoreErrorReason,
    options?: { cause?: unknown },
  ) {
    super(CODES[reason], `store: ${reason}`, undefined, options);
  }
}

/** The ticket changed since it was read (version or status): nothing was written. */
export class VersionConflictError extends StoreError {
  constructor(options?: { cause?: unknown }) {
    super('version_conflict', options);
  }
}

/** A new ticket's id was taken: nothing was written; file again with a new id. */
export class TicketIdTakenError extends StoreError {
  constructor(options?: { cause?: unknown }) {
    super('ticket_id_taken', options);
  }
}

/**
 * A new ticket was not stored because a rate-limit counter given with it (a `rate_count`
 * side-write) is used up: names the rule and subject, so the limiter can say when to come back.
 */
export class RateCountRefusedError extends StoreError {
  constructor(
    readonly rule: string,
    readonly subject: string,
    options?: { cause?: unknown },
  ) {
    super('rate_limited', options);
  }
}
