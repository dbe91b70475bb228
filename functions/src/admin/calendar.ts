import {
  AppError,
  CalendarFileError,
  CorrectDayInputSchema,
  CutoffInputSchema,
  dateOfEpochDay,
  epochDayOf,
  LoadYearInputSchema,
  parseCalendarFile,
  type CalendarOverride,
} from '@mashang/shared';
import { CalendarQuerySchema, LoadYearRequestSchema, type CalendarChangeReply, type CalendarYearReply, type JobView } from '@mashang/shared/admin-contracts';
import { json, jsonBody, parseWith, pathParam, type Route } from '../http/http.ts';
import type { CalendarChange } from '../ports/admin-reference.ts';
import { adminFromEnv, scopeOf, type AdminDeps } from './context.ts';
import { currentCalendar, jobView, runRederive, startJob } from './rederive.ts';
import { requireCountyAdmin, type CountyScope } from './scope.ts';

/** How long an admin request spends re-deriving before it answers; the rest runs in slices. */
const INLINE_BUDGET_MS = 3_000;

/** A year as the month grid shows it: every day, where its status comes from, and the cut-off. */
export async function yearView(deps: AdminDeps, year: number): Promise<CalendarYearReply> {
  const [calendar, years, stored, job] = await Promise.all([currentCalendar(deps), deps.store.calendarYears(), deps.org.calendar(), deps.store.job()]);
  const row = years.find((y) => y.year === year);
  const days = [];
  for (let d = epochDayOf(`${year}-01-01`), end = epochDayOf(`${year}-12-31`); d <= end; d++) {
    const info = calendar.dayInfo(dateOfEpochDay(d));
    days.push({ date: info.date, working: info.working, source: info.source, ...(info.name ? { name: info.name } : {}) });
  }
  return {
    year,
    status: row ? 'admin' : calendar.isKnownYear(year) ? 'bundled' : 'missing',
    ...(row ? { loadedAt: row.loadedAt, loadedBy: row.loadedBy, ...(row.source ? { source: row.source } : {}) } : {}),
    cutoffMinutes: stored.cutoffMinutes ?? 1440,
    days,
    ...(job ? { job: jobView(job) } : {}),
  };
}

async function change(deps: AdminDeps, scope: CountyScope, reason: string, rows: CalendarChange, audit: { action: string; target: string; before: unknown; after: unknown }): Promise<JobView> {
  const previous = await deps.store.job();
  const next = startJob(previous, reason, scope.actor.id, scope.now);
  await deps.store.changeCalendar(rows, { previous, next }, { countyId: scope.countyId, actor: scope.actor, at: scope.now, ...audit });
  // A first slice now; the page asks for the rest, and the scheduled job continues every minute.
  const job = await runRederive(deps, { budgetMs: deps.inlineBudgetMs ?? INLINE_BUDGET_MS });
  return jobView(job!);
}

/**
 * Loads a whole year (form or file), replacing whatever was stored for it: the year then
 * counts as loaded, and open requests are re-derived.
 */
export async function loadYear(deps: AdminDeps, scope: CountyScope, raw: unknown): Promise<CalendarChangeReply> {
  requireCountyAdmin(scope);
  const req = parseWith(LoadYearRequestSchema, raw);
  let days = req.days;
  if (req.fileText !== undefined) {
    try {
      days = parseCalendarFile(req.fileText, req.year);
    } catch (err) {
      if (err instanceof CalendarFileError) throw new AppError('VALIDATION_FAILED', `文件无法读取：${err.message}`, [{ path: 'fileText', message: err.message }]);
      throw err;
    }
  }
  const input = parseWith(LoadYearInputSchema, { year: req.year, days, ...(req.source ? { source: req.source } : {}) });
  const [old, years] = await Promise.all([deps.store.calendarDays(input.year), deps.store.calendarYears()]);
  const listed = new Set(input.days.map((d) => d.date));
  const rows: CalendarOverride[] = input.days.map((d) => ({ date: d.date, kind: d.kind, ...(d.name ? { note: d.name } : {}) }));
  const yearChange: CalendarChange = {
    removeDays: old.filter((o) => !listed.has(o.date)).map((o) => o.date),
    days: rows,
    loadedYear: {
      year: input.year,
      loadedAt: scope.now,
      loadedBy: scope.actor.name ?? scope.actor.id,
      dayCount: rows.length,
      ...(input.source ? { source: input.source } : {}),
    },
  };
  const before = { loaded: years.some((y) => y.year === input.year), days: old };
  const job = await change(deps, scope, `加载 ${input.year} 年节假日安排`, yearChange, {
    action: 'calendar.loadYear',
    target: `calendar:${input.year}`,
    before,
    after: { days: rows, ...(input.source ? { source: input.source } : {}) },
  });
  return { year: await yearView(deps, input.year), job };
}

/** Corrects one day (holiday, working day, or back to the default); open requests are re-derived. */
export async function correctDay(deps: AdminDeps, scope: CountyScope, date: string, raw: unknown): Promise<CalendarChangeReply> {
  requireCountyAdmin(scope);
  const input = parseWith(CorrectDayInputSchema, { ...(raw as object), date });
  const year = Number(input.date.slice(0, 4));
  const old = (await deps.store.calendarDays(year)).find((d) => d.date === input.date);
  const row: CalendarOverride | undefined = input.kind === 'default' ? undefined : { date: input.date, kind: input.kind, ...(input.name ? { note: input.name } : {}) };
  const job = await change(deps, scope, `更正 ${input.date}`, row ? { days: [row] } : { removeDays: [input.date] }, { action: 'calendar.correctDay', target: `calendar:${input.date}`, before: old ?? null, after: row ?? null });
  return { year: await yearView(deps, year), job };
}

/** Sets the end-of-day cut-off (one range, 60–1440 minutes); open requests are re-derived. */
export async function setCutoff(deps: AdminDeps, scope: CountyScope, raw: unknown): Promise<{ cutoffMinutes: number; job: JobView }> {
  requireCountyAdmin(scope);
  const input = parseWith(CutoffInputSchema, raw);
  const before = (await deps.org.calendar()).cutoffMinutes ?? 1440;
  const hhmm = `${String(Math.floor(input.cutoffMinutes / 60)).padStart(2, '0')}:${String(input.cutoffMinutes % 60).padStart(2, '0')}`;
  const job = await change(deps, scope, `每日截止时间改为 ${hhmm}`, { cutoffMinutes: input.cutoffMinutes }, {
    action: 'calendar.cutoff',
    target: 'calendar:cutoff',
    before: { cutoffMinutes: before },
    after: { cutoffMinutes: input.cutoffMinutes },
  });
  return { cutoffMinutes: input.cutoffMinutes, job };
}

export const calendarRoutes: Record<string, Route> = {
  'GET /api/admin/calendar': async (event, { actor }) => {
    const deps = adminFromEnv();
    await scopeOf(deps, await actor());
    const q = parseWith(CalendarQuerySchema, event.queryStringParameters ?? {});
    return json(200, await yearView(deps, q.year));
  },
  'POST /api/admin/calendar/years': async (event, { actor }) => {
    const deps = adminFromEnv();
    const scope = await scopeOf(deps, await actor());
    return json(200, await loadYear(deps, scope, jsonBody(event)));
  },
  'PUT /api/admin/calendar/days/{date}': async (event, { actor }) => {
    const deps = adminFromEnv();
    const scope = await scopeOf(deps, await actor());
    return json(200, await correctDay(deps, scope, pathParam(event, 'date'), jsonBody(event)));
  },
  'PUT /api/admin/calendar/cutoff': async (event, { actor }) => {
    const deps = adminFromEnv();
    const scope = await scopeOf(deps, await actor());
    return json(200, await setCutoff(deps, scope, jsonBody(event)));
  },
  'GET /api/admin/jobs/rederive': async (_event, { actor }) => {
    const deps = adminFromEnv();
    await scopeOf(deps, await actor());
    const job = await deps.store.job();
    return json(200, job ? { job: jobView(job) } : {});
  },
  'POST /api/admin/jobs/rederive/run': async (_event, { actor }) => {
    const deps = adminFromEnv();
    requireCountyAdmin(await scopeOf(deps, await actor()));
    const job = await runRederive(deps, { budgetMs: INLINE_BUDGET_MS });
    return json(200, job ? { job: jobView(job) } : {});
  },
};
