import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { COUNTERS, type Counters, type StatRole, type Ticket, monthsBetween } from '@mashang/shared';
import { INDEX, keys } from './keys.ts';
import { queryAll } from './query.ts';
import { parseTicket } from './tickets.ts';

export interface StatRow {
  unitId: string;
  day: string;
  categoryCode: string;
  role: StatRole;
  counters: Counters;
}

/** Months (YYYY-MM) a local-date range touches (shared/src/time.ts); the store's month partitions follow it. */
export { monthsBetween };

/** Reads the report counters and the rows behind them (access patterns 11 and 12 in keys.ts). */
export class StatStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private queryAll(input: QueryCommandInput): Promise<{ items: Record<string, unknown>[]; read: number }> {
    return queryAll(this.db, input);
  }

  /** Counter rows of one unit and role for days in [from, to]. */
  async rows(unitId: string, role: StatRole, from: string, to: string): Promise<{ rows: StatRow[]; read: number }> {
    const pages = await Promise.all(
      monthsBetween(from, to).map((month) =>
        this.queryAll({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':pk': keys.statPartition(unitId, month), ':a': `${role}#${from}`, ':b': `${role}#${to}#~` },
        }),
      ),
    );
    const rows = pages.flatMap((p) =>
      p.items.map((item) => ({
        unitId,
        role,
        day: String(item.day),
        categoryCode: String(item.categoryCode),
        counters: Object.fromEntries(COUNTERS.filter((c) => typeof item[c] === 'number').map((c) => [c, item[c] as number])) as Counters,
      })),
    );
    return { rows, read: pages.reduce((s, p) => s + p.read, 0) };
  }

  /** Every request a unit received in [from, to] (by receipt date), for drilling down into a figure. */
  async receivedBy(unitId: string, from: string, to: string, fromInstant: string, toInstant: string): Promise<Ticket[]> {
    const pages = await Promise.all(
      monthsBetween(from, to).map((month) =>
        this.queryAll({
          TableName: this.table,
          IndexName: INDEX.byOrigin,
          KeyConditionExpression: 'GSI6PK = :pk AND GSI6SK BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':pk': keys.originPartition(unitId, month), ':a': fromInstant, ':b': `${toInstant}#~` },
        }),
      ),
    );
    return pages.flatMap((p) => p.items.map(parseTicket));
  }

  /** Open requests with an unmet breached clock in one unit's inbox, oldest breach first (access pattern 13). */
  async openBreaches(unitId: string): Promise<Ticket[]> {
    const { items } = await this.queryAll({
      TableName: this.table,
      IndexName: INDEX.openBreaches,
      KeyConditionExpression: 'GSI7PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.breachPartition(unitId) },
    });
    return items.map(parseTicket);
  }
}
