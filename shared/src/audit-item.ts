/**
 * A row of the audit log as the admin reads it (GET /api/admin/audit, ./admin-contracts.ts). A
 * module of its own so that the store, which every filing function bundles to write audit rows,
 * does not build the admin pages' other schemas at load (issue #9, cold start: zod builds every
 * schema of a module it loads).
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.ts';

export const AuditItemSchema = lazySchema(() => z.object({
  id: z.string(),
  countyId: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.optional(z.string()),
  action: z.string(),
  target: z.string(),
  before: z.optional(z.unknown()),
  after: z.optional(z.unknown()),
}));
