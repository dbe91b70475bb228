import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumCounters, type Actor } from '@mashang/shared';
import { scanReport } from '../../bench/report-fixture.ts';
import { ReportService } from '../../functions/src/app/reporting/reports.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/tokens.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { StatStore } from '../../functions/src/store/stats.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * Concurrent submissions while DynamoDB misbehaves: an SDK middleware fails about
 * 10 % of the calls, half before the call reaches DynamoDB (throttling) and half after
 * it ran (a timeout: the write happened, the reply was lost). Clients retry with their
 * client token until they get an answer. Exactly one request per client must exist,
 * each with its one `submitted` event, and the report counters must equal a scan.
 *
 * RELIABILITY_N sets the number of clients (npm test: 60; the full size: 1000).
 */
const N = Number(process.env.RELIABILITY_N ?? 60);
const FAULT_RATE = 0.1;

let h: Harness;
let clean: DynamoDBDocumentClient;

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FaultStats {
  calls: number;
  before: number;
  after: number;
}

/** Adds fault injection to a client's middleware stack (outside the SDK's own retries, so the application sees every fault). */
function injectFaults(db: DynamoDBDocumentClient, rate: number, seed: number): FaultStats {
  const next = random(seed);
  const stats: FaultStats = { calls: 0, before: 0, after: 0 };
  db.middlewareStack.add(
    (run) => async (args) => {
      stats.calls++;
      const roll = next();
      if (roll < rate / 2) {
        stats.before++;
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput (injected)'), { name: 'ProvisionedThroughputExceededException', $retryable: { throttling: true } });
      }
      const result = await run(args);
      if (roll < rate) {
        stats.after++;
        throw Object.assign(new Error('socket timed out after the request was sent (injected)'), { name: 'TimeoutError' });
      }
      return result;
    },
    { step: 'initialize', name: 'injectFaults', priority: 'high' },
  );
  return stats;
}

beforeAll(async () => {
  h = await createHarness('2026-11-18T02:00:00.000Z');
  clean = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
});
afterAll(() => h.drop());

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

describe('submissions while 10 % of DynamoDB calls fail', () => {
  it(`${N} clients retrying with their token make exactly ${N} requests, none twice, counters equal to a scan`, async () => {
    const faulty = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
    const stats = injectFaults(faulty, FAULT_RATE, 1616);
    const service = new MashangService({ tickets: new TicketStore(faulty, h.tableName), org: new OrgStore(faulty, h.tableName), tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 60_000 });
    const clients = Array.from({ length: N }, (_, i) => ({ actor: { id: `dev-fault-${i}`, role: 'resident' } as Actor, token: `fault-${String(i).padStart(5, '0')}-tok` }));
    const answers = new Map<string, string[]>();
    let retries = 0;
    await pool(clients, 16, async (c) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await service.createTicket(c.actor, { clientToken: c.token, locationId: ['loc-donggang', 'loc-jinta', 'loc-dajuyuan'][c.token.length % 3]!, categoryCode: 'sanitation', description: `故障注入测试第${c.token}号诉求`, photos: [] });
          answers.set(c.token, [...(answers.get(c.token) ?? []), res.ticket.id]);
          return;
        } catch (err) {
          retries++;
          if (attempt > 30) throw err;
          await new Promise((r) => setTimeout(r, 5 + attempt * 5));
        }
      }
    });
    // The faults really happened, on both sides of the call.
    expect(stats.before).toBeGreaterThan(0);
    expect(stats.after).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);

    // Read back without faults: one ticket per client token, each with exactly one submitted event.
    const tickets: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await clean.send(new ScanCommand({ TableName: h.tableName, ExclusiveStartKey: start, FilterExpression: 'entity = :t', ExpressionAttributeValues: { ':t': 'ticket' } }));
      tickets.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(tickets).toHaveLength(N);
    expect(new Set(tickets.map((t) => t.residentId)).size).toBe(N);
    expect(new Set([...answers.values()].map((ids) => ids[0])).size).toBe(N);
    for (const t of tickets) {
      const found = await h.tickets.getWithEvents(String(t.id));
      expect(found!.events.filter((e) => e.type === 'submitted')).toHaveLength(1);
      expect(found!.events[0]!.type).toBe('submitted');
    }
    // Counters kept in each transaction equal the figures computed from a scan of every ticket.
    const reports = new ReportService({ stats: new StatStore(clean, h.tableName), reference: h.service, commands: h.service, now: h.clock.now });
    const report = await reports.slaReport({ id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan' }, { from: '2026-11-01', to: '2026-11-30' });
    const baseline = await scanReport(clean, h.tableName, '2026-11-01', '2026-11-30');
    expect(report.totals.counters.received).toBe(N);
    expect(report.totals.counters).toEqual(sumCounters(baseline.origin.values()));
    for (const row of report.byUnit) expect(row.counters).toEqual((row.role === 'origin' ? baseline.origin : baseline.handling).get(row.key));
    console.log(`faults: clients=${N} dynamo_calls=${stats.calls} failed_before=${stats.before} failed_after=${stats.after} client_retries=${retries}`);
  }, 600_000);
});
