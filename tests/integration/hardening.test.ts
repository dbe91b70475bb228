import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDateOf } from '@mashang/shared';
import { router } from '../../functions/src/http/http.ts';
import { CreateTicketReplySchema, SessionReplySchema, TicketDetailSchema } from '@mashang/shared/contracts/common';
import { RiskWarningsReplySchema } from '@mashang/shared/contracts/signals';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import type { LocalS3 } from '../../infra/s3-local.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { handlerEnvWithS3 } from '../support/handler-env.ts';
import { runRiskChecks } from '../support/risk-checks.ts';
import { httpEvent as event, replyBody as parse } from '../support/http.ts';
import { uploadPhoto } from '../support/photos.ts';

/**
 * The defects a black-box probe found on main (issue 16), each through the real
 * Lambda handlers wired from the environment on DynamoDB Local and the S3 stand-in:
 * malformed input answered 500, "me too" exposing the filer's words, staff attaching
 * photos they never uploaded, unbounded report ranges, risk warnings naming other
 * streets' requests, and replies without security headers.
 */
let h: Harness;
let s3: LocalS3;
type Api = (e: HttpEvent) => Promise<HttpResult>;
let publicApi: Api;
let ticketsApi: Api;
let residentApi: Api;
let staffApi: Api;
let reportsApi: Api;
let supervisionApi: Api;

const deviceToken = async () => SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/device')))).token;
const staffToken = async (username: string) =>
  SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } })))).token;



let seq = 0;
const clientToken = () => `hard-${++seq}-${Math.random().toString(36).slice(2, 10)}`;

async function file(token: string, over: Record<string, unknown> = {}) {
  const res = await ticketsApi(
    event('POST /api/tickets', {
      token,
      body: { clientToken: clientToken(), locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运', phone: '13893112345', contactName: '王阿姨', ...over },
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return CreateTicketReplySchema.parse(parse(res)).ticket;
}

/** Items in the table besides rate-limit counters (a refused request may count against its sender). */
async function itemCount(): Promise<number> {
  const { DynamoDBClient, ScanCommand } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({ endpoint: h.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let n = 0;
  let start: Record<string, any> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: h.tableName, Select: 'COUNT', ExclusiveStartKey: start, FilterExpression: 'NOT begins_with(PK, :rate)', ExpressionAttributeValues: { ':rate': { S: 'RATE#' } } }));
    n += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return n;
}

beforeAll(async () => {
  h = await createHarness();
  s3 = await handlerEnvWithS3(h, 'hard', 'test');
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
  residentApi = (await import('../../functions/src/handlers/resident.ts')).handler;
  staffApi = (await import('../../functions/src/handlers/workbench.ts')).handler;
  reportsApi = (await import('../../functions/src/handlers/reports.ts')).handler;
  supervisionApi = (await import('../../functions/src/handlers/supervision.ts')).handler;
});
afterAll(async () => {
  await s3.stop();
  await h.drop();
});

describe('malformed input is a 4xx with a stable code, never a 500', () => {
  it('does not decode a path id twice: `%25` arrives as `%` and is simply not found', async () => {
    const resident = await deviceToken();
    const staff = await staffToken('gll-handler');
    for (const id of ['%', '%E0%A4%A', 'a%zz', '100%']) {
      const loc = await publicApi(event('GET /api/locations/{id}', { path: { id } }));
      expect(loc.statusCode, `${id}: ${loc.body}`).toBe(404);
      const detail = await ticketsApi(event('GET /api/tickets/{id}', { token: resident, path: { id } }));
      expect(detail.statusCode, detail.body).toBe(404);
      expect(parse(detail).error.code).toBe('TICKET_NOT_FOUND');
      const reveal = await staffApi(event('POST /api/tickets/{id}/phone', { token: staff, path: { id } }));
      expect(reveal.statusCode, reveal.body).toBe(404);
    }
  });

  it('refuses ids longer than any real one before they reach a DynamoDB key', async () => {
    const resident = await deviceToken();
    const staff = await staffToken('gll-handler');
    const before = await itemCount();
    const long = 'x'.repeat(2100);
    const replies = [
      await publicApi(event('GET /api/locations/{id}', { path: { id: long } })),
      await ticketsApi(event('GET /api/tickets/{id}', { token: resident, path: { id: long } })),
      await ticketsApi(event('POST /api/tickets/{id}/commands', { token: staff, path: { id: long }, body: { command: { type: 'respond', via: 'call' } } })),
      await residentApi(event('POST /api/tickets/{id}/join', { token: resident, path: { id: long }, body: {} })),
      await residentApi(event('GET /api/places/{id}/similar', { token: resident, path: { id: long }, query: { category: 'sanitation' } })),
      await ticketsApi(event('POST /api/tickets', { token: resident, body: { clientToken: clientToken(), locationId: long, categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运' } })),
      await ticketsApi(event('POST /api/tickets', { token: resident, body: { clientToken: clientToken(), locationId: 'loc-donggang', categoryCode: long, description: '路口垃圾桶满了两天没人清运' } })),
    ];
    for (const res of replies) {
      expect(res.statusCode, res.body).toBe(400);
      expect(parse(res).error.code).toBe('VALIDATION_FAILED');
    }
    expect(await itemCount()).toBe(before);
  });

  it('refuses a category query of 3,000 characters', async () => {
    const resident = await deviceToken();
    const category = '类'.repeat(3000);
    for (const res of [
      await publicApi(event('GET /api/deadlines', { query: { category } })),
      await residentApi(event('GET /api/places/{id}/similar', { token: resident, path: { id: 'loc-donggang' }, query: { category } })),
      await publicApi(event('GET /api/deadlines', { query: { category: 'x'.repeat(200) } })),
    ]) {
      expect(res.statusCode, res.body).toBe(400);
      expect(parse(res).error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('checks a resident list cursor like the inbox does: `e30` ({}), junk, or another resident’s key', async () => {
    const owner = await deviceToken();
    const other = await deviceToken();
    for (let i = 0; i < 3; i++) await file(owner);
    const first = parse(await ticketsApi(event('GET /api/me/tickets', { token: owner, query: { limit: '1' } })));
    expect(first.nextCursor).toBeTruthy();
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const cursors = [
      'e30',
      'not-base64-$$$',
      b64([1, 2]),
      b64({ PK: 'TICKET#x', SK: 'T' }),
      b64({ PK: 1, SK: 'T', GSI2PK: 'RES#x', GSI2SK: 'y' }),
      b64({ PK: 'TICKET#x', SK: 'T', GSI2PK: 'RES#x', GSI2SK: 'y', extra: 'z' }),
      // A real cursor of the owner's list is not the other resident's.
      first.nextCursor,
    ];
    for (const cursor of cursors) {
      const res = await ticketsApi(event('GET /api/me/tickets', { token: other, query: { cursor } }));
      expect(res.statusCode, `${cursor}: ${res.body}`).toBe(400);
      expect(parse(res).error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'cursor' }] });
    }
    // The owner's own cursor still pages.
    const next = await ticketsApi(event('GET /api/me/tickets', { token: owner, query: { cursor: first.nextCursor, limit: '1' } }));
    expect(next.statusCode, next.body).toBe(200);
    expect(parse(next).items).toHaveLength(1);
  });

  it.each(['9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2100-01-01T00:00:00Z'])('refuses promised deadlines for receivedAt=%s, unauthenticated', async (receivedAt) => {
    const res = await publicApi(event('GET /api/deadlines', { query: { category: 'sanitation', receivedAt } }));
    expect(res.statusCode, res.body).toBe(400);
    expect(parse(res).error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'receivedAt' }] });
    const ok = await publicApi(event('GET /api/deadlines', { query: { category: 'sanitation', receivedAt: '2026-11-18T02:00:00Z' } }));
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('"me too" never hands the filer’s words to those who joined', () => {
  it('masks numbers in the description and hides what the handler told the filer', async () => {
    const owner = await deviceToken();
    const neighbour = await deviceToken();
    const filed = await file(owner, { locationId: 'loc-jinta', categoryCode: 'environment', description: '下水道堵了污水外溢，请打我电话139 1234 5678或0931-8881234' });
    expect((await residentApi(event('POST /api/tickets/{id}/join', { token: neighbour, path: { id: filed.id }, body: {} }))).statusCode).toBe(200);
    const handler = await staffToken('zyl-handler');
    const said = '王阿姨您好，明早八点上门疏通，我的手机13609310000';
    const res = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'respond', via: 'message', note: said } } }));
    expect(res.statusCode, res.body).toBe(200);
    const again = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'respond', via: 'message', note: '疏通车已出发，十分钟到' } } }));
    expect(again.statusCode, again.body).toBe(200);

    const followerRes = await ticketsApi(event('GET /api/tickets/{id}', { token: neighbour, path: { id: filed.id } }));
    const follower = TicketDetailSchema.parse(parse(followerRes));
    expect(follower.description).toBe('下水道堵了污水外溢，请打我电话139****5678或0931-****1234');
    for (const secret of ['1234 5678', '12345678', '8881234', '明早八点', '13609310000', '疏通车已出发', '王阿姨']) expect(followerRes.body).not.toContain(secret);
    // The follower still sees that the request was answered.
    expect(follower.events.map((e) => e.type)).toEqual(expect.arrayContaining(['responded', 'contacted']));

    const ownerView = TicketDetailSchema.parse(parse(await ticketsApi(event('GET /api/tickets/{id}', { token: owner, path: { id: filed.id } }))));
    expect(ownerView.description).toContain('139 1234 5678');
    expect(ownerView.events.map((e) => e.note)).toEqual(expect.arrayContaining([said]));

    // The outbox marks the messages as the filer's: the dispatcher sends followers a neutral line or nothing.
    const messages = (await h.tickets.recentOutbox(8, 500)).filter((m) => m.ticketId === filed.id && m.text.startsWith('工作人员留言'));
    expect(messages).toHaveLength(2);
    expect(messages.every((m) => m.filerOnly === true)).toBe(true);
    expect(messages.map((m) => m.followersText ?? null)).toEqual(expect.arrayContaining(['工作人员已联系您反映的问题，正在处理', null]));
  });
});

describe('staff attach only photos they uploaded themselves', () => {
  it('refuses resolving with another street’s photo key, and leaves the request as it was', async () => {
    const otherStreet = await staffToken('zyl-handler');
    const theirs = await uploadPhoto(residentApi, otherStreet);
    const handler = await staffToken('gll-handler');
    const mine = await uploadPhoto(residentApi, handler);
    const filed = await file(await deviceToken());
    const responded = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'respond', via: 'call' } } }));
    expect(responded.statusCode, responded.body).toBe(200);
    const version = TicketDetailSchema.parse(parse(responded)).version;
    const res = await ticketsApi(
      event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'resolve', feedback: '已清运完毕并消毒', photos: [mine, theirs] } } }),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(parse(res).error).toMatchObject({ code: 'PHOTO_INVALID', fields: [{ path: 'photos.1' }] });
    expect(res.body).not.toContain(theirs);
    expect((await h.tickets.get(filed.id))!.version).toBe(version);
    const ok = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'resolve', feedback: '已清运完毕并消毒', photos: [mine] } } }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await h.tickets.get(filed.id))!.feedbackPhotos).toEqual([mine]);
    // The feedback photo is kept by the bucket's lifecycle rule; the refused one is not.
    expect(s3.tags(mine)).toEqual({ attached: 'yes' });
    expect(s3.tags(theirs)).toEqual({ attached: 'no' });
  });

  it('tags the photo a desk operator files with attached=yes', async () => {
    const operator = await staffToken('desk-operator');
    const key = await uploadPhoto(residentApi, operator);
    expect(s3.tags(key)).toEqual({ attached: 'no' });
    const body = { clientToken: clientToken(), channel: 'hotline_12345', gridId: 'gll-dongjie-g1', place: '甘肃大剧院附近', categoryCode: 'sanitation', description: '剧院门口垃圾没人清运', photos: [key] };
    const res = await staffApi(event('POST /api/staff/tickets', { token: operator, body }));
    expect(res.statusCode, res.body).toBe(201);
    const { ticketId } = (await h.tickets.findByClientToken(body.clientToken))!;
    expect((await h.tickets.get(ticketId))!.photos).toEqual([key]);
    expect(s3.tags(key)).toEqual({ attached: 'yes' });
  });

  it('refuses filing at the desk with somebody else’s photo key', async () => {
    const residentKey = await uploadPhoto(residentApi, await deviceToken());
    const operator = await staffToken('desk-operator');
    const body = { clientToken: clientToken(), channel: 'hotline_12345', gridId: 'gll-dongjie-g1', place: '甘肃大剧院附近', categoryCode: 'sanitation', description: '剧院门口垃圾没人清运', photos: [residentKey] };
    const res = await staffApi(event('POST /api/staff/tickets', { token: operator, body }));
    expect(res.statusCode, res.body).toBe(400);
    expect(parse(res).error.code).toBe('PHOTO_INVALID');
    expect(await h.tickets.findByClientToken(body.clientToken)).toBeUndefined();
  });
});

describe('report ranges are bounded', () => {
  it('refuses a 26-year drill-down and a handling drill-down over a quarter', async () => {
    const supervisor = await staffToken('county-supervisor');
    const q = (over: Record<string, string>) => ({ unitId: 'gaolanlu', figure: 'received', from: '2026-11-01', to: '2026-11-30', ...over });
    for (const query of [q({ from: '2000-01-01', to: '2026-01-01' }), q({ from: '2025-11-01', to: '2026-11-30' }), q({ role: 'handling', unitId: 'dept-zhujian', from: '2016-01-01', to: '2026-01-01' }), q({ role: 'handling', unitId: 'dept-zhujian', from: '2026-01-01', to: '2026-11-30' })]) {
      const res = await reportsApi(event('GET /api/reports/drilldown', { token: supervisor, query }));
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(parse(res).error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'to' }] });
    }
    for (const query of [q({}), q({ role: 'handling', unitId: 'dept-zhujian', from: '2026-09-01', to: '2026-11-30' })]) {
      const res = await reportsApi(event('GET /api/reports/drilldown', { token: supervisor, query }));
      expect(res.statusCode, res.body).toBe(200);
    }
  });
});

describe('risk warnings name only requests the viewer can open', () => {
  it('drops another street’s request ids from a same-phone warning', async () => {
    const operator = await staffToken('desk-operator');
    const call = async (gridId: string, place: string) => {
      const res = await staffApi(
        event('POST /api/staff/tickets', {
          token: operator,
          body: { clientToken: clientToken(), channel: 'hotline_12345', gridId, place, categoryCode: 'labour', description: '餐馆拖欠工资两个月', phone: '13919008888' },
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      return CreateTicketReplySchema.parse(parse(res)).ticket.id;
    };
    const zyl1 = await call('zyl-buxingjie-g1', '张掖路步行街');
    const zyl2 = await call('zyl-buxingjie-g1', '张掖路步行街');
    const gll = await call('gll-dongjie-g1', '甘肃大剧院附近');
    // The warnings are written by the dispatcher's risk checks after the filings.
    await runRiskChecks(h);

    const list = async (username: string) => {
      const res = await supervisionApi(event('GET /api/risk/warnings', { token: await staffToken(username) }));
      expect(res.statusCode, res.body).toBe(200);
      return { body: res.body, items: RiskWarningsReplySchema.parse(parse(res)).items };
    };
    const gllView = await list('gll-supervisor');
    const warning = gllView.items.find((w) => w.ticketId === gll);
    expect(warning, 'the third call warns at 皋兰路').toBeDefined();
    expect(warning!.fired.length).toBeGreaterThan(0);
    expect(gllView.body).not.toContain(zyl1);
    expect(gllView.body).not.toContain(zyl2);
    // The county sees the whole picture.
    const county = await list('county-supervisor');
    const related = county.items.find((w) => w.ticketId === gll)!.fired.flatMap((f) => f.relatedTicketIds ?? []);
    expect(related).toEqual(expect.arrayContaining([zyl1, zyl2]));
    // And the request's own warnings, read by 皋兰路.
    const own = await supervisionApi(event('GET /api/tickets/{id}/risk', { token: await staffToken('gll-supervisor'), path: { id: gll } }));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.body).not.toContain(zyl1);
  });
});

describe('security headers on every API reply', () => {
  it('sends nosniff, a CSP forbidding framing, X-Frame-Options and no referrer — on success and on errors', async () => {
    const replies = [
      await publicApi(event('GET /api/categories')),
      await publicApi(event('GET /api/locations/{id}', { path: { id: 'nope' } })),
      await ticketsApi(event('GET /api/me/tickets')),
      await publicApi(event('GET /api/nothing-here')),
    ];
    for (const res of replies) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
      });
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    }
  });
});

describe('personal data', () => {
  it('keeps phone numbers out of logs, list replies and exports', async () => {
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))));
    try {
      const phone = '13812347777';
      const owner = await deviceToken();
      const filed = await file(owner, { phone, description: `垃圾没人清运，打${phone}`, locationId: 'loc-dajuyuan' });
      const handler = await staffToken('gll-handler');
      const supervisor = await staffToken('county-supervisor');
      // The handlers run on the wall clock: the drill-down covers the Beijing month the request was
      // filed in (a fixed November range missed it when CI ran after midnight on 1 December, Beijing time).
      const day = localDateOf(filed.receivedAt);
      const range = { from: `${day.slice(0, 7)}-01`, to: day };
      const replies = [
        await ticketsApi(event('GET /api/me/tickets', { token: owner })),
        await (await import('../../functions/src/handlers/staff.ts')).handler(event('GET /api/staff/inbox', { token: handler })),
        await reportsApi(event('GET /api/reports/drilldown', { token: supervisor, query: { unitId: 'gaolanlu', figure: 'received', ...range } })),
        await reportsApi(event('GET /api/reports/breaches', { token: supervisor, query: { unitId: 'gaolanlu' } })),
      ];
      for (const res of replies) {
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        expect(res.body).not.toContain(phone);
      }
      expect(replies[0]!.body).toContain(filed.id);
      // The Excel export of the drill-down list.
      const xlsx = await reportsApi(event('GET /api/reports/drilldown', { token: supervisor, query: { unitId: 'gaolanlu', figure: 'received', ...range, format: 'xlsx' } }));
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(xlsx.body, 'base64') as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
      expect(cells.join('|')).toContain(filed.id);
      expect(cells.join('|')).not.toContain(phone);
      // An unexpected error whose message echoes a number is logged masked.
      const failing = router({ 'GET /boom': async () => { throw new Error(`could not store ${phone}`); } }, async () => ({ id: 'x', role: 'resident' }));
      expect((await failing(event('GET /boom'))).statusCode).toBe(500);
      expect(logged.join('\n')).toContain('could not store 138****');
      expect(logged.join('\n')).not.toContain(phone);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});

describe('a command’s field rules are checked once, by CommandSchema, where the command comes in', () => {
  it('an in-app message without its text is a 400 VALIDATION_FAILED on command.note and changes nothing', async () => {
    const owner = await deviceToken();
    const filed = await file(owner, { locationId: 'loc-jinta', categoryCode: 'environment', description: '小区门口的路灯坏了一周了' });
    const handler = await staffToken('zyl-handler');
    for (const command of [{ type: 'respond', via: 'message' }, { type: 'respond', via: 'message', note: '   ' }]) {
      const res = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command } }));
      expect(res.statusCode, res.body).toBe(400);
      expect(parse(res).error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'command.note', message: '请填写发送给群众的消息' }] });
    }
    const after = TicketDetailSchema.parse(parse(await ticketsApi(event('GET /api/tickets/{id}', { token: handler, path: { id: filed.id } }))));
    expect([after.status, after.version, after.events.length]).toEqual([filed.status, filed.version, filed.events.length]);
  });
});
