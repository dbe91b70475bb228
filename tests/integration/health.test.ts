import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { httpEvent, replyBody } from '../support/http.ts';

/** GET /api/health through the real handlers on DynamoDB Local, fed by the sweeper's and dispatcher's heartbeats. */
let h: Harness;
let publicApi: (e: HttpEvent) => Promise<HttpResult>;
let sweeper: (e: { time?: string }) => Promise<void>;
let dispatcher: (e: { time?: string }) => Promise<void>;

beforeAll(async () => {
  h = await createHarness();
  process.env.TABLE_NAME = h.tableName;
  process.env.DYNAMO_ENDPOINT = h.endpoint;
  process.env.SESSION_SECRET = TEST_SECRET;
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
  sweeper = (await import('../../functions/src/handlers/sweeper.ts')).handler;
  dispatcher = (await import('../../functions/src/handlers/dispatcher.ts')).handler;
});
afterAll(() => h.drop());

describe('GET /api/health', () => {
  it('before any sweep: 200, degraded, both jobs missing, no sign-in needed', async () => {
    const res = await publicApi(httpEvent('GET /api/health'));
    expect(res.statusCode).toBe(200);
    const body = replyBody(res);
    expect(body).toMatchObject({ status: 'degraded', sweep: null, dispatch: null });
    expect(body.problems).toEqual(expect.arrayContaining(['SWEEP_STALE', 'DISPATCH_STALE']));
    expect(body.calendar.year).toBeGreaterThanOrEqual(2026);
  });

  it('after a scheduled sweep and dispatch: their time, lag and counts, nothing personal', async () => {
    const scheduled = new Date(Date.now() - 2_000);
    scheduled.setUTCMilliseconds(0);
    await sweeper({ time: scheduled.toISOString().replace('.000Z', 'Z') });
    await dispatcher({ time: scheduled.toISOString().replace('.000Z', 'Z') });
    const body = replyBody(await publicApi(httpEvent('GET /api/health')));
    expect(body.problems).not.toContain('SWEEP_STALE');
    expect(body.problems).not.toContain('DISPATCH_STALE');
    expect(body.sweep).toMatchObject({ stale: false, counts: expect.objectContaining({ due: expect.any(Number), recorded: expect.any(Number) }) });
    expect(body.sweep.lagSeconds).toBeGreaterThanOrEqual(2);
    expect(body.sweep.lagSeconds).toBeLessThan(120);
    expect(Date.parse(body.sweep.lastAt)).toBeGreaterThan(scheduled.getTime());
    expect(body.dispatch).toMatchObject({ stale: false, counts: expect.objectContaining({ sent: 0, failed: 0 }) });
    // Only numbers and times: no ids, names or phone numbers.
    const strings = JSON.stringify(body).match(/"[^"]*"/g) ?? [];
    expect(strings.filter((s) => /\d{11}|TICKET#|res-|张/.test(s))).toEqual([]);
  });
});

describe('GET /q/{id} (street QR link behind CloudFront)', () => {
  it('redirects to the resident form of that place', async () => {
    const res = await publicApi(httpEvent('GET /q/{id}', { path: { id: 'loc-dajuyuan' } }));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/pages/report/index?loc=loc-dajuyuan');
  });

  it('answers a malformed id with 404 and a Chinese message, never a redirect', async () => {
    const res = await publicApi(httpEvent('GET /q/{id}', { path: { id: '<script>' } }));
    expect(res.statusCode).toBe(404);
    expect(replyBody(res).error).toMatchObject({ code: 'LOCATION_NOT_FOUND', message: expect.stringContaining('未找到') });
  });
});
