import { addLocalDays, dateOfEpochDay, epochDayOf, fromEpochMs, isLocalDate, localDateOf, weekdayOf, type LocalDate } from '@mashang/shared/time';

/**
 * Report periods for the supervisors' pages, computed in Shanghai time from an
 * epoch-milliseconds "now" (the phone's zone never matters: the shared time
 * module uses a fixed UTC+8 offset).
 */

/** The quick choices of the period picker. */
export const PERIOD_KINDS = ['thisMonth', 'lastMonth', 'thisWeek', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_LABELS: Record<PeriodKind, string> = {
  thisMonth: '本月',
  lastMonth: '上月',
  thisWeek: '本周',
  custom: '自定义',
};

/** An inclusive range of Shanghai dates, as the report routes take it (`from`, `to`). */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** The reports refuse a period longer than this (ReportQuerySchema). */
export const MAX_PERIOD_DAYS = 366;

/** Today's Shanghai date. */
export function todayIn(nowMs: number): LocalDate {
  return localDateOf(fromEpochMs(nowMs));
}

/** `YYYY-MM` of a date. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

/** The month `n` months after `month` (`YYYY-MM`; n may be negative). */
export function shiftMonth(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const mm = index - year * 12 + 1;
  return `${year}-${mm < 10 ? `0${mm}` : mm}`;
}

/** First and last day of a `YYYY-MM` month. */
export function monthRange(month: string): DateRange {
  const from = `${month}-01`;
  const to = dateOfEpochDay(epochDayOf(`${shiftMonth(month, 1)}-01`) - 1);
  return { from, to };
}

/**
 * The dates of a quick period on `today`: this month and this week run up to
 * today (no empty future days in the trend); last month is the whole month.
 * Weeks start on Monday, as Chinese calendars and offices count them.
 */
export function quickRange(kind: Exclude<PeriodKind, 'custom'>, today: LocalDate): DateRange {
  switch (kind) {
    case 'thisMonth':
      return { from: `${monthOf(today)}-01`, to: today };
    case 'lastMonth':
      return monthRange(shiftMonth(monthOf(today), -1));
    case 'thisWeek': {
      const sinceMonday = (weekdayOf(today) + 6) % 7;
      return { from: addLocalDays(today, -sinceMonday), to: today };
    }
  }
}

/** Number of days in an inclusive range. */
export function daysIn(range: DateRange): number {
  return epochDayOf(range.to) - epochDayOf(range.from) + 1;
}

/** Every date of an inclusive range, oldest first. */
export function datesOf(range: DateRange): LocalDate[] {
  const start = epochDayOf(range.from);
  return Array.from({ length: Math.max(0, daysIn(range)) }, (_, i) => dateOfEpochDay(start + i));
}

/** A typed custom range, or the Chinese message of what is wrong with it (field `from` or `to`). */
export type CustomRangeResult = { ok: true; range: DateRange } | { ok: false; field: 'from' | 'to'; message: string };

/**
 * Checks custom dates typed by a supervisor: real `YYYY-MM-DD` dates, start not
 * after end, at most a year, not past today (the future has no figures yet).
 */
export function checkCustomRange(fromText: string, toText: string, today: LocalDate): CustomRangeResult {
  const from = fromText.trim();
  const to = toText.trim();
  if (!isLocalDate(from)) return { ok: false, field: 'from', message: '开始日期格式应为 YYYY-MM-DD，例如 2026-11-01' };
  if (!isLocalDate(to)) return { ok: false, field: 'to', message: '结束日期格式应为 YYYY-MM-DD，例如 2026-11-30' };
  if (from > to) return { ok: false, field: 'to', message: '开始日期不能晚于结束日期' };
  if (from > today) return { ok: false, field: 'from', message: '开始日期不能晚于今天' };
  const range = { from, to: to > today ? today : to };
  if (daysIn(range) > MAX_PERIOD_DAYS) return { ok: false, field: 'to', message: '统计区间不能超过一年' };
  return { ok: true, range };
}

/** `2026-11-01 至 2026-11-21`, or the one date of a one-day range. */
export function rangeLabel(range: DateRange): string {
  return range.from === range.to ? range.from : `${range.from} 至 ${range.to}`;
}

/** `2026年11月` for a `YYYY-MM` month. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** `11-05` for a date in a chart axis. */
export function shortDate(date: LocalDate): string {
  return date.slice(5);
}
