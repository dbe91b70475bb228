/**
 * The admin API's contracts for integration keys (other systems filing through Open311):
 * parsed by the backend and by the admin page that issues and revokes keys.
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.ts';

/** Channels an integration key may file through (QR and 网格上报 are residents' and grid workers' own). */
export const INTEGRATION_CHANNELS = ['open311', 'hotline_12345', 'police_110', 'letter', 'visit'] as const;
export type IntegrationChannel = (typeof INTEGRATION_CHANNELS)[number];

/** How the admin page names each channel. */
export const INTEGRATION_CHANNEL_LABELS: Record<IntegrationChannel, string> = {
  open311: 'Open311 对接',
  hotline_12345: '12345 热线',
  police_110: '110 接处警',
  letter: '来信',
  visit: '来访',
};

/** POST /api/admin/integrations/keys: a key for one external system. */
export const IssueKeyInputSchema = lazySchema(() => z.object({
  system: z.string().check(z.trim(), z.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '系统标识为2–40位小写字母、数字或连字符')),
  name: z.string().check(z.trim(), z.minLength(2, '请填写系统名称'), z.maxLength(40, '系统名称不能超过40字')),
  channel: z._default(z.enum(INTEGRATION_CHANNELS, { message: '渠道无效' }), 'open311'),
  defaultGridId: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
  ratePerMinute: z._default(z.number().check(z.int(), z.gte(1, '每分钟调用次数为1–6000'), z.lte(6000, '每分钟调用次数为1–6000')), 60),
}));
export type IssueKeyInput = z.input<typeof IssueKeyInputSchema>;

/** A key as an admin sees it in the list: never the key, never its hash. */
export const ApiKeyViewSchema = lazySchema(() => z.object({
  keyId: z.string(),
  system: z.string(),
  name: z.string(),
  channel: z.enum(INTEGRATION_CHANNELS),
  unitId: z.string(),
  defaultGridId: z.optional(z.string()),
  ratePerMinute: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.optional(z.string()),
  /** The key's last four characters, to tell keys apart. */
  lastFour: z.string(),
}));
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;
/** The reply to issuing a key: the only time the key itself is shown. */
export const IssuedKeySchema = lazySchema(() => z.extend(ApiKeyViewSchema, { apiKey: z.string() }));
export type IssuedKey = z.infer<typeof IssuedKeySchema>;
export const ApiKeyListSchema = lazySchema(() => z.object({ items: z.array(ApiKeyViewSchema) }));
