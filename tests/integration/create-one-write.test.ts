import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { startMeteringProxy, type MeteringProxy } from '../../bench/dynamo-meter.ts';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { rateKeys } from '../../functions/src/store/keys.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { httpEvent, replyBody } from '../support/http.ts';

/**
 * A create through the tickets handler (POST /api/tickets) writes the person's rate counter
 * (per resident or staff account) and the request's risk check (functions/src/app/supervision/risk-checks.ts)
 * as items of the new request's transaction, not as calls of their own before it; the address's counter, a row shared by everybody behind one network,
 * stays a call of its own (in every transaction it would make concurrent creates conflict).
 * Counted at a metering proxy between the handler's clients and DynamoDB Local. The limits
 * still hold: 429 with Retry-After, nothing written, and a retry answered with its earlier
 * request still counts.
 */
let h: Harness;
let proxy: MeteringProxy;
let ticketsApi: (e: HttpEvent) => Promise<HttpResult>;
const LIMIT = 3;
const WINDOW_START = Date.parse('2026-11-18T02:00:00.000Z');
const tokens = new TokenService(TEST_SECRET);

const residentToken = async (): Promise<string> => (await tokens.issue({ id: `dev-${randomUUID()}`, role: 'resident', name: '居民' } satisfies Actor, 3600, Date.now())).token;
const submit = (token: string, clientToken = `one-${randomUUID()}`, ip = '198.51.100.7') =>
  ticketsApi({
    ...httpEvent('POST /api/tickets', {
      token,
      body: { clientToken, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运', phone: `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}` },
    }),
    requestContext: { http: { method: 'POST', sourceIp: ip } },
  });

beforeAll(async () => {
  h = await createHarness();
  proxy = await startMeteringProxy(h.endpoint);
  Object.assign(process.env, {
    STAGE: 'test',
    TABLE_NAME: h.tableName,
    DYNAMO_ENDPOINT: proxy.endpoint,
    SESSION_SECRET: TEST_SECRET,
    WECHAT_APP_ID: '',
    WECHAT_APP_SECRET: '',
    REFERENCE_TTL_MS: '60000',
    RATE_LIMITS: JSON.stringify({ submitPerResident: { limit: LIMIT, windowSeconds: 600 }, submitPerIp: { limit: 1000, windowSeconds: 600 } }),
  });
  // The handler's limiter, with a clock at the start of a window so none ends mid-test.
  const { limiterFromEnv } = await import('../../functions/src/app/rate-runtime.ts');
  limiterFromEnv(process.env, () => WINDOW_START);
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
});
afterAll(async () => {
  await proxy.stop();
  await h.drop();
});

describe('a create through the handler', () => {
  it('writes the person\'s counter and the risk check in the create\'s transaction: warm, the address counter and one transaction, no read', async () => {
    // Warm: reference data and the place are cached as in a warm Lambda.
    expect((await submit(await residentToken())).statusCode).toBe(201);
    proxy.meter.reset();
    const res = await submit(await residentToken());
    expect(res.statusCode, res.body).toBe(201);
    // No risk-history query on the request path (main made three): the dispatcher's risk check reads it after the write.
    expect(proxy.meter.calls).toEqual({ UpdateItem: 1, TransactWriteItems: 1 });
    expect(proxy.meter.itemsRead).toBe(0);
    // The resident's counter was written by that transaction; the address's (a row shared by a whole network) was not.
    const last = proxy.transactions.at(-1)!;
    expect(last).toContain('RATE#submitPerResident#');
    expect(last).not.toContain('RATE#submitPerIp#');
    // The new request's risk check is an outbox row of the same transaction: stored with the request or not at all.
    expect(last).toContain('"risk_check"');
    expect(last).toContain(replyBody(res).ticket.id);
  });

  it('files without a QR code (POST /api/tickets/at-point) the same way: the person\'s counter in the create\'s transaction', async () => {
    const atPoint = async (clientToken: string) =>
      ticketsApi({
        ...httpEvent('POST /api/tickets/at-point', {
          token: await residentToken(),
          body: { clientToken, lat: 36.0564, lng: 103.8411, categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运', phone: `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}` },
        }),
        requestContext: { http: { method: 'POST', sourceIp: '198.51.100.8' } },
      });
    expect((await atPoint(`pt-${randomUUID()}`)).statusCode).toBe(201);
    proxy.meter.reset();
    const res = await atPoint(`pt-${randomUUID()}`);
    expect(res.statusCode, res.body).toBe(201);
    // One UpdateItem (the address's counter); the resident's counter rides in the transaction.
    expect(proxy.meter.calls.UpdateItem).toBe(1);
    expect(proxy.meter.calls.TransactWriteItems).toBe(1);
    expect(proxy.transactions.at(-1)).toContain('RATE#submitPerResident#');
  });

  it('refuses the resident past the limit with 429 and Retry-After, storing nothing of the refused request', async () => {
    const token = await residentToken();
    const clientTokens = Array.from({ length: LIMIT + 2 }, () => `lim-${randomUUID()}`);
    const replies: HttpResult[] = [];
    for (const t of clientTokens) replies.push(await submit(token, t));
    expect(replies.map((r) => r.statusCode)).toEqual([...Array<number>(LIMIT).fill(201), 429, 429]);
    for (const r of replies.slice(LIMIT)) {
      expect(replyBody(r).error.code).toBe('RATE_LIMITED');
      expect(replyBody(r).error.message).toMatch(/操作过于频繁/);
      const wait = Number(r.headers['retry-after']);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(600);
    }
    const stored = await Promise.all(clientTokens.map((t) => h.tickets.findByClientToken(t)));
    expect(stored.map(Boolean)).toEqual([...Array<boolean>(LIMIT).fill(true), false, false]);
  });

  it('counts a retry answered with its earlier request, as before', async () => {
    const token = await residentToken();
    const first = await submit(token, 'retry-counted-1');
    expect(first.statusCode).toBe(201);
    const again = await submit(token, 'retry-counted-1');
    expect(again.statusCode).toBe(200);
    expect(replyBody(again).ticket.id).toBe(replyBody(first).ticket.id);
    // Two hits so far (the create and the retry): one more request is admitted, then 429.
    expect((await submit(token)).statusCode).toBe(201);
    expect((await submit(token)).statusCode).toBe(429);
    // At the limit, the retry itself is refused too (as when the counter was a call of its own).
    expect((await submit(token, 'retry-counted-1')).statusCode).toBe(429);
  });

  it('counts the address once for a retry answered with its earlier request (before the create, not again after it)', async () => {
    const ip = '203.0.113.77';
    const token = await residentToken();
    expect((await submit(token, 'retry-ip-1', ip)).statusCode).toBe(201);
    expect((await submit(token, 'retry-ip-1', ip)).statusCode).toBe(200);
    const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
    const row = await db.send(new GetCommand({ TableName: h.tableName, Key: rateKeys.counter('submitPerIp', ip, WINDOW_START), ConsistentRead: true }));
    // Two requests from that address: two hits, whatever the retry did.
    expect(row.Item?.n).toBe(2);
  });

  it('limits per address before the create, writing nothing', async () => {
    const ip = '203.0.113.99';
    // The address's counter for this window stands at its limit (as after 1,000 requests from it).
    const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
    await db.send(new PutCommand({ TableName: h.tableName, Item: { ...rateKeys.counter('submitPerIp', ip, WINDOW_START), n: 1000 } }));
    const clientToken = `ip-${randomUUID()}`;
    const res = await submit(await residentToken(), clientToken, ip);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBe(600);
    expect(await h.tickets.findByClientToken(clientToken)).toBeUndefined();
    // Another address is not held back.
    expect((await submit(await residentToken(), `ip-${randomUUID()}`, '203.0.113.100')).statusCode).toBe(201);
  });
});
