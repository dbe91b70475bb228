import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { computeClocks, createCalendar, DEFAULT_POLICY, fromEpochMs, nextCheckpoint, openTicket, type Ticket } from '@mashang/shared';
import { keys } from '../functions/src/store/keys.ts';
import type { OrgStore } from '../functions/src/store/org.ts';
import { ticketItem } from '../functions/src/store/tickets.ts';

/**
 * Seeds `total` open tickets of which exactly `due` have an SLA checkpoint at
 * or before `nowMs`; the others were received within the last few minutes, so
 * their first checkpoint (the respond warning at 24 minutes) is still ahead.
 * Rows are written with BatchWrite, as a bulk import would; the sweep then
 * goes through the real transactional path.
 */
export async function seedSweepFixture(org: OrgStore, opts: { total: number; due: number; nowMs: number }): Promise<void> {
  const calendar = createCalendar();
  const rows: Record<string, unknown>[] = [];
  const flush = async () => {
    await org.putAll(rows.splice(0), 8);
  };
  for (let i = 0; i < opts.total; i++) {
    const isDue = i < opts.due;
    // Due: received 40–100 minutes ago (respond warning and breach both past). Not due: 0–20 minutes ago.
    const ageMin = isDue ? 40 + (i % 60) : i % 20;
    const receivedAt = fromEpochMs(opts.nowMs - ageMin * 60_000 - (i % 1000));
    const id = `B${String(i).padStart(9, '0')}`;
    const { ticket } = openTicket(
      {
        id,
        channel: 'qr',
        categoryCode: 'sanitation',
        description: '基准测试诉求',
        anonymous: true,
        urgent: false,
        locationId: 'loc-dajuyuan',
        locationName: '甘肃大剧院东门公交站',
        gridId: 'gll-dongjie-g1',
        coordinatorUnitId: 'gaolanlu',
        receivedAt,
        policy: DEFAULT_POLICY,
        clocks: computeClocks(receivedAt, DEFAULT_POLICY, calendar),
        photos: [],
      },
      { id: 'bench', role: 'system' },
    );
    const checkpoint = nextCheckpoint(ticket.clocks)!;
    if (isDue !== checkpoint.at <= fromEpochMs(opts.nowMs)) throw new Error(`fixture bug: ticket ${i} due=${isDue} checkpoint=${checkpoint.at}`);
    rows.push(ticketItem(ticket));
    if (rows.length >= 2000) await flush();
  }
  await flush();
}

/**
 * The baseline a naive sweeper would use: scan every ticket and check its
 * clocks in code. Returns the items DynamoDB read and how many were due.
 */
export async function scanBaseline(db: DynamoDBDocumentClient, table: string, nowIso: string): Promise<{ itemsRead: number; due: number }> {
  let itemsRead = 0;
  let due = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    itemsRead += res.ScannedCount ?? 0;
    for (const row of res.Items ?? []) {
      if (row.SK !== keys.ticket('x').SK) continue;
      const cp = nextCheckpoint((row as unknown as Ticket).clocks);
      if (cp && cp.at <= nowIso) due++;
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return { itemsRead, due };
}
