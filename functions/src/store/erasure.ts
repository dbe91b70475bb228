import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '@mashang/shared';
import { INDEX, keys, OUTBOX_SHARDS, shardOf } from './keys.ts';
import { queryAll } from './query.ts';
import { ticketItem, type TransactItem } from './tickets.ts';
import { isTransactionConflict, sendTransaction } from './transact.ts';

/**
 * The rows personal-data erasure reads and rewrites (functions/src/app/erasure.ts):
 * a ticket's own partition (pattern 1: events, follower and consent rows, merge links,
 * risk warnings) and a resident's list (pattern 4, index byResident). Writes go in
 * transactions of at most {@link ERASURE_CHUNK} items; the ticket row itself is written
 * last, conditioned on the version read, so a crash leaves work that a re-run finds.
 */
export const ERASURE_CHUNK = 25;

/** A row of a ticket's partition, as stored. */
export type Row = Record<string, unknown>;

export class ErasureStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** Every row of a ticket's partition (a ticket holds tens of rows: its history, followers, consents, warnings). */
  async partition(ticketId: string): Promise<Row[]> {
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
  async messages(ticketId: string, instants: string[]): Promise<Row[]> {
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
    return out;
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

  /** A rewritten row that must still exist (events, warnings: nobody deletes them meanwhile). */
  rewrite(row: Row): TransactItem {
    return { Put: { TableName: this.table, Item: row, ConditionExpression: 'attribute_exists(PK)' } };
  }

  /** A rewritten row that others may change meanwhile (a risk warning): only over the version read. */
  rewriteVersioned(row: Row, version: number): TransactItem {
    return { Put: { TableName: this.table, Item: row, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } } };
  }

  /** A message's text replaced in place (the dispatcher may be claiming the row: nothing else of it is touched). */
  setText(row: Row, text: string): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: { PK: row.PK, SK: row.SK },
        UpdateExpression: 'SET #text = :t',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: { ':t': text },
      },
    };
  }

  remove(row: Row): TransactItem {
    return { Delete: { TableName: this.table, Key: { PK: row.PK, SK: row.SK } } };
  }

  /** The merge link of a duplicate on its target's partition (pattern 19), if it exists. */
  async mergeLink(targetId: string, sourceId: string): Promise<Row | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.mergeLink(targetId, sourceId), ConsistentRead: true }));
    return res.Item;
  }

  /** The merge link naming the duplicate's filer, on the target's partition: the name goes, the link stays. */
  unlinkMerged(targetId: string, sourceId: string): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: keys.mergeLink(targetId, sourceId),
        UpdateExpression: 'REMOVE residentId',
        ConditionExpression: 'attribute_exists(PK)',
      },
    };
  }

  /** The ticket row without its filer's data, over the version read (its index keys follow from what is left). */
  ticketPut(before: Ticket, after: Ticket): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: ticketItem(after),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': before.version },
      },
    };
  }

  /** Sends writes in transactions of at most ERASURE_CHUNK items, in order. */
  async write(items: TransactItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += ERASURE_CHUNK) {
      await sendTransaction(this.db, { TransactItems: items.slice(i, i + ERASURE_CHUNK) });
    }
  }
}

/** A lost race on a condition: somebody changed the ticket or the row meanwhile (the caller re-reads and tries again). */
export function isConditionFailure(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name === 'ConditionalCheckFailedException') return true;
  return isTransactionConflict(err) || (e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));
}
