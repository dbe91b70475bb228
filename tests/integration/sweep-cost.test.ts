import { afterAll, beforeAll, expect, it } from 'vitest';
import { fromEpochMs } from '@mashang/shared';
import { scanBaseline, seedSweepFixture } from '../../bench/sweep-fixture.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** The sweeper's cost grows with the due tickets, not with all tickets (the benchmark's claim, at test size). */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.drop());

it('reads one index item per due ticket, where a scan reads every ticket', async () => {
  const nowMs = Date.parse('2026-11-18T06:00:00.000Z');
  await seedSweepFixture(h.org, { total: 1200, due: 25, nowMs });
  h.clock.ms = nowMs;
  const report = await h.service.sweep();
  expect(report.due).toBe(25);
  expect(report.itemsRead).toBe(25);
  expect(report.recorded).toBe(50); // a warning and a breach of the respond clock each
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const baseline = await scanBaseline(db, h.tableName, fromEpochMs(nowMs));
  expect(baseline.itemsRead).toBeGreaterThan(1200);
  expect(baseline.due).toBe(0); // nothing left behind
  const again = await h.service.sweep();
  expect(again).toMatchObject({ due: 0, itemsRead: 0, recorded: 0 });
  // A hang guard, not a time assertion: seeding 1,200 requests took over a minute on a loaded CI machine.
}, 300_000);
