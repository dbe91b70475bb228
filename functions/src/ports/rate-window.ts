/**
 * Fixed rate-limit windows: time is cut into windows of `windowSeconds` aligned to the Unix
 * epoch. Shared by the limiter (functions/src/app/rate-limits.ts) and the stores that keep the
 * counters (functions/src/store/rate.ts, the in-memory twin).
 */
export interface Window {
  limit: number;
  windowSeconds: number;
}

/** The window `nowMs` is in: aligned to the epoch, `windowSeconds` long. */
export function rateWindow(w: Pick<Window, 'windowSeconds'>, nowMs: number): { start: number; end: number } {
  const size = w.windowSeconds * 1000;
  const start = Math.floor(nowMs / size) * size;
  return { start, end: start + size };
}

/** Seconds until the window ends (when a refused subject may try again): at least 1. */
export function retryAfterSeconds(endMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((endMs - nowMs) / 1000));
}

/** What a counter said about one hit or look. */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window ends (when a refused subject may try again). */
  retryAfterSeconds: number;
  count?: number;
}

/**
 * Fixed-window counters shared by every Lambda instance (the limiter, functions/src/app/rate-limits.ts).
 * A counter is named by a rule (`bucket`) and a subject; a new ticket's `rate_count` side-write
 * (functions/src/ports/tickets.ts) counts on the same counter. Implemented for DynamoDB by
 * functions/src/store/rate.ts and in memory by functions/src/store/memory/rate.ts;
 * functions/src/store/rate-contract.ts holds both to the same behaviour.
 */
export interface RateCounters {
  /** Counts one hit if the subject is under its limit in the window `nowMs` is in; a refused hit counts nothing. */
  hit(bucket: string, subject: string, w: Window, nowMs: number): Promise<RateDecision>;
  /** Whether the subject has used up the window `nowMs` is in, without counting a hit. */
  exhausted(bucket: string, subject: string, w: Window, nowMs: number): Promise<RateDecision>;
}
