import { randomUUID } from 'node:crypto';
import type { AuditChange, AuditEntry } from '../ports/audit.ts';
import { keys } from './keys.ts';
import type { TransactItem } from './tickets.ts';

/**
 * The audit event of an admin change, as a stored row: every store that implements an admin
 * port (ports/admin-reference.ts `ReferenceChanges`, ports/org-changes.ts `OrgChanges`, the
 * erasure rows) puts it in the same transaction as the change itself, so that a change without
 * its event cannot exist and an event without its change neither. The use cases hand the event
 * over as a domain value (`AuditChange`: countyId, actor, at, action, target, before?, after?).
 *
 *   auditPut(table: string, change: AuditChange): TransactItem
 *
 * Row: PK=AUDIT#county#yyyy-mm (Beijing month), SK=at#id (keys.auditEvent, pattern 33);
 * before/after are stored as JSON text with secrets and key attributes removed. The audit page
 * (GET /api/admin/audit) lists a county's events newest first.
 */
export type { AuditChange } from '../ports/audit.ts';

/** Secrets never enter the audit log. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'sessionVersion']);
function scrub(value: unknown): unknown {
  if (value === undefined || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(scrub);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !SECRET_FIELDS.has(k) && !/^(PK|SK|GSI\d+PK|GSI\d+SK|entity|rev)$/.test(k))
      .map(([k, v]) => [k, scrub(v)]),
  );
}

/** The stored fields of one audit event (the memory twin, functions/src/store/memory/audit.ts, stores the same). */
export function auditEntry(c: AuditChange, id: string): AuditEntry {
  return {
    id,
    countyId: c.countyId,
    at: c.at,
    actorId: c.actor.id,
    ...(c.actor.name ? { actorName: c.actor.name } : {}),
    action: c.action,
    target: c.target,
    ...(c.before === undefined ? {} : { before: JSON.stringify(scrub(c.before)) }),
    ...(c.after === undefined ? {} : { after: JSON.stringify(scrub(c.after)) }),
  };
}

/** The Put of one audit event, to add to the change's own TransactItems. */
export function auditPut(table: string, c: AuditChange): TransactItem {
  const id = randomUUID();
  return {
    Put: {
      TableName: table,
      Item: { ...keys.auditEvent(c.countyId, c.at, id), entity: 'audit', ...auditEntry(c, id) },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}
