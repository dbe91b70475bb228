import { fromEpochMs, localDateOf, type WorkCalendar } from '@mashang/shared';
import type { Heartbeat, Job } from '../store/heartbeat.ts';

/** A scheduled job that has not finished a run for this long is reported stale (it runs every minute). */
export const STALE_AFTER_MS = 3 * 60_000;
/** How many years after the current one the health report looks for in the calendar. */
const LOOK_AHEAD_YEARS = 2;

export interface JobHealth {
  /** When the last run finished. */
  lastAt: string;
  /** Seconds since then. */
  ageSeconds: number;
  /** How late the last run finished after the minute it was scheduled for, seconds. */
  lagSeconds: number | null;
  stale: boolean;
  counts: Record<string, number>;
}

/** GET /api/health: no personal data, nothing that needs a sign-in. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  /** Stable codes of what is wrong: SWEEP_STALE, DISPATCH_STALE, CALENDAR_YEAR_MISSING. */
  problems: string[];
  now: string;
  sweep: JobHealth | null;
  dispatch: JobHealth | null;
  calendar: {
    /** The current year (China time). */
    year: number;
    /** Consecutive years after the current one whose holiday arrangement is loaded. */
    yearsAhead: number;
    /** The last year of that run (the current year when none ahead is known). */
    knownThrough: number | null;
    /** Years from the current one to two ahead that use the Monday–Friday fallback. */
    missingYears: number[];
  };
}

function job(beat: Heartbeat | undefined, nowMs: number): JobHealth | null {
  if (!beat) return null;
  const age = nowMs - Date.parse(beat.at);
  return { lastAt: beat.at, ageSeconds: Math.round(age / 1000), lagSeconds: beat.lagMs === undefined ? null : Math.round(beat.lagMs / 100) / 10, stale: age > STALE_AFTER_MS, counts: beat.counts };
}

/** The health report from the jobs' heartbeats and the working-day calendar. */
export function healthReport(input: { now: number; beats: Partial<Record<Job, Heartbeat>>; calendar: WorkCalendar; sweepEnabled?: boolean; dispatchEnabled?: boolean }): HealthReport {
  const nowIso = fromEpochMs(input.now);
  const year = Number(localDateOf(nowIso).slice(0, 4));
  const missingYears: number[] = [];
  for (let y = year; y <= year + LOOK_AHEAD_YEARS; y++) if (!input.calendar.isKnownYear(y)) missingYears.push(y);
  let yearsAhead = 0;
  while (yearsAhead < 50 && input.calendar.isKnownYear(year + yearsAhead + 1)) yearsAhead++;
  const sweep = job(input.beats.sweep, input.now);
  const dispatch = job(input.beats.dispatch, input.now);
  const problems: string[] = [];
  if (input.sweepEnabled !== false && (!sweep || sweep.stale)) problems.push('SWEEP_STALE');
  if (input.dispatchEnabled !== false && (!dispatch || dispatch.stale)) problems.push('DISPATCH_STALE');
  if (missingYears.includes(year) || missingYears.includes(year + 1)) problems.push('CALENDAR_YEAR_MISSING');
  return {
    status: problems.length ? 'degraded' : 'ok',
    problems,
    now: nowIso,
    sweep,
    dispatch,
    calendar: { year, yearsAhead, knownThrough: input.calendar.isKnownYear(year) ? year + yearsAhead : null, missingYears },
  };
}
