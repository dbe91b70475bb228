import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { prng, scanReport } from '../../bench/report-fixture.ts';
import { ReportService } from '../../functions/src/app/reporting/reports.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { StatStore } from '../../functions/src/store/stats.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { TEST_SECRET, type Harness } from './harness.ts';

/** Helpers of the tests that break DynamoDB on purpose (faults.test.ts, sweep-kills.test.ts). */

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be repeated. */
export const random: (seed: number) => () => number = prng;

/** A service on the harness's table and clock that reaches DynamoDB through `db` (a faulty or dying client). */
export function serviceOn(h: Harness, db: DynamoDBDocumentClient, referenceTtlMs: number): MashangService {
  return new MashangService({ tickets: new TicketStore(db, h.tableName), org: new OrgStore(db, h.tableName), tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs });
}

/** Every item of the harness's table that matches `filter`, read with a client that works. */
export async function scanAll(db: DynamoDBDocumentClient, tableName: string, filter: string, values: Record<string, unknown>, names?: Record<string, string>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, FilterExpression: filter, ExpressionAttributeValues: values, ExpressionAttributeNames: names }));
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The county's SLA report from the counters kept in each transaction, and the same figures computed from a scan of every ticket. */
export async function reportAndScan(h: Harness, db: DynamoDBDocumentClient, from: string, to: string) {
  const reports = new ReportService({ stats: new StatStore(db, h.tableName), reference: h.service, commands: h.service, now: h.clock.now });
  const report = await reports.slaReport({ id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan' }, { from, to });
  const baseline = await scanReport(db, h.tableName, from, to);
  return { report, baseline };
}
