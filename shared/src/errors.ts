/**
 * Stable error codes shared by backend and clients. Programs branch on `code`;
 * people read `message` (Simplified Chinese). The HTTP status is part of the
 * contract so that the one error mapper in the backend never guesses.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LOCATION_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 400,
  UNIT_NOT_FOUND: 400,
  WRONG_STATE: 409,
  CONFLICT: 409,
  IDEMPOTENCY_MISMATCH: 409,
  LOGIN_FAILED: 401,
  /** A WeChat identity no staff account is bound to yet: the client asks for an invite code. */
  STAFF_NOT_BOUND: 401,
  INVITE_INVALID: 400,
  WECHAT_LOGIN_FAILED: 401,
  PHOTO_INVALID: 400,
  IDENTITY_UNAVAILABLE: 503,
  UPSTREAM_BUSY: 503,
  UPSTREAM_FAILED: 502,
  /** Too many requests from one account, resident, address or integration key: retry after the `Retry-After` header's seconds. */
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A field-level problem, keyed by the dotted path of the input field. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error class of the domain. Pure code returns or throws it; the HTTP
 * layer maps it with {@link ERROR_STATUS}; nothing else is ever shown to a client.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): { error: { code: ErrorCode; message: string; fields?: FieldError[] } } {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}
