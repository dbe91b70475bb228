import { BatchGetCommand, GetCommand, QueryCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '@mashang/shared';
import { INDEX, keys } from './keys.ts';
import { parseTicket } from './tickets.ts';

/** Items read per partition at most by a phone-tail or word search (one page each, newest first). */
export const SEARCH_READ_BOUND = 300;
export { SEARCH_MONTHS } from '@mashang/shared/inbox-search';
/** Requests of one phone number read at most (byPhone, newest first). */
export const PHONE_HISTORY_LIMIT = 20;

/** What a phone-tail or word search filters on in DynamoDB (then checked exactly in code). */
export type SearchFilter = { kind: 'phone_tail'; tail: string } | { kind: 'words'; words: readonly string[] };

/**
 * Reads behind the inbox search (access patterns 49 and 50 in keys.ts). Never a Scan:
 * a number is a GetItem, a whole phone number one query of its hash partition, and a
 * phone tail or words one bounded page of each of the unit's own partitions with a
 * FilterExpression. DynamoDB reads (and bills) the items a filter drops, so each page
 * reads at most {@link SEARCH_READ_BOUND} items: a street office holds a few hundred open
 * requests and receives a few thousand a quarter, so a search reads at most
 * (1 + {@link SEARCH_MONTHS}) × 300 items and says when a partition held more.
 */
export class SearchStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async page(input: { IndexName: string; pk: string; pkName: string; pkValue: string }, filter: SearchFilter): Promise<{ items: Ticket[]; truncated: boolean }> {
    const values: Record<string, unknown> = { ':pk': input.pkValue };
    const names: Record<string, string> = { '#pk': input.pkName };
    let expression: string;
    if (filter.kind === 'phone_tail') {
      // contains, then the exact "ends with" in code: DynamoDB has no ends_with.
      values[':tail'] = filter.tail;
      names['#phone'] = 'phone';
      expression = 'contains(#phone, :tail)';
    } else {
      expression = filter.words.map((w, i) => {
        values[`:w${i}`] = w;
        return `(contains(description, :w${i}) OR contains(locationName, :w${i}))`;
      }).join(' AND ');
    }
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: input.IndexName,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: SEARCH_READ_BOUND,
      }),
    );
    return { items: (res.Items ?? []).map(parseTicket), truncated: res.LastEvaluatedKey !== undefined };
  }

  /** The unit's open inbox and its requests received in `months` (YYYY-MM), one bounded filtered page each. */
  async ofUnit(unitId: string, months: readonly string[], filter: SearchFilter): Promise<{ items: Ticket[]; truncated: boolean }> {
    const pages = await Promise.all([
      this.page({ IndexName: INDEX.inbox, pk: 'GSI1PK', pkName: 'GSI1PK', pkValue: keys.inboxPartition(unitId) }, filter),
      ...months.map((m) => this.page({ IndexName: INDEX.byOrigin, pk: 'GSI6PK', pkName: 'GSI6PK', pkValue: keys.originPartition(unitId, m) }, filter)),
    ]);
    return { items: pages.flatMap((p) => p.items), truncated: pages.some((p) => p.truncated) };
  }

  /** The latest request ids of a whole phone number (byPhone, keys only, by hash). */
  async idsByPhone(phone: string, limit = PHONE_HISTORY_LIMIT): Promise<string[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.byPhone,
        KeyConditionExpression: 'GSI10PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.phonePartition(phone) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((r) => String(r.GSI10SK).split('#').at(-1)!);
  }

  /** Tickets by id (one BatchGet of at most 100; unprocessed keys are read again once). */
  async tickets(ids: readonly string[]): Promise<Ticket[]> {
    const unique = [...new Set(ids)].slice(0, 100);
    if (unique.length === 0) return [];
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [this.table]: { Keys: unique.map((id) => keys.ticket(id)) } };
    const rows: Record<string, unknown>[] = [];
    for (let attempt = 0; request && attempt < 3; attempt++) {
      const res: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: request }));
      rows.push(...(res.Responses?.[this.table] ?? []));
      const left: Record<string, unknown>[] | undefined = res.UnprocessedKeys?.[this.table]?.Keys;
      request = left?.length ? { [this.table]: { Keys: left } } : undefined;
    }
    return rows.map(parseTicket);
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.ticket(id) }));
    return res.Item ? parseTicket(res.Item) : undefined;
  }

  /** The request entered for a 12345 work order (pattern 49). */
  async byWorkOrder(workOrderNo: string): Promise<string | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.workOrder(workOrderNo), ConsistentRead: true }));
    return typeof res.Item?.ticketId === 'string' ? res.Item.ticketId : undefined;
  }
}
