import { describe, expect, it } from 'vitest';
import { createCalendar, type WorkCalendar } from './calendar.ts';
import { computeClocks, DEFAULT_POLICY, extendClock, restartClock, URGENT_POLICY, workingWarnAt } from './sla.ts';
import { fromEpochMs, toEpochMs } from './time.ts';

/**
 * Yellow cards (黄牌) of the working-day clocks come at 80 % of the WORKING time: the end
 * of the 4th of 5 working days, the 8th of 10 — never on a holiday, a weekend or a night
 * between working days. respond and classify stay on the wall clock.
 */
const calendar = createCalendar();
const calendar1730 = createCalendar({ cutoffMinutes: 1050 });

/** The day an instant belongs to, as for deadlines: an end-of-day instant (24:00) belongs to the day it ends. */
function warnDay(cal: WorkCalendar, instant: string): string {
  return cal.deadlineDateOf(instant);
}

describe('yellow cards of working-day clocks: 80 % of the working time', () => {
  it('received Wed 2026-09-30 (National Day): resolve yellow at the end of Mon Oct 12 (4th of 5), not Sun Oct 11 06:48', () => {
    const c = computeClocks('2026-09-30T02:00:00.000Z', DEFAULT_POLICY, calendar);
    expect(c.resolve.warnAt).toBe('2026-10-12T16:00:00.000Z');
    expect(c.followUp.warnAt).toBe('2026-10-16T16:00:00.000Z'); // end of the 8th of 10: Fri Oct 16
    // The wall clock stays for respond and classify: 24 min and 19 h 12 min.
    expect(c.respond.warnAt).toBe('2026-09-30T02:24:00.000Z');
    expect(c.classify.warnAt).toBe('2026-09-30T21:12:00.000Z');
  });

  it('an urgent 1-working-day request received on Friday: yellow on Monday 19:12, not Monday 06:48', () => {
    // Fri 2026-11-27 10:00 local; the one working day is Mon Nov 30.
    const c = computeClocks('2026-11-27T02:00:00.000Z', URGENT_POLICY, calendar);
    expect(c.resolve.dueAt).toBe('2026-11-30T16:00:00.000Z');
    expect(c.resolve.warnAt).toBe('2026-11-30T11:12:00.000Z');
  });

  it('with a 17:30 cut-off the working day is 00:00–17:30 and the yellow card is the end of the 4th day at 17:30', () => {
    const c = computeClocks('2026-09-30T02:00:00.000Z', DEFAULT_POLICY, calendar1730);
    expect(c.resolve.warnAt).toBe('2026-10-12T09:30:00.000Z');
  });

  it('a reopened request and an extension get their yellow card by working time too', () => {
    const restarted = restartClock('resolve', '2026-09-30T02:00:00.000Z', DEFAULT_POLICY, calendar);
    expect(restarted.warnAt).toBe('2026-10-12T16:00:00.000Z');
    const extended = extendClock(restarted, 5, calendar); // 10 working days → end of the 8th (Oct 16)
    expect(extended.warnAt).toBe('2026-10-16T16:00:00.000Z');
  });

  it('workingWarnAt falls back to the wall clock for a window without working days', () => {
    expect(workingWarnAt('2026-10-01T00:00:00.000Z', '2026-10-01T10:00:00.000Z', calendar)).toBe('2026-10-01T08:00:00.000Z');
  });

  it('property: every start time in 2026 (every hour, and the last millisecond of every day — the working-day clocks depend only on the local date of the start), both cut-offs, 1/3/5/10 working days: the yellow card is on a working day, inside the window', () => {
    const start = toEpochMs('2025-12-31T16:00:00.000Z');
    const end = toEpochMs('2026-12-31T16:00:00.000Z');
    let checked = 0;
    for (const cal of [calendar, calendar1730]) {
      for (const [resolveWorkingDays, followUpWorkingDays] of [
        [5, 10],
        [1, 3],
      ] as const) {
        const policy = { ...DEFAULT_POLICY, resolveWorkingDays, followUpWorkingDays };
        const starts: number[] = [];
        for (let ms = start; ms < end; ms += 3_600_000) starts.push(ms);
        for (let ms = start + 86_400_000 - 1; ms < end; ms += 86_400_000) starts.push(ms);
        for (const ms of starts) {
          const c = computeClocks(fromEpochMs(ms), policy, cal);
          for (const clock of [c.resolve, c.followUp]) {
            const w = toEpochMs(clock.warnAt);
            if (!(w > ms && w < toEpochMs(clock.dueAt))) throw new Error(`warnAt outside the window for ${fromEpochMs(ms)}`);
            const day = warnDay(cal, clock.warnAt);
            if (!cal.isWorkingDay(day)) throw new Error(`yellow card on a non-working day ${day} for ${fromEpochMs(ms)}`);
            // Within that working day: not before its midnight, not after its cut-off.
            const endOfDay = toEpochMs(cal.endOfWorkingDay(day));
            if (w > endOfDay || w <= endOfDay - cal.cutoffMinutes * 60_000) throw new Error(`yellow card outside working hours for ${fromEpochMs(ms)}`);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(2 * 2 * 2 * 365 * 25);
  }, 60_000);
});
