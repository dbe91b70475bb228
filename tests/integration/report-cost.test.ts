import { afterAll, beforeAll, expect, it } from 'vitest';
import { sumCounters } from '@mashang/shared';
import { scanReport, seedReportFixture } from '../../bench/report-fixture.ts';
import { ReportService } from '../../functions/src/app/reporting/reports.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { StatStore } from '../../functions/src/store/stats.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** The monthly report from counters equals a scan of every request, and reads far fewer items (the benchmark's claim at test size). */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.drop());

it('gives the same figures as scanning every request, unit by unit', async () => {
  await seedReportFixture(h.org, { total: 1500, month: '2026-11', days: 30 });
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const reports = new ReportService({ stats: new StatStore(db, h.tableName), reference: h.service, commands: h.service, now: h.clock.now });
  const report = await reports.slaReport({ id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan' }, { from: '2026-11-01', to: '2026-11-30' });
  const baseline = await scanReport(db, h.tableName, '2026-11-01', '2026-11-30');
  expect(report.totals.counters).toEqual(sumCounters(baseline.origin.values()));
  expect(report.totals.counters.received).toBe(1500);
  for (const row of report.byUnit) expect(row.counters).toEqual((row.role === 'origin' ? baseline.origin : baseline.handling).get(row.key));
  expect(report.byUnit).toHaveLength(baseline.origin.size + baseline.handling.size);
  // Bounded by offices and departments × 30 days × 14 categories, whatever the number of requests.
  expect(report.itemsRead).toBeLessThanOrEqual((2 + 6) * 30 * 14);
  expect(report.itemsRead).toBeLessThan(baseline.itemsRead);
  // A hang guard, not a time assertion: seeding 1,500 requests takes minutes on a loaded 2-core machine.
}, 300_000);
