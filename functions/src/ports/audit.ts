import type { Actor } from '@mashang/shared';
import { localDateOf } from '@mashang/shared/time';

/**
 * The month (`yyyy-mm`) an admin event at this instant is filed under and listed in: Beijing's,
 * as the audit page and the reports count months (the first eight hours of a month are the
 * previous month in UTC).
 */
export const auditMonthOf = (at: string): string => localDateOf(at).slice(0, 7);

/**
 * One admin change's audit event (functions/src/store/audit.ts writes it in the change's own
 * transaction; the audit page lists a county's events newest first).
 */
export interface AuditChange {
  /** The county the change belongs to (the admin's county: `unit.path[0]`). */
  countyId: string;
  /** Who: the signed-in admin. */
  actor: Actor;
  /** When: the change's own instant (canonical UTC). */
  at: string;
  /** What: a stable verb, e.g. `calendar.loadYear`, `category.update`, `unit.create`, `staff.deactivate`. */
  action: string;
  /** On what: `calendar:2027`, `category:traffic`, `unit:<id>`, `staff:<username>` … */
  target: string;
  before?: unknown;
  after?: unknown;
}

/**
 * One audit event as stored and listed: `before` and `after` as JSON text, without secrets
 * (password hashes, session versions) and without the store's own attributes.
 */
export interface AuditEntry {
  id: string;
  countyId: string;
  at: string;
  actorId: string;
  actorName?: string;
  action: string;
  target: string;
  before?: string;
  after?: string;
}

/**
 * The audit log as the audit page reads it (functions/src/admin/audit.ts). Events are written
 * in each change's own transaction (functions/src/store/audit.ts); read by month. Implemented
 * for DynamoDB by functions/src/store/admin.ts and in memory by functions/src/store/memory/audit.ts;
 * functions/src/store/audit-contract.ts holds both to the same behaviour.
 */
export interface AuditLog {
  /** A county's events of one month (`yyyy-mm`, the UTC month of their `at`), newest first, at most `limit`. */
  auditMonth(countyId: string, month: string, limit: number): Promise<AuditEntry[]>;
}
