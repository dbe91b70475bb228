import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { httpEvent, replyBody } from '../support/http.ts';
import { sessionTokenOf } from '../support/staff-session.ts';

/**
 * The admin API's part of the role matrix, through the real Lambda handler: every admin
 * endpoint refuses every role but admin (403; 401 without a token) and changes nothing;
 * county-wide settings refuse a street office's admin; an admin of another county sees
 * none of this county's audit events and cannot pick its departments.
 */
let h: Harness;
let adminApi: (e: HttpEvent) => Promise<HttpResult>;
let routeKeys: string[];
const tokens = new TokenService(TEST_SECRET);
// Staff sessions need a live account (MashangService.authenticate): tests/support/staff-session.ts makes one.
const tokenOf = (actor: Actor) => sessionTokenOf(h, tokens, actor);

/** A valid request for every admin route, so that only the caller can be the reason for a refusal. */
const REQUESTS: Record<string, { path?: Record<string, string>; query?: Record<string, string>; body?: unknown }> = {
  'GET /api/admin/home': {},
  'GET /api/admin/calendar': { query: { year: '2027' } },
  'POST /api/admin/calendar/years': { body: { year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] } },
  'PUT /api/admin/calendar/days/{date}': { path: { date: '2027-01-04' }, body: { kind: 'holiday' } },
  'PUT /api/admin/calendar/cutoff': { body: { cutoffMinutes: 1050 } },
  'GET /api/admin/jobs/rederive': {},
  'POST /api/admin/jobs/rederive/run': {},
  'GET /api/admin/categories': {},
  'POST /api/admin/categories': { body: { code: 'noise', name: '噪音扰民', policy: { resolveWorkingDays: 3 } } },
  'PUT /api/admin/categories/{code}': { path: { code: 'traffic' }, body: { name: '道路交通', policy: { resolveWorkingDays: 3 } } },
  'GET /api/admin/audit': {},
};
/** County-wide settings: a street office's admin may read them but not change them. */
const WRITES = Object.keys(REQUESTS).filter((k) => !k.startsWith('GET ') && k !== 'POST /api/admin/jobs/rederive/run');
// The organisation's routes (functions/src/admin/org/routes.ts), mounted in the same Lambda.
Object.assign(REQUESTS, {
  'GET /api/admin/units': {},
  'POST /api/admin/units': { body: { parentId: 'gll-dongjie', kind: 'grid', name: '东街社区第九网格' } },
  'PUT /api/admin/units/{id}/name': { path: { id: 'gll-dongjie-g1' }, body: { name: '东街社区一网格' } },
  'POST /api/admin/units/{id}/move': { path: { id: 'gll-dongjie-g1' }, body: { parentId: 'gll-dongjie' } },
  'POST /api/admin/units/{id}/deactivate': { path: { id: 'gll-dongjie-g1' }, body: {} },
  'GET /api/admin/staff': {},
  'POST /api/admin/staff': { body: { username: 'new-handler', name: '新同志', unitId: 'gaolanlu', roles: ['handler'] } },
  'POST /api/admin/staff/{username}/password': { path: { username: 'gll-handler' }, body: {} },
  'POST /api/admin/staff/{username}/deactivate': { path: { username: 'gll-handler' }, body: {} },
  'GET /api/admin/locations': { query: { gridId: 'gll-dongjie-g1' } },
  'POST /api/admin/locations': { body: { id: 'loc-new-one', name: '新地点', gridId: 'gll-dongjie-g1', lat: 36.06, lng: 103.83 } },
  'PUT /api/admin/locations/{id}': { path: { id: 'loc-dajuyuan' }, body: { id: 'loc-dajuyuan', name: '甘肃大剧院', gridId: 'gll-dongjie-g1', lat: 36.06, lng: 103.83 } },
  'POST /api/admin/locations/import': { body: { fileBase64: 'aWQsbmFtZQo=', format: 'csv' } },
  'GET /api/admin/posters': { query: { gridId: 'gll-dongjie-g1', size: 'A4' } },
  'GET /api/admin/locations/{id}/qr': { path: { id: 'loc-dajuyuan' }, query: { format: 'svg' } },
  'GET /api/admin/mediators': {},
  'POST /api/admin/mediators': { body: { name: '调解工作室', unitId: 'gaolanlu', specialty: '邻里纠纷', contact: '0931-8888123' } },
  'POST /api/admin/mediators/{id}/deactivate': { path: { id: 'med-x' }, body: {} },
  // Alert thresholds and the red/black list rules, the hotspots' thesaurus, a request's personal-data erasure.
  'GET /api/admin/alert-settings': {},
  'PUT /api/admin/alert-settings': {
    body: { alerts: { unrespondedMinutes: 10, escalateAfterRedCards: 2, escalateAfterHours: 4 }, ranking: { minRequests: 3, responseWeight: 10, resolveWeight: 50, satisfactionWeight: 40, basicFactor: 0.9 } },
  },
  'GET /api/admin/synonyms': {},
  'PUT /api/admin/synonyms/{id}': { path: { id: 'roles-syn' }, body: { concept: '井盖', terms: ['井盖', '窨井盖'] } },
  'POST /api/admin/synonyms/{id}/remove': { path: { id: 'heating' }, body: {} },
  'POST /api/admin/tickets/{id}/erase': { path: { id: '20261130000001' }, body: { reason: '居民来电要求删除个人信息' } },
} satisfies typeof REQUESTS);

const NON_ADMINS: Array<[string, Actor]> = [
  ['a resident', { id: 'dev-admin-roles', role: 'resident' }],
  ['a grid worker', { id: 'gll-grid', role: 'grid_worker', unitId: 'gll-dongjie-g1' }],
  ['a handler', { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' }],
  ['a county supervisor', { id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan' }],
  ['an operator of the county', { id: 'desk-operator', role: 'operator', unitId: 'chengguan' }],
  ['a department handler', { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian' }],
];

async function itemCount(): Promise<number> {
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  let n = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.send(new ScanCommand({ TableName: h.tableName, ExclusiveStartKey: start, Select: 'COUNT' }));
    n += res.Count ?? 0;
    start = res.LastEvaluatedKey;
  } while (start);
  return n;
}

const call = (routeKey: string, token?: string) => adminApi(httpEvent(routeKey, { ...REQUESTS[routeKey], ...(token ? { token } : {}) }));

beforeAll(async () => {
  h = await createHarness(new Date().toISOString());
  h.clock.ms = Date.now();
  // A second county in the same table, with its own admin.
  await h.org.putAll([OrgStore.unitRow({ id: 'qilihe', name: '七里河区', kind: 'county', path: ['qilihe'] })]);
  Object.assign(process.env, { TABLE_NAME: h.tableName, DYNAMO_ENDPOINT: h.endpoint, SESSION_SECRET: TEST_SECRET, STAGE: 'test', REFERENCE_TTL_MS: '0' });
  const mod = await import('../../functions/src/handlers/admin.ts');
  adminApi = mod.handler;
  routeKeys = Object.keys((await mod.loadRoutes()).routes);
});
afterAll(() => h.drop());

describe('every admin endpoint × every role but admin', () => {
  it('the matrix covers every route of the admin handler', () => {
    expect(routeKeys.sort()).toEqual(Object.keys(REQUESTS).sort());
  });

  it('without a token: 401 on every route', async () => {
    for (const route of Object.keys(REQUESTS)) expect((await call(route)).statusCode, route).toBe(401);
  });

  it.each(NON_ADMINS)('%s: 403 on every route, and nothing changed', async (_who, actor) => {
    const token = await tokenOf(actor);
    const before = await itemCount();
    for (const route of Object.keys(REQUESTS)) {
      const res = await call(route, token);
      expect(res.statusCode, `${route}: ${res.body}`).toBe(403);
      expect(replyBody(res).error.code).toBe('FORBIDDEN');
    }
    expect(await itemCount()).toBe(before);
  });

  it('an admin of a street office reads the county pages but may not change county-wide settings', async () => {
    const token = await tokenOf({ id: 'gll-admin', role: 'admin', unitId: 'gaolanlu', name: '街道管理员' });
    const before = await itemCount();
    for (const route of WRITES) expect((await call(route, token)).statusCode, route).toBe(403);
    expect((await call('GET /api/admin/home', token)).statusCode).toBe(200);
    expect(await itemCount()).toBe(before);
  });

  it('the county admin may (control), and another county’s admin sees none of its audit events nor its departments', async () => {
    const own = await tokenOf({ id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' });
    const res = await call('PUT /api/admin/categories/{code}', own);
    expect(res.statusCode, res.body).toBe(200);
    const audit = replyBody(await call('GET /api/admin/audit', own));
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(['category.update']);

    const other = await tokenOf({ id: 'qlh-admin', role: 'admin', unitId: 'qilihe', name: '七里河管理员' });
    expect(replyBody(await call('GET /api/admin/audit', other)).items).toEqual([]);
    expect(replyBody(await call('GET /api/admin/categories', other)).departments).toEqual([]);
    const picked = await adminApi(
      httpEvent('PUT /api/admin/categories/{code}', { token: other, path: { code: 'traffic' }, body: { name: '道路交通', defaultDepartmentId: 'dept-jiaotong' } }),
    );
    expect(picked.statusCode).toBe(400);
    expect(replyBody(picked).error.fields).toEqual([{ path: 'defaultDepartmentId', message: '请选择本区县的职能部门' }]);
  });

  it('bad input is a 400 with field errors in Chinese, never a 5xx', async () => {
    const own = await tokenOf({ id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' });
    const cases: Array<[string, Parameters<typeof httpEvent>[1]]> = [
      ['PUT /api/admin/calendar/cutoff', { body: { cutoffMinutes: 30 } }],
      ['PUT /api/admin/calendar/cutoff', { body: '{not json' }],
      ['PUT /api/admin/calendar/days/{date}', { path: { date: '2027-02-30' }, body: { kind: 'holiday' } }],
      ['GET /api/admin/calendar', { query: { year: 'abc' } }],
      ['PUT /api/admin/categories/{code}', { path: { code: 'traffic' }, body: { name: '道路交通', policy: { respondMinutes: 120, classifyMinutes: 60 } } }],
      ['POST /api/admin/categories', { body: { code: 'Bad Code', name: 'x' } }],
      ['GET /api/admin/audit', { query: { month: '2026-13' } }],
    ];
    for (const [route, opts] of cases) {
      const res = await adminApi(httpEvent(route, { ...opts, token: own }));
      expect(res.statusCode, `${route} ${res.body}`).toBe(400);
    }
    const policy = await adminApi(httpEvent(cases[4]![0], { ...cases[4]![1], token: own }));
    expect(replyBody(policy).error.fields).toEqual([{ path: 'policy.classifyMinutes', message: '分类时限不能短于响应时限' }]);
    const missing = await adminApi(httpEvent('PUT /api/admin/categories/{code}', { token: own, path: { code: 'nope' }, body: { name: 'x' } }));
    expect(missing.statusCode).toBe(404);
  });
});
