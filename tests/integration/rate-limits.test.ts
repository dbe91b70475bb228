import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionReplySchema } from '@mashang/shared/contracts/common';
import { DEFAULT_RATE_LIMITS, rateLimitsFromEnv } from '../../functions/src/app/rate-limits.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { RateStore } from '../../functions/src/store/rate.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { httpEvent, replyBody as parse } from '../support/http.ts';

/**
 * Rate limits through the real handlers on DynamoDB Local: counters in the table,
 * 429 RATE_LIMITED with Retry-After, nothing written for a refused request.
 */
let h: Harness;
type Api = (e: HttpEvent) => Promise<HttpResult>;
let publicApi: Api;
let ticketsApi: Api;
let residentApi: Api;

/** An event as API Gateway sends it, with the client's address. */
const event = (routeKey: string, ip: string | undefined, opts: Parameters<typeof httpEvent>[1] = {}): HttpEvent => ({
  ...httpEvent(routeKey, opts),
  requestContext: { http: { method: routeKey.split(' ')[0], sourceIp: ip } },
});

beforeAll(async () => {
  h = await createHarness();
  Object.assign(process.env, { STAGE: 'test', TABLE_NAME: h.tableName, DYNAMO_ENDPOINT: h.endpoint, SESSION_SECRET: TEST_SECRET, WECHAT_APP_ID: '', WECHAT_APP_SECRET: '', RATE_LIMITS: '' });
  // The handlers' limiter, built first with a clock standing at the start of a window, so no window ends mid-test.
  const { limiterFromEnv } = await import('../../functions/src/app/rate-runtime.ts');
  limiterFromEnv(process.env, () => Date.parse('2026-11-18T02:00:00.000Z'));
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
  residentApi = (await import('../../functions/src/handlers/resident.ts')).handler;
});
afterAll(() => h.drop());

function expect429(res: HttpResult, windowSeconds: number): void {
  expect(res.statusCode, res.body).toBe(429);
  expect(parse(res).error.code).toBe('RATE_LIMITED');
  expect(parse(res).error.message).toMatch(/操作过于频繁/);
  const wait = Number(res.headers['retry-after']);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(windowSeconds);
}

describe('staff sign-in', () => {
  it('locks an account after too many wrong passwords: the right one is then refused with 429 too', async () => {
    const login = (password: string, ip: string) => publicApi(event('POST /api/auth/staff', ip, { body: { username: 'gll-handler', password } }));
    const statuses: number[] = [];
    // 50 wrong passwords, from many addresses (so the per-address limit is not what stops them).
    for (let i = 0; i < 50; i++) statuses.push((await login(`wrong-${i}`, `10.0.${i}.1`)).statusCode);
    const limit = DEFAULT_RATE_LIMITS.loginFailuresPerAccount.limit;
    expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(401));
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
    expect429(await login(DEMO_PASSWORD, '10.9.9.9'), DEFAULT_RATE_LIMITS.loginFailuresPerAccount.windowSeconds);
    // Another account is not affected.
    const other = await publicApi(event('POST /api/auth/staff', '10.9.9.9', { body: { username: 'zyl-handler', password: DEMO_PASSWORD } }));
    expect(other.statusCode, other.body).toBe(200);
  });

  it('limits sign-in attempts per address, across password and WeChat sign-in', async () => {
    const { limit, windowSeconds } = DEFAULT_RATE_LIMITS.loginPerIp;
    // WeChat sign-in (not configured in this stage: 503 after the limiter) counts against the same address.
    const replies = await Promise.all(Array.from({ length: limit - 1 }, () => residentApi(event('POST /api/auth/wechat', '192.0.2.7', { body: { code: 'abc' } }))));
    expect(replies.every((r) => r.statusCode === 503)).toBe(true);
    expect((await publicApi(event('POST /api/auth/staff', '192.0.2.7', { body: { username: 'nobody', password: 'x' } }))).statusCode).toBe(401);
    expect429(await publicApi(event('POST /api/auth/staff', '192.0.2.7', { body: { username: 'gll-supervisor', password: DEMO_PASSWORD } })), windowSeconds);
    expect429(await residentApi(event('POST /api/auth/wechat', '192.0.2.7', { body: { code: 'abc' } })), windowSeconds);
  });
});

describe('residents', () => {
  it('issues at most the configured number of anonymous identities per address', async () => {
    const { limit, windowSeconds } = DEFAULT_RATE_LIMITS.deviceSessionsPerIp;
    const replies = await Promise.all(Array.from({ length: 50 }, () => publicApi(event('POST /api/auth/device', '198.51.100.4'))));
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(limit);
    for (const r of replies.filter((x) => x.statusCode !== 201)) expect429(r, windowSeconds);
    expect((await publicApi(event('POST /api/auth/device', '198.51.100.5'))).statusCode).toBe(201);
  });

  it('stops one resident filing 200 requests in a burst; refused ones write nothing', async () => {
    const token = SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/device', '203.0.113.1')))).token;
    const { limit, windowSeconds } = DEFAULT_RATE_LIMITS.submitPerResident;
    const tokens = Array.from({ length: 200 }, (_, i) => `burst-${i}-${Math.random().toString(36).slice(2, 8)}`);
    const replies: HttpResult[] = [];
    for (let i = 0; i < tokens.length; i += 20) {
      replies.push(
        ...(await Promise.all(
          tokens.slice(i, i + 20).map((clientToken) =>
            ticketsApi(event('POST /api/tickets', undefined, { token, body: { clientToken, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运' } })),
          ),
        )),
      );
    }
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(limit);
    for (const r of replies.filter((x) => x.statusCode !== 201)) expect429(r, windowSeconds);
    const mine = parse(await ticketsApi(event('GET /api/me/tickets', undefined, { token, query: { limit: '100' } })));
    expect(mine.items).toHaveLength(limit);
    const stored = await Promise.all(tokens.map((t) => h.tickets.findByClientToken(t)));
    expect(stored.filter(Boolean)).toHaveLength(limit);
  });
});

describe('the counter', () => {
  it('admits exactly `limit` of 60 concurrent hits in one window, and starts again in the next', async () => {
    const store = new RateStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName);
    const w = { limit: 7, windowSeconds: 60 };
    const t0 = Date.parse('2026-11-18T02:00:05Z');
    const first = await Promise.all(Array.from({ length: 60 }, () => store.hit('test', 'subject-a', w, t0)));
    expect(first.filter((d) => d.allowed)).toHaveLength(7);
    expect(first.find((d) => !d.allowed)!.retryAfterSeconds).toBe(55);
    expect((await store.exhausted('test', 'subject-a', w, t0)).allowed).toBe(false);
    const next = await store.hit('test', 'subject-a', w, t0 + 60_000);
    expect(next).toMatchObject({ allowed: true, count: 1 });
  });

  it('reads its configuration from RATE_LIMITS and refuses a malformed one', () => {
    expect(rateLimitsFromEnv({})).toEqual(DEFAULT_RATE_LIMITS);
    expect(rateLimitsFromEnv({ RATE_LIMITS: 'off' })).toBe('off');
    expect(rateLimitsFromEnv({ RATE_LIMITS: '{"submitPerResident":{"limit":3,"windowSeconds":60}}' })).toMatchObject({ submitPerResident: { limit: 3, windowSeconds: 60 }, loginPerIp: DEFAULT_RATE_LIMITS.loginPerIp });
    expect(() => rateLimitsFromEnv({ RATE_LIMITS: '{"submitPerResident":{"limit":0,"windowSeconds":60}}' })).toThrow();
    expect(() => rateLimitsFromEnv({ RATE_LIMITS: '{"nope":{"limit":1,"windowSeconds":60}}' })).toThrow();
  });
});
