import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OPEN_STATUSES, type InboxCounts, type InboxSort, type Status, type Ticket } from '@mashang/shared';
import { decodeIndexCursor, encodeCursor } from './cursor.ts';
import { COUNT_PREFIX } from './counts.ts';
import { INDEX, keys } from './keys.ts';
import { parseTicket, type Page } from './tickets.ts';

/**
 * The workbench inbox (access patterns 14 and 15 in keys.ts).
 *
 * Order: the sparse `inboxByDeadline` index holds every open ticket of a unit under
 * `INBOX#unit`, sorted by its next unmet deadline, so "what runs out first" is one
 * Query on one partition — never a Scan. The older `inbox` index (newest first) serves
 * `sort=newest`.
 *
 * Filters (status, category, urgent, "mine") are FilterExpressions on that one unit's
 * partition. DynamoDB still reads the items a filter drops, so a page reads at most
 * {@link INBOX_READ_BOUND} index items; when a selective filter finds fewer than
 * `limit` matches within that bound the page is short and carries a cursor, and the
 * client loads more. A street office holds a few hundred open requests at a time, so a
 * filtered page is normally complete; an office with many thousands would warrant a
 * dedicated index per filter (e.g. by 承办人) rather than a bigger bound.
 *
 * Counts: one counter row per unit (`COUNTS#unit`) with one attribute per open status,
 * moved by ADD updates in the same transaction as every ticket change that enters,
 * leaves or moves within a unit's inbox. Reading the counts is one GetItem, whatever
 * the size of the inbox. The row is written by a street office's own traffic (a few
 * changes a minute, far below an item's 1,000 writes/s); concurrent changes of two
 * tickets of one unit can cancel each other's transaction (TransactionConflict), which
 * the store retries (functions/src/store/transact.ts).
 */
export const INBOX_READ_BOUND = 200;

/** What a page of the inbox is filtered by. */
export interface InboxFilter {
  status?: Status;
  categoryCode?: string;
  urgent?: boolean;
  /** Only tickets whose 承办人 is this staff member. */
  assigneeId?: string;
}

interface IndexSpec {
  name: string;
  pk: 'GSI8PK' | 'GSI1PK';
  sk: 'GSI8SK' | 'GSI1SK';
  partition: string;
  forward: boolean;
}

/** A cursor is only good for the index and the unit it came from (functions/src/store/cursor.ts). */
const decodeCursor = (cursor: string | undefined, spec: IndexSpec): Record<string, unknown> | undefined => decodeIndexCursor(cursor, spec);

/** Reads the workbench inbox and its counts. */
export class InboxStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * One page of a unit's open tickets, next deadline first (or newest first), with
   * filters; reads at most {@link INBOX_READ_BOUND} index items. `read` is what it read.
   */
  async page(unitId: string, sort: InboxSort, filter: InboxFilter, cursor: string | undefined, limit: number): Promise<Page<Ticket> & { read: number }> {
    const spec: IndexSpec =
      sort === 'deadline'
        ? { name: INDEX.inboxByDeadline, pk: 'GSI8PK', sk: 'GSI8SK', partition: keys.inboxByDeadline(unitId, undefined, '').GSI8PK, forward: true }
        : { name: INDEX.inbox, pk: 'GSI1PK', sk: 'GSI1SK', partition: keys.inboxPartition(unitId), forward: false };
    const names: Record<string, string> = { '#pk': spec.pk };
    const values: Record<string, unknown> = { ':pk': spec.partition };
    const conditions: string[] = [];
    if (filter.status) {
      names['#status'] = 'status';
      values[':status'] = filter.status;
      conditions.push('#status = :status');
    }
    if (filter.categoryCode) {
      values[':category'] = filter.categoryCode;
      conditions.push('categoryCode = :category');
    }
    if (filter.urgent !== undefined) {
      values[':urgent'] = filter.urgent;
      conditions.push('urgent = :urgent');
    }
    if (filter.assigneeId) {
      names['#assignee'] = 'assignee';
      values[':me'] = filter.assigneeId;
      conditions.push('#assignee.id = :me');
    }
    const filtered = conditions.length > 0;
    const rows: Record<string, unknown>[] = [];
    let start = decodeCursor(cursor, spec);
    let read = 0;
    let next: Record<string, unknown> | undefined;
    for (;;) {
      const res = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: spec.name,
          KeyConditionExpression: '#pk = :pk',
          ...(filtered ? { FilterExpression: conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: spec.forward,
          // Unfiltered, every item read is returned; filtered, read in bounded chunks.
          Limit: filtered ? Math.min(INBOX_READ_BOUND - read, 100) : limit - rows.length,
          ExclusiveStartKey: start,
        }),
      );
      read += res.ScannedCount ?? 0;
      const found = res.Items ?? [];
      const room = limit - rows.length;
      rows.push(...found.slice(0, room));
      if (found.length > room) {
        // More matches than the page holds: continue right after the last one returned.
        const last = rows[rows.length - 1]!;
        next = { PK: last.PK, SK: last.SK, [spec.pk]: last[spec.pk], [spec.sk]: last[spec.sk] };
        break;
      }
      start = res.LastEvaluatedKey;
      next = start;
      if (!start || rows.length >= limit || read >= INBOX_READ_BOUND) break;
    }
    return { items: rows.map(parseTicket), nextCursor: encodeCursor(next), read };
  }

  /** The unit's open tickets by status: one GetItem of the counter row. */
  async counts(unitId: string): Promise<InboxCounts> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.inboxCounts(unitId) }));
    const byStatus: Record<string, number> = {};
    let total = 0;
    for (const status of OPEN_STATUSES) {
      const raw = res.Item?.[`${COUNT_PREFIX}${status}`];
      // Never show a negative count, even if a row was edited by hand.
      const n = typeof raw === 'number' && raw > 0 ? raw : 0;
      byStatus[status] = n;
      total += n;
    }
    return { total, byStatus };
  }
}
