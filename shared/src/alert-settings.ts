/**
 * Contracts of the alert settings (admins, `GET/PUT /api/admin/alert-settings`) and of a unit's
 * duty roster page (`GET/PUT /api/units/{id}/duty`). Kept apart from contracts.ts: only the
 * admin and staff subpackages use them.
 */
import * as z from 'zod/mini';
import { AlertPolicySchema } from './alerts.ts';
import { DutyRosterSchema } from './duty.ts';
import { RankingPolicySchema } from './ranking.ts';
import { lazySchema } from './lazy-schema.ts';

export const AlertSettingsInputSchema = lazySchema(() => z.object({ alerts: AlertPolicySchema, ranking: RankingPolicySchema }));
export type AlertSettingsInput = z.infer<typeof AlertSettingsInputSchema>;

export const AlertSettingsReplySchema = lazySchema(() => z.object({
  alerts: AlertPolicySchema,
  ranking: RankingPolicySchema,
  defaults: AlertSettingsInputSchema,
  /** The red/black list formula with these weights, as the ranking page publishes it. */
  formula: z.string(),
  updatedBy: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
}));
export type AlertSettingsReply = z.infer<typeof AlertSettingsReplySchema>;

export const DutyReplySchema = lazySchema(() => z.object({
  unitId: z.string(),
  roster: DutyRosterSchema,
  wecomWebhook: z.optional(z.string()),
  staff: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })),
  updatedAt: z.optional(z.string()),
}));
export type DutyReply = z.infer<typeof DutyReplySchema>;
export const PutDutyReplySchema = lazySchema(() => z.object({ unitId: z.string(), roster: DutyRosterSchema }));

/** GET/POST /api/staff/subscriptions: the WeChat template the staff pages ask consent for (none: off), consents left, binding. */
export const StaffSubscriptionReplySchema = lazySchema(() => z.object({ templateIds: z.array(z.string()), credits: z.number(), wechatBound: z.boolean() }));
export type StaffSubscriptionReply = z.infer<typeof StaffSubscriptionReplySchema>;
