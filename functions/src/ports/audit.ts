import type { Actor } from '@mashang/shared';

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
