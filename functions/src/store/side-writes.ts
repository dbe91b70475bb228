import type { RiskWarning } from '@mashang/shared';
import type { SideWrite } from '../ports/tickets.ts';
import { keys } from './keys.ts';
import { rateHitUpdate } from './rate.ts';
import type { TransactItem } from './transact.ts';

/**
 * The DynamoDB items of a ticket change's side-writes (functions/src/ports/tickets.ts):
 * the use cases name them as domain values; only the store turns them into rows.
 * `linked_change` (a second ticket) is the ticket store's own (functions/src/store/tickets.ts).
 */

/** A notification outbox row of a warning: its `n` never meets a ticket's own (version × 10 + i). */
const RISK_OUTBOX_N_BASE = 9000;
/** The supervisors' alert of a high-level warning: another `n` again. */
const RISK_SUPERVISOR_N_BASE = 9500;

/** The outbox row of a new request's risk check: before the warning's own rows (9000 …) in the shard's order. */
const RISK_CHECK_N = 8990;

/**
 * The outbox row of a new request's risk check (pattern 10, `kind: 'risk_check'`): the
 * dispatcher evaluates the risk rules after the write (functions/src/app/supervision/risk-checks.ts)
 * and replaces the row with the warning, if one fires, in one transaction. It holds no
 * personal data (the ticket is read when the check runs).
 */
export function riskCheckRow(ticketId: string, at: string): Record<string, unknown> {
  return systemOutboxRow(keys.outbox(at, ticketId, RISK_CHECK_N), 'risk_check', ticketId, at, { trigger: 'created' });
}

/**
 * The outbox row of photos whose `attached=yes` tagging failed before the change was written
 * (pattern 46b, `kind: 'photo_tag'`): the dispatcher tags them (functions/src/app/photos/photo-tags.ts).
 * It holds the photo keys only (no personal data).
 */
export function photoTagRow(ticketId: string, keysToTag: readonly string[], at: string, version: number): Record<string, unknown> {
  return systemOutboxRow(keys.photoTagOutbox(at, ticketId, version), 'photo_tag', ticketId, at, { photoKeys: [...keysToTag] });
}

/** An outbox row of the dispatcher's own work (`audience: 'system'`: nobody is messaged), pending from `at`. */
function systemOutboxRow(key: { PK: string; SK: string }, kind: string, ticketId: string, at: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { ...key, entity: 'outbox', kind, ticketId, createdAt: at, status: 'pending', audience: 'system', template: kind, text: '', ...extra };
}

/** The stored row of a risk warning, with its office index keys (pattern 27). */
export function riskWarningRow(w: RiskWarning): Record<string, unknown> {
  return {
    ...keys.riskWarning(w.ticketId, w.id),
    entity: 'risk_warning',
    ...w,
    ...keys.riskByOffice(w.officeUnitId, w.status, w.status === 'open' ? w.dueAt : (w.doneAt ?? w.dueAt), w.id),
  };
}

/**
 * The writes of a new warning, to go in the ticket's own transaction: the warning (once
 * per ticket and trigger), the message telling the assigned unit, and for a high-level
 * warning an alert to the office's supervisors (`kind: 'risk_high'`, recipient unit and
 * role on the row).
 */
export function riskWarningItems(table: string, w: RiskWarning, text: string, n: number, supervisorText?: string): TransactItem[] {
  return [
    { Put: { TableName: table, Item: riskWarningRow(w), ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.outbox(w.createdAt, w.ticketId, RISK_OUTBOX_N_BASE + n),
          entity: 'outbox',
          ticketId: w.ticketId,
          createdAt: w.createdAt,
          status: 'pending',
          audience: 'handlers',
          unitId: w.assignedUnitId,
          template: 'assigned',
          alert: 'risk',
          text,
        },
      },
    },
    // The highest level also alerts the supervisors of the office at once (staff channels read `kind` and the recipient).
    ...(w.level === 'high'
      ? [
          {
            Put: {
              TableName: table,
              Item: {
                ...keys.outbox(w.createdAt, w.ticketId, RISK_SUPERVISOR_N_BASE + n),
                entity: 'outbox',
                ticketId: w.ticketId,
                createdAt: w.createdAt,
                status: 'pending',
                kind: 'risk_high',
                alert: 'risk',
                audience: 'supervisors',
                unitId: w.officeUnitId,
                recipientUnitId: w.officeUnitId,
                recipientRole: 'supervisor',
                warningId: w.id,
                template: 'risk_high',
                text: supervisorText ?? text,
              },
            },
          } satisfies TransactItem,
        ]
      : []),
  ];
}

/** The follower row ("me too", pattern 20), written with the ticket's conditional change; it must not exist yet. */
export function followerPut(table: string, ticketId: string, residentId: string, joinedAt: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...keys.follower(ticketId, residentId), ...keys.followerListing(residentId, joinedAt, ticketId), entity: 'follower', kind: 'joined', ticketId, residentId, createdAt: joinedAt },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Consent rows (pattern 21): one ADD per template (a transaction touches each item once). */
export function consentUpdates(table: string, ticketId: string, residentId: string, templateIds: readonly string[], at: string): TransactItem[] {
  return [...countBy(templateIds)].map(([templateId, n]) => ({
    Update: {
      TableName: table,
      Key: keys.subscription(ticketId, residentId, templateId),
      UpdateExpression: 'SET entity = :e, ticketId = :t, residentId = :r, templateId = :tpl, updatedAt = :at ADD credits :n',
      ExpressionAttributeValues: { ':e': 'consent', ':t': ticketId, ':r': residentId, ':tpl': templateId, ':at': at, ':n': n },
    },
  }));
}

/** The link row `FOL#merged#source` on the merge target: where the duplicate went, with the duplicate's resident. */
export function mergeLinkPut(table: string, targetId: string, sourceId: string, residentId: string | undefined, at: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.mergeLink(targetId, sourceId),
        entity: 'follower',
        kind: 'merged',
        ticketId: targetId,
        sourceTicketId: sourceId,
        ...(residentId ? { residentId } : {}),
        createdAt: at,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The listing row of a request an external system entered (pattern of keys.externalRequest). */
export function externalRequestPut(table: string, system: string, ticket: { id: string; receivedAt: string; categoryCode: string }, ref: string | undefined): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...keys.externalRequest(system, ticket.receivedAt, ticket.id), entity: 'external-request', ticketId: ticket.id, categoryCode: ticket.categoryCode, ...(ref ? { ref } : {}) },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The row of a 12345 work order (keys.workOrder): the request that has it; it must not exist yet. */
export function workOrderPut(table: string, workOrderNo: string, ticketId: string, at: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...keys.workOrder(workOrderNo), entity: 'workOrder', workOrderNo, ticketId, createdAt: at },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The items of every side-write but `linked_change`, which the ticket store writes itself. */
export function sideWriteItems(table: string, w: Exclude<SideWrite, { kind: 'linked_change' }>): TransactItem[] {
  switch (w.kind) {
    case 'follower':
      return [followerPut(table, w.ticketId, w.residentId, w.at)];
    case 'consent':
      return consentUpdates(table, w.ticketId, w.residentId, w.templateIds, w.at);
    case 'risk_warning':
      return riskWarningItems(table, w.warning, w.text, w.n, w.supervisorText);
    case 'merge_link':
      return [mergeLinkPut(table, w.targetId, w.sourceId, w.residentId, w.at)];
    case 'external_request':
      return [externalRequestPut(table, w.system, { id: w.ticketId, receivedAt: w.receivedAt, categoryCode: w.categoryCode }, w.ref)];
    case 'work_order':
      return [workOrderPut(table, w.workOrderNo, w.ticketId, w.at)];
    case 'rate_count':
      return [{ Update: rateHitUpdate(table, w.rule, w.subject, { limit: w.limit, windowSeconds: w.windowSeconds }, w.atMs) }];
    case 'risk_check':
      return [{ Put: { TableName: table, Item: riskCheckRow(w.ticketId, w.at) } }];
    case 'photo_tag':
      return [{ Put: { TableName: table, Item: photoTagRow(w.ticketId, w.keys, w.at, w.version) } }];
  }
}

function countBy(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
