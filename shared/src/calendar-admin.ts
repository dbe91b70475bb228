/**
 * Admin side of the working-day calendar: loading a whole year's arrangement (a form or
 * a file), correcting one day, and what the admin home warns about. Pure: dates and
 * `today` are arguments.
 */
import * as z from 'zod/mini';
import { CutoffMinutesSchema, type WorkCalendar } from './calendar.ts';
import { issueMessage } from './issue-message.ts';
import { LocalDateSchema, type LocalDate } from './time.ts';
import { lazySchema } from './lazy-schema.ts';

/** One listed day of a year's arrangement: a holiday (放假) or a make-up working day (调休上班). */
export const YearDaySchema = lazySchema(() => z.object({
  date: LocalDateSchema,
  kind: z.enum(['holiday', 'workday'], '类型须为 holiday（放假）或 workday（上班）'),
  /** Festival name, e.g. 春节. */
  name: z.optional(z.string().check(z.trim(), z.maxLength(40, '名称不能超过40字'))),
}));
export type YearDay = z.infer<typeof YearDaySchema>;

/** The earliest and latest years an admin may load. */
export const CALENDAR_YEAR_MIN = 2020;
export const CALENDAR_YEAR_MAX = 2100;

/**
 * A whole year's official arrangement as an admin loads it. Every listed date must be in
 * `year`, listed once (a date cannot be both a holiday and a working day); unlisted days
 * are ordinary (Monday–Friday work, weekends off). At most 120 listed days: an
 * arrangement has about 35.
 */
export const LoadYearInputSchema = lazySchema(() => z.object({
  year: z.int().check(z.gte(CALENDAR_YEAR_MIN, '年份超出范围'), z.lte(CALENDAR_YEAR_MAX, '年份超出范围')),
  days: z.array(YearDaySchema).check(z.minLength(1, '请至少列出一天（节假日或调休上班日）'), z.maxLength(120, '一年最多列出120天')),
  /** Where the arrangement comes from, e.g. 国办发明电〔2026〕x号. */
  source: z.optional(z.string().check(z.trim(), z.maxLength(100))),
}).check(z.superRefine((input, ctx) => {
    const seen = new Map<string, { kind: string; index: number }>();
    input.days.forEach((d, i) => {
      if (!d.date.startsWith(`${input.year}-`)) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `${d.date} 不在 ${input.year} 年内` });
        return;
      }
      const before = seen.get(d.date);
      if (before) {
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'date'],
          message: before.kind === d.kind ? `${d.date} 重复列出` : `${d.date} 不能既是放假日又是上班日`,
        });
        return;
      }
      seen.set(d.date, { kind: d.kind, index: i });
    });
  })));
export type LoadYearInput = z.infer<typeof LoadYearInputSchema>;

/** One day corrected by an admin: a holiday, a working day, or back to the year's default. */
export const CorrectDayInputSchema = lazySchema(() => z.object({
  date: LocalDateSchema,
  kind: z.enum(['holiday', 'workday', 'default'], '类型须为 holiday、workday 或 default'),
  name: z.optional(z.string().check(z.trim(), z.maxLength(40, '名称不能超过40字'))),
}));
export type CorrectDayInput = z.infer<typeof CorrectDayInputSchema>;

/** The end-of-day cut-off setting. */
export const CutoffInputSchema = lazySchema(() => z.object({ cutoffMinutes: CutoffMinutesSchema }));

const KIND_WORDS: Record<string, 'holiday' | 'workday'> = {
  holiday: 'holiday',
  休: 'holiday',
  放假: 'holiday',
  假: 'holiday',
  workday: 'workday',
  班: 'workday',
  上班: 'workday',
  调休上班: 'workday',
};

/** A file that could not be read as an arrangement: the message says which line and why. */
export class CalendarFileError extends Error {
  override readonly name = 'CalendarFileError';
}

/**
 * Reads an arrangement file into the days to load (validate them with
 * {@link LoadYearInputSchema}). Two formats:
 * - CSV, one day a line: `date,kind[,name]`, kind `holiday`/`休`/`放假` or `workday`/`班`/`上班`;
 *   a first line starting with `date` or `日期` is a header. Fields are plain (no quotes).
 * - JSON: `{ "days": [{ "date", "kind", "name" }] }`, a bare array of such days, or the
 *   `chinese-days` package's data `{ "holidays": { "2027-01-01": "New Year's Day,元旦,1" },
 *   "workdays": { … } }` (only the dates of `year` are taken from it).
 * @throws CalendarFileError naming the first line or entry it cannot read.
 */
export function parseCalendarFile(text: string, year: number): YearDay[] {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new CalendarFileError('文件为空');
  if (body.startsWith('{') || body.startsWith('[')) return parseJson(body, year);
  const days: YearDay[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (i === 0 && /^(date|日期)(?=[,，\t\s]|$)/i.test(trimmed)) return;
    if (trimmed.includes('"')) throw new CalendarFileError(`第 ${i + 1} 行：不支持带引号的字段`);
    const [date = '', kindWord = '', name] = trimmed.split(/[,，\t]/).map((f) => f.trim());
    const kind = KIND_WORDS[kindWord.toLowerCase()] ?? KIND_WORDS[kindWord];
    if (!LocalDateSchema.safeParse(date).success) throw new CalendarFileError(`第 ${i + 1} 行：日期“${date}”格式应为 YYYY-MM-DD`);
    if (!kind) throw new CalendarFileError(`第 ${i + 1} 行：类型“${kindWord}”应为 休 或 班（holiday / workday）`);
    days.push({ date, kind, ...(name ? { name } : {}) });
  });
  return days;
}

function parseJson(body: string, year: number): YearDay[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new CalendarFileError('JSON 格式有误');
  }
  const list = Array.isArray(value) ? value : (value as { days?: unknown }).days;
  if (Array.isArray(list)) {
    return list.map((entry, i) => {
      const parsed = YearDaySchema.safeParse(entry);
      if (!parsed.success) throw new CalendarFileError(`第 ${i + 1} 项：${parsed.error.issues[0] ? issueMessage(parsed.error.issues[0]) : '格式有误'}`);
      return parsed.data;
    });
  }
  const pkg = z.object({ holidays: z.record(z.string(), z.string()), workdays: z.record(z.string(), z.string()) }).safeParse(value);
  if (!pkg.success) throw new CalendarFileError('JSON 应为 {"days": [...]} 或 chinese-days 的 {"holidays", "workdays"} 数据');
  const take = (entries: Record<string, string>, kind: 'holiday' | 'workday'): YearDay[] =>
    Object.entries(entries)
      .filter(([date]) => date.startsWith(`${year}-`))
      .map(([date, value]) => {
        // chinese-days values look like "New Year's Day,元旦,1": English, Chinese, festival id.
        const parts = value.split(',');
        const name = parts[1] ?? parts[0];
        return { date, kind, ...(name ? { name } : {}) };
      });
  return [...take(pkg.data.holidays, 'holiday'), ...take(pkg.data.workdays, 'workday')].sort((a, b) => a.date.localeCompare(b.date));
}

/** From this day of the year on, the admin home warns when next year is not loaded. */
export const NEXT_YEAR_WARNING_FROM = '11-01';

/** What the admin home says about the calendar on `today`. */
export interface CalendarCoverage {
  year: number;
  yearLoaded: boolean;
  nextYear: number;
  nextYearLoaded: boolean;
  /** From 1 November when next year is not loaded (and all year round when this year is not). */
  warn: boolean;
  /** The Chinese warning to show, when `warn`. */
  message?: string;
}

/** Calendar coverage on `today` (a Shanghai date). */
export function calendarCoverage(today: LocalDate, calendar: Pick<WorkCalendar, 'isKnownYear'>): CalendarCoverage {
  const year = Number(today.slice(0, 4));
  const nextYear = year + 1;
  const yearLoaded = calendar.isKnownYear(year);
  const nextYearLoaded = calendar.isKnownYear(nextYear);
  const late = today.slice(5) >= NEXT_YEAR_WARNING_FROM;
  const missing = [...(yearLoaded ? [] : [year]), ...(late && !nextYearLoaded ? [nextYear] : [])];
  return {
    year,
    yearLoaded,
    nextYear,
    nextYearLoaded,
    warn: missing.length > 0,
    ...(missing.length > 0
      ? { message: `${missing.join('、')} 年的节假日安排尚未加载：落在其中的办结、回访期限只能按周一至周五预计，请尽快加载。` }
      : {}),
  };
}
