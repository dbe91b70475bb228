import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTicketReplySchema, SessionReplySchema, TicketDetailSchema, TicketListReplySchema } from '@mashang/shared/contracts/common';
import { JoinReplySchema, PlacesReplySchema, SimilarTicketsReplySchema, UploadTicketSchema, type UploadTicket } from '@mashang/shared/contracts/resident';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import type { LocalS3 } from '../../infra/s3-local.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { FixtureServer, wechatFixture } from '../support/fixture-server.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { handlerEnvWithS3 } from '../support/handler-env.ts';
import { httpEvent, replyBody } from '../support/http.ts';

/**
 * The resident's API through the real Lambda handlers, wired from the
 * environment as a deployed stage is: DynamoDB Local, the real S3 adapter
 * against the local S3 stand-in, the real WeChat adapter against a local
 * server answering with recorded WeChat replies.
 */
let h: Harness;
let s3: LocalS3;
const wx = new FixtureServer();
let publicApi: (e: HttpEvent) => Promise<HttpResult>;
let ticketsApi: (e: HttpEvent) => Promise<HttpResult>;
let residentApi: (e: HttpEvent) => Promise<HttpResult>;

const event = httpEvent;
const parse = replyBody;

async function deviceToken(): Promise<string> {
  return SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/device')))).token;
}
async function staffToken(username: string): Promise<string> {
  return SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } })))).token;
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(4096, 9)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(512, 1)]);

async function uploadSlot(token: string, contentType = 'image/jpeg', size = JPEG.length): Promise<UploadTicket> {
  const res = await residentApi(event('POST /api/uploads', { token, body: { contentType, size } }));
  expect(res.statusCode).toBe(201);
  return UploadTicketSchema.parse(parse(res));
}

async function upload(slot: UploadTicket, body: Buffer, type = 'image/jpeg'): Promise<number> {
  const form = new FormData();
  for (const [k, v] of Object.entries(slot.fields)) form.append(k, v);
  form.append('file', new Blob([body], { type }), 'photo');
  return (await fetch(slot.url, { method: 'POST', body: form })).status;
}

let seq = 0;
const body = (over: Record<string, unknown> = {}) => ({
  clientToken: `res-${++seq}-${Math.random().toString(36).slice(2, 10)}`,
  locationId: 'loc-donggang',
  categoryCode: 'sanitation',
  description: '路口垃圾桶满了两天没人清运，联系我13893112345',
  phone: '13893112345',
  contactName: '王阿姨',
  ...over,
});

async function file(token: string, over: Record<string, unknown> = {}) {
  const res = await ticketsApi(event('POST /api/tickets', { token, body: body(over) }));
  expect(res.statusCode, res.body).toBe(201);
  return CreateTicketReplySchema.parse(parse(res)).ticket;
}

beforeAll(async () => {
  h = await createHarness();
  await wx.start();
  s3 = await handlerEnvWithS3(h, 'test', 'test', {
    WECHAT_APP_ID: 'wx1234567890abcdef',
    WECHAT_APP_SECRET: 'app-secret-for-tests',
    WECHAT_API_BASE: wx.url,
    WECHAT_TEMPLATE_STATUS: 'tmpl-status-001',
  });
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
  residentApi = (await import('../../functions/src/handlers/resident.ts')).handler;
});
afterAll(async () => {
  await wx.stop();
  await s3.stop();
  await h.drop();
});

describe('WeChat sign-in', () => {
  it('turns a wx.login code into our own session for the openid WeChat names, ignoring any openid the client sends', async () => {
    wx.on('/sns/jscode2session', { body: wechatFixture('code2session-ok'), contentType: 'text/plain' });
    const res = await residentApi(event('POST /api/auth/wechat', { body: { code: '081abcDEF', openid: 'oAttackerChosenOpenId' } }));
    expect(res.statusCode).toBe(200);
    const session = SessionReplySchema.parse(parse(res));
    expect(session.actor).toMatchObject({ id: 'wx-oGZUI0egBJY1zhBYw2KhdUfwVJJE', role: 'resident' });
    expect(res.body).not.toContain('session_key');
    expect(res.body).not.toContain('tiihtNczf5v6AKRyjwEUhQ==');
    expect(wx.calls('/sns/jscode2session').at(-1)!.query.get('js_code')).toBe('081abcDEF');
    // The session works like any other identity.
    const mine = await ticketsApi(event('GET /api/me/tickets', { token: session.token }));
    expect(mine.statusCode).toBe(200);
  });

  it.each([
    ['an invalid code', 'code2session-invalid-code', 401, 'WECHAT_LOGIN_FAILED'],
    ['the rate limit', 'code2session-rate-limited', 503, 'UPSTREAM_BUSY'],
  ])('answers %s (fixture %s) with %i %s', async (_what, fixture, status, code) => {
    wx.on('/sns/jscode2session', { body: wechatFixture(fixture), contentType: 'text/plain' });
    const res = await residentApi(event('POST /api/auth/wechat', { body: { code: 'whatever' } }));
    expect(res.statusCode).toBe(status);
    expect(parse(res).error.code).toBe(code);
  });

  it('refuses a request without a code before asking WeChat', async () => {
    const before = wx.calls('/sns/jscode2session').length;
    const res = await residentApi(event('POST /api/auth/wechat', { body: {} }));
    expect(res.statusCode).toBe(400);
    expect(wx.calls('/sns/jscode2session')).toHaveLength(before);
  });
});

describe('finding a place without a QR code', () => {
  it('finds places by any part of their name', async () => {
    const res = await residentApi(event('GET /api/places', { query: { q: '大剧院' } }));
    expect(res.statusCode).toBe(200);
    expect(PlacesReplySchema.parse(parse(res)).items.map((p) => p.id)).toEqual(['loc-dajuyuan']);
    const xijie = PlacesReplySchema.parse(parse(await residentApi(event('GET /api/places', { query: { q: '西街小区' } }))));
    expect(xijie.items[0]).toMatchObject({ id: 'loc-xijie-xiaoqu', name: '西街小区南门', centreName: '皋兰路街道综治中心' });
    const none = PlacesReplySchema.parse(parse(await residentApi(event('GET /api/places', { query: { q: '不存在的地方' } }))));
    expect(none.items).toEqual([]);
  });

  it('asks for two characters at least', async () => {
    const res = await residentApi(event('GET /api/places', { query: { q: '街' } }));
    expect(res.statusCode).toBe(400);
    expect(parse(res).error.fields[0].message).toContain('2个字');
  });

  it('lists places near a point, nearest first, with their distance', async () => {
    // A few metres from 甘肃大剧院东门公交站.
    const res = await residentApi(event('GET /api/places', { query: { lat: '36.0612', lng: '103.8344' } }));
    const items = PlacesReplySchema.parse(parse(res)).items;
    expect(items[0]).toMatchObject({ id: 'loc-dajuyuan' });
    expect(items[0]!.distanceM).toBeLessThan(50);
    expect(items.map((i) => i.distanceM)).toEqual([...items.map((i) => i.distanceM!)].sort((a, b) => a - b));
    expect(items).toHaveLength(5);
  });
});

describe('photos', () => {
  it('files a request with an uploaded photo and shows it back through a working link', async () => {
    const token = await deviceToken();
    const slot = await uploadSlot(token);
    expect(await upload(slot, JPEG)).toBe(204);
    const ticket = await file(token, { photos: [slot.key] });
    expect(ticket.photos).toHaveLength(1);
    const shown = await fetch(ticket.photos[0]!);
    expect(shown.status).toBe(200);
    expect(Buffer.from(await shown.arrayBuffer())).toEqual(JPEG);
    expect((await h.tickets.get(ticket.id))!.photos).toEqual([slot.key]);
  });

  it('tags an upload attached=no, re-tags it attached=yes once a request carries it, and leaves a never-attached photo attached=no', async () => {
    const token = await deviceToken();
    const kept = await uploadSlot(token);
    const dropped = await uploadSlot(token);
    expect(await upload(kept, JPEG)).toBe(204);
    expect(await upload(dropped, JPEG)).toBe(204);
    expect(s3.tags(kept.key)).toEqual({ attached: 'no' });
    expect(s3.tags(dropped.key)).toEqual({ attached: 'no' });
    const ticket = await file(token, { photos: [kept.key] });
    expect((await h.tickets.get(ticket.id))!.photos).toEqual([kept.key]);
    expect(s3.tags(kept.key)).toEqual({ attached: 'yes' });
    expect(s3.tags(dropped.key)).toEqual({ attached: 'no' });
  });

  it('leaves every photo of a refused request attached=no', async () => {
    const token = await deviceToken();
    const good = await uploadSlot(token);
    const fake = await uploadSlot(token);
    expect(await upload(good, JPEG)).toBe(204);
    expect(await upload(fake, PNG)).toBe(204);
    const res = await ticketsApi(event('POST /api/tickets', { token, body: body({ photos: [good.key, fake.key] }) }));
    expect(res.statusCode).toBe(400);
    expect(s3.tags(good.key)).toEqual({ attached: 'no' });
    expect(s3.tags(fake.key)).toEqual({ attached: 'no' });
  });

  it.each([
    ['a GIF', { contentType: 'image/gif', size: 100 }],
    ['a photo over 5 MB', { contentType: 'image/jpeg', size: 6 * 1024 * 1024 }],
  ])('refuses an upload slot for %s', async (_what, req) => {
    const res = await residentApi(event('POST /api/uploads', { token: await deviceToken(), body: req }));
    expect(res.statusCode).toBe(400);
  });

  it('refuses a request whose photo was never uploaded, is not an image, or belongs to somebody else — and stores nothing', async () => {
    const token = await deviceToken();
    const never = await uploadSlot(token);
    const fake = await uploadSlot(token);
    expect(await upload(fake, PNG)).toBe(204); // PNG bytes sent as the JPEG the slot was made for
    const other = await uploadSlot(await deviceToken());
    expect(await upload(other, JPEG)).toBe(204);
    for (const [key, message] of [
      [never.key, '没有上传成功'],
      [fake.key, '格式与声明不符'],
      [other.key, '不是本人上传的'],
    ] as const) {
      const b = body({ photos: [key] });
      const res = await ticketsApi(event('POST /api/tickets', { token, body: b }));
      expect(res.statusCode).toBe(400);
      expect(parse(res).error).toMatchObject({ code: 'PHOTO_INVALID', fields: [{ path: 'photos.0', message: expect.stringContaining(message) }] });
      expect(await h.tickets.findByClientToken(b.clientToken)).toBeUndefined();
    }
  });
});

describe('me too', () => {
  it('shows open requests at the place and category without names or phone numbers, and joining follows instead of duplicating', async () => {
    const owner = await deviceToken();
    const neighbour = await deviceToken();
    const filed = await file(owner, { locationId: 'loc-jinta', categoryCode: 'environment', description: '菜市场门口下水道堵了，污水外溢，电话13912345678' });

    const similarRes = await residentApi(event('GET /api/places/{id}/similar', { token: neighbour, path: { id: 'loc-jinta' }, query: { category: 'environment' } }));
    const similar = SimilarTicketsReplySchema.parse(parse(similarRes)).items;
    const row = similar.find((s) => s.id === filed.id)!;
    expect(row).toMatchObject({ mine: false, following: false, followerCount: 0, categoryName: '生态环境' });
    expect(row.summary).toContain('139****');
    expect(similarRes.body).not.toContain('13912345678');
    expect(similarRes.body).not.toContain('13893112345');
    expect(similarRes.body).not.toContain('王阿姨');

    const joined = await residentApi(event('POST /api/tickets/{id}/join', { token: neighbour, path: { id: filed.id }, body: {} }));
    expect(joined.statusCode).toBe(200);
    const reply = JoinReplySchema.parse(parse(joined));
    expect(reply.joined).toBe(true);
    expect(reply.ticket).toMatchObject({ following: true, followerCount: 1, actions: [] });
    expect(reply.ticket.phone).toBeUndefined();
    expect(reply.ticket.contactName).toBeUndefined();
    expect(reply.ticket.events.at(-1)!.label).toBe('您也反映了这个问题（我也遇到）');

    // Joining twice (a double tap) changes nothing.
    const again = JoinReplySchema.parse(parse(await residentApi(event('POST /api/tickets/{id}/join', { token: neighbour, path: { id: filed.id }, body: {} }))));
    expect(again.joined).toBe(false);
    expect(again.ticket.followerCount).toBe(1);

    // The request is now in the neighbour's list, marked as joined, and not duplicated.
    const list = TicketListReplySchema.parse(parse(await ticketsApi(event('GET /api/me/tickets', { token: neighbour }))));
    expect(list.items.map((i) => [i.id, i.followed])).toEqual([[filed.id, true]]);

    // The filer sees the follower in plain words.
    const ownerView = TicketDetailSchema.parse(parse(await ticketsApi(event('GET /api/tickets/{id}', { token: owner, path: { id: filed.id } }))));
    expect(ownerView.followerCount).toBe(1);
    expect(ownerView.events.map((e) => e.label)).toContain('又有居民反映了同一问题');

    const mark = SimilarTicketsReplySchema.parse(parse(await residentApi(event('GET /api/places/{id}/similar', { token: neighbour, path: { id: 'loc-jinta' }, query: { category: 'environment' } }))));
    expect(mark.items.find((s) => s.id === filed.id)).toMatchObject({ following: true, followerCount: 1 });
  });

  it('does not let the filer join their own request, nor anybody join a resolved one', async () => {
    const owner = await deviceToken();
    const filed = await file(owner, { locationId: 'loc-buxingjie', categoryCode: 'market' });
    const own = await residentApi(event('POST /api/tickets/{id}/join', { token: owner, path: { id: filed.id }, body: {} }));
    expect(own.statusCode).toBe(409);
    const handler = await staffToken('zyl-handler');
    await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'respond', via: 'call' } } }));
    const resolved = await ticketsApi(
      event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'resolve', feedback: '已联系市场监管所现场核查处理' } } }),
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    const late = await residentApi(event('POST /api/tickets/{id}/join', { token: await deviceToken(), path: { id: filed.id }, body: {} }));
    expect(late.statusCode).toBe(409);
  });

  it('lets a follower read but never rate or reopen the request', async () => {
    const owner = await deviceToken();
    const follower = await deviceToken();
    const filed = await file(owner, { locationId: 'loc-xijie-xiaoqu', categoryCode: 'property' });
    await residentApi(event('POST /api/tickets/{id}/join', { token: follower, path: { id: filed.id }, body: {} }));
    const handler = await staffToken('gll-handler');
    await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'respond', via: 'call' } } }));
    const resolved = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: filed.id }, body: { command: { type: 'resolve', feedback: '物业已更换电梯控制板' } } }));
    expect(resolved.statusCode, resolved.body).toBe(200);
    const rate = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: follower, path: { id: filed.id }, body: { command: { type: 'rate', rating: 'unsatisfied' } } }));
    expect(rate.statusCode).toBe(403);
    const view = TicketDetailSchema.parse(parse(await ticketsApi(event('GET /api/tickets/{id}', { token: follower, path: { id: filed.id } }))));
    expect(view.status).toBe('resolved');
    expect(view.feedback).toBe('物业已更换电梯控制板');
    expect(view.actions).toEqual([]);
  });
});

describe('one resident never reads another resident’s request', () => {
  it('answers 404 to a stranger for the detail, commands, joining-free reads and lists', async () => {
    const owner = await deviceToken();
    const stranger = await deviceToken();
    const filed = await file(owner, { locationId: 'loc-dajuyuan', categoryCode: 'traffic' });
    const detail = await ticketsApi(event('GET /api/tickets/{id}', { token: stranger, path: { id: filed.id } }));
    expect(detail.statusCode).toBe(404);
    expect(detail.body).not.toContain('13893112345');
    const command = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: stranger, path: { id: filed.id }, body: { command: { type: 'reopen', reason: '没有解决问题' } } }));
    expect(command.statusCode).toBe(404);
    const subscribe = await residentApi(event('POST /api/tickets/{id}/subscriptions', { token: stranger, path: { id: filed.id }, body: { templateIds: ['tmpl-status-001'] } }));
    expect(subscribe.statusCode).toBe(404);
    const list = TicketListReplySchema.parse(parse(await ticketsApi(event('GET /api/me/tickets', { token: stranger }))));
    expect(list.items.map((i) => i.id)).not.toContain(filed.id);
    // A replayed create with the owner's client token does not hand the request over either.
    const replay = await ticketsApi(event('POST /api/tickets', { token: stranger, body: { ...body(), clientToken: 'res-replay-probe-1' } }));
    expect(replay.statusCode).toBe(201);
    const probe = await ticketsApi(event('POST /api/tickets', { token: owner, body: { ...body(), clientToken: 'res-replay-probe-1' } }));
    expect(probe.statusCode).toBe(409);
  });
});
