/**
 * DynamoDB TTL (table attribute `ttl`, epoch seconds; infra/table.json) for rows that expire.
 * DynamoDB deletes an expired row within a few days of its `ttl`, so nothing may depend on the
 * exact moment: each row below is already useless to the product when its `ttl` passes.
 *
 *  - staff invite codes: 72 h valid, one use; the row goes INVITE_GRACE_DAYS after it expired
 *  - idempotency tokens of filed requests: a phone retries within minutes; the row goes
 *    IDEMPOTENCY_GRACE_DAYS after the request was filed
 *  - dispatched-notification log: OUTLOG_DAYS (stage parameter `notificationLogDays`,
 *    env NOTIFICATION_LOG_DAYS) after the message was done
 *
 * Tickets, their events and counters never expire (the record of a request is kept).
 */
export const TTL_ATTRIBUTE = 'ttl';
export const INVITE_GRACE_DAYS = 30;
export const IDEMPOTENCY_GRACE_DAYS = 30;
export const DEFAULT_OUTLOG_DAYS = 90;

const DAY_MS = 86_400_000;

/** The `ttl` value (epoch seconds) `days` after the instant `iso`. */
export function ttlAfter(iso: string, days: number): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${iso}`);
  return Math.floor((ms + days * DAY_MS) / 1000);
}

/** Days the dispatched-notification log keeps a message, from the environment (default 90, at least 1). */
export function outlogDays(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.NOTIFICATION_LOG_DAYS);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : DEFAULT_OUTLOG_DAYS;
}
