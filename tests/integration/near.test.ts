import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTicketReplySchema, SessionReplySchema } from '@mashang/shared/contracts/common';
import { NearbyOpenReplySchema, PointRouteReplySchema } from '@mashang/shared/near';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { httpEvent as event, refusal, replyBody as parse } from '../support/http.ts';

/**
 * Issue 13, the resident's side, through the real Lambda handlers on DynamoDB Local:
 * filing without a QR code (routed to the nearest QR location's office within
 * NO_QR_MAX_METRES, or to the street office the resident chose) and the open problems
 * near a place.
 */
let h: Harness;
let publicApi: (e: HttpEvent) => Promise<HttpResult>;
let ticketsApi: (e: HttpEvent) => Promise<HttpResult>;
let residentApi: (e: HttpEvent) => Promise<HttpResult>;

/** 东岗西路与皋兰路口 (loc-donggang, 皋兰路街道), WGS-84 as seeded. */
const DONGGANG = { lat: 36.0563, lng: 103.8412 };
/** Far out of town: no QR location within 1 km. */
const FAR = { lat: 36.2, lng: 103.95 };

const deviceToken = async () => SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/device')))).token;
const staffToken = async (username: string) => SessionReplySchema.parse(parse(await publicApi(event('POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } })))).token;

let seq = 0;
const input = (over: Record<string, unknown> = {}) => ({
  clientToken: `near-${++seq}-${Math.random().toString(36).slice(2, 10)}`,
  categoryCode: 'sanitation',
  description: '路边垃圾堆了三天没人清运，电话13893112345',
  phone: '13893112345',
  contactName: '王阿姨',
  ...over,
});
const atPoint = (token: string, body: Record<string, unknown>) => ticketsApi(event('POST /api/tickets/at-point', { token, body }));
const route = (token: string, query: Record<string, string>) => residentApi(event('GET /api/places/route', { token, query }));

beforeAll(async () => {
  h = await createHarness();
  Object.assign(process.env, { STAGE: 'test', TABLE_NAME: h.tableName, DYNAMO_ENDPOINT: h.endpoint, SESSION_SECRET: TEST_SECRET, NO_QR_MAX_METRES: '1000' });
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
  ticketsApi = (await import('../../functions/src/handlers/tickets.ts')).handler;
  residentApi = (await import('../../functions/src/handlers/resident.ts')).handler;
});
afterAll(async () => {
  await h.drop();
});

describe('where a request without a QR code goes', () => {
  it('near a QR location: that location, its grid’s office, with the distance', async () => {
    const token = await deviceToken();
    const res = await route(token, { lat: '36.0566', lng: '103.8409' });
    expect(res.statusCode, res.body).toBe(200);
    const r = PointRouteReplySchema.parse(parse(res));
    expect(r.nearest).toMatchObject({ id: 'loc-donggang', centreName: expect.stringContaining('皋兰路') });
    expect(r.nearest!.distanceM).toBeLessThan(60);
    expect(r.offices).toEqual([]);
    expect(r.maxMetres).toBe(1000);
  });

  it('converts a point from the mini-program’s map (GCJ-02) to WGS-84 before comparing', async () => {
    const token = await deviceToken();
    const [gLng, gLat] = gcoord.transform([DONGGANG.lng, DONGGANG.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const asGcj = PointRouteReplySchema.parse(parse(await route(token, { lat: String(gLat), lng: String(gLng), datum: 'gcj02' })));
    expect(asGcj.nearest?.id).toBe('loc-donggang');
    expect(asGcj.nearest!.distanceM).toBeLessThanOrEqual(2);
    expect(asGcj.lat).toBeCloseTo(DONGGANG.lat, 4);
    // The same numbers taken as WGS-84 are hundreds of metres off: the conversion is what puts the point back.
    const unconverted = PointRouteReplySchema.parse(parse(await route(token, { lat: String(gLat), lng: String(gLng) })));
    expect(unconverted.nearest!.distanceM).toBeGreaterThan(100);
  });

  it('far from every QR location: the street offices to choose from, and nothing nearest', async () => {
    const token = await deviceToken();
    const r = PointRouteReplySchema.parse(parse(await route(token, { lat: String(FAR.lat), lng: String(FAR.lng) })));
    expect(r.nearest).toBeUndefined();
    expect(r.offices.map((o) => o.id).sort()).toEqual(['gaolanlu', 'zhangyelu']);
  });

  it('refuses a point that is not one, and nobody signed in', async () => {
    const token = await deviceToken();
    const bad: Array<Record<string, string>> = [{ lat: '91', lng: '103' }, { lat: 'abc', lng: '103' }, { lat: '36', lng: '103', datum: 'bd09' }, { lat: '36' }];
    for (const query of bad) {
      const res = await route(token, query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(refusal(res).code).toBe('VALIDATION_FAILED');
    }
    expect((await residentApi(event('GET /api/places/route', { query: { lat: '36', lng: '103' } }))).statusCode).toBe(401);
  });
});

describe('filing without a QR code', () => {
  it('near a QR location: filed there (its grid and office), with the typed place, the point kept in WGS-84', async () => {
    const token = await deviceToken();
    // A client asking for another office while a QR location is near is routed by the server anyway.
    const res = await atPoint(token, input({ lat: 36.0566, lng: 103.8409, place: '东岗西路123号门口', officeId: 'zhangyelu' }));
    expect(res.statusCode, res.body).toBe(201);
    const { ticket } = CreateTicketReplySchema.parse(parse(res));
    expect(ticket.currentUnitId).toBe('gaolanlu');
    expect(ticket.gridId).toBe('gll-dongjie-g2');
    expect(ticket.locationName).toMatch(/^东岗西路123号门口（东岗西路与皋兰路口附近约\d+米）$/);
    const stored = await h.tickets.get(ticket.id);
    expect(stored).toMatchObject({ locationId: 'loc-donggang', point: { lat: 36.0566, lng: 103.8409 }, residentId: expect.stringMatching(/^dev-/) });
    // The office's handlers see it like any QR request; the other street's do not.
    expect((await ticketsApi(event('GET /api/tickets/{id}', { token: await staffToken('gll-handler'), path: { id: ticket.id } }))).statusCode).toBe(200);
    expect((await ticketsApi(event('GET /api/tickets/{id}', { token: await staffToken('zyl-handler'), path: { id: ticket.id } }))).statusCode).toBe(404);
  });

  it('is idempotent on the client token', async () => {
    const token = await deviceToken();
    const body = input({ lat: 36.0566, lng: 103.8409 });
    const first = await atPoint(token, body);
    const again = await atPoint(token, body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(CreateTicketReplySchema.parse(parse(again)).ticket.id).toBe(CreateTicketReplySchema.parse(parse(first)).ticket.id);
  });

  it('far away: needs the street office and the place; refused without them, and nothing is written', async () => {
    const token = await deviceToken();
    const res = await atPoint(token, input({ ...FAR }));
    expect(res.statusCode).toBe(400);
    const err = (parse(res) as { error: { code: string; fields?: Array<{ path: string }> } }).error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields?.map((f) => f.path).sort()).toEqual(['officeId', 'place']);
    const mine = parse(await ticketsApi(event('GET /api/me/tickets', { token }))) as { items: unknown[] };
    expect(mine.items).toEqual([]);
    // Not a street office (a community, a department, nothing): refused too.
    for (const officeId of ['gll-dongjie', 'zhujian', 'nowhere']) {
      const bad = await atPoint(token, input({ ...FAR, place: '果园村口', officeId }));
      expect(bad.statusCode, officeId).toBe(400);
      expect(refusal(bad).code).toBe('UNIT_NOT_FOUND');
    }
  });

  it('far away, with the office the resident chose: in that office’s inbox, no grid, the place as typed', async () => {
    const token = await deviceToken();
    const res = await atPoint(token, input({ ...FAR, place: '果园村口大槐树下', officeId: 'zhangyelu' }));
    expect(res.statusCode, res.body).toBe(201);
    const { ticket } = CreateTicketReplySchema.parse(parse(res));
    expect(ticket).toMatchObject({ currentUnitId: 'zhangyelu', coordinatorUnitId: 'zhangyelu', locationName: '果园村口大槐树下' });
    expect(ticket.gridId).toBeUndefined();
    expect((await h.tickets.get(ticket.id))?.locationId).toBeUndefined();
  });

  it('is for residents: staff file on the workbench', async () => {
    const res = await atPoint(await staffToken('gll-handler'), input({ lat: 36.0566, lng: 103.8409 }));
    expect(res.statusCode).toBe(403);
  });
});

describe('open problems near a place', () => {
  it('lists the open requests at the place and at QR locations within 500 m, newest first, masked, with the 我也遇到 count', async () => {
    const filer = await deviceToken();
    const file = async (locationId: string, description: string) => {
      h.clock.advance(1);
      const res = await ticketsApi(event('POST /api/tickets', { token: filer, body: { ...input({ description }), locationId } }));
      expect(res.statusCode, res.body).toBe(201);
      return CreateTicketReplySchema.parse(parse(res)).ticket.id;
    };
    const atTheatre = await file('loc-dajuyuan', '公交站的座椅坏了，联系13900001111');
    const nextDoor = await file('loc-xijie-xiaoqu', '小区南门路灯不亮');
    const farther = await file('loc-donggang', '路口井盖松动');
    const rejected = await file('loc-dajuyuan', '站牌被小广告贴满了');
    const handler = await staffToken('gll-handler');
    const rej = await ticketsApi(event('POST /api/tickets/{id}/commands', { token: handler, path: { id: rejected }, body: { command: { type: 'reject', reason: '重复反映，已并入其他诉求' } } }));
    expect(rej.statusCode, rej.body).toBe(200);
    const neighbour = await deviceToken();
    expect((await residentApi(event('POST /api/tickets/{id}/join', { token: neighbour, path: { id: nextDoor }, body: {} }))).statusCode).toBe(200);

    const res = await residentApi(event('GET /api/places/{id}/nearby-open', { token: neighbour, path: { id: 'loc-dajuyuan' } }));
    expect(res.statusCode, res.body).toBe(200);
    const reply = NearbyOpenReplySchema.parse(parse(res));
    const ids = reply.items.map((i) => i.id);
    expect(ids).toContain(atTheatre);
    expect(ids).toContain(nextDoor);
    expect(ids).not.toContain(farther); // 东岗西路 is about 800 m away
    expect(ids).not.toContain(rejected); // closed by refusal
    expect(ids.indexOf(nextDoor)).toBeLessThan(ids.indexOf(atTheatre)); // newest first
    const theatre = reply.items.find((i) => i.id === atTheatre)!;
    expect(theatre).toMatchObject({ placeName: '甘肃大剧院东门公交站', distanceM: 0, categoryName: '市容环卫', statusLabel: expect.any(String), following: false, mine: false });
    expect(theatre.summary).toContain('139****');
    const door = reply.items.find((i) => i.id === nextDoor)!;
    expect(door).toMatchObject({ placeName: '西街小区南门', followerCount: 1, following: true });
    expect(door.distanceM).toBeGreaterThan(300);
    expect(door.distanceM).toBeLessThanOrEqual(500);
    expect(res.body).not.toContain('13893112345');
    expect(res.body).not.toContain('13900001111');
    expect(res.body).not.toContain('王阿姨');
    // The filer sees their own as theirs.
    const own = NearbyOpenReplySchema.parse(parse(await residentApi(event('GET /api/places/{id}/nearby-open', { token: filer, path: { id: 'loc-dajuyuan' } }))));
    expect(own.items.find((i) => i.id === atTheatre)?.mine).toBe(true);
  });

  it('an unknown place is a 404; nobody signed in is a 401', async () => {
    const token = await deviceToken();
    expect((await residentApi(event('GET /api/places/{id}/nearby-open', { token, path: { id: 'loc-nowhere' } }))).statusCode).toBe(404);
    expect((await residentApi(event('GET /api/places/{id}/nearby-open', { path: { id: 'loc-dajuyuan' } }))).statusCode).toBe(401);
  });
});
