import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumCounters, type Actor } from '@mashang/shared';
import { createDocClient } from '../../functions/src/store/client.ts';
import { random, reportAndScan, scanAll, serviceOn } from '../support/faults.ts';
import { createHarness, type Harness } from '../support/harness.ts';

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
    const service = serviceOn(h, faulty, 60_000);
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
    const tickets = await scanAll(clean, h.tableName, 'entity = :t', { ':t': 'ticket' });
    expect(tickets).toHaveLength(N);
    expect(new Set(tickets.map((t) => t.residentId)).size).toBe(N);
    expect(new Set([...answers.values()].map((ids) => ids[0])).size).toBe(N);
    for (const t of tickets) {
      const found = await h.tickets.getWithEvents(String(t.id));
      expect(found!.events.filter((e) => e.type === 'submitted')).toHaveLength(1);
      expect(found!.events[0]!.type).toBe('submitted');
    }
    // Counters kept in each transaction equal the figures computed from a scan of every ticket.
    const { report, baseline } = await reportAndScan(h, clean, '2026-11-01', '2026-11-30');
    expect(report.totals.counters.received).toBe(N);
    expect(report.totals.counters).toEqual(sumCounters(baseline.origin.values()));
    for (const row of report.byUnit) expect(row.counters).toEqual((row.role === 'origin' ? baseline.origin : baseline.handling).get(row.key));
    console.log(`faults: clients=${N} dynamo_calls=${stats.calls} failed_before=${stats.before} failed_after=${stats.after} client_retries=${retries}`);
  }, 600_000);
});
