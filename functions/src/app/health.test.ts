import { createCalendar } from '@mashang/shared';
import { describe, expect, it } from 'vitest';
import type { Heartbeat } from '../store/heartbeat.ts';
import { healthReport } from './health.ts';

const NOW = Date.parse('2026-11-30T04:00:00.000Z');
const beat = (job: Heartbeat['job'], secondsAgo: number, lagMs?: number): Heartbeat => ({ job, at: new Date(NOW - secondsAgo * 1000).toISOString(), lagMs, durationMs: 800, counts: { due: 2 } });

describe('health report', () => {
  it('is ok while both jobs ran within 3 minutes and next year is known; lag and age in seconds', () => {
    const calendar = createCalendar({ overrides: [{ date: '2027-01-01', kind: 'holiday' }], loadedYears: [2027] });
    const r = healthReport({ now: NOW, beats: { sweep: beat('sweep', 20, 3_456), dispatch: beat('dispatch', 50) }, calendar });
    expect(r).toMatchObject({ status: 'ok', problems: [], now: '2026-11-30T04:00:00.000Z' });
    expect(r.sweep).toEqual({ lastAt: '2026-11-30T03:59:40.000Z', ageSeconds: 20, lagSeconds: 3.5, stale: false, counts: { due: 2 } });
    expect(r.dispatch?.lagSeconds).toBeNull();
    expect(r.calendar).toEqual({ year: 2026, yearsAhead: 1, knownThrough: 2027, missingYears: [2028] });
  });

  it('reports a sweeper silent for more than 3 minutes, a dispatcher that never ran, and a missing next year', () => {
    const r = healthReport({ now: NOW, beats: { sweep: beat('sweep', 181) }, calendar: createCalendar() });
    expect(r.status).toBe('degraded');
    expect(r.problems).toEqual(['SWEEP_STALE', 'DISPATCH_STALE', 'CALENDAR_YEAR_MISSING']);
    expect(r.sweep?.stale).toBe(true);
    expect(r.dispatch).toBeNull();
    // The installed chinese-days knows 2026 but not 2027.
    expect(r.calendar).toEqual({ year: 2026, yearsAhead: 0, knownThrough: 2026, missingYears: [2027, 2028] });
  });

  it('does not count a job switched off for the stage', () => {
    const calendar = createCalendar({ overrides: [{ date: '2027-01-01', kind: 'holiday' }], loadedYears: [2027] });
    const r = healthReport({ now: NOW, beats: {}, calendar, sweepEnabled: false, dispatchEnabled: false });
    expect(r.status).toBe('ok');
  });

  it('uses China time for the year: 2026-12-31T16:00Z is already 2027', () => {
    const r = healthReport({ now: Date.parse('2026-12-31T16:00:00.000Z'), beats: {}, calendar: createCalendar() });
    expect(r.calendar.year).toBe(2027);
    expect(r.calendar.knownThrough).toBeNull();
  });
});
