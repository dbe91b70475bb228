import { isOpen, type Status, type Ticket } from '@mashang/shared';
import { keys } from './keys.ts';
import type { TransactItem } from './transact.ts';

/**
 * The inbox counters (access pattern 15 in keys.ts): one row per unit, one attribute
 * per open status, moved in the same transaction as the ticket. See
 * functions/src/store/inbox.ts for how they are read and why they exist.
 */
export const COUNT_PREFIX = 'n_';

/** The inbox counter row a ticket contributes to: its current unit and status, while it is open. */
function countKey(t: Ticket | undefined): { unitId: string; status: Status } | undefined {
  return t && isOpen(t.status) ? { unitId: t.currentUnitId, status: t.status } : undefined;
}

/**
 * ADD updates of the inbox counters for a change from `before` to `after` (undefined
 * `before` = a new ticket). Nothing when the ticket stays in the same unit and status,
 * one update per unit touched otherwise (a transaction may touch an item only once).
 */
export function inboxCountUpdates(table: string, before: Ticket | undefined, after: Ticket): TransactItem[] {
  const from = countKey(before);
  const to = countKey(after);
  if (from?.unitId === to?.unitId && from?.status === to?.status) return [];
  const deltas = new Map<string, Map<Status, number>>();
  const add = (k: { unitId: string; status: Status } | undefined, n: number) => {
    if (!k) return;
    const m = deltas.get(k.unitId) ?? new Map<Status, number>();
    m.set(k.status, (m.get(k.status) ?? 0) + n);
    deltas.set(k.unitId, m);
  };
  add(from, -1);
  add(to, +1);
  return [...deltas].map(([unitId, byStatus]) => {
    const entries = [...byStatus].filter(([, n]) => n !== 0);
    return {
      Update: {
        TableName: table,
        Key: keys.inboxCounts(unitId),
        // `changes` only grows: the inbox's cheap change marker (polled by the staff pages).
        UpdateExpression: `SET entity = :e, unitId = :u ADD ${entries.map((_, i) => `#s${i} :n${i}`).join(', ')}, changes :one`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([s], i) => [`#s${i}`, `${COUNT_PREFIX}${s}`])),
        ExpressionAttributeValues: { ':e': 'inboxCounts', ':u': unitId, ':one': 1, ...Object.fromEntries(entries.map(([, n], i) => [`:n${i}`, n])) },
      },
    };
  });
}

