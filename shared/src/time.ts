/**
 * Asia/Shanghai time helpers.
 *
 * Every rule of the product is stated in Shanghai local time, whatever zone the server
 * or the phone runs in. China has observed no daylight-saving time since 1991, so for
 * every date this system handles local time is exactly UTC+8 and a fixed offset is
 * correct — no tz database is needed, and none of these helpers ever reads the
 * machine's zone (no `getHours()`, no `new Date(y, m, d)`, no `Date.parse` of a string
 * without an offset).
 *
 * Two string types travel through the system:
 * - {@link Instant}: an ISO-8601 UTC string in the canonical `Date#toISOString()` form,
 *   e.g. `2026-09-30T02:00:00.000Z`. Canonical instants sort lexicographically in time
 *   order, which DynamoDB sort keys rely on.
 * - {@link LocalDate}: a Shanghai calendar date `YYYY-MM-DD`.
 *
 * Dates are handled internally as "epoch days" (days since 1970-01-01) with integer
 * civil-calendar arithmetic, which keeps the working-day loops free of allocations.
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.ts';

/** An instant as a canonical ISO-8601 UTC string (`2026-09-30T02:00:00.000Z`). */
export type Instant = string;

/** A Shanghai local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** Shanghai is UTC+8 all year (no DST since 1991). */
export const SHANGHAI_OFFSET_MINUTES = 480;

/** Minutes in a local day; also the "24:00" end-of-day cut-off. */
export const MINUTES_PER_DAY = 1440;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * MS_PER_MINUTE;

/**
 * Zod schema for a canonical instant as stored and exchanged by this system
 * (UTC, `Z` suffix, exactly millisecond precision). Stricter than {@link toEpochMs},
 * which also accepts offsets, because stored instants must sort as strings.
 */
export const InstantSchema = lazySchema(() => z.iso.datetime({ precision: 3 }));

/** Zod schema for a {@link LocalDate} (a real calendar date, `YYYY-MM-DD`). */
export const LocalDateSchema = lazySchema(() => z.iso.date());

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar and
// independent of Date, so it cannot be affected by the host zone.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z0 = days + 719_468;
  const era = Math.floor(z0 / 146_097);
  const doe = z0 - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function validYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True if `value` is a real calendar date in `YYYY-MM-DD` form. */
export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  return m !== null && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Days since 1970-01-01 for a local date.
 * @throws RangeError if `date` is not a real `YYYY-MM-DD` date.
 */
export function epochDayOf(date: LocalDate): number {
  const m = DATE_RE.exec(date);
  if (m === null) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!validYmd(y, mo, d)) throw new RangeError(`No such date: ${date}`);
  return daysFromCivil(y, mo, d);
}

/** The local date `days` days after 1970-01-01 (inverse of {@link epochDayOf}). */
export function dateOfEpochDay(days: number): LocalDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`Epoch day must be an integer: ${days}`);
  const [y, m, d] = civilFromDays(days);
  if (y < 1000 || y > 9999) throw new RangeError(`Year out of range: ${y}`);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Milliseconds since the Unix epoch for an ISO-8601 instant.
 *
 * Accepts `Z` or an explicit `±hh:mm` offset; rejects strings without one, because
 * `Date.parse` would read those in the host's zone. Also rejects impossible dates that
 * `Date.parse` silently rolls over (`2026-02-30` → March 2).
 * @throws RangeError on anything else.
 */
export function toEpochMs(instant: Instant): number {
  const m = INSTANT_RE.exec(instant);
  if (m === null) throw new RangeError(`Not an ISO-8601 instant with an offset: ${JSON.stringify(instant)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  // Sub-millisecond digits are dropped (truncated), as Date does.
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const zone = m[8] ?? 'Z';
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) {
    throw new RangeError(`No such instant: ${instant}`);
  }
  let offsetMs = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) throw new RangeError(`Bad offset in ${instant}`);
    offsetMs = sign * (oh * 60 + om) * MS_PER_MINUTE;
  }
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms - offsetMs;
}

/** The canonical {@link Instant} for milliseconds since the Unix epoch. */
export function fromEpochMs(ms: number): Instant {
  if (!Number.isFinite(ms)) throw new RangeError(`Not a finite time: ${ms}`);
  // toISOString is UTC by definition; the host zone cannot leak in here.
  return new Date(ms).toISOString();
}

/** True if `value` parses as an instant (see {@link toEpochMs}). */
export function isInstant(value: string): boolean {
  try {
    toEpochMs(value);
    return true;
  } catch {
    return false;
  }
}

/** Epoch day and minute of the day of an instant in Shanghai time. */
function splitLocal(ms: number): { day: number; msOfDay: number } {
  const local = ms + OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  return { day, msOfDay: local - day * MS_PER_DAY };
}

/**
 * The Shanghai calendar date of an instant. Note the UTC day boundary is 16:00Z:
 * `2026-10-08T16:00:00.000Z` is already `2026-10-09` in Shanghai.
 */
export function localDateOf(instant: Instant): LocalDate {
  return dateOfEpochDay(splitLocal(toEpochMs(instant)).day);
}

/**
 * Shanghai date and whole minutes since local midnight (0–1439, seconds dropped).
 */
export function localDateTimeOf(instant: Instant): { date: LocalDate; minutes: number } {
  const { day, msOfDay } = splitLocal(toEpochMs(instant));
  return { date: dateOfEpochDay(day), minutes: Math.floor(msOfDay / MS_PER_MINUTE) };
}

/**
 * The instant at `minutesSinceMidnight` on a Shanghai date. `1440` means 24:00, i.e.
 * the next day's 00:00 — the natural "end of the day" for deadlines.
 * @throws RangeError if minutes is not an integer in 0..1440.
 */
export function instantAtLocal(date: LocalDate, minutesSinceMidnight: number): Instant {
  if (!Number.isInteger(minutesSinceMidnight) || minutesSinceMidnight < 0 || minutesSinceMidnight > MINUTES_PER_DAY) {
    throw new RangeError(`Minutes since midnight must be an integer in 0..1440: ${minutesSinceMidnight}`);
  }
  return fromEpochMs(epochDayOf(date) * MS_PER_DAY - OFFSET_MS + minutesSinceMidnight * MS_PER_MINUTE);
}

/** The local date `n` calendar days after `date` (n may be negative). */
export function addLocalDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Day count must be an integer: ${n}`);
  return dateOfEpochDay(epochDayOf(date) + n);
}

/** Day of the week of an epoch day, 0 = Sunday … 6 = Saturday. */
export function weekdayOfEpochDay(day: number): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps pre-1970 days positive.
  return (((day + 4) % 7) + 7) % 7;
}

/** Day of the week of a local date, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return weekdayOfEpochDay(epochDayOf(date));
}

/** `instant` plus `n` wall-clock minutes (n may be negative or fractional). */
export function addMinutes(instant: Instant, n: number): Instant {
  if (!Number.isFinite(n)) throw new RangeError(`Minutes must be finite: ${n}`);
  return fromEpochMs(toEpochMs(instant) + Math.round(n * MS_PER_MINUTE));
}

/** `YYYY-MM-DD HH:mm` in Shanghai time, for people (UI, exports, notifications). */
export function formatLocal(instant: Instant): string {
  const { day, msOfDay } = splitLocal(toEpochMs(instant));
  const minutes = Math.floor(msOfDay / MS_PER_MINUTE);
  return `${dateOfEpochDay(day)} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Months (YYYY-MM) that the local-date range [from, to] touches. */
export function monthsBetween(from: LocalDate, to: LocalDate): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= end) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}
