import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { keys } from '../../functions/src/store/keys.ts';
import { StaffStore } from '../../functions/src/store/staff.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { httpEvent, replyBody } from '../support/http.ts';

/** Rows that expire carry the table's TTL attribute `ttl` (epoch seconds), written where they are written. */
let h: Harness;
let publicApi: (e: HttpEvent) => Promise<HttpResult>;
let ticketsApi: (e: HttpEvent) => Promise<HttpResult>;

beforeAll(async () => {
  h = await createHarness();
  process.env.TABLE_NAME = h.tableName;
  process.env.DYNAMO_ENDPOINT = h.endpoint;
  process.env.SESSION_SECRET = TEST_SECRET;
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
});
afterAll(() => h.drop());

const get = async (key: Record<string, string>) => (await createDocClient({ tableName: h.tableName, endpoint: h.endpoint }).send(new GetCommand({ TableName: h.tableName, Key: key }))).Item;
const DAY = 86_400;

describe('TTL on rows that expire', () => {
  it('an idempotency token expires 30 days after its request was filed; the ticket itself never', async () => {
    const token = replyBody(await publicApi(httpEvent('POST /api/auth/device'))).token;
    const clientToken = `tok-ttl-${Date.now()}`;
    const res = await ticketsApi(httpEvent('POST /api/tickets', { token, body: { clientToken, locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '路灯不亮已经三天了', phone: '13893112345' } }));
    expect(res.statusCode).toBe(201);
    const { ticket } = replyBody(res);
    const idem = await get(keys.idempotency(clientToken));
    expect(idem?.ttl).toBe(Math.floor(Date.parse(ticket.receivedAt) / 1000) + 30 * DAY);
    expect((await get(keys.ticket(ticket.id)))?.ttl).toBeUndefined();
  });

  it('an invite code expires 30 days after its own expiry', async () => {
    const staff = new StaffStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName);
    const expiresAt = '2026-12-03T04:00:00.000Z';
    await staff.putInvite('hash-ttl', { username: 'gll-handler', expiresAt, createdAt: '2026-11-30T04:00:00.000Z', createdBy: 'admin' } as never);
    expect((await get(keys.invite('hash-ttl')))?.ttl).toBe(Date.parse(expiresAt) / 1000 + 30 * DAY);
  });
});
