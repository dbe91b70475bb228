import * as z from 'zod/mini';
import { CHANNELS, STATUSES } from '../ticket.ts';
import { RISK_TASK_STATUSES, RiskRuleSetSchema, RiskWarningSchema } from '../risk.ts';
import { lazySchema } from '../lazy-schema.ts';

/**
 * Contracts of hotspots and risk early warning (shared/src/hotspots.ts, risk.ts).
 */

// The hotspot queries and the risk rules' input, which the functions that serve them parse: in ./signals-inputs.ts, so a
// function that only needs those does not build these replies' schemas at load (issue #9, cold start).
export { HotspotsQuerySchema, PutRiskRulesInputSchema, TicketHotspotQuerySchema, type PutRiskRulesInput } from './signals-inputs.ts';

/** A request in a hotspot: no phone number, no name. */
export const HotspotMemberSchema = lazySchema(() => z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  channel: z.enum(CHANNELS),
  channelLabel: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  summary: z.string(),
  locationName: z.string(),
  receivedAt: z.string(),
  mergedInto: z.optional(z.string()),
}));
export type HotspotMember = z.infer<typeof HotspotMemberSchema>;

export const HotspotViewSchema = lazySchema(() => z.object({
  /** The earliest request's id: stable while the hotspot grows. */
  id: z.string(),
  size: z.number().check(z.int(), z.gte(2)),
  /** Shared keywords, specific ones first (149路, 甘肃大剧院, 公交 …). */
  keywords: z.array(z.string()),
  places: z.array(z.string()),
  channels: z.array(z.object({ channel: z.enum(CHANNELS), label: z.string(), count: z.number().check(z.int()) })),
  categories: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().check(z.int()) })),
  firstAt: z.string(),
  lastAt: z.string(),
  /** Members in the viewer's subtree, earliest first. */
  members: z.array(HotspotMemberSchema),
  /** Members outside the viewer's subtree: counted in `size`, not shown. */
  hiddenCount: z.number().check(z.int(), z.gte(0)),
}));
export type HotspotView = z.infer<typeof HotspotViewSchema>;

export const HotspotsReplySchema = lazySchema(() => z.object({
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Requests compared (rejected ones are left out). */
  considered: z.number().check(z.int()),
  /** The window held more requests than are compared at once; the newest were used. */
  truncated: z.boolean(),
  items: z.array(HotspotViewSchema),
}));
export type HotspotsReply = z.infer<typeof HotspotsReplySchema>;

export const TicketHotspotReplySchema = lazySchema(() => z.object({
  ticketId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Null when no other request of the window is about the same thing. */
  hotspot: z.nullable(HotspotViewSchema),
}));
export type TicketHotspotReply = z.infer<typeof TicketHotspotReplySchema>;

/** GET and PUT /api/risk/rules. */
export const RiskRulesReplySchema = lazySchema(() => RiskRuleSetSchema);

export const RiskWarningViewSchema = lazySchema(() => z.extend(RiskWarningSchema, {
  levelLabel: z.string(),
  statusLabel: z.string(),
  categoryName: z.string(),
  assignedUnitName: z.string(),
  officeUnitName: z.string(),
  /** Open past its response deadline, or done after it. */
  overdue: z.boolean(),
}));
export type RiskWarningView = z.infer<typeof RiskWarningViewSchema>;

export const RiskWarningsReplySchema = lazySchema(() => z.object({ items: z.array(RiskWarningViewSchema) }));
export type RiskWarningsReply = z.infer<typeof RiskWarningsReplySchema>;

/** GET /api/risk/warnings: supervisors' list for a unit's subtree. */
export const RiskWarningsQuerySchema = lazySchema(() => z.object({
  unitId: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
  status: z.optional(z.enum(RISK_TASK_STATUSES)),
  days: z._default(z.coerce.number().check(z.int(), z.gte(1, '时间范围至少1天'), z.lte(90, '时间范围不能超过90天')), 30),
}));

/** GET /api/risk/tasks: the caller's unit's tasks. */
export const RiskTasksQuerySchema = lazySchema(() => z.object({ status: z._default(z.enum(RISK_TASK_STATUSES), 'open') }));

/** POST /api/risk/tasks/{id}/done. */
export const CompleteRiskTaskInputSchema = lazySchema(() => z.object({
  note: z.string().check(z.trim(), z.minLength(2, '请填写核实处置情况（至少2个字）'), z.maxLength(500, '处置情况不能超过500字')),
  expectedVersion: z.optional(z.number().check(z.int(), z.gte(1))),
}));
export type CompleteRiskTaskInput = z.input<typeof CompleteRiskTaskInputSchema>;
