/**
 * The inputs of the hotspot and risk-rule routes that the filing functions serve too (GET
 * /api/tickets/{id}/hotspot, the risk service's saveRules), re-exported by ./signals.ts. A module
 * of its own so that those functions do not build the signals' reply schemas at load (issue #9,
 * cold start: zod builds every schema of a module it loads).
 */
import * as z from 'zod/mini';
import { RiskRuleSetSchema, RiskRulesSchema } from '../risk.ts';
import { lazySchema } from '../lazy-schema.ts';

/** A hotspot window in days: a week by default, a month at most. */
const hotspotDays = lazySchema(() => z._default(z.coerce.number().check(z.int(), z.gte(1, '时间范围至少1天'), z.lte(31, '时间范围不能超过31天')), 7));

/** GET /api/hotspots: hotspots of a unit's subtree (the caller's unit by default) in the last `days`. */
export const HotspotsQuerySchema = lazySchema(() => z.object({
  unitId: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
  days: hotspotDays,
  minSize: z._default(z.coerce.number().check(z.int(), z.gte(2, '热点至少包含2件诉求'), z.lte(50)), 2),
}));

/** GET /api/tickets/{id}/hotspot: the hotspot of one request, `days` either side of its receipt. */
export const TicketHotspotQuerySchema = lazySchema(() => z.object({ days: hotspotDays }));

export const PutRiskRulesInputSchema = lazySchema(() => z.object({
  /** The version read: a rule set changed since is a 409 instead of a lost edit. */
  expectedVersion: z.number().check(z.int(), z.gte(0)),
  responseMinutes: RiskRuleSetSchema.shape.responseMinutes,
  rules: RiskRulesSchema,
}));
export type PutRiskRulesInput = z.input<typeof PutRiskRulesInputSchema>;
