import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { CalendarOverrideSchema, createCalendar, type CalendarOverride } from './calendar.ts';
import { addLocalDays, dateOfEpochDay, epochDayOf, localDateOf, fromEpochMs, toEpochMs } from './time.ts';

const calendar = createCalendar();

/** Dates from..to inclusive. */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = epochDayOf(from); d <= epochDayOf(to); d++) out.push(dateOfEpochDay(d));
  return out;
}

describe('the package data is the State Council arrangement we expect', () => {
  // If an update of chinese-days changes any of this, the expectations below must be
  // re-checked against the official notice before the package is upgraded.
  it.each([
    ['Spring Festival 2025', range('2025-01-28', '2025-02-04'), ['2025-01-26', '2025-02-08'], '春节'],
    ['Spring Festival 2026', range('2026-02-15', '2026-02-23'), ['2026-02-14', '2026-02-28'], '春节'],
    ['National Day 2025 (with Mid-autumn on Oct 6)', range('2025-10-01', '2025-10-08'), ['2025-09-28', '2025-10-11'], undefined],
    ['National Day 2026', range('2026-10-01', '2026-10-07'), ['2026-09-20', '2026-10-10'], '国庆节'],
    ['New Year 2026', range('2026-01-01', '2026-01-03'), ['2026-01-04'], '元旦'],
  ])('%s: days off and make-up working days', (_name, daysOff, makeUpDays, festival) => {
    for (const date of daysOff) {
      const info = calendar.dayInfo(date);
      expect(info, date).toMatchObject({ working: false, source: 'official' });
      if (festival) expect(info.name).toBe(festival);
    }
    for (const date of makeUpDays) {
      expect(calendar.dayInfo(date), date).toMatchObject({ working: true, source: 'official' });
    }
  });

  it('make-up days fall on weekends: Sun 2025-09-28, Sat 2025-10-11, Sat 2026-10-10', () => {
    expect(calendar.dayInfo('2025-09-28')).toEqual({ date: '2025-09-28', working: true, source: 'official', name: '国庆节' });
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('ordinary weekends and weekdays of a known year are "weekday" days', () => {
    expect(calendar.dayInfo('2026-10-17')).toEqual({ date: '2026-10-17', working: false, source: 'weekday' });
    expect(calendar.dayInfo('2026-10-14')).toEqual({ date: '2026-10-14', working: true, source: 'weekday' });
  });
});

describe('addWorkingDays: the n-th working day strictly after the date', () => {
  it.each([
    ['PRODUCT.md example: Wed 2026-09-30 + 5 → Oct 8, 9, 10 (Sat make-up), 12, 13', '2026-09-30', 5, '2026-10-13'],
    ['PRODUCT.md example, 10th working day: … 14, 15, 16, 19, 20', '2026-09-30', 10, '2026-10-20'],
    ['Spring Festival 2025 (off Jan 28–Feb 4, make-up Sun Jan 26): Fri Jan 24 + 5', '2025-01-24', 5, '2025-02-07'],
    ['Spring Festival 2025 (make-up Sat Feb 8 counts): Fri Jan 24 + 10', '2025-01-24', 10, '2025-02-13'],
    ['Spring Festival 2026 (off Feb 15–23, make-up Sat Feb 14): Thu Feb 12 + 5', '2026-02-12', 5, '2026-02-26'],
    ['Spring Festival 2026 (make-up Sat Feb 28 counts): Thu Feb 12 + 10', '2026-02-12', 10, '2026-03-04'],
    ['National Day 2025 (make-up Sun Sep 28, off Oct 1–8): Fri Sep 26 + 5', '2025-09-26', 5, '2025-10-10'],
    ['National Day 2025 (make-up Sat Oct 11 counts): Fri Sep 26 + 10', '2025-09-26', 10, '2025-10-16'],
    ['received on a holiday (Sat 2026-10-03, National Day): same as from Sep 30', '2026-10-03', 5, '2026-10-13'],
    ['received on a holiday (Wed 2025-10-01): Oct 9, 10, 11 (Sat make-up), 13, 14', '2025-10-01', 5, '2025-10-14'],
    ['received on an ordinary Sunday: the weekend does not count', '2026-10-18', 1, '2026-10-19'],
    ['New Year 2026 (off Jan 1–3, make-up Sun Jan 4): Wed 2025-12-31 + 5', '2025-12-31', 5, '2026-01-08'],
    ['New Year 2026: Wed 2025-12-31 + 1 is the make-up Sunday Jan 4', '2025-12-31', 1, '2026-01-04'],
    ['urgent policy, 1 working day: Thu 2026-10-08 + 1 is Fri Oct 9', '2026-10-08', 1, '2026-10-09'],
  ])('%s', (_name, date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
    expect(calendar.countWorkingDays(date, expected)).toBe(n);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects n = %s', (n) => {
    expect(() => calendar.addWorkingDays('2026-09-30', n)).toThrow(RangeError);
  });

  it('is linear: ten years of working days in one call agree with the day count', () => {
    const end = calendar.addWorkingDays('2025-01-01', 2500);
    expect(calendar.countWorkingDays('2025-01-01', end)).toBe(2500);
    expect(calendar.isWorkingDay(end)).toBe(true);
  });
});

describe('T0’s date is the Shanghai date (the UTC day boundary is 16:00Z)', () => {
  it.each([
    ['Thu 2026-10-08 23:59 local counts from Oct 8', '2026-10-08T15:59:00.000Z', '2026-10-08', '2026-10-14'],
    ['Fri 2026-10-09 00:00 local counts from Oct 9 although UTC says Oct 8', '2026-10-08T16:00:00.000Z', '2026-10-09', '2026-10-15'],
    ['Wed 2025-12-31 23:59 local counts from 2025-12-31', '2025-12-31T15:59:00.000Z', '2025-12-31', '2026-01-08'],
    ['Thu 2026-01-01 00:00 local counts from New Year’s Day (both reach Jan 8: Jan 1–3 are off)', '2025-12-31T16:00:00.000Z', '2026-01-01', '2026-01-08'],
  ])('%s', (_name, t0, date, fifth) => {
    expect(localDateOf(t0)).toBe(date);
    expect(calendar.addWorkingDays(localDateOf(t0), 5)).toBe(fifth);
  });
});

describe('a year without official data falls back to Monday–Friday and is reported', () => {
  it('the installed chinese-days knows 2025 and 2026 but not 2027', () => {
    expect(calendar.isKnownYear(2025)).toBe(true);
    expect(calendar.isKnownYear(2026)).toBe(true);
    expect(calendar.isKnownYear(2027)).toBe(false);
  });

  it.each([
    ['New Year’s Day 2027 (Fri) is wrongly a working day under the fallback', '2027-01-01', true],
    ['Fri 2027-10-01 (National Day) is wrongly a working day under the fallback', '2027-10-01', true],
    ['Sat 2027-01-02 is a day off', '2027-01-02', false],
    ['Sun 2027-10-03 is a day off', '2027-10-03', false],
  ])('%s', (_name, date, working) => {
    expect(calendar.dayInfo(date)).toEqual({ date, working, source: 'fallback' });
  });

  it('Wed 2026-12-30 + 5 working days crosses into 2027: Dec 31, Jan 1, 4, 5, 6', () => {
    expect(calendar.addWorkingDays('2026-12-30', 5)).toBe('2027-01-06');
    expect(calendar.missingYears('2026-12-30', '2027-01-06')).toEqual([2027]);
  });

  it.each([
    ['2025-01-24', '2025-02-13', []],
    ['2025-12-31', '2026-01-15', []],
    ['2026-12-30', '2028-03-01', [2027, 2028]],
    ['2027-01-06', '2026-12-30', [2027]],
  ])('missingYears(%s, %s) = %j', (from, to, expected) => {
    expect(calendar.missingYears(from, to)).toEqual(expected);
  });
});

describe('admin overrides win over the package data', () => {
  it('a holiday turned into a working day: 2026-10-07 → Sep 30 + 5 is Oct 12', () => {
    const cal = createCalendar({ overrides: [{ date: '2026-10-07', kind: 'workday', note: '示例：调整' }] });
    expect(cal.isWorkingDay('2026-10-07')).toBe(true);
    expect(cal.dayInfo('2026-10-07')).toEqual({ date: '2026-10-07', working: true, source: 'override', name: '示例：调整' });
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-12');
  });

  it('a working day turned into a holiday: 2026-10-08 → Sep 30 + 5 is Oct 14', () => {
    const cal = createCalendar({ overrides: [{ date: '2026-10-08', kind: 'holiday' }] });
    expect(cal.isWorkingDay('2026-10-08')).toBe(false);
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-14');
  });

  it('a make-up Saturday can be cancelled: 2026-10-10 → Sep 30 + 5 is Oct 14', () => {
    const cal = createCalendar({ overrides: [{ date: '2026-10-10', kind: 'holiday' }] });
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-14');
  });

  it('a single override does not make a year known: 2027 stays on the fallback until loaded as a whole', () => {
    const cal = createCalendar({ overrides: [{ date: '2027-01-01', kind: 'holiday', note: '元旦' }] });
    expect(cal.isKnownYear(2027)).toBe(false);
    expect(cal.missingYears('2026-12-30', '2027-01-07')).toEqual([2027]);
    expect(cal.dayInfo('2027-01-04').source).toBe('fallback');
    // The override itself still counts.
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
  });

  it('loading 2027 as a whole makes the year known and its holidays count', () => {
    const overrides = [
      { date: '2027-01-01', kind: 'holiday' as const, note: '元旦' },
      { date: '2027-01-02', kind: 'holiday' as const },
      { date: '2027-01-03', kind: 'holiday' as const },
    ];
    const cal = createCalendar({ overrides, loadedYears: [2027] });
    expect(cal.isKnownYear(2027)).toBe(true);
    expect(cal.missingYears('2026-12-30', '2027-01-07')).toEqual([]);
    expect(cal.dayInfo('2027-01-04').source).toBe('weekday');
    // Dec 31, then Jan 4, 5, 6, 7 — Jan 1 no longer counts.
    expect(cal.addWorkingDays('2026-12-30', 5)).toBe('2027-01-07');
    // Only this calendar is affected: the shared package tables are not mutated.
    expect(calendar.isKnownYear(2027)).toBe(false);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
  });

  it('an admin-loaded year replaces the bundled arrangement of that year', () => {
    // 2026-10-01..07 are bundled holidays; a full 2026 load that lists none of them makes them ordinary days.
    const cal = createCalendar({ overrides: [{ date: '2026-01-01', kind: 'holiday' }], loadedYears: [2026] });
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isWorkingDay('2026-10-01')).toBe(true);
    expect(cal.isWorkingDay('2026-01-01')).toBe(false);
    // Other bundled years keep the package data.
    expect(cal.isWorkingDay('2025-10-01')).toBe(false);
  });

  it('when a date is overridden twice the later entry wins', () => {
    const cal = createCalendar({
      overrides: [
        { date: '2026-10-08', kind: 'holiday' },
        { date: '2026-10-08', kind: 'workday' },
      ],
    });
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
  });

  it.each([
    [{ date: '2026-02-30', kind: 'holiday' }, 'an impossible date'],
    [{ date: '2026-10-08', kind: 'weekend' }, 'an unknown kind'],
    [{ date: '2026/10/08', kind: 'holiday' }, 'a badly formatted date'],
  ])('CalendarOverrideSchema rejects %o (%s)', (value) => {
    expect(CalendarOverrideSchema.safeParse(value).success).toBe(false);
    // createCalendar validates too, so a bad stored row cannot silently shift deadlines.
    expect(() => createCalendar({ overrides: [value as unknown as CalendarOverride] })).toThrow();
  });
});

describe('end of the working day and its inverse', () => {
  it.each([
    [1440, '2026-10-13', '2026-10-13T16:00:00.000Z', 'default 24:00 is 00:00 of the 14th local'],
    [1050, '2026-10-13', '2026-10-13T09:30:00.000Z', '17:30 cut-off'],
    [1440, '2025-12-31', '2025-12-31T16:00:00.000Z', '24:00 on New Year’s Eve is still 2025’s deadline'],
  ])('cut-off %i: end of %s is %s (%s)', (cutoffMinutes, date, instant) => {
    const cal = createCalendar({ cutoffMinutes });
    expect(cal.cutoffMinutes).toBe(cutoffMinutes);
    expect(cal.endOfWorkingDay(date)).toBe(instant);
    expect(cal.deadlineDateOf(instant)).toBe(date);
  });

  it.each([
    [1440, '2026-10-13T15:59:59.999Z', '2026-10-13', 'just before 24:00'],
    [1440, '2026-10-13T16:00:00.001Z', '2026-10-14', 'just after 24:00'],
    [1050, '2026-10-13T04:00:00.000Z', '2026-10-13', 'noon belongs to the same day’s 17:30'],
    [1050, '2026-10-13T09:30:00.001Z', '2026-10-14', 'after 17:30 belongs to the next day'],
  ])('cut-off %i: deadlineDateOf(%s) = %s (%s)', (cutoffMinutes, instant, date) => {
    expect(createCalendar({ cutoffMinutes }).deadlineDateOf(instant)).toBe(date);
  });

  it('the default cut-off is 24:00', () => {
    expect(calendar.cutoffMinutes).toBe(1440);
  });

  it.each([0, 1, 59, 1441, 17.5, -60])('rejects cut-off %s', (cutoffMinutes) => {
    expect(() => createCalendar({ cutoffMinutes })).toThrow(RangeError);
  });
});

describe('properties over 2025–2026', () => {
  const t0Arb = fc.integer({ min: toEpochMs('2025-01-01T00:00:00.000+08:00'), max: toEpochMs('2026-12-31T23:59:59.999+08:00') });

  it('addWorkingDays(d, n) is a working day after d with exactly n working days in (d, result]', () => {
    fc.assert(
      fc.property(t0Arb, fc.integer({ min: 1, max: 30 }), (ms, n) => {
        const d = localDateOf(fromEpochMs(ms));
        const result = calendar.addWorkingDays(d, n);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(result > d).toBe(true);
        let count = 0;
        for (let day = addLocalDays(d, 1); day <= result; day = addLocalDays(day, 1)) {
          if (calendar.isWorkingDay(day)) count++;
        }
        expect(count).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});
