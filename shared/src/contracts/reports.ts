import * as z from 'zod/mini';
import { CLOCKS } from '../sla.ts';
import { URGE_NOTE } from '../ticket.ts';
import { TicketListItemSchema } from './common.ts';
import { lazySchema } from '../lazy-schema.ts';

/**
 * Contracts of the supervisors' reports: the month report, drill-down lists, the 红黑榜 ranking,
 * breaches and urging a unit.
 */

const LocalDateParam = lazySchema(() => z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }));

export const ReportQuerySchema = lazySchema(() => z.object({
  unitId: z.optional(z.string().check(z.minLength(1))),
  from: LocalDateParam,
  to: LocalDateParam,
}).check(z.refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] }), z.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: '统计区间不能超过一年', path: ['to'] })));

export const FIGURES = [
  'received',
  'respondedOnTime',
  'classifiedOnTime',
  'resolved',
  'resolvedOnTime',
  'followedUpOnTime',
  'satisfied',
  'unsatisfied',
  'openBreached',
  'dispatched',
] as const;

export type Figure = (typeof FIGURES)[number];

const CountersSchema = lazySchema(() => z.record(z.string(), z.number()));

const RatesSchema = lazySchema(() => z.object({
  responseRate: z.nullable(z.number()),
  classifyRate: z.nullable(z.number()),
  resolveRate: z.nullable(z.number()),
  resolveOnTimeRate: z.nullable(z.number()),
  followUpRate: z.nullable(z.number()),
  satisfactionRate: z.nullable(z.number()),
}));

export const ReportRowSchema = lazySchema(() => z.object({
  key: z.string(),
  name: z.string(),
  role: z.enum(['origin', 'handling']),
  counters: CountersSchema,
  rates: RatesSchema,
}));
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const SlaReportSchema = lazySchema(() => z.object({
  unitId: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  totals: ReportRowSchema,
  byUnit: z.array(ReportRowSchema),
  byCategory: z.array(ReportRowSchema),
  /** One row per day of receipt (key = YYYY-MM-DD), for the trend chart of received vs resolved. */
  byDay: z.array(ReportRowSchema),
  formulas: z.record(z.string(), z.string()),
  /** DynamoDB items the report read: proportional to units × days × categories, not to requests. */
  itemsRead: z.number(),
}));
export type SlaReport = z.infer<typeof SlaReportSchema>;

/** Longest drill-down range in days, by role (origin: like the month report; handling: every office's partitions are read). */
export const DRILLDOWN_MAX_DAYS = { origin: 366, handling: 92 } as const;

export const DrillDownQuerySchema = lazySchema(() => z.object({
  unitId: z.string().check(z.minLength(1), z.maxLength(64)),
  from: LocalDateParam,
  to: LocalDateParam,
  figure: z.enum(FIGURES),
  role: z._default(z.enum(['origin', 'handling']), 'origin'),
  categoryCode: z.optional(z.string().check(z.maxLength(64))),
}).check(
    z.refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] }),
    // Bounded like the month report; a handling drill-down reads every office's month partitions, so it is held to a quarter.
    z.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= DRILLDOWN_MAX_DAYS[q.role] * 86_400_000, {
      message: '清单区间过长：按受理单位不超过一年，按承办单位不超过三个月',
      path: ['to'],
    }),
  ));

export const RankingQuerySchema = lazySchema(() => z.object({ month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')), unitId: z.optional(z.string()) }));

const RankingPartsSchema = lazySchema(() => z.object({ response: z.nullable(z.number()), resolve: z.nullable(z.number()), satisfaction: z.nullable(z.number()) }));

export const RankingEntrySchema = lazySchema(() => z.object({
  unitId: z.string(),
  unitName: z.string(),
  kind: z.enum(['office', 'department', 'community']),
  rank: z.number(),
  score: z.number(),
  list: z.nullable(z.enum(['red', 'black'])),
  rates: RatesSchema,
  counters: CountersSchema,
  /** The three rates of the composite score (响应率, 解决率, 满意率 with 基本满意 weighted). */
  parts: z.optional(RankingPartsSchema),
}));

/** A unit with requests in the month but not ranked: fewer than the minimum, or nothing measurable yet. */
export const UnrankedEntrySchema = lazySchema(() => z.object({
  unitId: z.string(),
  unitName: z.string(),
  kind: z.enum(['office', 'department', 'community']),
  volume: z.number(),
  reason: z.enum(['too_few', 'nothing_measured']),
}));

export const RankingReplySchema = lazySchema(() => z.object({
  month: z.string(),
  formula: z.string(),
  offices: z.array(RankingEntrySchema),
  departments: z.array(RankingEntrySchema),
  communities: z.optional(z.array(RankingEntrySchema)),
  unranked: z.optional(z.array(UnrankedEntrySchema)),
  minRequests: z.optional(z.number()),
}));
export type RankingReply = z.infer<typeof RankingReplySchema>;

export const BreachItemSchema = lazySchema(() => z.extend(TicketListItemSchema, {
  currentUnitId: z.string(),
  currentUnitName: z.string(),
  handlerName: z.optional(z.string()),
  /** The deadline of the earliest breached clock: when the request became overdue. */
  firstBreachAt: z.string(),
  breachedClocks: z.array(z.enum(CLOCKS)),
  /** When the sweeper recorded that red card (the deadline or later). */
  breachRecordedAt: z.optional(z.string()),
}));

export const BreachListReplySchema = lazySchema(() => z.object({ items: z.array(BreachItemSchema) }));
export type BreachListReply = z.infer<typeof BreachListReplySchema>;

/** The note follows the urge command's rule (`URGE_NOTE`), so one request and a whole unit are urged alike. */
export const UrgeUnitInputSchema = lazySchema(() => z.object({ unitId: z.string().check(z.minLength(1), z.maxLength(64)), note: URGE_NOTE }));

export const UrgeUnitReplySchema = lazySchema(() => z.object({ urged: z.number(), ticketIds: z.array(z.string()) }));
