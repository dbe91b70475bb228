/**
 * The admin API's contracts (home, calendar, categories, audit, the re-derivation job):
 * one zod schema per request and reply, parsed by the backend and by the admin pages.
 * (Units, staff, locations … have their own file.)
 */
import * as z from 'zod/mini';
import { CategorySchema } from './categories.ts';
import { CutoffMinutesSchema } from './calendar.ts';
import { CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN, YearDaySchema } from './calendar-admin.ts';
import { SlaPolicyOverrideSchema, SlaPolicySchema } from './sla.ts';
import { AuditItemSchema } from './audit-item.ts';
import { lazySchema } from './lazy-schema.ts';

export { CorrectDayInputSchema, CutoffInputSchema, LoadYearInputSchema } from './calendar-admin.ts';

const yearField = lazySchema(() => z.coerce.number().check(z.int(), z.gte(CALENDAR_YEAR_MIN, '年份超出范围'), z.lte(CALENDAR_YEAR_MAX, '年份超出范围')));

/** GET /api/admin/calendar?year= */
export const CalendarQuerySchema = lazySchema(() => z.object({ year: yearField }));

/** The re-derivation job as the pages show it. */
export const JobViewSchema = lazySchema(() => z.object({
  generation: z.number(),
  status: z.enum(['running', 'done']),
  reason: z.string(),
  changedAt: z.string(),
  passes: z.number(),
  scanned: z.number(),
  changed: z.number(),
  finishedAt: z.optional(z.string()),
}));
export type JobView = z.infer<typeof JobViewSchema>;

/** One day of the month grid. */
export const CalendarDayViewSchema = lazySchema(() => z.object({
  date: z.string(),
  working: z.boolean(),
  source: z.enum(['override', 'official', 'weekday', 'fallback']),
  name: z.optional(z.string()),
}));

export const CalendarYearReplySchema = lazySchema(() => z.object({
  year: z.number(),
  /** bundled: in the package; admin: loaded as a whole by an admin; missing: Monday–Friday fallback. */
  status: z.enum(['bundled', 'admin', 'missing']),
  loadedAt: z.optional(z.string()),
  loadedBy: z.optional(z.string()),
  source: z.optional(z.string()),
  cutoffMinutes: z.number(),
  days: z.array(CalendarDayViewSchema),
  job: z.optional(JobViewSchema),
}));
export type CalendarYearReply = z.infer<typeof CalendarYearReplySchema>;

/**
 * POST /api/admin/calendar/years: a whole year, as listed days (the form) or as a file's
 * text (CSV or JSON, see parseCalendarFile). Validated with LoadYearInputSchema either way.
 */
export const LoadYearRequestSchema = lazySchema(() => z.object({
  year: z.int().check(z.gte(CALENDAR_YEAR_MIN, '年份超出范围'), z.lte(CALENDAR_YEAR_MAX, '年份超出范围')),
  days: z.optional(z.array(YearDaySchema)),
  fileText: z.optional(z.string().check(z.maxLength(200_000, '文件过大'))),
  source: z.optional(z.string().check(z.trim(), z.maxLength(100))),
}).check(z.refine((r) => (r.days === undefined) !== (r.fileText === undefined), { message: '请填写日期列表或上传文件（二选一）', path: ['days'] })));
export type LoadYearRequest = z.input<typeof LoadYearRequestSchema>;

/** The reply to any calendar or cut-off change: the year as it is now and the re-derivation started. */
export const CalendarChangeReplySchema = lazySchema(() => z.object({ year: CalendarYearReplySchema, job: JobViewSchema }));
export type CalendarChangeReply = z.infer<typeof CalendarChangeReplySchema>;

export const CutoffReplySchema = lazySchema(() => z.object({ cutoffMinutes: CutoffMinutesSchema, job: JobViewSchema }));

/** GET /api/admin/jobs/rederive and POST …/run: where the re-derivation stands. */
export const JobReplySchema = lazySchema(() => z.object({ job: z.optional(JobViewSchema) }));

/** A category edited by an admin: any of the four clocks overridden, urgent, default department. */
export const CategoryInputSchema = lazySchema(() => z.object({
  name: z.string().check(z.trim(), z.minLength(1, '请填写类别名称'), z.maxLength(20, '名称不能超过20字')),
  hint: z.optional(z.string().check(z.trim(), z.maxLength(60, '说明不能超过60字'))),
  policy: z.optional(SlaPolicyOverrideSchema),
  urgent: z.optional(z.boolean()),
  defaultDepartmentId: z.optional(z.string().check(z.minLength(1))),
}));
export type CategoryInput = z.infer<typeof CategoryInputSchema>;

export const CreateCategoryInputSchema = lazySchema(() => z.extend(CategoryInputSchema, {
  code: z.string().check(z.regex(/^[a-z][a-z0-9_]{1,30}$/, '代码须为小写字母开头的字母、数字或下划线（2–31位）')),
}));
export type CreateCategoryInput = z.infer<typeof CreateCategoryInputSchema>;

export const AdminCategorySchema = lazySchema(() => z.extend(CategorySchema, {
  /** The policy a request filed now gets (the override over the defaults). */
  effectivePolicy: SlaPolicySchema,
  departmentName: z.optional(z.string()),
}));
export const AdminCategoriesReplySchema = lazySchema(() => z.object({
  items: z.array(AdminCategorySchema),
  /** Departments of the county, for the default handling department. */
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
}));
export type AdminCategoriesReply = z.infer<typeof AdminCategoriesReplySchema>;

export const AdminCategoryReplySchema = lazySchema(() => z.object({ category: AdminCategorySchema }));

/** GET /api/admin/audit */
export const AuditQuerySchema = lazySchema(() => z.object({
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 100),
}));

// A row of the audit log as the admin reads it: in ./audit-item.ts, which the store's functions load without this module.
export { AuditItemSchema } from './audit-item.ts';
export const AdminAuditReplySchema = lazySchema(() => z.object({ month: z.string(), items: z.array(AuditItemSchema) }));
export type AdminAuditReply = z.infer<typeof AdminAuditReplySchema>;

/** GET /api/admin/home */
export const AdminHomeReplySchema = lazySchema(() => z.object({
  county: z.object({ id: z.string(), name: z.string() }),
  calendar: z.object({
    today: z.string(),
    year: z.number(),
    yearLoaded: z.boolean(),
    nextYear: z.number(),
    nextYearLoaded: z.boolean(),
    warn: z.boolean(),
    message: z.optional(z.string()),
    cutoffMinutes: z.number(),
    /** Years with requests filed on provisional (预计) deadlines while not loaded. */
    provisional: z.array(z.object({ year: z.number(), tickets: z.number(), firstAt: z.string(), lastTicketId: z.string() })),
  }),
  health: z.object({
    lastSweepAt: z.optional(z.string()),
    /** Seconds since the oldest checkpoint still waiting in the due index came (0 when none waits). */
    sweepLagSeconds: z.number(),
    outboxWaiting: z.number(),
  }),
  counts: z.object({
    units: z.number(),
    /** Null while no staff listing exists to count (see README, administration). */
    staff: z.nullable(z.number()),
    locations: z.number(),
  }),
  job: z.optional(JobViewSchema),
}));
export type AdminHomeReply = z.infer<typeof AdminHomeReplySchema>;
