import { rateWindow, retryAfterSeconds, type RateCounters, type RateDecision, type Window } from '../../ports/rate-window.ts';

/** A counter's key: the rule, the subject and the start of the window `nowMs` is in. */
export function rateCounterKey(bucket: string, subject: string, w: Pick<Window, 'windowSeconds'>, nowMs: number): string {
  return `${bucket}#${subject}#${rateWindow(w, nowMs).start}`;
}

/**
 * Fixed-window counters in memory (the twin of functions/src/store/rate.ts);
 * functions/src/store/rate-contract.ts holds both to the same behaviour. Give it the memory
 * ticket store's `rateCounts` to share its counters with new tickets' `rate_count`
 * side-writes, as the DynamoDB table does. Old windows are never removed (DynamoDB's TTL
 * does that a day after a window; nothing reads an old window).
 */
export class MemoryRateCounters implements RateCounters {
  constructor(readonly counts = new Map<string, number>()) {}

  async hit(bucket: string, subject: string, w: Window, nowMs: number): Promise<RateDecision> {
    const key = rateCounterKey(bucket, subject, w, nowMs);
    const retryAfter = retryAfterSeconds(rateWindow(w, nowMs).end, nowMs);
    const count = this.counts.get(key) ?? 0;
    if (count >= w.limit) return { allowed: false, retryAfterSeconds: retryAfter };
    this.counts.set(key, count + 1);
    return { allowed: true, retryAfterSeconds: retryAfter, count: count + 1 };
  }

  async exhausted(bucket: string, subject: string, w: Window, nowMs: number): Promise<RateDecision> {
    const count = this.counts.get(rateCounterKey(bucket, subject, w, nowMs)) ?? 0;
    return { allowed: count < w.limit, retryAfterSeconds: retryAfterSeconds(rateWindow(w, nowMs).end, nowMs), count };
  }
}
