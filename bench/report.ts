/**
 * `npm run bench:report [-- --tickets 100000]`
 *
 * Seeds N simulated requests over the 30 days of November 2026 across the demo
 * county, runs the monthly county SLA report from the counters, then computes
 * the same figures by scanning every ticket in the same process, checks they
 * are equal, and prints the cost of both.
 */
import { parseArgs } from 'node:util';
import { sumCounters } from '@mashang/shared';
import { ReportService } from '../functions/src/app/reporting/reports.ts';
import { MashangService } from '../functions/src/app/service.ts';
import { TokenService } from '../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../functions/src/store/client.ts';
import { OrgStore } from '../functions/src/store/org.ts';
import { StatStore } from '../functions/src/store/stats.ts';
import { TicketStore } from '../functions/src/store/tickets.ts';
import { ensureTable, startDynamo } from '../infra/local-dynamo.ts';
import { seedReference } from '../infra/seed.ts';
import { scanReport, seedReportFixture } from './report-fixture.ts';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '100000' } } });
const total = Number(values.tickets);
if (!Number.isInteger(total) || total < 1 || total > 1_000_000) throw new Error('--tickets must be 1..1000000');

const dynamo = await startDynamo();
try {
  const table = 'bench-report';
  await ensureTable(dynamo.endpoint, table);
  const db = createDocClient({ tableName: table, endpoint: dynamo.endpoint });
  const org = new OrgStore(db, table);
  await seedReference(org);
  let t = performance.now();
  await seedReportFixture(org, { total, month: '2026-11', days: 30 });
  console.log(`seeded ${total} requests over 30 days in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const now = () => Date.parse('2026-12-01T00:00:00.000Z');
  const service = new MashangService({ tickets: new TicketStore(db, table), org, tokens: new TokenService('bench-secret-bench-secret-bench-secret!'), now });
  const reports = new ReportService({ stats: new StatStore(db, table), reference: service, commands: service, now });
  const supervisor = { id: 'county-supervisor', role: 'supervisor' as const, unitId: 'chengguan' };
  await service.ref(); // reference data is cached in a warm Lambda; keep it out of both timings

  t = performance.now();
  const report = await reports.slaReport(supervisor, { from: '2026-11-01', to: '2026-11-30' });
  const ms = performance.now() - t;

  t = performance.now();
  const baseline = await scanReport(db, table, '2026-11-01', '2026-11-30');
  const scanMs = performance.now() - t;

  // The report's figures must equal the baseline's, unit by unit and in total.
  const mismatch: string[] = [];
  for (const row of report.byUnit) {
    const expected = (row.role === 'origin' ? baseline.origin : baseline.handling).get(row.key);
    if (JSON.stringify(sumCounters([row.counters])) !== JSON.stringify(expected)) mismatch.push(`${row.role}:${row.key}`);
  }
  const baselineTotal = sumCounters(baseline.origin.values());
  if (JSON.stringify(sumCounters([report.totals.counters])) !== JSON.stringify(baselineTotal)) mismatch.push('totals');
  if (report.byUnit.length !== baseline.origin.size + baseline.handling.size) mismatch.push('unit count');
  if (mismatch.length) throw new Error(`report differs from the scan baseline: ${mismatch.join(', ')}`);
  if (report.totals.counters.received !== total) throw new Error(`report counted ${report.totals.counters.received} of ${total} requests`);

  const r = report.totals.rates;
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  console.log(`figures equal the scan baseline; 响应率 ${pct(r.responseRate)} 按时办结率 ${pct(r.resolveOnTimeRate)} 满意率 ${pct(r.satisfactionRate)}; scan read ${baseline.itemsRead} items`);
  console.log(`report: tickets=${total} items_read=${report.itemsRead} ms=${ms.toFixed(0)} scan_baseline_ms=${scanMs.toFixed(0)} ratio=${(scanMs / ms).toFixed(1)}`);
} finally {
  await dynamo.stop();
}
