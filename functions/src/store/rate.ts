import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { rateWindow, retryAfterSeconds, type RateCounters, type RateDecision, type Window } from '../ports/rate-window.ts';
import { rateKeys } from './keys.ts';

/**
 * Fixed-window counters in the table (pattern R1), shared by every Lambda instance.
 *
 * Window semantics: time is cut into windows of `windowSeconds` aligned to the Unix
 * epoch; a subject's counter for the window it is in is incremented with one
 * conditional `ADD` that succeeds only while the count is below `limit`, so at most
 * `limit` hits are admitted per window whatever the concurrency (DynamoDB serialises
 * updates of one item). A burst straddling a window edge may see up to 2 × `limit`
 * within `windowSeconds`. A refused hit writes nothing. Rows carry `ttl` (epoch seconds,
 * a day after the window) so DynamoDB's TTL deletes them.
 */
export type { Window } from '../ports/rate-window.ts';

export type { RateDecision } from '../ports/rate-window.ts';


/**
 * The conditional ADD of one hit (pattern R1): admitted only while the window's count is
 * below `limit`. Sent alone by {@link RateStore.hit}, or as an item of a new ticket's
 * transaction (a `rate_count` side-write, functions/src/store/side-writes.ts).
 */
export function rateHitUpdate(table: string, bucket: string, subject: string, w: Window, nowMs: number) {
  const { start, end } = rateWindow(w, nowMs);
  return {
    TableName: table,
    Key: rateKeys.counter(bucket, subject, start),
    UpdateExpression: 'ADD #n :one SET #ttl = if_not_exists(#ttl, :ttl)',
    ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
    ExpressionAttributeNames: { '#n': 'n', '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':limit': w.limit, ':ttl': Math.floor(end / 1000) + 86_400 },
  };
}

function isConditionalFailure(err: unknown): boolean {
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}

export class RateStore implements RateCounters {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Counts one hit if the subject is under its limit in the current window. */
  async hit(bucket: string, subject: string, w: Window, nowMs: number): Promise<RateDecision> {
    const { end } = rateWindow(w, nowMs);
    const retryAfter = retryAfterSeconds(end, nowMs);
    try {
      const res = await this.db.send(new UpdateCommand({ ...rateHitUpdate(this.table, bucket, subject, w, nowMs), ReturnValues: 'UPDATED_NEW' }));
      return { allowed: true, retryAfterSeconds: retryAfter, count: Number(res.Attributes?.n ?? 0) };
    } catch (err) {
      if (isConditionalFailure(err)) return { allowed: false, retryAfterSeconds: retryAfter };
      throw err;
    }
  }

  /** Whether the subject has used up the current window (without counting a hit). */
  async exhausted(bucket: string, subject: string, w: Window, nowMs: number): Promise<RateDecision> {
    const { start, end } = rateWindow(w, nowMs);
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: rateKeys.counter(bucket, subject, start), ConsistentRead: true }));
    const count = Number(res.Item?.n ?? 0);
    return { allowed: count < w.limit, retryAfterSeconds: retryAfterSeconds(end, nowMs), count };
  }
}
