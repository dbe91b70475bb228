import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TicketEventSchema, type Ticket } from '@mashang/shared';
import type { AuditChange } from '../ports/audit.ts';
import type { ErasureChange, ErasureMessage, ErasureRecord, ErasureRows, RowRef } from '../ports/erasure.ts';
import { VersionConflictError } from '../ports/errors.ts';
import { auditPut } from './audit.ts';
import { INDEX, keys, OUTBOX_SHARDS, shardOf } from './keys.ts';
import { queryAll } from './query.ts';
import { parseTicket, ticketItem, type TransactItem } from './tickets.ts';
import { isTransactionConflict, sendTransaction } from './transact.ts';

/**
 * The rows personal-data erasure reads and rewrites (functions/src/app/residents/erasure.ts):
 * a ticket's own partition (pattern 1: events, follower and consent rows, merge links,
 * risk warnings) and a resident's list (pattern 4, index byResident). Writes go in
 * transactions of at most {@link ERASURE_CHUNK} items; the ticket row itself is written
 * last, conditioned on the version read, so a crash leaves work that a re-run finds.
 */
export const ERASURE_CHUNK = 25;

/** A row of a ticket's partition, as stored. */
export type Row = Record<string, unknown>;

export class ErasureStore implements ErasureRows {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** Every row of a ticket's partition (a ticket holds tens of rows: its history, followers, consents, warnings). */
  private async partition(ticketId: string): Promise<Row[]> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.ticketPartition(ticketId) },
      ConsistentRead: true,
    });
    return items;
  }

  /**
   * The notification rows of a ticket, still to send (pattern 10) or sent (pattern 24): a
   * change's messages are keyed `<the change's instant>#<ticket>#n`, so one query per
   * instant of the ticket's history finds them (no shard is read whole).
   */
  async messages(ticketId: string, instants: string[]): Promise<ErasureMessage[]> {
    const shard = shardOf(ticketId, OUTBOX_SHARDS);
    const out: Row[] = [];
    for (const at of [...new Set(instants)]) {
      for (const pk of [keys.outboxPartition(shard), keys.outboxLogPartition(shard)]) {
        const { items } = await queryAll(this.db, {
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': keys.outboxChangePrefix(at, ticketId) },
          ConsistentRead: true,
        });
        out.push(...items);
      }
    }
    return out.map((r) => ({ ref: r as unknown as RowRef, text: r.text, audience: r.audience, filerOnly: r.filerOnly }));
  }

  /** One page of a resident's list (own tickets and follower rows), keys and kinds only. */
  async residentPage(residentId: string, limit: number): Promise<Array<{ entity: string; ticketId: string }>> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.byResident,
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.residentPartition(residentId) },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((r) => ({ entity: String(r.entity), ticketId: String(r.entity === 'ticket' ? r.id : r.ticketId) }));
  }

  /** The request's partition, sorted by kind, each row named by its ref (the row itself, opaque to use cases). */
  async record(ticketId: string): Promise<ErasureRecord> {
    const rows = await this.partition(ticketId);
    const ref = (r: Row) => r as unknown as RowRef;
    const ticketRow = rows.find((r) => r.SK === 'T');
    const followerPrefix = keys.follower(ticketId, '').SK;
    return {
      ...(ticketRow ? { ticket: parseTicket(ticketRow) } : {}),
      events: rows.filter((r) => r.entity === 'event').map((r) => ({ ref: ref(r), event: TicketEventSchema.parse(r) })),
      consents: rows.filter((r) => r.entity === 'consent').map((r) => ({ ref: ref(r), ...(typeof r.residentId === 'string' ? { residentId: r.residentId } : {}) })),
      warnings: rows.filter((r) => r.entity === 'risk_warning').map((r) => ({ ref: ref(r), summary: r.summary, note: r.note })),
      // Rows keyed as a resident's follower row (FOL#<resident>), named by the resident in their key.
      followers: rows.filter((r) => String(r.SK).startsWith(followerPrefix)).map((r) => ({ ref: ref(r), residentId: String(r.SK).slice(followerPrefix.length) })),
    };
  }

  /** Applies the changes in transactions of at most ERASURE_CHUNK items, in order. */
  async apply(changes: readonly ErasureChange[]): Promise<void> {
    await this.write(changes.map((c) => this.itemOf(c)));
  }

  async saveTicket(before: Ticket, after: Ticket, audit?: AuditChange): Promise<void> {
    await this.write([
      { Put: { TableName: this.table, Item: ticketItem(after), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } } },
      ...(audit ? [auditPut(this.table, audit)] : []),
    ]);
  }

  private itemOf(c: ErasureChange): TransactItem {
    switch (c.kind) {
      case 'event': {
        // Its keys and kind kept, its content replaced.
        const { note: _n, data: _d, ...rest } = rowOf(c.ref);
        return { Put: { TableName: this.table, Item: { ...rest, ...c.event }, ConditionExpression: 'attribute_exists(PK)' } };
      }
      case 'warning': {
        const row = rowOf(c.ref);
        const version = Number(row.version);
        // A newer version, so a change read before the erasure cannot write the old words back.
        const item = { ...row, summary: c.summary, ...(c.note === undefined ? {} : { note: c.note }), version: version + 1 };
        return { Put: { TableName: this.table, Item: item, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } } };
      }
      case 'message_text': {
        const row = rowOf(c.ref);
        return {
          Update: {
            TableName: this.table,
            Key: { PK: row.PK, SK: row.SK },
            UpdateExpression: 'SET #text = :t',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#text': 'text' },
            ExpressionAttributeValues: { ':t': c.text },
          },
        };
      }
      case 'remove': {
        const row = rowOf(c.ref);
        return { Delete: { TableName: this.table, Key: { PK: row.PK, SK: row.SK } } };
      }
      case 'unlink_merged':
        return {
          Update: {
            TableName: this.table,
            Key: keys.mergeLink(c.targetId, c.sourceId),
            UpdateExpression: 'REMOVE residentId',
            ConditionExpression: 'attribute_exists(PK)',
          },
        };
    }
  }

  /** The merge link of a duplicate on its target's partition (pattern 19), if it exists. */
  async mergeLink(targetId: string, sourceId: string): Promise<Row | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.mergeLink(targetId, sourceId), ConsistentRead: true }));
    return res.Item;
  }

  /** Sends writes in transactions of at most ERASURE_CHUNK items, in order; a failed condition is a VersionConflictError. */
  private async write(items: TransactItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += ERASURE_CHUNK) {
      try {
        await sendTransaction(this.db, { TransactItems: items.slice(i, i + ERASURE_CHUNK) });
      } catch (err) {
        if (isConditionFailure(err)) throw new VersionConflictError({ cause: err });
        throw err;
      }
    }
  }
}

/** The stored row behind a ref this store handed out. */
function rowOf(ref: RowRef): Row {
  return ref as unknown as Row;
}

/** A lost race on a condition: somebody changed the ticket or the row meanwhile (the caller re-reads and tries again). */
function isConditionFailure(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name === 'ConditionalCheckFailedException') return true;
  return isTransactionConflict(err) || (e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));
}
