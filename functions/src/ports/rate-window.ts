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
