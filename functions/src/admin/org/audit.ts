import { randomUUID } from 'node:crypto';
import type { Actor } from '@mashang/shared';
import { keys } from '../../store/keys.ts';
import type { TransactItem } from '../../store/tickets.ts';

/**
 * One admin change as an audit event: who, when, what, before and after. It is written
 * in the change's own transaction, so a change without its event cannot exist. The row
 * shape (PK=AUDIT#county#yyyy-mm, SK=at#id) is the audit log's (pattern 42 in keys.ts),
 * which the admin audit page lists.
 */
export interface AuditChange {
  countyId: string;
  actor: Actor;
  at: string;
  /** A stable verb, e.g. `unit.create`, `staff.deactivate`, `location.update`. */
  action: string;
  /** What changed: `unit:<id>`, `staff:<username>`, `location:<id>` … */
  target: string;
  before?: unknown;
  after?: unknown;
}

/** Secrets never enter the audit log. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'sessionVersion']);
function scrub(value: unknown): unknown {
  if (value === undefined || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(scrub);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !SECRET_FIELDS.has(k) && !/^(PK|SK|GSI\d+PK|GSI\d+SK|entity)$/.test(k))
      .map(([k, v]) => [k, scrub(v)]),
  );
}

/** The Put of one audit event, to add to the change's TransactItems. */
export function auditPut(table: string, c: AuditChange): TransactItem {
  const id = randomUUID();
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.auditEvent(c.countyId, c.at, id),
        entity: 'audit',
        id,
        countyId: c.countyId,
        at: c.at,
        actorId: c.actor.id,
        actorName: c.actor.name,
        action: c.action,
        target: c.target,
        // Stored as JSON text: before/after have any shape, and DynamoDB maps refuse empty strings in some SDK paths.
        before: c.before === undefined ? undefined : JSON.stringify(scrub(c.before)),
        after: c.after === undefined ? undefined : JSON.stringify(scrub(c.after)),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}
