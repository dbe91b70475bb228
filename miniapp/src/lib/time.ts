import { formatLocal, toEpochMs } from '@mashang/shared/time';

/**
 * Shanghai-time display helpers. The phone's own zone never matters: the shared
 * time module computes with a fixed UTC+8 offset.
 */

/** `2026-10-08 14:30` (Shanghai), or the raw string if it is not an instant. */
export function formatTime(instant: string): string {
  try {
    return formatLocal(instant);
  } catch {
    return instant;
  }
}

/**
 * A deadline for people: an end-of-day deadline (00:00 of the next day) reads
 * `2026-10-13 24:00`, which is how the promise "5个工作日内" is understood.
 */
export function formatDue(instant: string): string {
  try {
    const ms = toEpochMs(instant);
    const text = formatLocal(instant);
    if (!text.endsWith(' 00:00')) return text;
    return `${formatLocal(new Date(ms - 60_000).toISOString()).slice(0, 10)} 24:00`;
  } catch {
    return instant;
  }
}

/** Milliseconds since the epoch, or NaN when the string is not an instant. */
export function epochMs(instant: string): number {
  try {
    return toEpochMs(instant);
  } catch {
    return Number.NaN;
  }
}
