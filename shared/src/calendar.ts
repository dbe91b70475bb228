/**
 * The working-day calendar behind the "N 个工作日" time limits.
 *
 * Source of truth, highest first:
 * 1. admin overrides ({@link CalendarOverride}) — so admins can load a year the package
 *    does not know yet, or correct it, without a deploy;
 * 2. the State Council's yearly arrangement as shipped in `chinese-days`: official
 *    holidays (days off, weekends inside a holiday included) and make-up working days
 *    on weekends (调休) — except for a year an admin loaded as a whole
 *    ({@link CalendarOptions.loadedYears}), where the admin's list is the arrangement;
 * 3. Monday–Friday — for a year nobody has loaded. That fallback is wrong around every
 *    festival (it treats 元旦 and 国庆 as working days), so callers must surface
 *    {@link WorkCalendar.missingYears} to admins instead of trusting it silently.
 *
 * A year is *known* only when loaded as a whole: bundled in the package, or loaded
 * complete by an admin. A single-day correction in an unknown year does not make it
 * known (it would hide the other festivals of that year behind the fallback).
 */
import * as z from 'zod/mini';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import {
  MINUTES_PER_DAY,
  dateOfEpochDay,
  epochDayOf,
  instantAtLocal,
  localDateOf,
  LocalDateSchema,
  toEpochMs,
  fromEpochMs,
  weekdayOfEpochDay,
  type Instant,
  type LocalDate,
} from './time.ts';
import { lazySchema } from './lazy-schema.ts';

/** An admin's correction of one day; wins over the package data. */
export interface CalendarOverride {
  date: LocalDate;
  kind: 'workday' | 'holiday';
  /** Why, for the audit trail and the admin screen (e.g. "2027 年国务院通知"). */
  note?: string;
}

/**
 * The end-of-day cut-off's one valid range, minutes since local midnight: 01:00 to 24:00.
 * Used by {@link createCalendar}, the stored setting and the admin API alike.
 */
export const CUTOFF_MINUTES_MIN = 60;
export const CUTOFF_MINUTES_MAX = 1440;
/** Zod schema for the end-of-day cut-off (the admin setting). */
export const CutoffMinutesSchema = lazySchema(() => z.int('请输入整数分钟').check(z.gte(CUTOFF_MINUTES_MIN, '截止时间不能早于 01:00'), z.lte(CUTOFF_MINUTES_MAX, '截止时间不能晚于 24:00')));

/** Zod schema for {@link CalendarOverride} (admin input and stored rows). */
export const CalendarOverrideSchema = lazySchema(() => z.object({
  date: LocalDateSchema,
  kind: z.enum(['workday', 'holiday']),
  note: z.optional(z.string().check(z.maxLength(200))),
}) satisfies z.ZodMiniType<CalendarOverride>);

/** Where a day's status came from; lets the admin screen show what to fix. */
export type DaySource = 'override' | 'official' | 'weekday' | 'fallback';

/** A day as the calendar sees it. */
export interface DayInfo {
  date: LocalDate;
  working: boolean;
  /**
   * `override`: an admin said so; `official`: listed in the yearly arrangement (a
   * holiday or a 调休 make-up day); `weekday`: an ordinary day of a known year;
   * `fallback`: the year is unknown and Monday–Friday was assumed.
   */
  source: DaySource;
  /** Festival name (e.g. `国庆节`) for official days, the admin's note for overrides. */
  name?: string;
}

/** Options for {@link createCalendar}. */
export interface CalendarOptions {
  /** Admin corrections; if one date appears twice the later entry wins. */
  overrides?: readonly CalendarOverride[];
  /**
   * Years an admin loaded as a whole: known, and for them the overrides are the whole
   * arrangement (the package's data for such a year is ignored).
   */
  loadedYears?: readonly number[];
  /**
   * End of the working day in minutes since local midnight, 60..1440
   * ({@link CutoffMinutesSchema}). Default 1440 (24:00, i.e. the next day's 00:00);
   * 1050 means 17:30.
   */
  cutoffMinutes?: number;
}

/** A working-day calendar; build once with {@link createCalendar} and reuse. */
export interface WorkCalendar {
  /** End-of-working-day cut-off, minutes since local midnight (1440 = 24:00). */
  readonly cutoffMinutes: number;
  /** Whether `date` is a working day (overrides, then official data, then Mon–Fri). */
  isWorkingDay(date: LocalDate): boolean;
  /** Whether `year`'s arrangement is loaded as a whole: bundled in the package, or loaded by an admin. */
  isKnownYear(year: number): boolean;
  /**
   * Years between the two dates' years (inclusive, ascending) that are not known and
   * therefore use the Monday–Friday fallback. Empty means every date is trustworthy.
   */
  missingYears(fromDate: LocalDate, toDate: LocalDate): number[];
  /**
   * The n-th working day strictly after `date` (n ≥ 1). `date` itself never counts,
   * whether or not it is a working day — the usual rule of Chinese administrative
   * time limits.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Number of working days d with `fromDate` < d ≤ `toDate` (0 if to ≤ from). */
  countWorkingDays(fromDate: LocalDate, toDate: LocalDate): number;
  /**
   * The instant the working day `date` ends: `date` at {@link cutoffMinutes} local.
   * Does not check that `date` is a working day.
   */
  endOfWorkingDay(date: LocalDate): Instant;
  /**
   * The local date whose end-of-working-day is the first at or after `instant` —
   * the inverse of {@link endOfWorkingDay}. With the 24:00 cut-off a deadline of
   * `2026-10-13T16:00:00.000Z` (00:00 on Oct 14 local) belongs to Oct 13, not Oct 14.
   */
  deadlineDateOf(instant: Instant): LocalDate;
  /** What the calendar knows about a day and why. */
  dayInfo(date: LocalDate): DayInfo;
}

interface PackageDays {
  /** epoch day → Chinese festival name */
  holidays: ReadonlyMap<number, string>;
  workdays: ReadonlyMap<number, string>;
  years: ReadonlySet<number>;
}

let packageDays: PackageDays | undefined;

// Built lazily once per process and shared by every calendar: the sweeper creates a
// calendar per run, and re-parsing ~800 entries each time would be waste.
function loadPackageDays(): PackageDays {
  if (packageDays) return packageDays;
  const toMap = (entries: Record<string, string>): Map<number, string> => {
    const map = new Map<number, string>();
    for (const [date, value] of Object.entries(entries)) {
      // Values look like "National Day,国庆节,3": English, Chinese, festival id.
      const parts = value.split(',');
      map.set(epochDayOf(date), parts[1] ?? parts[0] ?? '');
    }
    return map;
  };
  const holidaysData: Record<string, string> = chineseDays.holidays;
  const workdaysData: Record<string, string> = chineseDays.workdays;
  const years = new Set<number>();
  for (const date of Object.keys(holidaysData)) years.add(Number(date.slice(0, 4)));
  packageDays = { holidays: toMap(holidaysData), workdays: toMap(workdaysData), years };
  return packageDays;
}

function yearOf(date: LocalDate): number {
  epochDayOf(date); // validates
  return Number(date.slice(0, 4));
}

function requireCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`Working-day count must be a positive integer: ${n}`);
  }
}

/**
 * Build a working-day calendar. Lookup tables are built here once, so keep the
 * calendar and reuse it; every query is O(1) per day examined.
 * @throws zod's error (`$ZodError`) for a malformed override, RangeError for a bad cut-off.
 */
export function createCalendar(opts: CalendarOptions = {}): WorkCalendar {
  const cutoffMinutes = opts.cutoffMinutes ?? MINUTES_PER_DAY;
  // 0 would make a day end at its own start, so a deadline "end of Oct 13" would fall
  // on Oct 12 — reject it rather than produce surprising deadlines. One range for the
  // calendar, the stored setting and the admin API (CutoffMinutesSchema).
  if (!CutoffMinutesSchema.safeParse(cutoffMinutes).success) {
    throw new RangeError(`cutoffMinutes must be an integer in ${CUTOFF_MINUTES_MIN}..${CUTOFF_MINUTES_MAX}: ${cutoffMinutes}`);
  }
  const overrides = z.array(CalendarOverrideSchema).parse(opts.overrides ?? []);
  const pkg = loadPackageDays();

  const overrideByDay = new Map<number, { working: boolean; note?: string }>();
  for (const o of overrides) {
    overrideByDay.set(epochDayOf(o.date), {
      working: o.kind === 'workday',
      ...(o.note === undefined ? {} : { note: o.note }),
    });
  }
  const loadedYears = new Set(z.array(z.int().check(z.gte(1900), z.lte(2200))).parse(opts.loadedYears ?? []));

  const isKnownYear = (year: number): boolean => pkg.years.has(year) || loadedYears.has(year);
  // The package's entry for a day, unless an admin loaded that day's year as a whole.
  const loadedRanges = [...loadedYears].map((y) => [epochDayOf(`${y}-01-01`), epochDayOf(`${y}-12-31`)] as const);
  const packageDay = (day: number, table: ReadonlyMap<number, string>): string | undefined =>
    loadedRanges.some(([from, to]) => day >= from && day <= to) ? undefined : table.get(day);

  const isWorkingEpochDay = (day: number): boolean => {
    const o = overrideByDay.get(day);
    if (o !== undefined) return o.working;
    if (packageDay(day, pkg.workdays) !== undefined) return true;
    if (packageDay(day, pkg.holidays) !== undefined) return false;
    const wd = weekdayOfEpochDay(day);
    return wd !== 0 && wd !== 6;
  };

  const cutoffMs = cutoffMinutes * 60_000;

  return Object.freeze({
    cutoffMinutes,

    isWorkingDay: (date: LocalDate): boolean => isWorkingEpochDay(epochDayOf(date)),

    isKnownYear,

    missingYears(fromDate: LocalDate, toDate: LocalDate): number[] {
      let from = yearOf(fromDate);
      let to = yearOf(toDate);
      if (from > to) [from, to] = [to, from];
      const missing: number[] = [];
      for (let y = from; y <= to; y++) if (!isKnownYear(y)) missing.push(y);
      return missing;
    },

    addWorkingDays(date: LocalDate, n: number): LocalDate {
      requireCount(n);
      // One pass, one set lookup per calendar day: linear in the span. The fallback
      // guarantees five working days a week, so the loop always terminates.
      let day = epochDayOf(date);
      let left = n;
      while (left > 0) {
        day++;
        if (isWorkingEpochDay(day)) left--;
      }
      return dateOfEpochDay(day);
    },

    countWorkingDays(fromDate: LocalDate, toDate: LocalDate): number {
      const to = epochDayOf(toDate);
      let count = 0;
      for (let day = epochDayOf(fromDate) + 1; day <= to; day++) if (isWorkingEpochDay(day)) count++;
      return count;
    },

    endOfWorkingDay: (date: LocalDate): Instant => instantAtLocal(date, cutoffMinutes),

    deadlineDateOf(instant: Instant): LocalDate {
      // Shift by the cut-off so that end(d) maps to d, then round up to the next
      // cut-off: anything in (end(d-1), end(d)] belongs to d.
      return localDateOf(fromEpochMs(toEpochMs(instant) - cutoffMs + MINUTES_PER_DAY * 60_000 - 1));
    },

    dayInfo(date: LocalDate): DayInfo {
      const day = epochDayOf(date);
      const o = overrideByDay.get(day);
      if (o !== undefined) {
        return { date, working: o.working, source: 'override', ...(o.note === undefined ? {} : { name: o.note }) };
      }
      const work = packageDay(day, pkg.workdays);
      if (work !== undefined) return { date, working: true, source: 'official', name: work };
      const holiday = packageDay(day, pkg.holidays);
      if (holiday !== undefined) return { date, working: false, source: 'official', name: holiday };
      return {
        date,
        working: isWorkingEpochDay(day),
        source: isKnownYear(Number(date.slice(0, 4))) ? 'weekday' : 'fallback',
      };
    },
  });
}
