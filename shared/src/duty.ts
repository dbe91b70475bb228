/**
 * Duty rosters (值班表): who of a unit is on duty when, so an alert at 02:00 reaches a person
 * who can act. A roster is a weekly pattern of shifts plus dated exceptions (holidays, swaps):
 * on a date with exceptions, the exceptions replace that date's weekly shifts. A shift
 * belongs to the date it starts on and may run past midnight (18:00–08:00).
 *
 * Pure: `at` is passed in; times are Asia/Shanghai local.
 */
import * as z from 'zod/mini';
import { addLocalDays, localDateTimeOf, weekdayOf, type Instant, type LocalDate } from './time.ts';
import { lazySchema } from './lazy-schema.ts';

const HHMM = lazySchema(() => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:mm')));

export const ShiftSchema = lazySchema(() => z.object({
  from: HHMM,
  to: HHMM,
  staffIds: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1, '请选择值班人员'), z.maxLength(20)),
}).check(z.refine((s) => s.from !== s.to, { message: '开始和结束时间不能相同', path: ['to'] })));
export type Shift = z.infer<typeof ShiftSchema>;

export const WeeklyShiftSchema = lazySchema(() => z.intersection(ShiftSchema, z.object({ weekday: z.int().check(z.gte(1, '星期应为 1–7'), z.lte(7, '星期应为 1–7')) })));
export const DatedShiftSchema = lazySchema(() => z.intersection(ShiftSchema, z.object({ date: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }), note: z.optional(z.string().check(z.maxLength(50))) })));

export const DutyRosterSchema = lazySchema(() => z.object({
  /** Monday = 1 … Sunday = 7. */
  weekly: z.array(WeeklyShiftSchema).check(z.maxLength(100)),
  /** Dated exceptions; a date listed here uses only these shifts (an empty staff list is not allowed: omit the shift). */
  exceptions: z.array(DatedShiftSchema).check(z.maxLength(400)),
}));
export type DutyRoster = z.infer<typeof DutyRosterSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The shifts that start on `date`: its exceptions if it has any, else its weekday's pattern. */
function shiftsStarting(roster: DutyRoster, date: LocalDate): Shift[] {
  const dated = roster.exceptions.filter((e) => e.date === date);
  if (dated.length) return dated;
  const weekday = weekdayOf(date) || 7; // weekdayOf: 0 = Sunday
  return roster.weekly.filter((w) => w.weekday === weekday);
}

/** Staff ids on duty at `at` (deduplicated, in roster order). Empty when nobody is. */
export function onDutyAt(roster: DutyRoster | undefined, at: Instant): string[] {
  if (!roster) return [];
  const { date, minutes } = localDateTimeOf(at);
  const out = new Set<string>();
  // Shifts that started today and cover `minutes`.
  for (const s of shiftsStarting(roster, date)) {
    const from = minutesOf(s.from);
    const to = minutesOf(s.to);
    const covers = to > from ? minutes >= from && minutes < to : minutes >= from;
    if (covers) s.staffIds.forEach((id) => out.add(id));
  }
  // Overnight shifts that started yesterday and have not ended yet.
  for (const s of shiftsStarting(roster, addLocalDays(date, -1))) {
    const from = minutesOf(s.from);
    const to = minutesOf(s.to);
    if (to <= from && minutes < to) s.staffIds.forEach((id) => out.add(id));
  }
  return [...out];
}
