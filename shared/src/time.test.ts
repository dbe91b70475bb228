import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  addMinutes,
  dateOfEpochDay,
  epochDayOf,
  formatLocal,
  fromEpochMs,
  instantAtLocal,
  InstantSchema,
  isInstant,
  isLocalDate,
  localDateOf,
  localDateTimeOf,
  toEpochMs,
  weekdayOf,
} from './time.ts';

// These tests run under TZ=America/New_York (root vitest config) and TZ=UTC; every
// expectation is written in Shanghai time, so any leak of the host zone fails them.

describe('localDateOf: the Shanghai date, whose day starts at 16:00Z', () => {
  it.each([
    ['2026-09-30T02:00:00.000Z', '2026-09-30', 'Wed 10:00 local'],
    ['2026-09-30T15:59:00.000Z', '2026-09-30', '23:59 local is still the same day'],
    ['2026-09-30T15:59:59.999Z', '2026-09-30', 'last millisecond of the local day'],
    ['2026-09-30T16:00:00.000Z', '2026-10-01', '00:00 local is the next day although UTC still says Sep 30'],
    ['2025-12-31T15:59:00.000Z', '2025-12-31', 'New Year’s Eve 23:59 local'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01', 'New Year 00:00 local while UTC is still in 2025'],
    ['2026-10-08T16:00:00.000Z', '2026-10-09', 'UTC date Oct 8, Shanghai date Oct 9'],
    ['2026-09-30T10:00:00.000+08:00', '2026-09-30', 'an explicit +08:00 offset is honoured'],
  ])('%s → %s (%s)', (instant, date) => {
    expect(localDateOf(instant)).toBe(date);
  });
});

describe('localDateTimeOf: date and minutes since local midnight', () => {
  it.each([
    ['2026-09-30T02:00:00.000Z', { date: '2026-09-30', minutes: 600 }],
    ['2026-09-30T15:59:59.999Z', { date: '2026-09-30', minutes: 1439 }],
    ['2026-09-30T16:00:00.000Z', { date: '2026-10-01', minutes: 0 }],
    ['2025-02-03T09:30:45.000Z', { date: '2025-02-03', minutes: 1050 }],
  ])('%s → %o', (instant, expected) => {
    expect(localDateTimeOf(instant)).toEqual(expected);
  });
});

describe('instantAtLocal: a Shanghai wall-clock time as a UTC instant', () => {
  it.each([
    ['2026-09-30', 600, '2026-09-30T02:00:00.000Z', '10:00'],
    ['2026-10-01', 0, '2026-09-30T16:00:00.000Z', '00:00 is 16:00Z the day before'],
    ['2026-10-13', 1440, '2026-10-13T16:00:00.000Z', '24:00 is the next day’s 00:00'],
    ['2026-10-13', 1050, '2026-10-13T09:30:00.000Z', '17:30 cut-off'],
    ['2025-12-31', 1440, '2025-12-31T16:00:00.000Z', '24:00 on New Year’s Eve'],
  ])('%s + %i min → %s (%s)', (date, minutes, instant) => {
    expect(instantAtLocal(date, minutes)).toBe(instant);
    if (minutes < 1440) expect(localDateTimeOf(instant)).toEqual({ date, minutes });
  });

  it.each([-1, 1441, 10.5, Number.NaN])('rejects %s minutes', (minutes) => {
    expect(() => instantAtLocal('2026-09-30', minutes)).toThrow(RangeError);
  });
});

describe('addLocalDays and weekdayOf: pure calendar arithmetic', () => {
  it.each([
    ['2026-09-30', 1, '2026-10-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2025-01-24', 14, '2025-02-07'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s %+i days → %s', (date, n, expected) => {
    expect(addLocalDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-09-30', 3, 'Wednesday'],
    ['2026-10-10', 6, 'Saturday (a make-up working day)'],
    ['2025-09-28', 0, 'Sunday (a make-up working day)'],
    ['2025-01-01', 3, 'Wednesday'],
    ['2027-01-01', 5, 'Friday'],
    ['1970-01-01', 4, 'Thursday, the epoch'],
  ])('%s is weekday %i (%s)', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it('epoch days round-trip for every day of 2025 and 2026', () => {
    for (let day = epochDayOf('2025-01-01'); day <= epochDayOf('2026-12-31'); day++) {
      expect(epochDayOf(dateOfEpochDay(day))).toBe(day);
    }
    expect(dateOfEpochDay(epochDayOf('2025-01-01') + 730)).toBe('2027-01-01');
  });
});

describe('addMinutes and formatLocal', () => {
  it.each([
    ['2026-09-30T15:45:00.000Z', 30, '2026-09-30T16:15:00.000Z', '2026-10-01 00:15'],
    ['2026-09-30T02:00:00.000Z', 1440, '2026-10-01T02:00:00.000Z', '2026-10-01 10:00'],
    ['2025-12-31T15:59:00.000Z', 1, '2025-12-31T16:00:00.000Z', '2026-01-01 00:00'],
    ['2026-10-13T16:00:00.000Z', -1, '2026-10-13T15:59:00.000Z', '2026-10-13 23:59'],
  ])('%s + %i min = %s, shown as %s', (instant, n, expected, shown) => {
    expect(addMinutes(instant, n)).toBe(expected);
    expect(formatLocal(expected)).toBe(shown);
  });
});

describe('parsing refuses what Date.parse would get wrong', () => {
  it.each([
    ['2026-09-30T10:00:00', 'no offset: Date.parse would use the host zone'],
    ['2026-02-30T00:00:00.000Z', 'Feb 30: Date.parse rolls over to March'],
    ['2026-09-30T24:00:00.000Z', 'hour 24'],
    ['2026-09-30', 'a date is not an instant'],
    ['', 'empty'],
  ])('rejects %j (%s)', (value) => {
    expect(isInstant(value)).toBe(false);
    expect(() => toEpochMs(value)).toThrow(RangeError);
  });

  it.each(['2026-02-29', '2025-13-01', '2026-9-30', '2026-04-31'])('rejects the local date %j', (value) => {
    expect(isLocalDate(value)).toBe(false);
    expect(() => epochDayOf(value)).toThrow(RangeError);
  });

  it('normalises offsets and precision to the canonical UTC form', () => {
    expect(fromEpochMs(toEpochMs('2026-09-30T10:00+08:00'))).toBe('2026-09-30T02:00:00.000Z');
    expect(fromEpochMs(toEpochMs('2026-09-30T02:00:00.1239Z'))).toBe('2026-09-30T02:00:00.123Z');
    expect(toEpochMs('2026-09-30T02:00:00.000Z')).toBe(Date.UTC(2026, 8, 30, 2));
  });

  it('InstantSchema accepts only the canonical stored form', () => {
    expect(InstantSchema.safeParse('2026-09-30T02:00:00.000Z').success).toBe(true);
    expect(InstantSchema.safeParse('2026-09-30T02:00:00Z').success).toBe(false);
    expect(InstantSchema.safeParse('2026-09-30T10:00:00.000+08:00').success).toBe(false);
  });
});
