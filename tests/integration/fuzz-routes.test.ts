import * as fc from 'fast-check';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '@mashang/shared';
import { SessionReplySchema } from '@mashang/shared/contracts/common';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import type { LocalS3 } from '../../infra/s3-local.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { handlerEnvWithS3 } from '../support/handler-env.ts';
import { httpEvent, refusal, replyBody as parse } from '../support/http.ts';
import { routeTable, type RouteEntry } from '../support/routes.ts';

/**
 * Property-based fuzzing of every route in serverless.yml through its real handler on
 * DynamoDB Local: malformed path ids, queries, bodies and headers, from every kind of
 * caller. Every reply must be a 4xx (or a 2xx for input that happens to be valid for
 * a read) with a stable error code — never a 5xx — and a refused request writes nothing.
 *
 * FUZZ_RUNS sets the samples per route (npm test: 60; the issue's full size, `npm run fuzz:full`:
 * 10000). FUZZ_ROUTES (a regular expression on the route key) fuzzes only the routes it matches;
 * FUZZ_SHARD=i/n a share of them.
 * Rate limits are off here (RATE_LIMITS=off) so samples reach the handlers' depths;
 * tests/integration/rate-limits.test.ts covers the limits.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const ALL_ROUTES = routeTable();
/** FUZZ_SHARD=i/n takes every n-th route from the i-th (0-based), so a full run can be split over processes. */
const [SHARD, SHARDS] = (process.env.FUZZ_SHARD ?? '0/1').split('/').map(Number) as [number, number];
const ROUTES = ALL_ROUTES.filter((r, i) => i % SHARDS === SHARD && (!process.env.FUZZ_ROUTES || new RegExp(process.env.FUZZ_ROUTES).test(r.routeKey)));
/** A route's samples take a few milliseconds each on DynamoDB Local: the time limit grows with FUZZ_RUNS. */
const ROUTE_TIMEOUT_MS = Math.max(60_000, RUNS * 60);

let h: Harness;
let s3: LocalS3;
let scan: DynamoDBClient;
const handlers = new Map<string, (e: HttpEvent) => Promise<HttpResult>>();
const tokens: string[] = [];
let victimId = '';

/** Items in the table (every kind: tickets, events, outbox, counters…). */
async function itemCount(): Promise<number> {
  let n = 0;
  let start: Record<string, any> | undefined;
  do {
    const page = await scan.send(new ScanCommand({ TableName: h.tableName, Select: 'COUNT', ExclusiveStartKey: start }));
    n += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return n;
}

beforeAll(async () => {
  h = await createHarness();
  scan = new DynamoDBClient({ endpoint: h.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // The local stage: WeChat sign-in uses the development identity, so those routes run too.
  s3 = await handlerEnvWithS3(h, 'fuzz', 'local', {
    RATE_LIMITS: 'off',
    // As the local stage sets it (serverless.yml params): without it the QR code route answers
    // 502 UPSTREAM_FAILED "not configured" — a deployment fault, which the full run found at sample 410.
    QR_LINK_BASE: 'http://127.0.0.1:8080',
  });
  for (const m of new Set(ALL_ROUTES.map((r) => r.module))) handlers.set(m, (await import(`../../functions/src/handlers/${m}.ts`)).handler);
  const call = (routeKey: string, opts: Parameters<typeof httpEvent>[1] = {}) => handlers.get(ALL_ROUTES.find((r) => r.routeKey === routeKey)!.module)!(httpEvent(routeKey, opts));
  const resident = SessionReplySchema.parse(parse(await call('POST /api/auth/device'))).token;
  tokens.push(resident);
  for (const username of ['gll-handler', 'gll-supervisor', 'gll-grid', 'zhujian-handler', 'desk-operator', 'county-supervisor', 'county-admin']) {
    tokens.push(SessionReplySchema.parse(parse(await call('POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } }))).token);
  }
  const filed = await call('POST /api/tickets', {
    token: resident,
    body: { clientToken: 'fuzz-victim-0001', locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运，邻里矛盾已报警', phone: '13893112345' },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  victimId = parse(filed).ticket.id;
}, 120_000);
afterAll(async () => {
  scan.destroy();
  await s3.stop();
  await h.drop();
});

// ---- arbitraries ------------------------------------------------------------------

const nasty = fc.constantFrom('%', '%25', '%2F', '../', '..%2F', '\u0000', '\n', ' ', '🙂', '𠀀', '\uD800', '{}', '[]', 'null', 'undefined', '-1', '1e309', 'NaN', 'true', "' OR 1=1 --", '<script>', 'TICKET#x', 'RES#x');
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom('9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '2026-02-30', '2026-13', '2026-11-18', '2026-11') },
);
/** Values of the right-looking shape sprinkled in, so samples get past the first checks. */
const idLike = () => fc.oneof(text, fc.constantFrom(victimId, 'loc-donggang', 'loc-jinta', 'gaolanlu', 'zhangyelu', 'dept-zhujian', 'gll-dongjie-g1', `${victimId}-c`, 'sanitation', 'tmpl-status-001'));
const QUERY_KEYS = ['category', 'receivedAt', 'cursor', 'limit', 'unitId', 'from', 'to', 'figure', 'role', 'categoryCode', 'month', 'format', 'status', 'days', 'minSize', 'q', 'lat', 'lng', 'gridId', 'sort', 'urgent', 'mine'];
const query = fc.option(fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 12 })), fc.oneof(idLike(), fc.integer().map(String)), { maxKeys: 6 }), { nil: undefined });

const FIELDS = ['clientToken', 'locationId', 'categoryCode', 'description', 'phone', 'contactName', 'photos', 'command', 'expectedVersion', 'username', 'password', 'code', 'inviteCode', 'templateIds', 'subscriptions', 'unitId', 'note', 'contentType', 'size', 'channel', 'gridId', 'place', 'onSpot', 'rules', 'responseMinutes', 'anonymous', 'urgent', 'type', 'via', 'reason', 'feedback', 'rating', 'workOrderNo', 'relatedTicketIds'];
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(idLike(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(idLike(), { maxLength: 8 }), jsonValue);
const commandValue = fc.record(
  { type: fc.oneof(fc.constantFrom('respond', 'dispatch', 'accept', 'return', 'escalate', 'resolve', 'rate', 'follow_up', 'reopen', 'reject', 'merge', 'request_extension', 'decide_extension', 'urge', 'record_checkpoint', 'hand_over', 'caller_join'), text), toStaffId: fieldValue, channel: fieldValue, workOrderNo: fieldValue, via: fieldValue, unitId: fieldValue, note: fieldValue, reason: fieldValue, feedback: fieldValue, photos: fieldValue, rating: fieldValue, intoTicketId: fieldValue, workingDays: fieldValue, clock: fieldValue },
  { requiredKeys: ['type'] },
);
const bodyObject = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 })), fc.oneof(fieldValue, commandValue), { maxKeys: 8 });
const body = fc.oneof(
  { weight: 4, arbitrary: bodyObject.map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '[1,', '\u0000', 'null', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}') },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

function eventFor(route: RouteEntry): fc.Arbitrary<HttpEvent> {
  const path = fc.tuple(...route.params.map(() => idLike())).map((values) => Object.fromEntries(route.params.map((p, i) => [p, values[i]!])));
  const auth = fc.oneof(
    fc.constantFrom(...tokens).map((t) => `Bearer ${t}`),
    fc.constantFrom(...tokens).map((t) => `Bearer ${t.slice(0, -3)}abc`),
    fc.oneof(text, fc.constant('Bearer '), fc.constant('Basic YWJjOmRlZg=='), fc.constant('Bearer a.b.c')),
    fc.constant(undefined),
  );
  return fc
    .record({
      path: route.params.length ? path : fc.constant(undefined),
      query,
      body: route.method === 'GET' ? fc.option(body, { nil: undefined }) : body,
      auth,
      base64: fc.boolean(),
      extraHeaders: fc.dictionary(fc.constantFrom('content-type', 'x-forwarded-for', 'cookie', 'Authorization', 'content-length'), text, { maxKeys: 3 }),
    })
    .map(({ path, query, body, auth, base64, extraHeaders }) => ({
      routeKey: route.routeKey,
      headers: { ...extraHeaders, ...(auth !== undefined ? { authorization: auth } : {}) },
      pathParameters: path,
      queryStringParameters: query,
      body: body === undefined ? undefined : base64 ? Buffer.from(body).toString('base64') : body,
      isBase64Encoded: body === undefined ? undefined : base64,
      requestContext: { http: { method: route.method, sourceIp: '127.0.0.1' }, requestId: 'fuzz' },
    }));
}

const CODES = new Set(Object.keys(ERROR_STATUS));
const WRITES = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

describe('every route of serverless.yml under malformed input', () => {
  it('finds the whole route table', () => {
    expect(ALL_ROUTES.length).toBeGreaterThanOrEqual(37);
    expect(ROUTES.length).toBeGreaterThan(0);
  });

  it.each(ROUTES.map((r) => [r.routeKey, r] as const))('%s: never a 5xx, a stable code on every refusal, nothing written when refused', async (_key, route) => {
    const handler = handlers.get(route.module)!;
    const before = await itemCount();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(eventFor(route), async (e) => {
        const res = await handler(e);
        expect(res.statusCode, `${route.routeKey} ${JSON.stringify(e).slice(0, 400)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const error = refusal(res);
          expect(CODES.has(error.code), error.code).toBe(true);
          expect(ERROR_STATUS[error.code as keyof typeof ERROR_STATUS]).toBe(res.statusCode);
          expect(error.message).toMatch(/[\u4e00-\u9fff]/);
        } else if (WRITES.has(route.method)) accepted++;
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 16), endOnFailure: true },
    );
    // Refused writes change nothing: only routes that accepted a sample may have written.
    if (accepted === 0) expect(await itemCount()).toBe(before);
    console.log(`fuzz: ${route.routeKey} runs=${RUNS} accepted_writes=${accepted}`);
  }, ROUTE_TIMEOUT_MS);
});
