import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCKS, fromEpochMs, sumCounters, type Actor, type Ticket } from '@mashang/shared';
import { createDocClient } from '../../functions/src/store/client.ts';
import { random, reportAndScan, scanAll, serviceOn } from '../support/faults.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * The sweeper killed at random points, 50 times, and run again: every warning and
 * breach that came is recorded exactly once, at the sweep that first saw it due, with
 * its notifications queued once and the report counters equal to a scan.
 *
 * A kill is a DynamoDB client that dies after a random number of calls: the call that
 * hits the limit either never reaches DynamoDB or reaches it and loses its reply (the
 * process died while the write was in flight); every later call fails. The killed
 * sweep's other shards run on into the dead client, as they would in a dying Lambda.
 * Times come from the harness's settable clock.
 */
const KILLS = Number(process.env.SWEEP_KILLS ?? 50);
const TICKETS = 24;

let h: Harness;
let clean: DynamoDBDocumentClient;

interface Killer {
  calls: number;
  killed: boolean;
  /** The fatal call was applied by DynamoDB and its reply lost. */
  lostReply: boolean;
  /** Writes (a ticket's checkpoints) that went through before the kill. */
  writes: number;
  /** Calls still in flight (sent before the kill): awaited before the next sweep starts. */
  inFlight: Set<Promise<unknown>>;
}

/** A client that dies after `budget` calls (outside the SDK's retries, so nothing hides the kill). */
function dyingClient(budget: number, applyFatal: boolean): { db: DynamoDBDocumentClient; killer: Killer } {
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const killer: Killer = { calls: 0, killed: false, lostReply: false, writes: 0, inFlight: new Set() };
  const isWrite = (args: { input?: unknown }) => Array.isArray((args.input as { TransactItems?: unknown })?.TransactItems);
  db.middlewareStack.add(
    (run) => async (args) => {
      killer.calls++;
      if (killer.killed) throw Object.assign(new Error('process killed (injected)'), { name: 'Killed' });
      if (killer.calls < budget) {
        const p = run(args);
        killer.inFlight.add(p);
        try {
          const result = await p;
          if (isWrite(args)) killer.writes++;
          return result;
        } finally {
          killer.inFlight.delete(p);
        }
      }
      killer.killed = true;
      if (applyFatal) {
        killer.lostReply = true;
        if (isWrite(args)) killer.writes++;
        const p = run(args).catch(() => undefined);
        killer.inFlight.add(p);
        await p;
        killer.inFlight.delete(p);
      }
      throw Object.assign(new Error('process killed (injected)'), { name: 'Killed' });
    },
    { step: 'initialize', name: 'killAfterCalls', priority: 'high' },
  );
  return { db, killer };
}

const scanTable = (filter: string, values: Record<string, unknown>, names?: Record<string, string>) => scanAll(clean, h.tableName, filter, values, names);

beforeAll(async () => {
  // Monday 16 November 2026, 09:00 in Beijing.
  h = await createHarness('2026-11-16T01:00:00.000Z');
  clean = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
});
afterAll(() => h.drop());

describe('the sweeper killed at random points and run again', () => {
  it(`${KILLS} kills: every due warning and breach recorded exactly once, counters equal to a scan`, async () => {
    const next = random(2016);
    // Requests filed over two days (urgent ones with a 10-minute response), nobody acting on them.
    const created: Ticket[] = [];
    for (let i = 0; i < TICKETS; i++) {
      h.clock.set(fromEpochMs(Date.parse('2026-11-16T01:00:00.000Z') + i * 97 * 60_000));
      const actor: Actor = { id: `dev-sweep-${i}`, role: 'resident' };
      const reply = await h.service.createTicket(actor, {
        clientToken: `sweep-kill-${String(i).padStart(4, '0')}`,
        locationId: ['loc-donggang', 'loc-jinta', 'loc-dajuyuan'][i % 3]!,
        categoryCode: i % 4 === 0 ? 'safety_hazard' : 'sanitation',
        description: `第${i}号诉求：路灯不亮，晚上出行不安全`,
        photos: [],
      });
      created.push((await h.tickets.get(reply.ticket.id))!);
    }

    // Sweeps from the last filing to past every follow-up deadline: some minutes apart at first, then days.
    const last = h.clock.ms;
    const offsetsMin = [1, 4, 8, 9, 12, 25, 31, 60, 180, 600, 1_440, 1_500, 2_880, 4_320, 5_760, 7_200, 8_640, 10_080, 11_520, 12_960, 14_400, 17_280, 20_160, 25_920, 30_240];
    const sweepTimes = offsetsMin.map((m) => fromEpochMs(last + m * 60_000));

    // What must be recorded: each clock's yellow card at warnAt and red card at dueAt, each at the first sweep at or after it.
    const expected: string[] = [];
    const dueAt = new Map<string, Set<string>>(sweepTimes.map((t) => [t, new Set()]));
    for (const t of created) {
      for (const clock of CLOCKS) {
        const c = t.clocks[clock];
        for (const [type, at] of [['sla_warning', c.warnAt], ['sla_breach', c.dueAt]] as const) {
          const first = sweepTimes.find((s) => Date.parse(s) >= Date.parse(at));
          if (!first) continue;
          expected.push(`${t.id}|${type}|${clock}|${first}`);
          dueAt.get(first)!.add(t.id);
        }
      }
    }
    const expectedWarnings = expected.filter((e) => e.includes('|sla_warning|')).length;
    const expectedBreaches = expected.length - expectedWarnings;
    // The scenario really covers both kinds on every clock.
    for (const clock of CLOCKS) for (const type of ['sla_warning', 'sla_breach']) expect(expected.some((e) => e.includes(`|${type}|${clock}|`)), `${type} ${clock}`).toBe(true);

    let kills = 0;
    let killsAfterProgress = 0;
    let lostReplies = 0;
    let rerunRecorded = 0;
    for (const [i, at] of sweepTimes.entries()) {
      h.clock.set(at);
      // Spread the kills over the sweep times; each kill is at a random call of the sweep.
      const killsHere = Math.floor(((i + 1) * KILLS) / sweepTimes.length) - Math.floor((i * KILLS) / sweepTimes.length);
      let misses = 0;
      for (let k = 0; k < killsHere; ) {
        // Reference data (4 reads) and 16 shard queries come first, then one write per due ticket:
        // most kills fall among the writes, some among the reads.
        const due = dueAt.get(at)!.size;
        const budget = due > 0 && misses < 5 && next() < 0.75 ? 21 + Math.floor(next() * due) : 1 + Math.floor(next() * 20);
        const { db, killer } = dyingClient(budget, next() < 0.5);
        const outcome = await serviceOn(h, db, 0).sweep().then(() => 'finished', () => 'killed');
        await Promise.all([...killer.inFlight]);
        db.destroy();
        if (outcome === 'finished') {
          misses++; // the budget outlived the sweep: not a kill, try again
          continue;
        }
        k++;
        kills++;
        if (killer.lostReply) lostReplies++;
        if (killer.writes > 0) killsAfterProgress++;
      }
      // Run again, to the end.
      const report = await h.newService().sweep();
      rerunRecorded += report.recorded;
    }
    expect(kills).toBe(KILLS);
    // Some kills came after part of a sweep was written, some with a write applied and its reply lost.
    expect(killsAfterProgress).toBeGreaterThan(0);
    expect(lostReplies).toBeGreaterThan(0);

    // Exactly the expected records: each once, at the sweep that first saw it due.
    const recorded: string[] = [];
    for (const t of created) {
      const found = await h.tickets.getWithEvents(t.id);
      for (const e of found!.events) if (e.type === 'sla_warning' || e.type === 'sla_breach') recorded.push(`${t.id}|${e.type}|${String(e.data?.clock)}|${e.at}`);
      // Events are numbered without gaps, and the ticket counts them all.
      expect(found!.events.map((e) => e.seq)).toEqual(found!.events.map((_, n) => n + 1));
      expect(found!.ticket.eventCount).toBe(found!.events.length);
      // Nothing left due: the ticket's next checkpoint (if any) lies after the last sweep.
      const next = CLOCKS.flatMap((c) => {
        const clock = found!.ticket.clocks[c];
        if (clock.metAt || clock.breachedAt) return [];
        return [clock.warnedAt ? clock.dueAt : clock.warnAt];
      });
      for (const n of next) expect(Date.parse(n)).toBeGreaterThan(Date.parse(sweepTimes.at(-1)!));
    }
    expect(recorded.sort()).toEqual(expected.sort());

    // Their notifications are queued once each: one yellow-card alert per warning, one overdue check per breach.
    const outbox = await scanTable('entity = :e', { ':e': 'outbox' });
    expect(outbox.filter((m) => m.template === 'sla_warning')).toHaveLength(expectedWarnings);
    expect(outbox.filter((m) => m.template === 'overdue')).toHaveLength(expectedBreaches);

    // Counters kept in each transaction equal the figures computed from a scan of every ticket.
    const { report, baseline } = await reportAndScan(h, clean, '2026-11-01', '2026-12-31');
    expect(report.totals.counters.received).toBe(TICKETS);
    expect(report.totals.counters).toEqual(sumCounters(baseline.origin.values()));
    for (const row of report.byUnit) expect(row.counters).toEqual((row.role === 'origin' ? baseline.origin : baseline.handling).get(row.key));
    console.log(
      `sweep-kills: tickets=${TICKETS} sweeps=${sweepTimes.length} kills=${kills} after_progress=${killsAfterProgress} lost_replies=${lostReplies} warnings=${expectedWarnings} breaches=${expectedBreaches} recorded_by_reruns=${rerunRecorded}`,
    );
  }, 300_000);
});
