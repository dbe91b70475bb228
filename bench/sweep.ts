/**
 * `npm run bench:sweep [-- --tickets 100000 --due 1000]`
 *
 * Seeds N open tickets in DynamoDB Local (in memory) of which D are due, runs
 * one sweep through the due index, then the scan baseline in the same process,
 * and prints the cost. Goal: reads_per_due ≤ 1.1 whatever N.
 */
import { parseArgs } from 'node:util';
import { fromEpochMs } from '@mashang/shared';
import { MashangService } from '../functions/src/app/service.ts';
import { TokenService } from '../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../functions/src/store/client.ts';
import { OrgStore } from '../functions/src/store/org.ts';
import { TicketStore } from '../functions/src/store/tickets.ts';
import { ensureTable, startDynamo } from '../infra/local-dynamo.ts';
import { seedReference } from '../infra/seed.ts';
import { scanBaseline, seedSweepFixture } from './sweep-fixture.ts';

const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '100000' }, due: { type: 'string', default: '' } },
});
const total = Number(values.tickets);
if (!Number.isInteger(total) || total < 1 || total > 1_000_000) throw new Error('--tickets must be 1..1000000');
const due = values.due ? Number(values.due) : Math.max(1, Math.round(total / 100));
if (!Number.isInteger(due) || due > total) throw new Error('--due must be ≤ --tickets');

const dynamo = await startDynamo();
try {
  const table = 'bench-sweep';
  await ensureTable(dynamo.endpoint, table);
  const db = createDocClient({ tableName: table, endpoint: dynamo.endpoint });
  const org = new OrgStore(db, table);
  await seedReference(org);
  const nowMs = Date.parse('2026-11-18T06:00:00.000Z');
  let t = performance.now();
  await seedSweepFixture(org, { total, due, nowMs });
  console.log(`seeded ${total} tickets (${due} due) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const service = new MashangService({ tickets: new TicketStore(db, table), org, tokens: new TokenService('bench-secret-bench-secret-bench-secret!'), now: () => nowMs });
  t = performance.now();
  const report = await service.sweep();
  const sweepMs = performance.now() - t;
  if (report.due !== due) throw new Error(`sweep found ${report.due} due tickets, expected ${due}`);

  t = performance.now();
  const baseline = await scanBaseline(db, table, fromEpochMs(nowMs));
  const scanMs = performance.now() - t;
  if (baseline.due !== 0) throw new Error(`after the sweep the scan still finds ${baseline.due} due tickets`);

  const readsPerDue = report.itemsRead / due;
  console.log(`sweep recorded ${report.recorded} checkpoints (${report.warnings} warnings, ${report.breaches} breaches) with ${report.queries} queries; scan baseline ${scanMs.toFixed(0)} ms`);
  console.log(
    `sweep: tickets=${total} due=${due} items_read=${report.itemsRead} reads_per_due=${readsPerDue.toFixed(3)} scan_baseline_reads=${baseline.itemsRead} ratio=${(baseline.itemsRead / report.itemsRead).toFixed(1)} ms=${sweepMs.toFixed(0)}`,
  );
  if (readsPerDue > 1.1) process.exitCode = 1;
} finally {
  await dynamo.stop();
}
