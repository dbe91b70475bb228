import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumCounters } from '@mashang/shared';
import { CreateTicketReplySchema, SessionReplySchema, TicketDetailSchema } from '@mashang/shared/contracts/common';
import { ERASED, ERASE_CONFIRMATION, ErasureReplySchema } from '@mashang/shared/erasure';
import { scanReport } from '../../bench/report-fixture.ts';
import { ReportService } from '../../functions/src/app/reporting/reports.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { StatStore } from '../../functions/src/store/stats.ts';
import type { LocalS3 } from '../../infra/s3-local.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { handlerEnvWithS3 } from '../support/handler-env.ts';
import { httpEvent as event, refusal, replyBody as parse } from '../support/http.ts';
import { uploadPhoto } from '../support/photos.ts';

/**
 * Personal-data erasure through the real handlers on DynamoDB Local and the S3 stand-in:
 * the resident's own (我的 → 删除我的个人信息) and an admin's on one request. The
 * personal data goes (phone, name, identity link, photos, contact notes, the rating
 * comment, numbers in free text, the links of requests joined); the requests stay in
 * every statistic (counters equal before and after, and equal to a scan); nothing else in
 * the table changes; a second run changes nothing.
 */
let h: Harness;
let s3: LocalS3;
let raw: DynamoDBClient;
type Api = (e: HttpEvent) => Promise<HttpResult>;
let publicApi: Api;
let ticketsApi: Api;
let residentApi: Api;
let adminApi: Api;

const PHONE_A = '13912345678';
const NAME_A = '李大姐';
const PHONE_B = '13787654321';
const PHONE_C = '13655556666';
const STAFF_PHONE = '13609310000';
const TEMPLATE = 'tmpl-status-001';

const session = async () => SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/device'))));
const staffToken = async (username: string) => SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } })))).token;
let seq = 0;


async function file(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await ticketsApi(event('POST /api/tickets', { token, body: { clientToken: `erase-${++seq}-${Math.random().toString(36).slice(2, 10)}`, locationId: 'loc-donggang', categoryCode: 'sanitation', ...body } }));
  expect(res.statusCode, res.body).toBe(201);
  return CreateTicketReplySchema.parse(parse(res)).ticket.id;
}

async function command(token: string, id: string, cmd: Record<string, unknown>): Promise<void> {
  const res = await ticketsApi(event('POST /api/tickets/{id}/commands', { token, path: { id }, body: { command: cmd } }));
  expect(res.statusCode, res.body).toBe(200);
}

/** Every row of the table, keyed `PK|SK`. */
async function table(): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  let start: Record<string, any> | undefined;
  do {
    const page = await raw.send(new ScanCommand({ TableName: h.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      const row = unmarshall(item);
      rows.set(`${row.PK}|${row.SK}`, row);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return rows;
}

/** The counters the statistics read: report rows and inbox counts. */
function counters(rows: Map<string, Record<string, unknown>>): string {
  return JSON.stringify([...rows].filter(([k]) => k.startsWith('STAT#') || k.startsWith('COUNTS#')).sort(([a], [b]) => a.localeCompare(b)));
}

beforeAll(async () => {
  h = await createHarness();
  s3 = await handlerEnvWithS3(h, 'erase', 'local', { WECHAT_TEMPLATE_STATUS: TEMPLATE, RATE_LIMITS: '' });
  raw = new DynamoDBClient({ endpoint: h.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
  residentApi = (await import('../../functions/src/handlers/resident.ts')).handler;
  adminApi = (await import('../../functions/src/handlers/admin.ts')).handler;
}, 120_000);
afterAll(async () => {
  raw.destroy();
  await s3.stop();
  await h.drop();
});

describe('a resident erases their personal data (我的 → 删除我的个人信息)', () => {
  it('removes phone, name, identity link, photos, contact notes, numbers in text and joined links; the requests stay in the statistics; a second run changes nothing', async () => {
    const a = await session();
    const b = await session();
    const handler = await staffToken('gll-handler');
    const photo = await uploadPhoto(residentApi, a.token);
    // A files a request with a phone, a name, a photo and a number in the description, and asks to be told.
    const own = await file(a.token, { description: `楼道灯坏了一个月，晚上看不见，请回电${PHONE_A}`, phone: PHONE_A, contactName: NAME_A, photos: [photo] });
    expect((await residentApi(event('POST /api/tickets/{id}/subscriptions', { token: a.token, path: { id: own }, body: { templateIds: [TEMPLATE] } }))).statusCode).toBe(200);
    // B files another request at the same place; A joins it ("me too") and asks to be told.
    const joined = await file(b.token, { description: '小区门口垃圾桶满了两天没人清运', phone: PHONE_B });
    const join = await residentApi(event('POST /api/tickets/{id}/join', { token: a.token, path: { id: joined }, body: { subscriptions: [TEMPLATE] } }));
    expect(join.statusCode, join.body).toBe(200);
    // The office writes to A in the app, resolves; A rates with a comment.
    await command(handler, own, { type: 'respond', via: 'message', note: `${NAME_A}您好，明早上门，有事打我${STAFF_PHONE}` });
    await command(handler, own, { type: 'resolve', feedback: '已更换楼道灯泡' });
    await command(a.token, own, { type: 'rate', rating: 'satisfied', comment: `修好了，谢谢，有事打${PHONE_A}` });

    const before = await table();
    const ownBefore = before.get(`TICKET#${own}|T`)!;
    expect(JSON.stringify(ownBefore)).toContain(PHONE_A);
    expect(s3.tags(photo)).toEqual({ attached: 'yes' });

    // Without the confirmation words: refused, nothing changed.
    const unconfirmed = await residentApi(event('POST /api/me/erase', { token: a.token, body: { confirm: '好' } }));
    expect(unconfirmed.statusCode).toBe(400);
    expect(refusal(unconfirmed).code).toBe('VALIDATION_FAILED');
    // Staff cannot use the resident's route.
    const staffTry = await residentApi(event('POST /api/me/erase', { token: handler, body: { confirm: ERASE_CONFIRMATION } }));
    expect(staffTry.statusCode).toBe(403);
    expect(await table()).toEqual(before);

    const res = await residentApi(event('POST /api/me/erase', { token: a.token, body: { confirm: ERASE_CONFIRMATION } }));
    expect(res.statusCode, res.body).toBe(200);
    expect(ErasureReplySchema.parse(parse(res))).toMatchObject({ requests: 1, joined: 1 });
    const after = await table();

    // Nothing of A is left: phone, name, identity, photo key — except the idempotency row, which its TTL removes.
    for (const [key, row] of after) {
      const text = JSON.stringify(row);
      expect(text, key).not.toContain(PHONE_A);
      expect(text, key).not.toContain(NAME_A);
      expect(text, key).not.toContain(photo);
      if (row.entity !== 'idempotency') expect(text, key).not.toContain(a.actor.id);
    }
    // The staff member's number in the note to A went with the note.
    expect(JSON.stringify([...after.values()].filter((r) => r.ticketId === own || r.id === own))).not.toContain(STAFF_PHONE);

    // The request stays: same status, category, place, clocks, rating; its words without the number; its history without A's words.
    const ownAfter = after.get(`TICKET#${own}|T`)!;
    for (const field of ['status', 'categoryCode', 'locationId', 'receivedAt', 'clocks', 'rating', 'currentUnitId', 'followerCount', 'eventCount']) {
      expect(ownAfter[field], field).toEqual(ownBefore[field]);
    }
    expect(ownAfter.description).toBe(`楼道灯坏了一个月，晚上看不见，请回电${ERASED}`);
    expect(ownAfter.ratingComment).toBe(ERASED);
    expect(ownAfter.photos).toEqual([]);
    expect(ownAfter).not.toHaveProperty('phone');
    expect(ownAfter).not.toHaveProperty('contactName');
    expect(ownAfter).not.toHaveProperty('residentId');
    expect(ownAfter).not.toHaveProperty('GSI2PK');
    expect(ownAfter).not.toHaveProperty('GSI10PK');
    expect(ownAfter.erasedAt).toEqual(expect.any(String));
    const events = [...after].filter(([k]) => k.startsWith(`TICKET#${own}|EV#`)).map(([, r]) => r);
    expect(events.map((e) => e.type)).toEqual(['submitted', 'responded', 'resolved', 'rated']);
    expect(events.find((e) => e.type === 'responded')!.note).toBe(ERASED);
    expect(events.find((e) => e.type === 'rated')!.note).toBe(ERASED);
    expect(events.find((e) => e.type === 'resolved')!.note).toBe('已更换楼道灯泡');
    expect(events.find((e) => e.type === 'submitted')!.actor).toMatchObject({ id: 'erased', role: 'resident' });
    // The photo is no longer attached: the bucket's lifecycle rule deletes it.
    expect(s3.tags(photo)).toEqual({ attached: 'no' });

    // The joined request keeps its follower count and its "joined" event, without A.
    const joinedAfter = after.get(`TICKET#${joined}|T`)!;
    expect(joinedAfter.followerCount).toBe(1);
    expect(joinedAfter.phone).toBe(PHONE_B);
    expect(after.has(`TICKET#${joined}|FOL#${a.actor.id}`)).toBe(false);
    const joinEvent = [...after].find(([k, r]) => k.startsWith(`TICKET#${joined}|EV#`) && r.type === 'joined')![1];
    expect(joinEvent.actor).toMatchObject({ id: 'erased' });

    // Counters (report rows, inbox counts) are exactly as before, and equal to a scan of the requests.
    expect(counters(after)).toBe(counters(before));
    const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
    const report = await new ReportService({ stats: new StatStore(db, h.tableName), reference: h.service, commands: h.service, now: () => Date.now() }).slaReport(
      { id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan' },
      { from: '2026-11-01', to: '2026-12-31' },
    );
    const baseline = await scanReport(db, h.tableName, '2026-11-01', '2026-12-31');
    expect(report.totals.counters).toEqual(sumCounters(baseline.origin.values()));
    expect(report.totals.counters.received).toBeGreaterThanOrEqual(2);
    expect(report.totals.counters.satisfied).toBeGreaterThanOrEqual(1);

    // Nothing else changed: every other row is as it was; only A's follower and consent rows are gone; no row was added
    // besides the rate-limit counter of this call.
    const changed = [...after.keys()].filter((k) => before.has(k) && JSON.stringify(after.get(k)) !== JSON.stringify(before.get(k)));
    const removed = [...before.keys()].filter((k) => !after.has(k));
    const added = [...after.keys()].filter((k) => !before.has(k));
    expect(added.every((k) => k.startsWith('RATE#')), added.join(', ')).toBe(true);
    expect(removed.sort()).toEqual([`TICKET#${joined}|FOL#${a.actor.id}`, `TICKET#${joined}|SUB#${a.actor.id}#${TEMPLATE}`, `TICKET#${own}|SUB#${a.actor.id}#${TEMPLATE}`].sort());
    for (const k of changed) {
      const row = after.get(k)!;
      const ok = k.startsWith(`TICKET#${own}|`) || (k.startsWith(`TICKET#${joined}|EV#`) && row.type === 'joined') || k.startsWith('OUTBOX#') || k.startsWith('OUTLOG#') || k.startsWith('RATE#');
      expect(ok, `unexpected change of ${k}`).toBe(true);
      if (k.startsWith('OUTBOX#') || k.startsWith('OUTLOG#')) expect(row.ticketId).toBe(own);
    }

    // A no longer sees the requests in 我的诉求, and cannot open the one they filed (it is not linked to them).
    const mine = await ticketsApi(event('GET /api/me/tickets', { token: a.token }));
    expect(parse(mine).items).toEqual([]);
    expect((await ticketsApi(event('GET /api/tickets/{id}', { token: a.token, path: { id: own } }))).statusCode).toBe(404);
    // The office still works with the request (without the phone).
    const staffView = await ticketsApi(event('GET /api/tickets/{id}', { token: handler, path: { id: own } }));
    expect(staffView.statusCode).toBe(200);
    expect(TicketDetailSchema.parse(parse(staffView)).phone).toBeUndefined();

    // Idempotent: a second run finds nothing and changes nothing (but its rate counter).
    const again = await residentApi(event('POST /api/me/erase', { token: a.token, body: { confirm: ERASE_CONFIRMATION } }));
    expect(again.statusCode).toBe(200);
    expect(ErasureReplySchema.parse(parse(again))).toMatchObject({ requests: 0, joined: 0 });
    const third = await table();
    for (const [k, row] of third) if (!k.startsWith('RATE#')) expect(row, k).toEqual(after.get(k));
  });

  it('is rate-limited per resident: 429 RATE_LIMITED with Retry-After', async () => {
    const c = await session();
    let last: HttpResult | undefined;
    for (let i = 0; i < 6; i++) last = await residentApi(event('POST /api/me/erase', { token: c.token, body: { confirm: ERASE_CONFIRMATION } }));
    expect(last!.statusCode).toBe(429);
    expect(refusal(last!).code).toBe('RATE_LIMITED');
    expect(Number(last!.headers?.['Retry-After'] ?? last!.headers?.['retry-after'])).toBeGreaterThan(0);
  });
});

describe('an admin erases the filer’s personal data of one request', () => {
  it('is admin-only, audited, idempotent, and leaves the statistics and the followers as they were', async () => {
    const a = await session();
    const b = await session();
    const id = await file(a.token, { description: `井盖松动，联系电话${PHONE_C}`, phone: PHONE_C, contactName: NAME_A });
    expect((await residentApi(event('POST /api/tickets/{id}/join', { token: b.token, path: { id }, body: {} }))).statusCode).toBe(200);
    const before = await table();

    // Not an admin: refused, nothing changed. A bad reason: refused.
    const supervisor = await staffToken('gll-supervisor');
    const refused = await adminApi(event('POST /api/admin/tickets/{id}/erase', { token: supervisor, path: { id }, body: { reason: '居民来电要求删除' } }));
    expect(refused.statusCode).toBe(403);
    const admin = await staffToken('county-admin');
    const noReason = await adminApi(event('POST /api/admin/tickets/{id}/erase', { token: admin, path: { id }, body: { reason: '' } }));
    expect(noReason.statusCode).toBe(400);
    const missing = await adminApi(event('POST /api/admin/tickets/{id}/erase', { token: admin, path: { id: '2611189999999' }, body: { reason: '居民来电要求删除' } }));
    expect(missing.statusCode).toBe(404);
    const unchanged = await table();
    for (const [k, row] of unchanged) if (!k.startsWith('RATE#')) expect(row, k).toEqual(before.get(k));

    const res = await adminApi(event('POST /api/admin/tickets/{id}/erase', { token: admin, path: { id }, body: { reason: `居民来电要求删除（来电${PHONE_C}）` } }));
    expect(res.statusCode, res.body).toBe(200);
    expect(ErasureReplySchema.parse(parse(res))).toMatchObject({ requests: 1 });
    const after = await table();
    const ticket = after.get(`TICKET#${id}|T`)!;
    expect(ticket).not.toHaveProperty('phone');
    expect(ticket).not.toHaveProperty('residentId');
    expect(ticket.description).toBe(`井盖松动，联系电话${ERASED}`);
    // B, who joined, keeps their link (their own data; they may erase it themselves).
    expect(after.has(`TICKET#${id}|FOL#${b.actor.id}`)).toBe(true);
    expect(ticket.followerCount).toBe(1);
    expect(counters(after)).toBe(counters(before));
    // One audit row, naming the fields that went and the reason, without the number.
    const audits = [...after].filter(([k]) => k.startsWith('AUDIT#') && !before.has(k)).map(([, r]) => r);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'ticket.erasePersonalData', target: `ticket:${id}`, actorId: 'county-admin' });
    expect(JSON.parse(String(audits[0]!.before))).toEqual({ fields: ['phone', 'contactName', 'residentId', 'photos'] });
    expect(JSON.stringify(audits[0])).not.toContain(PHONE_C);
    for (const [k, row] of after) expect(JSON.stringify(row), k).not.toContain(PHONE_C);

    // Again: 200, already erased, nothing written (no second audit row).
    const again = await adminApi(event('POST /api/admin/tickets/{id}/erase', { token: admin, path: { id }, body: { reason: '再次删除' } }));
    expect(again.statusCode).toBe(200);
    expect(ErasureReplySchema.parse(parse(again))).toMatchObject({ requests: 0, already: true });
    const third = await table();
    for (const [k, row] of third) if (!k.startsWith('RATE#')) expect(row, k).toEqual(after.get(k));
    expect([...third.keys()].filter((k) => !k.startsWith('RATE#'))).toHaveLength([...after.keys()].filter((k) => !k.startsWith('RATE#')).length);
  });
});
