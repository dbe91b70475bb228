import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDateOf, type Ticket } from '@mashang/shared';
import { INDEX, keys } from './keys.ts';
import { monthsBetween } from './stats.ts';
import { parseTicket } from './tickets.ts';

/** How many months back the 已派出 view looks (a request's follow-up is due within 10 working days; extensions add up to 20). */
export const DISPATCHED_MONTHS = 3;
/** Items read per month partition at most: a street office receives a few thousand requests a month at most. */
export const DISPATCHED_READ_BOUND = 2000;

/**
 * A street office's 已派出 view (access pattern 41 in keys.ts): the requests it received
 * (byOrigin, pattern 12, one query per month of the last {@link DISPATCHED_MONTHS})
 * that it still coordinates and has dispatched to another unit, and whose return visit
 * (回访) is not yet recorded. The status test is a FilterExpression on the office's own
 * month partitions, so a load reads at most months × {@link DISPATCHED_READ_BOUND} items.
 */
export class DispatchedStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async ofOffice(officeId: string, now: string): Promise<{ items: Ticket[]; truncated: boolean }> {
    const to = localDateOf(now);
    const from = monthsBack(to, DISPATCHED_MONTHS - 1);
    const items: Ticket[] = [];
    let truncated = false;
    for (const month of monthsBetween(from, to).reverse()) {
      // One page per month: at most DISPATCHED_READ_BOUND items read (and 1 MB), newest first.
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: INDEX.byOrigin,
          KeyConditionExpression: 'GSI6PK = :pk',
          FilterExpression: 'coordinatorUnitId = :office AND currentUnitId <> :office AND attribute_exists(handlingUnitId) AND attribute_not_exists(followUpResult) AND #s IN (:d, :a, :r, :c, :o, :e)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':pk': keys.originPartition(officeId, month),
            ':office': officeId,
            ':d': 'dispatched',
            ':a': 'accepted',
            ':r': 'resolved',
            ':c': 'closed',
            ':o': 'reopened',
            ':e': 'escalated',
          },
          ScanIndexForward: false,
          Limit: DISPATCHED_READ_BOUND,
        }),
      );
      items.push(...(page.Items ?? []).map(parseTicket));
      truncated ||= page.LastEvaluatedKey !== undefined;
    }
    return { items, truncated };
  }
}

/** The first day (YYYY-MM-01) of the month `n` months before `date`'s. */
function monthsBack(date: string, n: number): string {
  let [y, m] = date.slice(0, 7).split('-').map(Number) as [number, number];
  m -= n;
  while (m < 1) [y, m] = [y - 1, m + 12];
  return `${y}-${String(m).padStart(2, '0')}-01`;
}
