import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '@mashang/shared';
import type { Delivery, LoggedMessage, Outbox, OutboxRow } from '../ports/outbox.ts';
import type { SideWrite } from '../ports/tickets.ts';
import { sideWriteItems } from './side-writes.ts';
import { keys, OUTBOX_SHARDS } from './keys.ts';
import { outlogDays, TTL_ATTRIBUTE, ttlAfter } from './ttl.ts';
import { sendTransaction, type TransactItem } from './transact.ts';

/**
 * The outbox as the dispatcher works it. Every ticket transaction writes its
 * messages as `pending` rows (pattern 10). The dispatcher claims a row with a
 * conditional write and a lease, records each recipient's result on it (each
 * write conditioned on its claim), and finally moves it to the log (pattern 24)
 * in one transaction. The outbox partitions therefore hold only what is still
 * to send, and a dispatcher reads exactly that.
 */

export type { Delivery, LoggedMessage, OutboxRow } from '../ports/outbox.ts';

export type FinishResult = { status: LoggedMessage['status']; reason?: string; deliveries: Record<string, Delivery>; doneAt: string };

const isConditional = (err: unknown) => (err as { name?: string }).name === 'ConditionalCheckFailedException';

/** The shard of an outbox row (`OUTBOX#<shard>`). */
export const outboxShardOf = (row: Pick<OutboxRow, 'PK'>): number => Number(row.PK.split('#')[1]);

/** A stable id of a message, made of its key (a staff in-app message is stored under it, so a re-run writes the same one). */
export const outboxMessageId = (row: Pick<OutboxRow, 'PK' | 'SK'>): string => `${outboxShardOf(row)}-${row.SK}`.replace(/[^A-Za-z0-9:.\-_]/g, '_');

/** A finished message's log entry, under the log's key: made of the row handed back (not the stored one), without its claim. */
export function loggedMessage(row: OutboxRow, result: FinishResult): LoggedMessage {
  const { PK: _pk, SK, status: _s, claimToken: _t, claimUntil: _u, notBefore: _n, ...rest } = row;
  return { ...rest, ...keys.outboxLog(outboxShardOf(row), SK), status: result.status, deliveries: result.deliveries, doneAt: result.doneAt, ...(result.reason ? { reason: result.reason } : {}) } as LoggedMessage;
}

export class OutboxStore implements Outbox {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** An admin's replay: the request's latest status event queued again for its system's webhooks; returns the event id. */
  async queueWebhookReplay(ticket: Ticket, at: string): Promise<string> {
    const row = webhookOutboxRow(ticket, at, true);
    await this.db.send(new PutCommand({ TableName: this.table, Item: row }));
    return String(row.eventId);
  }

  /** One page of a shard's outbox, oldest first. */
  async page(shard: number, limit: number, cursor?: Record<string, unknown>): Promise<{ items: OutboxRow[]; next?: Record<string, unknown> }> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.outboxPartition(shard) },
        Limit: limit,
        ExclusiveStartKey: cursor,
        ConsistentRead: true,
      }),
    );
    return { items: (res.Items ?? []) as OutboxRow[], next: res.LastEvaluatedKey };
  }

  /**
   * Every message still to send, page after page, shard after shard (each shard oldest first):
   * how many shards there are is the store's business. Pages are read as they are consumed.
   */
  async *pending(limit: number): AsyncIterable<OutboxRow[]> {
    for (let shard = 0; shard < OUTBOX_SHARDS; shard++) {
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await this.page(shard, limit, cursor);
        yield page.items;
        cursor = page.next;
      } while (cursor);
    }
  }

  messageId(row: Pick<OutboxRow, 'PK' | 'SK'>): string {
    return outboxMessageId(row);
  }

  /**
   * Claims a message for `leaseMs`: it must be pending and due, or claimed by a
   * dispatcher whose lease ran out. Returns the claimed row, or undefined when
   * another dispatcher has it (or it is gone).
   */
  async claim(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, now: string, leaseUntil: string): Promise<OutboxRow | undefined> {
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { PK: row.PK, SK: row.SK },
          UpdateExpression: 'SET #s = :claimed, claimToken = :tok, claimUntil = :until, attempts = if_not_exists(attempts, :zero) + :one, deliveries = if_not_exists(deliveries, :none)',
          ConditionExpression: 'attribute_exists(PK) AND ((#s = :pending AND (attribute_not_exists(notBefore) OR notBefore <= :now)) OR (#s = :claimed AND claimUntil < :now))',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':pending': 'pending', ':tok': token, ':until': leaseUntil, ':now': now, ':zero': 0, ':one': 1, ':none': {} },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return res.Attributes as OutboxRow;
    } catch (err) {
      if (isConditional(err)) return undefined;
      throw err;
    }
  }

  /** Records one recipient's result; false when the claim was lost (another dispatcher took over). */
  async recordDelivery(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, recipient: string, result: Delivery): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { PK: row.PK, SK: row.SK },
          UpdateExpression: 'SET deliveries.#r = :res',
          ConditionExpression: 'claimToken = :tok',
          ExpressionAttributeNames: { '#r': recipient },
          ExpressionAttributeValues: { ':res': result, ':tok': token },
        }),
      );
      return true;
    } catch (err) {
      if (isConditional(err)) return false;
      throw err;
    }
  }

  /**
   * Gives a claimed message back for a later attempt (after `notBefore`). `uncount` gives the
   * attempt back too: a delayed check held until its time was not an attempt to send.
   */
  async release(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, notBefore: string, uncount = false): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { PK: row.PK, SK: row.SK },
          UpdateExpression: `SET #s = :pending, notBefore = :nb${uncount ? ', attempts = attempts - :one' : ''} REMOVE claimToken, claimUntil`,
          ConditionExpression: 'claimToken = :tok',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':nb': notBefore, ':tok': token, ...(uncount ? { ':one': 1 } : {}) },
        }),
      );
      return true;
    } catch (err) {
      if (isConditional(err)) return false;
      throw err;
    }
  }

  /** Moves a claimed message to the log, in one transaction conditioned on the claim. False when the claim was lost. */
  async finish(row: OutboxRow, token: string, result: FinishResult): Promise<boolean> {
    return (await this.finishWith(row, token, result, [])).ok;
  }

  /**
   * Moves a claimed message to the log with more writes (a risk check's warning and its
   * messages, side-writes.ts) in one transaction conditioned on the claim.
   */
  async finishWith(row: OutboxRow, token: string, result: FinishResult, writes: readonly SideWrite[]): Promise<{ ok: true; queued: OutboxRow[] } | { ok: false; reason: 'lost' | 'exists' }> {
    const logged = loggedMessage(row, result);
    const more = writes.flatMap((w) => {
      if (w.kind === 'linked_change') throw new Error('a ticket change cannot be written with an outbox message');
      return sideWriteItems(this.table, w);
    });
    try {
      await sendTransaction(this.db, {
        TransactItems: [
          { Delete: { TableName: this.table, Key: { PK: row.PK, SK: row.SK }, ConditionExpression: 'claimToken = :tok', ExpressionAttributeValues: { ':tok': token } } },
          { Put: { TableName: this.table, Item: { ...logged, entity: 'outbox-log', [TTL_ATTRIBUTE]: ttlAfter(result.doneAt, outlogDays()) } } },
          ...more,
        ],
      });
      const queued = more.flatMap((i) => (i.Put?.Item?.entity === 'outbox' ? [i.Put.Item as unknown as OutboxRow] : []));
      return { ok: true, queued };
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
      const reasons = e.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'lost' };
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return { ok: false, reason: 'exists' };
      throw err;
    }
  }

  /** The newest `limit` log entries over all shards (the local outbox page). */
  async recentLog(limit: number): Promise<LoggedMessage[]> {
    const pages = await Promise.all(
      Array.from({ length: OUTBOX_SHARDS }, (_, shard) =>
        this.db.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.outboxLogPartition(shard) }, ScanIndexForward: false, Limit: limit })),
      ),
    );
    return pages
      .flatMap((p) => (p.Items ?? []) as LoggedMessage[])
      .sort((a, b) => b.SK.localeCompare(a.SK))
      .slice(0, limit);
  }
}

// ---- webhook events (functions/src/integrations/webhooks.ts delivers them) ----------

/** The outbox row of a status change of an externally entered request. */
export function webhookOutboxRow(ticket: Ticket, createdAt: string, replay = false): Record<string, unknown> {
  return {
    ...keys.webhookOutbox(createdAt, ticket.id, ticket.version),
    entity: 'outbox',
    kind: 'webhook',
    ticketId: ticket.id,
    createdAt,
    status: 'pending',
    audience: 'webhook',
    template: 'status_changed',
    text: '',
    system: ticket.external!.system,
    eventId: `${ticket.id}.v${ticket.version}`,
    ticketStatus: ticket.status,
    ...(replay ? { replay: true } : {}),
  };
}

/** Writes to add to a ticket's transaction: one webhook event when an externally entered request changes status. */
export function webhookOutboxItems(table: string, before: Ticket, after: Ticket): TransactItem[] {
  if (!after.external || before.status === after.status) return [];
  return [{ Put: { TableName: table, Item: webhookOutboxRow(after, after.updatedAt) } }];
}
