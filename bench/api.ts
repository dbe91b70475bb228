/**
 * `npm run bench:api`: submissions (POST /api/tickets) through the local API as `npm start`
 * runs it — serverless-offline running the esbuild bundles, by default every function loaded once
 * in serverless-offline's own process (`npm start`), or one worker per concurrent execution like
 * Lambda with BENCH_API_IN_PROCESS=false (`npm start --workers`) — at each concurrency level, beside the baseline: the same
 * TransactWriteItems the API sent, replayed straight to the same DynamoDB Local in the
 * same run with fresh ids (nothing else: no HTTP, no reads, no Lambda).
 *
 * Between the API and DynamoDB Local sits a pass-through proxy (bench/dynamo-meter.ts)
 * that counts the API's calls and the items they read, and keeps its transactions for the
 * baseline; the baseline goes through the same proxy, so both pay the same hop.
 *
 * Size (environment): BENCH_API_N requests per run (400), BENCH_API_CONCURRENCY levels
 * ("16,32"), BENCH_API_ROUNDS rounds of every level (2; the best round is kept: the machine
 * is shared), BENCH_API_HISTORY earlier requests at the busy place (300).
 * After the runs, the risk checks the submissions queued are worked once as the dispatcher works them (their
 * count, rate and calls per check are printed: the work taken off the request path).
 * Last line: `api: submit_rps=… raw_txn_rps=… ratio=… p99_ms=… calls_cold=… calls_warm=… items_read_warm=…`
 */
import { randomInt, randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactWriteItemsCommand, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { Actor, CreateTicketInput } from '@mashang/shared';
import { riskChecksFor } from '../functions/src/app/resident-runtime.ts';
import { TokenService } from '../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../functions/src/store/client.ts';
import { isTransactionConflict } from '../functions/src/store/transact.ts';
import { DEMO_LOCATIONS } from '../infra/seed.ts';
import { LOCAL_SECRET, startStack } from '../infra/stack.ts';
import { startMeteringProxy, type MeteringProxy } from './dynamo-meter.ts';

const N = Number(process.env.BENCH_API_N ?? 400);
const LEVELS = (process.env.BENCH_API_CONCURRENCY ?? '16,32').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 2);
const HISTORY = Number(process.env.BENCH_API_HISTORY ?? 300);
const SAMPLES = Math.max(3, Math.min(15, N));
const BUSY_PLACE = DEMO_LOCATIONS[0]!.id;
/**
 * serverless-offline runs the functions in its own process (`useInProcess`), each loaded once (default, as `npm start` does), or with
 * BENCH_API_IN_PROCESS=false one worker thread per concurrent call as `npm start --workers` does: 32 isolates, each loading
 * the bundle cold, beside DynamoDB Local on a 2-core machine, which Lambda (a machine per execution) never pays;
 * there concurrency 32 timed out.
 */
const IN_PROCESS = process.env.BENCH_API_IN_PROCESS !== 'false';
const CATEGORIES = ['sanitation', 'traffic', 'utilities', 'property', 'environment'];

// Limits stay on (their counter writes are part of a submission) but high enough for one address and many residents.
process.env.RATE_LIMITS = JSON.stringify({
  submitPerResident: { limit: 1_000_000, windowSeconds: 600 },
  submitPerIp: { limit: 1_000_000, windowSeconds: 600 },
  lookupPerActor: { limit: 1_000_000, windowSeconds: 60 },
  lookupPerIp: { limit: 1_000_000, windowSeconds: 60 },
});

// No sweeper or dispatcher in this run: their calls would be counted with the submissions' (serverless.yml, local stage).
process.env.MASHANG_SCHEDULES = 'false';
// Reference data cached as long as in AWS (the local stage's default is 2 s, for admins trying changes).
process.env.REFERENCE_TTL_MS = '60000';

const tokens = new TokenService(LOCAL_SECRET);
let seq = 0;

/** A resident's session as `POST /api/auth/device` issues it (same secret, same shape). */
async function residentToken(): Promise<string> {
  const actor: Actor = { id: `dev-${randomUUID()}`, role: 'resident', name: '居民' };
  return (await tokens.issue(actor, 3600, Date.now())).token;
}

/** One resident's submission: a phone number of its own, places and categories in turn, half at the busy place. */
function submission(): CreateTicketInput {
  const i = seq++;
  return {
    clientToken: `bench-${i}-${randomUUID().slice(0, 8)}`,
    locationId: i % 2 === 0 ? BUSY_PLACE : DEMO_LOCATIONS[i % DEMO_LOCATIONS.length]!.id,
    categoryCode: CATEGORIES[i % CATEGORIES.length]!,
    description: `楼下路灯不亮，晚上走路看不清，请尽快修理（压测${i}）`,
    phone: `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
    photos: [],
  };
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

/** `n` operations by `concurrency` workers, each starting the next when its last one ended. */
async function closedLoop(n: number, concurrency: number, op: (i: number) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        if (!(await op(i))) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

async function main(): Promise<void> {
  let proxy: MeteringProxy | undefined;
  console.log(`starting DynamoDB Local and the API (serverless-offline, ${IN_PROCESS ? 'in process' : 'a worker thread per concurrent call'})…`);
  const stack = await startStack({
    web: false,
    quiet: true,
    inProcess: IN_PROCESS,
    apiDynamoEndpoint: async (endpoint) => {
      proxy = await startMeteringProxy(endpoint);
      return proxy.endpoint;
    },
  });
  const meter = proxy!.meter;
  const raw = new DynamoDBClient({ region: 'cn-northwest-1', endpoint: proxy!.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 3 });
  try {
    const post = async (body: CreateTicketInput, token: string): Promise<number> => {
      const res = await fetch(`${stack.apiUrl}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      await res.arrayBuffer();
      return res.status;
    };
    const submit = async (): Promise<boolean> => (await post(submission(), await residentToken())) === 201;

    // The busy place's history: earlier requests this week (the risk rule "same place" looks back 7 days).
    if (HISTORY > 0) {
      const t = performance.now();
      let n = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (n < HISTORY) {
            n++;
            await stack.service.createTicket({ id: `dev-${randomUUID()}`, role: 'resident' }, { ...submission(), locationId: BUSY_PLACE });
          }
        }),
      );
      console.log(`history: ${HISTORY} earlier requests at ${BUSY_PLACE} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }

    // DynamoDB calls of one create: the first one reaches a cold Lambda, then warm ones one at a time (median).
    meter.reset();
    if (!(await submit())) throw new Error('the first submission failed');
    const cold = { calls: meter.total(), describe: meter.describe() };
    const samples: { calls: number; items: number; describe: string }[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      meter.reset();
      if ((await post({ ...submission(), locationId: BUSY_PLACE }, await residentToken())) !== 201) throw new Error('a submission failed');
      samples.push({ calls: meter.total(), items: meter.itemsRead, describe: meter.describe() });
    }
    samples.sort((a, b) => a.calls - b.calls || a.items - b.items);
    const warm = samples[Math.floor(samples.length / 2)]!;
    console.log(`DynamoDB calls per create (counted at the proxy): cold ${cold.describe}`);
    console.log(`  warm, median of ${SAMPLES} at the busy place: ${warm.describe}`);
    // The create transactions (they carry the idempotency row) the API sent: the baseline replays them.
    const transactions = proxy!.transactions.filter((t) => t.includes('IDEM#'));
    if (transactions.length === 0) throw new Error('no create transaction was seen at the proxy');

    let replayError: unknown;
    let replayed = 0;
    /** One captured create transaction with a new ticket id and client token: the same items, new keys. */
    const replay = async (i: number): Promise<boolean> => {
      const body = transactions[i % transactions.length]!;
      const id = /TICKET#(\d{13})/.exec(body)![1]!;
      // A counter, not a random number: ≈ 1,000 replays a run drawn from a million ids met once in three runs (ConditionalCheckFailed).
      const fresh = `${id.slice(0, 6)}9${String(++replayed).padStart(6, '0')}`;
      // A resident of its own too, as every submission of the API has: replays of one captured body must not meet on its counter row.
      const input = JSON.parse(
        body
          .split(id)
          .join(fresh)
          .replace(/IDEM#[A-Za-z0-9_-]+/g, `IDEM#raw-${randomUUID()}`)
          .replace(/RATE#submitPerResident#[0-9a-f]{32}/g, () => `RATE#submitPerResident#${randomUUID().replace(/-/g, '')}`),
      ) as TransactWriteItemsCommandInput;
      // The SDK fills in a ClientRequestToken of its own for each call; the captured one would make DynamoDB refuse a different body.
      delete input.ClientRequestToken;
      for (let attempt = 1; ; attempt++) {
        try {
          await raw.send(new TransactWriteItemsCommand(input));
          return true;
        } catch (err) {
          // Conflicts on shared counter rows are retried exactly as the API's store retries them.
          if (!isTransactionConflict(err) || attempt >= 6) {
            if (!replayError) replayError = err;
            return false;
          }
          await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
        }
      }
    };

    const best = new Map<number, { api: Run; raw: Run }>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const c of LEVELS) {
        // Warm as many Lambda workers as the level runs at once (serverless-offline starts one per concurrent call).
        await closedLoop(c * 2, c, submit);
        const api = await closedLoop(N, c, submit);
        const base = await closedLoop(N, c, replay);
        console.log(
          `round ${round}, concurrency ${String(c).padStart(2)}: API ${api.rps.toFixed(1)} req/s (p50 ${api.p50.toFixed(0)} ms, p99 ${api.p99.toFixed(0)} ms, ${api.failures} failed)` +
            ` | raw transaction ${base.rps.toFixed(1)} txn/s (p99 ${base.p99.toFixed(0)} ms, ${base.failures} failed) | ratio ${(api.rps / base.rps).toFixed(2)}`,
        );
        if (api.failures || base.failures) throw new Error('failures in a run: the figures would not be comparable', { cause: replayError });
        const prev = best.get(c);
        best.set(c, { api: !prev || api.rps > prev.api.rps ? api : prev.api, raw: !prev || base.rps > prev.raw.rps ? base : prev.raw });
      }
    }
    // The work taken off the request path: the risk checks these submissions queued, worked as the dispatcher works
    // them (functions/src/app/supervision/risk-checks.ts; run here in one pass, in this process, through the metering proxy).
    {
      const db = createDocClient({ tableName: stack.tableName, endpoint: proxy!.endpoint });
      meter.reset();
      const t = performance.now();
      const done = await riskChecksFor(db, stack.tableName).run();
      const seconds = (performance.now() - t) / 1000;
      const per = (x: number) => (done.checked ? (x / done.checked).toFixed(1) : '0');
      console.log(
        `risk checks after the runs (the dispatcher's work): ${done.checked} checked, ${done.warned} warnings, ${done.retried + done.failed} not done, in ${seconds.toFixed(1)} s (${(done.checked / seconds).toFixed(1)}/s); per check ${per(meter.total())} calls, ${per(meter.itemsRead)} items read (outbox pages included)`,
      );
    }

    let top: { c: number; api: Run; raw: Run } | undefined;
    for (const [c, r] of best) {
      console.log(`best at concurrency ${c}: API ${r.api.rps.toFixed(1)} req/s, raw ${r.raw.rps.toFixed(1)} txn/s, ratio ${(r.api.rps / r.raw.rps).toFixed(2)}, p99 ${r.api.p99.toFixed(0)} ms`);
      if (!top || r.api.rps > top.api.rps) top = { c, ...r };
    }
    // The level where the API served most is the line's figure (against the baseline at that level); every level is printed above.
    console.log(
      `api: submit_rps=${top!.api.rps.toFixed(1)} raw_txn_rps=${top!.raw.rps.toFixed(1)} ratio=${(top!.api.rps / top!.raw.rps).toFixed(2)} p99_ms=${top!.api.p99.toFixed(0)} concurrency=${top!.c} calls_cold=${cold.calls} calls_warm=${warm.calls} items_read_warm=${warm.items}`,
    );
  } finally {
    raw.destroy();
    await stack.stop();
    await proxy?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : String(err));
    if (err instanceof Error && err.cause) console.error("cause:", err.cause);
    process.exit(1);
  },
);
