import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionReplySchema } from '@mashang/shared/contracts/common';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import type { LocalS3 } from '../../infra/s3-local.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { handlerEnvWithS3 } from '../support/handler-env.ts';
import { runRiskChecks } from '../support/risk-checks.ts';
import { httpEvent, refusal, replyBody as parse, type EventOptions } from '../support/http.ts';
import { routeTable } from '../support/routes.ts';

/**
 * The authorisation matrix, generated from the route table (serverless.yml): every
 * endpoint × every kind of caller × somebody else's object. The object is a request
 * filed by resident A at 张掖路街道 (金塔巷, with a phone number, a contact name and a
 * risk warning for that grid); the callers are another resident, staff of 皋兰路街道
 * (handler, supervisor, grid worker), a department not involved (区住建局) and nobody
 * signed in. County-level accounts are not in the matrix: the whole county is theirs.
 *
 * Each cell must be refused (4xx) or, for routes that list the caller's own things or
 * public reference data, answer without anything of the object; the object must be
 * unchanged. A route in serverless.yml without a row here fails the test.
 */
type Expect = 'refused' | 'own-or-public';
interface Cell {
  /** What the caller sends, aimed at the object. */
  request: (o: Victim) => EventOptions;
  expect: Expect;
  /** Callers for whom the product shows part of the object by design ("me too"): checked for phone and name only. */
  byDesign?: (role: string) => boolean;
}
interface Victim {
  id: string;
  clientToken: string;
  warningId: string;
}

const MARKER = '金塔巷东口井盖缺失已报警';
const PHONE = '13900009999';
const NAME = '赵受害';
const RANGE = { from: '2026-11-01', to: '2026-11-30' };
const isResident = (role: string) => role === 'resident';

const MATRIX: Record<string, Cell> = {
  'GET /api/locations/{id}': { request: () => ({ path: { id: 'loc-jinta' } }), expect: 'own-or-public' },
  'GET /api/categories': { request: () => ({}), expect: 'own-or-public' },
  'GET /api/deadlines': { request: () => ({ query: { category: 'sanitation' } }), expect: 'own-or-public' },
  'POST /api/auth/device': { request: () => ({}), expect: 'own-or-public' },
  'POST /api/auth/staff': { request: () => ({ body: { username: 'zyl-handler', password: 'not-their-password' } }), expect: 'refused' },
  'POST /api/tickets': {
    request: (o) => ({ body: { clientToken: o.clientToken, locationId: 'loc-jinta', categoryCode: 'sanitation', description: '同一个请求标识再提交一次' } }),
    expect: 'own-or-public',
  },
  'GET /api/tickets/{id}': { request: (o) => ({ path: { id: o.id } }), expect: 'refused' },
  'POST /api/tickets/{id}/commands': { request: (o) => ({ path: { id: o.id }, body: { command: { type: 'respond', via: 'call' } } }), expect: 'refused' },
  'GET /api/me/tickets': { request: () => ({}), expect: 'own-or-public' },
  'GET /api/staff/inbox': { request: () => ({}), expect: 'own-or-public' },
  'GET /api/units': { request: () => ({}), expect: 'own-or-public' },
  'POST /api/tickets/{id}/phone': { request: (o) => ({ path: { id: o.id } }), expect: 'refused' },
  'POST /api/staff/tickets': {
    request: (o) => ({ body: { clientToken: o.clientToken, channel: 'hotline_12345', gridId: 'gll-dongjie-g1', place: '甘肃大剧院附近', categoryCode: 'sanitation', description: '同一个请求标识再提交一次' } }),
    expect: 'own-or-public',
  },
  'GET /api/staff/locations': { request: () => ({ query: { gridId: 'zyl-jinta-g1' } }), expect: 'own-or-public' },
  'POST /api/admin/invites': { request: () => ({ body: { username: 'zyl-handler' } }), expect: 'refused' },
  'POST /api/auth/staff/bind': { request: () => ({ body: { inviteCode: 'ABCD2345', code: 'dev:attacker' } }), expect: 'refused' },
  'POST /api/auth/staff/wechat': { request: () => ({ body: { code: 'dev:zyl-handler' } }), expect: 'refused' },
  'GET /api/reports/sla': { request: () => ({ query: { unitId: 'zhangyelu', ...RANGE } }), expect: 'refused' },
  'GET /api/reports/drilldown': { request: () => ({ query: { unitId: 'zhangyelu', figure: 'received', ...RANGE } }), expect: 'refused' },
  'GET /api/reports/ranking': { request: () => ({ query: { unitId: 'zhangyelu', month: '2026-11' } }), expect: 'refused' },
  'GET /api/reports/breaches': { request: () => ({ query: { unitId: 'zhangyelu' } }), expect: 'refused' },
  'POST /api/reports/urge': { request: () => ({ body: { unitId: 'zhangyelu', note: '请抓紧办理' } }), expect: 'refused' },
  'GET /api/hotspots': { request: () => ({ query: { unitId: 'zhangyelu' } }), expect: 'refused' },
  'GET /api/tickets/{id}/hotspot': { request: (o) => ({ path: { id: o.id } }), expect: 'refused' },
  'GET /api/tickets/{id}/risk': { request: (o) => ({ path: { id: o.id } }), expect: 'refused' },
  'GET /api/risk/rules': { request: () => ({}), expect: 'own-or-public' },
  'PUT /api/risk/rules': { request: () => ({ body: { expectedVersion: 0, responseMinutes: 30, rules: [] } }), expect: 'refused' },
  'GET /api/risk/warnings': { request: () => ({ query: { unitId: 'zhangyelu' } }), expect: 'refused' },
  'GET /api/risk/tasks': { request: () => ({}), expect: 'own-or-public' },
  'POST /api/risk/tasks/{id}/done': { request: (o) => ({ path: { id: o.warningId }, body: { note: '已核实处置' } }), expect: 'refused' },
  'POST /api/auth/wechat': { request: () => ({ body: { code: 'dev:attacker' } }), expect: 'own-or-public' },
  'GET /api/client-config': { request: () => ({}), expect: 'own-or-public' },
  'GET /api/places': { request: () => ({ query: { q: '金塔' } }), expect: 'own-or-public' },
  // "Me too": anybody signed in (any phone gets a device identity) sees the open requests at a place, masked — never the phone or name.
  'GET /api/places/{id}/similar': { request: () => ({ path: { id: 'loc-jinta' }, query: { category: 'sanitation' } }), expect: 'own-or-public', byDesign: (role) => role !== 'anonymous' },
  'POST /api/uploads': { request: () => ({ body: { contentType: 'image/jpeg', size: 1000 } }), expect: 'own-or-public' },
  'POST /api/tickets/{id}/join': { request: (o) => ({ path: { id: o.id }, body: {} }), expect: 'refused', byDesign: isResident },
  'GET /api/health': { request: () => ({}), expect: 'own-or-public' },
  'GET /q/{id}': { request: () => ({ path: { id: 'loc-jinta' } }), expect: 'own-or-public' },
  // Administration: none of the callers is an admin.
  'GET /api/admin/home': { request: () => ({}), expect: 'refused' },
  'GET /api/admin/calendar': { request: () => ({ query: { year: '2027' } }), expect: 'refused' },
  'POST /api/admin/calendar/years': { request: () => ({ body: { year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] } }), expect: 'refused' },
  'PUT /api/admin/calendar/days/{date}': { request: () => ({ path: { date: '2027-01-04' }, body: { kind: 'holiday' } }), expect: 'refused' },
  'PUT /api/admin/calendar/cutoff': { request: () => ({ body: { cutoffMinutes: 1080 } }), expect: 'refused' },
  'GET /api/admin/jobs/rederive': { request: () => ({}), expect: 'refused' },
  'POST /api/admin/jobs/rederive/run': { request: () => ({ body: {} }), expect: 'refused' },
  'GET /api/admin/categories': { request: () => ({}), expect: 'refused' },
  'POST /api/admin/categories': { request: () => ({ body: { code: 'authz-cat', name: '越权类别' } }), expect: 'refused' },
  'PUT /api/admin/categories/{code}': { request: () => ({ path: { code: 'sanitation' }, body: { name: '环境卫生' } }), expect: 'refused' },
  'GET /api/admin/audit': { request: () => ({}), expect: 'refused' },
  'GET /api/admin/synonyms': { request: () => ({}), expect: 'refused' },
  'PUT /api/admin/synonyms/{id}': { request: () => ({ path: { id: 'authz-syn' }, body: { concept: '越权', terms: ['越权'] } }), expect: 'refused' },
  'POST /api/admin/synonyms/{id}/remove': { request: () => ({ path: { id: 'heating' }, body: {} }), expect: 'refused' },
  'POST /api/admin/integrations/keys': { request: () => ({ body: { system: '12345', name: '越权' } }), expect: 'refused' },
  'GET /api/admin/integrations/keys': { request: () => ({}), expect: 'refused' },
  'POST /api/admin/integrations/keys/{id}/revoke': { request: () => ({ path: { id: 'key-1' } }), expect: 'refused' },
  'POST /api/admin/integrations/webhooks/replay': { request: (o) => ({ body: { ticketId: o.id } }), expect: 'refused' },
  // Staff alerts: one's own messages; another street's roster and robot are not the caller's.
  'GET /api/staff/messages': { request: () => ({}), expect: 'own-or-public' },
  'POST /api/staff/messages/read': { request: (o) => ({ body: { id: o.id, createdAt: '2026-11-30T00:00:00.000Z' } }), expect: 'own-or-public' },
  'GET /api/staff/changes': { request: () => ({}), expect: 'own-or-public' },
  'GET /api/staff/subscriptions': { request: () => ({}), expect: 'own-or-public' },
  'POST /api/staff/subscriptions': { request: () => ({ body: { templateIds: ['tmpl-staff-001'] } }), expect: 'own-or-public' },
  'GET /api/units/{id}/duty': { request: () => ({ path: { id: 'zhangyelu' } }), expect: 'refused' },
  'PUT /api/units/{id}/duty': { request: () => ({ path: { id: 'zhangyelu' }, body: { weekly: [], exceptions: [] } }), expect: 'refused' },
  'PUT /api/units/{id}/channels': { request: () => ({ path: { id: 'zhangyelu' }, body: { wecomWebhook: 'https://attacker.invalid/hook' } }), expect: 'refused' },
  // Alert thresholds and the red/black list rules: county admins only (no admin is among the callers).
  'GET /api/admin/alert-settings': { request: () => ({}), expect: 'refused' },
  'PUT /api/admin/alert-settings': { request: () => ({ body: { alerts: { unrespondedMinutes: 5, escalateAfterRedCards: 1, escalateAfterHours: 1 }, ranking: { minRequests: 1, responseWeight: 100, resolveWeight: 0, satisfactionWeight: 0, basicFactor: 1 } } }), expect: 'refused' },
  // Open311 without an integration key.
  'ANY /open311/v2/{proxy+}': { request: (o) => ({ method: 'GET', path: { proxy: `requests/${o.id}.json` } }), expect: 'refused' },
  'POST /api/tickets/{id}/subscriptions': { request: (o) => ({ path: { id: o.id }, body: { templateIds: ['tmpl-status-001'] } }), expect: 'refused' },
  // Issue 13: the 已派出 view lists the caller's own office's dispatched requests only.
  'GET /api/staff/dispatched': { request: () => ({}), expect: 'own-or-public' },
  // A resident who has the request's number and the phone given with it sees it read-only, the phone masked, by design.
  'POST /api/lookup': { request: (o) => ({ body: { id: o.id, phone: PHONE } }), expect: 'refused', byDesign: isResident },
  'POST /api/me/transfer': { request: () => ({ body: {} }), expect: 'own-or-public' },
  // Inbox search: by the victim's number, words of its text, its phone tail or whole phone, another unit's request is never found.
  'GET /api/staff/search': { request: () => ({ query: { q: MARKER } }), expect: 'own-or-public' },
  'POST /api/auth/transfer': { request: () => ({ body: { code: 'ABCD2345' } }), expect: 'refused' },
  // Personal-data erasure: a resident erases only their own data (the object is not theirs); the admin route is admins' only.
  'POST /api/me/erase': { request: () => ({ body: { confirm: '删除我的个人信息' } }), expect: 'own-or-public' },
  'POST /api/admin/tickets/{id}/erase': { request: (o) => ({ path: { id: o.id }, body: { reason: '居民来电要求删除个人信息' } }), expect: 'refused' },
  // Issue 13: filing without a QR code replays nobody else's request; the route of a point and the open problems near a
  // place are what any signed-in phone may see (masked, like "me too") — never the phone or name.
  'POST /api/tickets/at-point': {
    request: (o) => ({ body: { clientToken: o.clientToken, lat: 36.0585, lng: 103.8361, categoryCode: 'sanitation', description: '同一个请求标识再提交一次' } }),
    expect: 'own-or-public',
  },
  'GET /api/places/route': { request: () => ({ query: { lat: '36.0585', lng: '103.8361' } }), expect: 'own-or-public' },
  'GET /api/places/{id}/nearby-open': { request: () => ({ path: { id: 'loc-jinta' } }), expect: 'own-or-public', byDesign: (role) => role !== 'anonymous' },
  // Public: the mediation teams at a place.
  'GET /api/mediators': { request: () => ({ query: { locationId: 'loc-jinta' } }), expect: 'own-or-public' },
  // The organisation's administration (admins only; no admin is among the callers).
  ...Object.fromEntries(
    [
      ['GET /api/admin/units', {}],
      ['POST /api/admin/units', { body: { parentId: 'zyl-jinta', kind: 'grid', name: '金塔巷第九网格' } }],
      ['PUT /api/admin/units/{id}/name', { path: { id: 'zyl-jinta-g1' }, body: { name: '改名' } }],
      ['POST /api/admin/units/{id}/move', { path: { id: 'zyl-jinta-g1' }, body: { parentId: 'gll-dongjie' } }],
      ['POST /api/admin/units/{id}/deactivate', { path: { id: 'zhangyelu' }, body: {} }],
      ['GET /api/admin/staff', {}],
      ['POST /api/admin/staff', { body: { username: 'authz-new', name: '新同志', unitId: 'zhangyelu', roles: ['handler'] } }],
      ['POST /api/admin/staff/{username}/password', { path: { username: 'zyl-handler' }, body: {} }],
      ['POST /api/admin/staff/{username}/deactivate', { path: { username: 'zyl-handler' }, body: {} }],
      ['GET /api/admin/locations', { query: { gridId: 'zyl-jinta-g1' } }],
      ['POST /api/admin/locations', { body: { id: 'loc-authz', name: '新地点', gridId: 'zyl-jinta-g1', lat: 36.06, lng: 103.83 } }],
      ['PUT /api/admin/locations/{id}', { path: { id: 'loc-jinta' }, body: { id: 'loc-jinta', name: '金塔巷', gridId: 'gll-dongjie-g1', lat: 36.06, lng: 103.83 } }],
      ['POST /api/admin/locations/import', { body: { fileBase64: 'aWQsbmFtZQo=', format: 'csv' } }],
      ['GET /api/admin/posters', { query: { gridId: 'zyl-jinta-g1', size: 'A4' } }],
      ['GET /api/admin/locations/{id}/qr', { path: { id: 'loc-jinta' }, query: { format: 'svg' } }],
      ['GET /api/admin/mediators', {}],
      ['POST /api/admin/mediators', { body: { name: '调解工作室', unitId: 'zhangyelu', specialty: '邻里纠纷', contact: '0931-8888123' } }],
      ['POST /api/admin/mediators/{id}/deactivate', { path: { id: 'med-x' }, body: {} }],
    ].map(([route, opts]) => [route as string, { request: () => opts as EventOptions, expect: 'refused' } satisfies Cell]),
  ),
};

const ROLES = ['resident', 'gll-handler', 'gll-supervisor', 'gll-grid', 'zhujian-handler', 'anonymous'] as const;
const ROUTES = routeTable();

let h: Harness;
let s3: LocalS3;
const handlers = new Map<string, (e: HttpEvent) => Promise<HttpResult>>();
const tokens = new Map<string, string | undefined>();
let victim: Victim;

const call = (routeKey: string, opts: EventOptions = {}) => handlers.get(ROUTES.find((r) => r.routeKey === routeKey)!.module)!(httpEvent(routeKey, opts));

/** The object's whole partition: the ticket, its history, followers, consents and risk warning. */
async function snapshot(id: string): Promise<string> {
  return JSON.stringify(await h.tickets.getWithEvents(id));
}

beforeAll(async () => {
  h = await createHarness();
  s3 = await handlerEnvWithS3(h, 'authz', 'local', { WECHAT_TEMPLATE_STATUS: 'tmpl-status-001', RATE_LIMITS: 'off' });
  for (const m of new Set(ROUTES.map((r) => r.module))) handlers.set(m, (await import(`../../functions/src/handlers/${m}.ts`)).handler);
  const device = async () => SessionReplySchema.parse(parse(await call('POST /api/auth/device'))).token;
  const owner = await device();
  const clientToken = 'authz-victim-0001';
  const filed = await call('POST /api/tickets', {
    token: owner,
    body: { clientToken, locationId: 'loc-jinta', categoryCode: 'sanitation', description: `${MARKER}，邻里矛盾`, phone: PHONE, contactName: NAME },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  const id = parse(filed).ticket.id as string;
  victim = { id, clientToken, warningId: `${id}-c` };
  // Its risk warning, written by the dispatcher's risk check after the filing.
  expect(await runRiskChecks(h)).toMatchObject({ warned: 1 });
  tokens.set('resident', await device());
  tokens.set('anonymous', undefined);
  for (const username of ['gll-handler', 'gll-supervisor', 'gll-grid', 'zhujian-handler']) {
    tokens.set(username, SessionReplySchema.parse(parse(await call('POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } }))).token);
  }
  // The object has its risk warning (the grid worker's task) for the matrix's task route.
  const county = SessionReplySchema.parse(parse(await call('POST /api/auth/staff', { body: { username: 'county-supervisor', password: DEMO_PASSWORD } }))).token;
  const risk = await call('GET /api/tickets/{id}/risk', { token: county, path: { id } });
  expect(parse(risk).items.map((w: { id: string }) => w.id)).toEqual([victim.warningId]);
}, 120_000);
afterAll(async () => {
  await s3.stop();
  await h.drop();
});

describe('authorisation matrix (serverless.yml routes × callers × somebody else’s object)', () => {
  it('has a row for every route of the route table, and no row for a route that does not exist', () => {
    const keys = ROUTES.map((r) => r.routeKey);
    expect(keys.filter((k) => !(k in MATRIX)), 'routes missing from MATRIX').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k)), 'rows without a route').toEqual([]);
  });

  const cells = ROUTES.flatMap((r) => ROLES.map((role) => [r.routeKey, role] as const));
  it.each(cells)('%s as %s', async (routeKey, role) => {
    const cell = MATRIX[routeKey];
    if (!cell) throw new Error(`${routeKey} has no row in the authorisation matrix`);
    const before = await snapshot(victim.id);
    const designed = cell.byDesign?.(role) === true;
    // A by-design cell ("me too" joining) runs as a fresh resident, so the matrix's resident stays a stranger to the object.
    const token = designed && role === 'resident' ? SessionReplySchema.parse(parse(await call('POST /api/auth/device'))).token : tokens.get(role);
    const res = await call(routeKey, { ...cell.request(victim), token });
    // Never the phone number or the name, whatever the route.
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain(NAME);
    if (designed) return;
    expect(res.statusCode, `${routeKey} as ${role}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (cell.expect === 'refused') {
      expect(res.statusCode, `${routeKey} as ${role} should be refused: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(refusal(res).code).toMatch(/^[A-Z_]+$/);
    }
    // Nothing of the object in the reply.
    expect(res.body).not.toContain(victim.id);
    expect(res.body).not.toContain(MARKER);
    // And the object (ticket, history, followers, warnings) is unchanged.
    expect(await snapshot(victim.id)).toBe(before);
  });
});
