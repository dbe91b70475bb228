import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '@mashang/shared';
import { keys } from './keys.ts';

/** The unit fields of a ticket that decide who may see it. */
export type TicketScope = Pick<Ticket, 'id' | 'originUnitId' | 'coordinatorUnitId' | 'currentUnitId' | 'handlingUnitId' | 'gridId'>;

const FIELDS = ['id', 'originUnitId', 'coordinatorUnitId', 'currentUnitId', 'handlingUnitId', 'gridId'] as const;

/**
 * The scope fields of some tickets by id (pattern 1, BatchGetItem of `TICKET#id`/`T`,
 * 100 keys per call, projected to the unit fields). Ids that do not exist are absent.
 */
export async function ticketScopes(db: DynamoDBDocumentClient, table: string, ids: readonly string[]): Promise<Map<string, TicketScope>> {
  const out = new Map<string, TicketScope>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
      [table]: {
        Keys: unique.slice(i, i + 100).map((id) => keys.ticket(id)),
        ProjectionExpression: FIELDS.map((_, n) => `#f${n}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(FIELDS.map((f, n) => [`#f${n}`, f])),
      },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0 && attempt < 6; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const got = await db.send(new BatchGetCommand({ RequestItems: request }));
      for (const r of got.Responses?.[table] ?? []) out.set(String(r.id), r as TicketScope);
      request = got.UnprocessedKeys as typeof request;
    }
  }
  return out;
}
