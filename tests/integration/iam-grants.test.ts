import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDateOf } from '@mashang/shared';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import type { LocalS3 } from '../../infra/s3-local.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { handlerEnvWithS3 } from '../support/handler-env.ts';
import { httpEvent, type EventOptions } from '../support/http.ts';
import { routeTable } from '../support/routes.ts';
import { JPEG } from '../support/photos.ts';
import {
  deniedRequests,
  iamRequestsOf,
  loadFunctionRoles,
  readServerlessYml,
  startRecordingProxy,
  unusedGrants,
  type IamRequest,
  type RecordingProxy,
  type Statement,
} from '../support/iam-grants.ts';

/**
 * Least privilege, proven: every function's real handler runs its main success paths in-process
 * on DynamoDB Local, each function through its own recording proxy (its `DYNAMO_ENDPOINT`), and
 * every DynamoDB call it made must be allowed by the role serverless.yml gives that function —
 * action, table or index, and `dynamodb:LeadingKeys` conditions. A missing grant would otherwise
 * only show in AWS, as AccessDenied in production.
 */

const roles = loadFunctionRoles();
const yml = readServerlessYml();

describe('the checker', () => {
  const stmt = (s: Partial<Statement>): Statement => ({ Effect: 'Allow', Action: [], Resource: { 'Fn::GetAtt': ['MainTable', 'Arn'] }, ...s });
  const T = 't-1';
  const query = (index?: string) => iamRequestsOf('Query', { TableName: T, IndexName: index, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'GSI1PK' }, ExpressionAttributeValues: { ':pk': { S: 'X' } } }, T);

  it('reports an index query the role grants only on the table', () => {
    const role = [stmt({ Action: ['dynamodb:Query'] })];
    expect(deniedRequests(role, query('byPhone'))).toEqual([expect.objectContaining({ action: 'dynamodb:Query', resource: 'MainTable/index/byPhone' })]);
    expect(deniedRequests(role, query())).toEqual([]);
    const withIndex = [stmt({ Action: ['dynamodb:Query'], Resource: [{ 'Fn::GetAtt': ['MainTable', 'Arn'] }, { 'Fn::Sub': '${MainTable.Arn}/index/byPhone' }] })];
    expect(deniedRequests(withIndex, query('byPhone'))).toEqual([]);
  });

  it('reports an action the role does not list, and a call on another table', () => {
    const role = [stmt({ Action: ['dynamodb:GetItem', 'dynamodb:Query'] })];
    const put = iamRequestsOf('PutItem', { TableName: T, Item: { PK: { S: 'TICKET#1' }, SK: { S: 'META' } } }, T);
    expect(deniedRequests(role, put)).toHaveLength(1);
    expect(deniedRequests([stmt({ Action: 'dynamodb:*' })], put)).toEqual([]);
    expect(deniedRequests([stmt({ Action: 'dynamodb:*' })], iamRequestsOf('GetItem', { TableName: 'other', Key: { PK: { S: 'A' } } }, T))).toHaveLength(1);
  });

  it('needs every item action of a transaction, and LeadingKeys conditions hold for all its keys', () => {
    const txn = iamRequestsOf(
      'TransactWriteItems',
      {
        TransactItems: [
          { Update: { TableName: T, Key: { PK: { S: 'RATE#login#x' }, SK: { S: 'W' } } } },
          { ConditionCheck: { TableName: T, Key: { PK: { S: 'TICKET#1' }, SK: { S: 'META' } } } },
        ],
      },
      T,
    );
    expect(txn.map((r) => r.action)).toEqual(['dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']);
    const rateOnly = stmt({ Action: ['dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } } });
    expect(deniedRequests([rateOnly], txn)).toEqual([expect.objectContaining({ action: 'dynamodb:ConditionCheckItem', leadingKeys: ['TICKET#1'] })]);
    const batch = iamRequestsOf('BatchGetItem', { RequestItems: { [T]: { Keys: [{ PK: { S: 'RATE#a' } }, { PK: { S: 'TICKET#2' } }] } } }, T);
    expect(deniedRequests([{ ...rateOnly, Action: 'dynamodb:BatchGetItem' }], batch)).toHaveLength(1);
    // A conditioned grant never covers a call whose keys are unknown (an index query).
    expect(deniedRequests([{ ...rateOnly, Action: 'dynamodb:Query' }], query('byResident'))).toHaveLength(1);
  });

  it('reads the real roles: PublicRole updates rate counters only, TicketsRole queries byResident and nothing else of the indexes', () => {
    const pub = roles.get('public')!;
    const update = (pk: string) => iamRequestsOf('UpdateItem', { TableName: T, Key: { PK: { S: pk }, SK: { S: 'W' } } }, T);
    expect(deniedRequests(pub.statements, update('RATE#device#1.2.3.4'))).toEqual([]);
    expect(deniedRequests(pub.statements, update('TICKET#1'))).toHaveLength(1);
    const tickets = roles.get('tickets')!;
    expect(deniedRequests(tickets.statements, query('byResident'))).toEqual([]);
    expect(deniedRequests(tickets.statements, query('byPhone'))).toHaveLength(1);
    expect(unusedGrants(tickets.statements, query('byResident'))).toContain('dynamodb:PutItem on MainTable');
  });
});

// ---------------------------------------------------------------------------------------------

type Handler = (event: any) => Promise<any>;
let h: Harness;
let s3: LocalS3;
const proxies = new Map<string, RecordingProxy>();
const handlers = new Map<string, Handler>();
/** Calls that reached a function's proxy while another function was running (a client shared across functions). */
const misattributed: string[] = [];
let running = '';
/** The routes (and scheduled runs) the test ran. */
const invoked = new Set<string>();


/** One function's handler module, imported in a module registry of its own. */
async function importHandler(fn: string): Promise<Handler> {
  const file = /^functions\/src\/handlers\/([a-z-]+)\.handler$/.exec(String(yml.functions[fn].handler))![1]!;
  vi.resetModules();
  return ((await import(`../../functions/src/handlers/${file}.ts`)) as { handler: Handler }).handler;
}

/**
 * Runs one event through a function's handler with `DYNAMO_ENDPOINT` at that function's proxy.
 * The module registry is reset first, so whatever the handler loads lazily (and the clients it
 * caches) is its own, never another function's.
 */
async function invoke(fn: string, label: string, event: unknown): Promise<any> {
  const proxy = proxies.get(fn)!;
  process.env.DYNAMO_ENDPOINT = proxy.endpoint;
  proxy.label(label);
  invoked.add(label);
  vi.resetModules();
  running = fn;
  try {
    return await handlers.get(fn)!(event);
  } finally {
    running = '';
  }
}

/** An HTTP route of a function, which must succeed. */
async function api(fn: string, routeKey: string, opts: EventOptions = {}): Promise<any> {
  // As API Gateway sends it: with the caller's address (the per-address rate limits count it).
  const event = { ...httpEvent(routeKey, opts), requestContext: { http: { method: routeKey.split(' ')[0]!, sourceIp: '203.0.113.7' } } };
  const res = (await invoke(fn, routeKey, event)) as HttpResult;
  expect.soft(res.statusCode, `${fn} ${routeKey}: ${res.body}`).toBeLessThan(400);
  return res.body ? safeJson(res.body) : undefined;
}
const safeJson = (s: string) => {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

const tok = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  h = await createHarness();
  h.clock.ms = Date.now(); // the handlers run on the real clock
  s3 = await handlerEnvWithS3(h, 'iam', 'local', { WECHAT_TEMPLATE_STATUS: 'tmpl-status-001', WECHAT_TEMPLATE_STAFF_ALERT: 'tmpl-staff-001', QR_LINK_BASE: 'https://mashang.example.cn', POSTER_HOTLINE: '12345' });
  for (const fn of roles.keys()) {
    const proxy = await startRecordingProxy(h.endpoint, h.tableName);
    proxies.set(fn, proxy);
    const push = proxy.calls.push.bind(proxy.calls);
    proxy.calls.push = (...items) => {
      for (const c of items) if (running !== fn) misattributed.push(`${fn}: ${c.action} ${c.resource} while ${running || 'nothing'} ran (${c.path})`);
      return push(...items);
    };
    handlers.set(fn, await importHandler(fn));
  }
});
afterAll(async () => {
  process.env.DYNAMO_ENDPOINT = h.endpoint;
  await Promise.all([...proxies.values()].map((p) => p.stop()));
  await s3.stop();
  await h.drop();
});

const staffToken = async (username: string): Promise<string> => (await api('public', 'POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } })).token;

describe('every DynamoDB call a function makes is granted by its own role', () => {
  it('runs the main success paths of every function, then checks each call against its role', async () => {
    // --- public
    const resident = (await api('public', 'POST /api/auth/device')).token as string;
    await api('public', 'GET /api/locations/{id}', { path: { id: 'loc-jinta' } });
    await api('public', 'GET /api/categories');
    await api('public', 'GET /api/deadlines', { query: { category: 'sanitation' } });
    await api('public', 'GET /api/health');
    await api('public', 'GET /q/{id}', { path: { id: 'loc-jinta' } });
    await api('public', 'GET /api/mediators', { query: { locationId: 'loc-jinta' } });
    // A wrong password counts against the account (the rate counter PublicRole may update, RATE# keys only).
    const wrong = (await invoke('public', 'POST /api/auth/staff (wrong password)', {
      ...httpEvent('POST /api/auth/staff', { body: { username: 'zyl-handler', password: 'not-the-password' } }),
      requestContext: { http: { method: 'POST', sourceIp: '203.0.113.7' } },
    })) as HttpResult;
    expect(wrong.statusCode, wrong.body).toBe(401);
    const handler = await staffToken('gll-handler');
    const supervisor = await staffToken('county-supervisor');
    const admin = await staffToken('county-admin');
    const desk = await staffToken('desk-operator');

    // --- resident: sign-in, places, a photo upload
    const wx = (await api('resident', 'POST /api/auth/wechat', { body: { code: 'dev:iam-resident' } })).token as string;
    await api('resident', 'GET /api/client-config', { token: wx });
    await api('resident', 'GET /api/places', { token: wx, query: { q: '金塔' } });
    const slot = await api('resident', 'POST /api/uploads', { token: wx, body: { contentType: 'image/jpeg', size: JPEG.length } });
    const form = new FormData();
    for (const [k, v] of Object.entries(slot.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([JPEG], { type: 'image/jpeg' }), 'photo');
    expect((await fetch(slot.url, { method: 'POST', body: form })).status).toBeLessThan(300);

    // --- tickets: filing with a photo, reading, the lifecycle's commands
    const filed = await api('tickets', 'POST /api/tickets', {
      token: wx,
      body: { clientToken: tok('iam-1'), locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运', phone: '13893112345', contactName: '王阿姨', photoKeys: [slot.key] },
    });
    const id = filed.ticket.id as string;
    // Filed in late December (only Date is faked): the deadlines reach a year whose holidays are not loaded, so the
    // filing also counts the provisional year and tells the admins (functions/src/admin/calendar-alerts.ts).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-12-28T02:00:00.000Z') });
    try {
      await api('tickets', 'POST /api/tickets', { token: wx, body: { clientToken: tok('iam-dec'), locationId: 'loc-donggang', categoryCode: 'sanitation', description: '年底了小区门口的路灯还是不亮' } });
    } finally {
      vi.useRealTimers();
    }
    await api('tickets', 'GET /api/tickets/{id}', { token: wx, path: { id } });
    await api('tickets', 'GET /api/me/tickets', { token: wx });
    await api('tickets', 'POST /api/tickets/at-point', { token: resident, body: { clientToken: tok('iam-2'), lat: 36.0585, lng: 103.8361, categoryCode: 'sanitation', description: '这里的路灯坏了好几天了' } });
    await api('tickets', 'GET /api/tickets/{id}', { token: handler, path: { id } });
    await api('tickets', 'POST /api/tickets/{id}/commands', { token: handler, path: { id }, body: { command: { type: 'respond', via: 'call', note: '已电话联系居民' } } });

    // --- resident: me too, subscriptions, lookup, transfer, route, nearby
    await api('resident', 'GET /api/places/{id}/similar', { token: resident, path: { id: 'loc-donggang' }, query: { category: 'sanitation' } });
    await api('resident', 'POST /api/tickets/{id}/join', { token: resident, path: { id }, body: {} });
    await api('resident', 'POST /api/tickets/{id}/subscriptions', { token: wx, path: { id }, body: { templateIds: ['tmpl-status-001'] } });
    await api('resident', 'POST /api/lookup', { token: resident, body: { id, phone: '13893112345' } });
    const transfer = await api('resident', 'POST /api/me/transfer', { token: wx, body: {} });
    await api('resident', 'POST /api/auth/transfer', { token: resident, body: { code: transfer.code } });
    await api('resident', 'GET /api/places/route', { token: wx, query: { lat: '36.0585', lng: '103.8361' } });
    await api('resident', 'GET /api/places/{id}/nearby-open', { token: wx, path: { id: 'loc-donggang' } });
    await api('tickets', 'GET /api/me/tickets', { token: resident });

    // --- staff: inbox, units, dispatched, search by phone and by words
    await api('staff', 'GET /api/staff/inbox', { token: handler });
    await api('staff', 'GET /api/units', { token: handler });
    await api('staff', 'GET /api/staff/dispatched', { token: handler });
    await api('staff', 'GET /api/staff/search', { token: handler, query: { q: '13893112345' } });
    await api('staff', 'GET /api/staff/search', { token: handler, query: { q: '垃圾桶' } });

    // --- workbench: phone reveal, desk filing, locations, invites and binding
    await api('workbench', 'POST /api/tickets/{id}/phone', { token: handler, path: { id } });
    await api('workbench', 'POST /api/staff/tickets', {
      token: desk,
      body: { clientToken: tok('iam-desk-1'), channel: 'hotline_12345', gridId: 'gll-dongjie-g1', place: '甘肃大剧院附近', categoryCode: 'sanitation', description: '热线来电反映大剧院附近垃圾堆放', phone: '13893112345', relatedTicketIds: [id] },
    });
    await api('workbench', 'GET /api/staff/locations', { token: handler, query: { gridId: 'gll-dongjie-g1' } });
    const invite = await api('workbench', 'POST /api/admin/invites', { token: admin, body: { username: 'gll-grid' } });
    await api('workbench', 'POST /api/auth/staff/bind', { body: { inviteCode: invite.inviteCode ?? invite.code, code: 'dev:iam-grid' } });
    await api('workbench', 'POST /api/auth/staff/wechat', { body: { code: 'dev:iam-grid' } });
    // A new phone: binding again replaces (deletes) the old WeChat binding.
    const again = await api('workbench', 'POST /api/admin/invites', { token: admin, body: { username: 'gll-grid' } });
    await api('workbench', 'POST /api/auth/staff/bind', { body: { inviteCode: again.inviteCode ?? again.code, code: 'dev:iam-grid-new-phone' } });

    // --- tickets: dispatch, resolve with a photo, the resident's rating
    await api('tickets', 'POST /api/tickets/{id}/commands', { token: handler, path: { id }, body: { command: { type: 'resolve', feedback: '已安排环卫清运' } } });
    await api('tickets', 'POST /api/tickets/{id}/commands', { token: wx, path: { id }, body: { command: { type: 'rate', rating: 'satisfied' } } });

    // A dispute with violence: the dispatcher's risk check warns the grid (same phone: related requests).
    const dispute = await api('tickets', 'POST /api/tickets', {
      token: wx,
      body: { clientToken: tok('iam-risk'), locationId: 'loc-dajuyuan', categoryCode: 'dispute', description: '和对门邻里矛盾好几年了，昨天两家人在楼道里打架', phone: '13893112345' },
    });
    const disputeId = dispute.ticket.id as string;

    // --- dispatcher: the outbox and the new requests' risk checks; sweeper: due warnings and breaches
    const scheduled = { time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
    h.clock.ms = Date.now() - 3 * 86_400_000;
    await h.service.createTicket({ id: 'dev-iam-old', role: 'resident' }, { clientToken: tok('iam-old'), locationId: 'loc-jinta', categoryCode: 'sanitation', description: '三天前的诉求一直没人响应' });
    h.clock.ms = Date.now();
    await invoke('dispatcher', 'scheduled dispatch', scheduled);
    await invoke('sweeper', 'scheduled sweep', scheduled);

    // --- reports
    const today = localDateOf(new Date().toISOString());
    const from = `${today.slice(0, 7)}-01`;
    await api('reports', 'GET /api/reports/sla', { token: supervisor, query: { unitId: 'gaolanlu', from, to: today } });
    await api('reports', 'GET /api/reports/drilldown', { token: supervisor, query: { unitId: 'gaolanlu', figure: 'received', from, to: today } });
    await api('reports', 'GET /api/reports/ranking', { token: supervisor, query: { month: today.slice(0, 7) } });
    await api('reports', 'GET /api/reports/breaches', { token: supervisor, query: {} });
    await api('reports', 'POST /api/reports/urge', { token: supervisor, body: { unitId: 'zhangyelu', note: '请抓紧办理' } });

    // --- supervision
    await api('supervision', 'GET /api/hotspots', { token: supervisor, query: {} });
    await api('supervision', 'GET /api/tickets/{id}/hotspot', { token: supervisor, path: { id } });
    await api('supervision', 'GET /api/tickets/{id}/risk', { token: supervisor, path: { id } });
    const rules = await api('supervision', 'GET /api/risk/rules', { token: supervisor });
    await api('supervision', 'PUT /api/risk/rules', { token: admin, body: { ...rules, expectedVersion: rules.version ?? 0 } });
    await api('supervision', 'GET /api/risk/warnings', { token: supervisor, query: {} });
    await api('supervision', 'GET /api/tickets/{id}/risk', { token: supervisor, path: { id: disputeId } });
    await api('supervision', 'GET /api/risk/tasks', { token: await staffToken('gll-grid') });
    await api('supervision', 'POST /api/risk/tasks/{id}/done', { token: await staffToken('gll-grid'), path: { id: `${disputeId}-c` }, body: { note: '已上门核实，双方已调解' } });

    // --- alerts
    await api('alerts', 'GET /api/staff/messages', { token: handler });
    // The street's supervisor got the risk warning's message (dispatcher): reading it.
    const gllSupervisor = await staffToken('gll-supervisor');
    const [message] = (await api('alerts', 'GET /api/staff/messages', { token: gllSupervisor })).items as { id: string; createdAt: string }[];
    expect(message, 'the risk warning reached the street supervisor').toBeDefined();
    await api('alerts', 'POST /api/staff/messages/read', { token: gllSupervisor, body: { id: message!.id, createdAt: message!.createdAt } });
    await api('alerts', 'PUT /api/units/{id}/channels', { token: admin, path: { id: 'gaolanlu' }, body: { wecomWebhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=iam-test-key' } });
    await api('alerts', 'GET /api/staff/changes', { token: handler });
    await api('alerts', 'GET /api/staff/subscriptions', { token: handler });
    await api('alerts', 'POST /api/staff/subscriptions', { token: handler, body: { templateIds: ['tmpl-staff-001'] } });
    await api('alerts', 'GET /api/units/{id}/duty', { token: admin, path: { id: 'gaolanlu' } });
    await api('alerts', 'PUT /api/units/{id}/duty', { token: admin, path: { id: 'gaolanlu' }, body: { weekly: [], exceptions: [] } });

    // --- admin
    await api('admin', 'GET /api/admin/home', { token: admin });
    await api('admin', 'GET /api/admin/calendar', { token: admin, query: { year: '2027' } });
    await api('admin', 'GET /api/admin/categories', { token: admin });
    await api('admin', 'POST /api/admin/categories', { token: admin, body: { code: 'iam_cat', name: '权限测试类别' } });
    await api('admin', 'GET /api/admin/audit', { token: admin });
    await api('admin', 'GET /api/admin/units', { token: admin });
    await api('admin', 'POST /api/admin/units', { token: admin, body: { parentId: 'zyl-jinta', kind: 'grid', name: '金塔巷第九网格' } });
    await api('admin', 'POST /api/admin/staff', { token: admin, body: { username: 'iam-new', name: '新同志', unitId: 'zhangyelu', roles: ['handler'] } });
    await api('admin', 'POST /api/admin/locations', { token: admin, body: { id: 'loc-iam', name: '新地点', gridId: 'zyl-jinta-g1', lat: 36.06, lng: 103.83 } });
    await api('admin', 'POST /api/admin/mediators', { token: admin, body: { name: '调解工作室', unitId: 'zhangyelu', specialty: '邻里纠纷', contact: '0931-8888123' } });
    await api('admin', 'GET /api/admin/alert-settings', { token: admin });
    await api('admin', 'GET /api/admin/synonyms', { token: admin });
    await api('admin', 'PUT /api/admin/synonyms/{id}', { token: admin, path: { id: 'iam-syn' }, body: { concept: '权限', terms: ['权限', '授权'] } });
    const unit = await api('admin', 'POST /api/admin/units', { token: admin, body: { parentId: 'zyl-jinta', kind: 'grid', name: '金塔巷第十网格' } });
    const unitId = (unit.unit?.id ?? unit.id) as string;
    await api('admin', 'PUT /api/admin/units/{id}/name', { token: admin, path: { id: unitId }, body: { name: '金塔巷第十一网格' } });
    await api('admin', 'POST /api/admin/units/{id}/move', { token: admin, path: { id: unitId }, body: { parentId: 'gll-dongjie' } });
    await api('admin', 'POST /api/admin/units/{id}/deactivate', { token: admin, path: { id: unitId }, body: {} });
    await api('admin', 'GET /api/admin/staff', { token: admin });
    await api('admin', 'POST /api/admin/staff/{username}/password', { token: admin, path: { username: 'iam-new' }, body: {} });
    await api('admin', 'POST /api/admin/staff/{username}/deactivate', { token: admin, path: { username: 'iam-new' }, body: {} });
    await api('admin', 'GET /api/admin/locations', { token: admin, query: { gridId: 'zyl-jinta-g1' } });
    const csv = '\uFEFF编号,名称,网格,地址,纬度,经度\nimp-iam-1,步行街南口,步行街第一网格,张掖路1号,36.0621,103.8265\n';
    await api('admin', 'POST /api/admin/locations/import', { token: admin, body: { fileBase64: Buffer.from(csv).toString('base64'), format: 'csv' } });
    await api('admin', 'PUT /api/admin/locations/{id}', { token: admin, path: { id: 'loc-iam' }, body: { id: 'loc-iam', name: '新地点（改）', gridId: 'gll-dongjie-g1', lat: 36.06, lng: 103.83 } });
    await api('admin', 'GET /api/admin/locations/{id}/qr', { token: admin, path: { id: 'loc-iam' }, query: { format: 'svg' } });
    await api('admin', 'GET /api/admin/posters', { token: admin, query: { gridId: 'zyl-jinta-g1', size: 'A4' } });
    const mediators = await api('admin', 'GET /api/admin/mediators', { token: admin });
    await api('admin', 'POST /api/admin/mediators/{id}/deactivate', { token: admin, path: { id: mediators.items[0].id as string }, body: {} });
    await api('admin', 'PUT /api/admin/alert-settings', {
      token: admin,
      body: { alerts: { unrespondedMinutes: 5, escalateAfterRedCards: 1, escalateAfterHours: 1 }, ranking: { minRequests: 1, responseWeight: 100, resolveWeight: 0, satisfactionWeight: 0, basicFactor: 1 } },
    });
    await api('admin', 'POST /api/admin/synonyms/{id}/remove', { token: admin, path: { id: 'iam-syn' }, body: {} });
    await api('admin', 'PUT /api/admin/categories/{code}', { token: admin, path: { code: 'iam_cat' }, body: { name: '权限测试类别（改）' } });
    await api('admin', 'POST /api/admin/calendar/years', { token: admin, body: { year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] } });
    await api('admin', 'PUT /api/admin/calendar/days/{date}', { token: admin, path: { date: '2027-01-04' }, body: { kind: 'holiday' } });
    await api('admin', 'POST /api/admin/jobs/rederive/run', { token: admin, body: {} });
    await api('admin', 'PUT /api/admin/calendar/cutoff', { token: admin, body: { cutoffMinutes: 1080 } });
    await api('admin', 'GET /api/admin/jobs/rederive', { token: admin });
    // The correction's first pass ran in the admin function; the second waits until other functions' cached
    // calendars expired (REFERENCE_TTL_MS, 60 s): the scheduled job runs it two minutes later (only Date is faked).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 120_000 });
    try {
      await invoke('adminJobs', 'scheduled rederive (second pass)', scheduled);
    } finally {
      vi.useRealTimers();
    }
    await api('admin', 'POST /api/admin/tickets/{id}/erase', { token: admin, path: { id }, body: { reason: '居民来电要求删除个人信息' } });

    // --- interop: keys, Open311 with a key, webhook replay
    const key = await api('interop', 'POST /api/admin/integrations/keys', { token: admin, body: { system: 'hotline-12345', name: '城关区12345热线平台', channel: 'hotline_12345', ratePerMinute: 1000 } });
    await api('interop', 'GET /api/admin/integrations/keys', { token: admin });
    const open311 = (method: string, path: string, form?: Record<string, string>, query?: Record<string, string>): HttpEvent => {
      const body = form ? new URLSearchParams(form).toString() : undefined;
      return {
        routeKey: 'ANY /open311/v2/{proxy+}',
        rawPath: `/open311/v2/${path}`,
        pathParameters: { proxy: path },
        headers: { host: '127.0.0.1:3001', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        queryStringParameters: query,
        body,
        requestContext: { http: { method, path: `/open311/v2/${path}` } },
      } as HttpEvent;
    };
    const posted = (await invoke('interop', 'open311 POST requests', open311('POST', 'requests.json', { api_key: key.apiKey, service_code: 'traffic', address_id: 'loc-dajuyuan', description: '热线工单：大剧院门口红绿灯不亮', external_id: 'GD-IAM-1' }))) as HttpResult;
    expect(posted.statusCode, posted.body).toBeLessThan(300);
    const externalId = JSON.parse(posted.body)[0].service_request_id as string;
    for (const [label, ev] of [
      ['open311 GET requests', open311('GET', 'requests.json', undefined, { api_key: key.apiKey })],
      ['open311 GET services', open311('GET', 'services.json', undefined, { api_key: key.apiKey })],
    ] as const) {
      const res = (await invoke('interop', label, ev)) as HttpResult;
      expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(300);
    }
    await api('interop', 'POST /api/admin/integrations/webhooks/replay', { token: admin, body: { ticketId: externalId } });
    await api('interop', 'POST /api/admin/integrations/keys/{id}/revoke', { token: admin, path: { id: key.keyId } });

    // --- resident erasure last (it removes the resident's rows)
    // (the signed-in resident's requests moved to the device identity with POST /api/auth/transfer above)
    await api('resident', 'POST /api/me/erase', { token: resident, body: { confirm: '删除我的个人信息' } });

    // ---------------------------------------------------------------------------------------
    expect(misattributed.join('\n'), 'every call reached the proxy of the function that was running').toBe('');
    const problems: string[] = [];
    const unused: string[] = [];
    for (const [fn, { role, statements }] of roles) {
      const calls = proxies.get(fn)!.calls;
      const denied = deniedRequests(statements, calls) as (IamRequest & { path: string })[];
      const seen = new Set<string>();
      for (const d of denied) {
        const line = `${fn} (${role}): ${d.action} on ${d.resource}${d.leadingKeys ? ` keys ${d.leadingKeys.join(',')}` : ''} (${d.operation}, during ${d.path})`;
        if (!seen.has(line)) problems.push(line);
        seen.add(line);
      }
      if (calls.length > 0) for (const u of unusedGrants(statements, calls)) unused.push(`${fn} (${role}): ${u}`);
    }
    for (const [fn, p] of proxies) console.info(`iam-grants: ${fn}: ${[...new Set(p.calls.map((c) => `${c.action.replace('dynamodb:', '')}@${c.resource.replace('MainTable', '')}${c.leadingKeys ? `[${[...new Set(c.leadingKeys.map((k) => k.split('#')[0]))].join('|')}]` : ''}`))].join(' ')}`);
    // Every route of serverless.yml ran here (Open311 under its own labels): a new route needs its success path above.
    if ([...invoked].some((label) => label.startsWith('open311 '))) invoked.add('ANY /open311/v2/{proxy+}');
    const notRun = routeTable().filter((r) => !invoked.has(r.routeKey));
    expect(notRun.map((r) => `${r.module}: ${r.routeKey}`).join('\n'), 'routes this test does not run').toBe('');
    console.info(`iam-grants: calls per function: ${[...proxies].map(([fn, p]) => `${fn}=${p.calls.length}`).join(' ')}`);
    console.info(`iam-grants: grants no recorded call used:\n  ${unused.join('\n  ')}`);
    expect(problems.join('\n'), "DynamoDB calls their function's role does not allow").toBe('');
    for (const fn of roles.keys()) expect(proxies.get(fn)!.calls.length, `${fn} made no recorded call`).toBeGreaterThan(0);
  });
});
