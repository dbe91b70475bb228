import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { keys } from '../../functions/src/store/keys.ts';
import { beijingIso } from '../../functions/src/open311/format.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { parseXml, schemaErrors, type Open311SchemaName } from '../support/open311-schemas.ts';

/**
 * The Open311 GeoReport v2 server and integration keys through their Lambda handlers on
 * DynamoDB Local: every endpoint in JSON (checked against the GeoReport v2 schemas) and XML
 * (well-formed, same content), keys issued once / revoked / rate-limited, requests in the
 * handler's inbox with their channel, idempotent on the system's reference, and no personal
 * data or internal note in any reply.
 */
let h: Harness;
let open311: (e: HttpEvent) => Promise<HttpResult>;
let admin: (e: HttpEvent) => Promise<HttpResult>;
let staff: (e: HttpEvent) => Promise<HttpResult>;
let tickets: (e: HttpEvent) => Promise<HttpResult>;
let adminToken: string;
let handlerToken: string;
let apiKey: string;
let keyId: string;
let otherKey: string;

const PHONE = '13893114567';
const NAME_LAST = '欧阳';
const NAME_FIRST = '娜娜';
const INTERNAL_NOTE = '内部备注：该居民多次来电情绪激动';
/** Every reply body any test reads, for the privacy check at the end. */
const bodies: string[] = [];

function ev(method: string, path: string, opts: { query?: Record<string, string>; form?: Record<string, string>; contentType?: string; body?: string } = {}): HttpEvent {
  const body = opts.body ?? (opts.form ? new URLSearchParams(opts.form).toString() : undefined);
  return {
    routeKey: 'ANY /open311/v2/{proxy+}',
    rawPath: `/open311/v2/${path}`,
    pathParameters: { proxy: path },
    headers: { host: '127.0.0.1:3001', ...(body !== undefined ? { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' } : {}) },
    queryStringParameters: opts.query,
    body,
    requestContext: { http: { method, path: `/open311/v2/${path}` } },
  };
}

async function call(method: string, path: string, opts: Parameters<typeof ev>[2] = {}): Promise<HttpResult> {
  const res = await open311(ev(method, path, opts));
  bodies.push(res.body);
  return res;
}

/** A JSON reply: its status, and its body checked against a GeoReport v2 schema. */
async function json(method: string, path: string, schema: Open311SchemaName, opts: Parameters<typeof ev>[2] = {}): Promise<{ status: number; body: any }> {
  const res = await call(method, `${path}.json`, opts);
  expect(res.headers['content-type']).toContain('application/json');
  const body = JSON.parse(res.body);
  expect(schemaErrors(schema, body)).toBe('');
  return { status: res.statusCode, body };
}

/** The XML reply of the same call: well-formed, and carrying the same values as the JSON one. */
async function xml(method: string, path: string, opts: Parameters<typeof ev>[2] = {}): Promise<{ status: number; doc: any }> {
  const res = await call(method, `${path}.xml`, opts);
  expect(res.headers['content-type']).toContain('text/xml');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return { status: res.statusCode, doc: parseXml(res.body) };
}

/** JSON values as XML text carries them: null is an empty element, numbers and booleans are text. */
function asXmlText(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(asXmlText);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, asXmlText(x)]));
  return String(v);
}

const adminCall = (routeKey: string, body?: unknown, path?: Record<string, string>, token = adminToken) =>
  admin({ routeKey, headers: { authorization: `Bearer ${token}` }, pathParameters: path, body: body === undefined ? undefined : JSON.stringify(body) });

async function issue(body: Record<string, unknown>): Promise<{ apiKey: string; keyId: string }> {
  const res = await adminCall('POST /api/admin/integrations/keys', body);
  expect(res.statusCode).toBe(201);
  return JSON.parse(res.body);
}

const post = (form: Record<string, string>, key = apiKey) => json('POST', 'requests', 'post-reply.json', { form: { api_key: key, ...form } });
const postErr = (form: Record<string, string>, key = apiKey) => json('POST', 'requests', 'errors.json', { form: { api_key: key, ...form } });

async function ticketCount(): Promise<number> {
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const res = await db.send(new QueryCommand({ TableName: h.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.externalRequestPartition('hotline-12345') }, Select: 'COUNT' }));
  return res.Count ?? 0;
}

beforeAll(async () => {
  h = await createHarness();
  process.env.TABLE_NAME = h.tableName;
  process.env.DYNAMO_ENDPOINT = h.endpoint;
  process.env.SESSION_SECRET = TEST_SECRET;
  open311 = (await import('../../functions/src/handlers/open311.ts')).handler;
  admin = (await import('../../functions/src/handlers/interop.ts')).handler;
  staff = (await import('../../functions/src/handlers/staff.ts')).handler;
  tickets = (await import('../../functions/src/handlers/tickets.ts')).handler;
  h.clock.ms = Date.now(); // the handlers run on the real clock: tokens must be fresh for it
  adminToken = (await h.service.staffLogin('county-admin', 'mashang2026')).token;
  handlerToken = (await h.service.staffLogin('gll-handler', 'mashang2026')).token;
  ({ apiKey, keyId } = await issue({ system: 'hotline-12345', name: '城关区12345热线平台', channel: 'hotline_12345', ratePerMinute: 1000 }));
  ({ apiKey: otherKey } = await issue({ system: 'city-portal', name: '市数据平台', channel: 'open311', ratePerMinute: 1000 }));
});
afterAll(() => h.drop());

describe('integration keys (admin)', () => {
  it('shows a key once: the list has neither the key nor its hash', async () => {
    expect(apiKey).toMatch(/^msk_[A-Za-z0-9_-]{43}$/);
    const res = await adminCall('GET /api/admin/integrations/keys');
    expect(res.statusCode).toBe(200);
    const list = JSON.parse(res.body);
    expect(list.items.map((k: { system: string }) => k.system).sort()).toEqual(['city-portal', 'hotline-12345']);
    expect(res.body).not.toContain(apiKey);
    expect(res.body).not.toContain('keyHash');
    expect(list.items.find((k: { keyId: string }) => k.keyId === keyId).lastFour).toBe(apiKey.slice(-4));
  });

  it('refuses anybody but an admin, and bad input with field errors', async () => {
    const handler = await adminCall('POST /api/admin/integrations/keys', { system: 'x-sys', name: '某系统' }, undefined, handlerToken);
    expect(handler.statusCode).toBe(403);
    const bad = await adminCall('POST /api/admin/integrations/keys', { system: 'Bad System!', name: 'x', channel: 'qr' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['channel', 'name', 'system']);
  });
});

describe('discovery and services', () => {
  it('publishes the discovery document in JSON and XML', async () => {
    const j = await json('GET', 'discovery', 'discovery.json');
    expect(j.status).toBe(200);
    expect(j.body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://127.0.0.1:3001/open311/v2', formats: ['text/xml', 'application/json'] });
    const x = await xml('GET', 'discovery');
    expect(x.doc.discovery.endpoints.endpoint[0].url).toBe('http://127.0.0.1:3001/open311/v2');
    expect(x.doc.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists our categories as services, the same in JSON and XML', async () => {
    const j = await json('GET', 'services', 'services.json');
    expect(j.status).toBe(200);
    expect(j.body).toHaveLength(14);
    expect(j.body.find((s: { service_code: string }) => s.service_code === 'traffic')).toMatchObject({ service_name: '道路交通', metadata: true, type: 'realtime' });
    expect(j.body.find((s: { service_code: string }) => s.service_code === 'safety_hazard').metadata).toBe(false);
    const x = await xml('GET', 'services');
    expect(x.doc.services.service).toEqual(asXmlText(j.body));
    // Without a suffix the specification's required format, XML, answers.
    const plain = await call('GET', 'services');
    expect(plain.headers['content-type']).toContain('text/xml');
  });

  it('gives a service definition with its extra field, and a 404 in the error format for an unknown code', async () => {
    const j = await json('GET', 'services/traffic', 'service-definition.json');
    expect(j.body.attributes.map((a: { code: string }) => a.code)).toEqual(['urgent']);
    const x = await xml('GET', 'services/traffic');
    expect(x.doc.service_definition.attributes.attribute[0].values.value).toEqual([
      { key: 'false', name: '否' },
      { key: 'true', name: '是' },
    ]);
    const missing = await json('GET', 'services/no_such', 'errors.json');
    expect(missing.status).toBe(404);
    expect(missing.body[0].code).toBe(404);
    const xmissing = await xml('GET', 'services/no_such');
    expect(xmissing.status).toBe(404);
    expect(xmissing.doc.errors.error[0].code).toBe('404');
  });
});

describe('posting and reading requests', () => {
  let id: string;

  it('files a form-encoded request into the street office’s inbox with its channel, the same lifecycle and clocks', async () => {
    const before = await ticketCount();
    const res = await post({
      service_code: 'traffic',
      address_id: 'loc-dajuyuan',
      description: `149路公交站牌倒了，联系电话${PHONE}，请尽快处理`,
      phone: PHONE,
      first_name: NAME_FIRST,
      last_name: NAME_LAST,
      email: 'nana@example.com',
      media_url: 'https://img.example.com/12345/photo-1.jpg',
      external_id: 'GD-20261130-0001',
      account_id: 'acct-7',
    });
    expect(res.status).toBe(201);
    id = res.body[0].service_request_id;
    expect(res.body[0].account_id).toBe('acct-7');
    expect(await ticketCount()).toBe(before + 1);
    const stored = (await h.tickets.get(id))!;
    expect(stored).toMatchObject({ channel: 'hotline_12345', status: 'submitted', locationId: 'loc-dajuyuan', currentUnitId: 'gaolanlu', contactName: `${NAME_LAST}${NAME_FIRST}`, phone: PHONE, anonymous: false });
    expect(stored.external).toEqual({ system: 'hotline-12345', keyId, ref: 'GD-20261130-0001', mediaUrl: 'https://img.example.com/12345/photo-1.jpg' });
    const inbox = await staff({ routeKey: 'GET /api/staff/inbox', headers: { authorization: `Bearer ${handlerToken}` }, queryStringParameters: { sort: 'newest' } });
    const row = JSON.parse(inbox.body).items.find((t: { id: string }) => t.id === id);
    expect(row).toMatchObject({ channel: 'hotline_12345', status: 'submitted', categoryCode: 'traffic' });
  });

  it('is idempotent on the system’s own reference', async () => {
    const before = await ticketCount();
    const again = await post({ service_code: 'traffic', address_id: 'loc-dajuyuan', description: '同一工单再次推送的内容', external_id: 'GD-20261130-0001' });
    expect(again.status).toBe(200);
    expect(again.body[0].service_request_id).toBe(id);
    expect(await ticketCount()).toBe(before);
    // Another system's identical reference is its own request.
    const other = await post({ service_code: 'traffic', address_id: 'loc-dajuyuan', description: '另一个系统的同号工单', external_id: 'GD-20261130-0001' }, otherKey);
    expect(other.status).toBe(201);
    expect(other.body[0].service_request_id).not.toBe(id);
  });

  it('reads it back in JSON and XML with its expected deadline in +08:00 and its handling unit', async () => {
    const stored = (await h.tickets.get(id))!;
    const j = await json('GET', `requests/${id}`, 'requests.json', { query: { api_key: apiKey } });
    expect(j.status).toBe(200);
    expect(j.body).toHaveLength(1);
    const r = j.body[0];
    expect(r).toMatchObject({ service_request_id: id, status: 'open', service_code: 'traffic', service_name: '道路交通', agency_responsible: '皋兰路街道', address_id: 'loc-dajuyuan' });
    expect(r.expected_datetime).toBe(beijingIso(stored.clocks.resolve.dueAt));
    expect(Date.parse(r.expected_datetime)).toBe(Date.parse(stored.clocks.resolve.dueAt));
    for (const k of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(r[k]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(r.description).toBe('149路公交站牌倒了，联系电话138****4567，请尽快处理');
    expect(r.media_url).toBe('https://img.example.com/12345/photo-1.jpg');
    expect(typeof r.lat).toBe('number');
    const x = await xml('GET', `requests/${id}`, { query: { api_key: apiKey } });
    expect(x.doc.service_requests.request).toEqual(asXmlText(j.body));
  });

  it('lists the system’s own requests with the specification’s filters, never another system’s', async () => {
    const mine = await json('GET', 'requests', 'requests.json', { query: { api_key: apiKey } });
    expect(mine.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
    const theirs = await json('GET', 'requests', 'requests.json', { query: { api_key: otherKey } });
    expect(theirs.body.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    const notMine = await json('GET', `requests/${id}`, 'errors.json', { query: { api_key: otherKey } });
    expect(notMine.status).toBe(404);
    const byIds = await json('GET', 'requests', 'requests.json', { query: { api_key: otherKey, service_request_id: `${id},${theirs.body[0].service_request_id}` } });
    expect(byIds.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([theirs.body[0].service_request_id]);
    expect((await json('GET', 'requests', 'requests.json', { query: { api_key: apiKey, status: 'closed' } })).body).toEqual([]);
    expect((await json('GET', 'requests', 'requests.json', { query: { api_key: apiKey, status: 'open,closed', service_code: 'traffic,sanitation' } })).body).toHaveLength(1);
    expect((await json('GET', 'requests', 'requests.json', { query: { api_key: apiKey, service_code: 'sanitation' } })).body).toEqual([]);
    const old = await json('GET', 'requests', 'requests.json', { query: { api_key: apiKey, start_date: '2025-01-01T00:00:00+08:00', end_date: '2025-02-01T00:00:00+08:00' } });
    expect(old.body).toEqual([]);
    const x = await xml('GET', 'requests', { query: { api_key: apiKey } });
    expect(x.doc.service_requests.request).toHaveLength(1);
  });

  it('maps our statuses to open/closed with notes, and never shows an internal note', async () => {
    const cmd = (command: unknown) => tickets({ routeKey: 'POST /api/tickets/{id}/commands', headers: { authorization: `Bearer ${handlerToken}` }, pathParameters: { id }, body: JSON.stringify({ command }) });
    expect((await cmd({ type: 'respond', via: 'call', note: INTERNAL_NOTE })).statusCode).toBe(200);
    const responded = (await json('GET', `requests/${id}`, 'requests.json', { query: { api_key: apiKey } })).body[0];
    expect(responded.status).toBe('open');
    expect(responded.status_notes).toContain('皋兰路街道');
    const resolved = await cmd({ type: 'resolve', feedback: `已联系公交公司扶正站牌，回访电话 0931-8881234` });
    expect(resolved.statusCode).toBe(200);
    const r = (await json('GET', `requests/${id}`, 'requests.json', { query: { api_key: apiKey } })).body[0];
    expect(r.status).toBe('closed');
    expect(r.status_notes).toBe('已办结：已联系公交公司扶正站牌，回访电话 0931-****1234');
    expect((await json('GET', 'requests', 'requests.json', { query: { api_key: apiKey, status: 'closed' } })).body).toHaveLength(1);
  });

  it('routes a point to the nearest QR location, or to the key’s default grid', async () => {
    const near = await post({ service_code: 'sanitation', lat: '36.0611', long: '103.8343', description: '垃圾桶满了没人清运' });
    expect(near.status).toBe(201);
    const t = (await h.tickets.get(near.body[0].service_request_id))!;
    expect(t.locationId).toBeDefined();
    const far = await postErr({ service_code: 'sanitation', lat: '39.9', long: '116.4', description: '北京的某个地方有垃圾' });
    expect(far.status).toBe(404);
    const gridKey = await issue({ system: 'xinfang', name: '信访系统', channel: 'letter', defaultGridId: 'gll-dongjie-g1', ratePerMinute: 100 });
    const viaGrid = await post({ service_code: 'dispute', address_string: '某小区7号楼', description: '楼上邻居长期噪音扰民' }, gridKey.apiKey);
    expect(viaGrid.status).toBe(201);
    const g = (await h.tickets.get(viaGrid.body[0].service_request_id))!;
    expect(g).toMatchObject({ channel: 'letter', gridId: 'gll-dongjie-g1', currentUnitId: 'gaolanlu', locationName: '某小区7号楼', anonymous: true });
  });

  it('answers bad input with the specification’s error list and a 4xx, writing nothing', async () => {
    const before = await ticketCount();
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ service_code: 'no_such', address_id: 'loc-dajuyuan', description: '内容足够长的描述' }, 400, 'CATEGORY_NOT_FOUND'],
      [{ service_code: 'traffic', description: '没有位置的诉求内容' }, 400, 'VALIDATION_FAILED'],
      [{ service_code: 'traffic', address_id: 'loc-dajuyuan', description: '短' }, 400, 'VALIDATION_FAILED'],
      [{ service_code: 'traffic', address_id: 'loc-dajuyuan', description: '电话格式不对的诉求', phone: '12345' }, 400, 'VALIDATION_FAILED'],
      [{ service_code: 'traffic', address_id: 'loc-nowhere', description: '地点不存在的诉求' }, 404, 'LOCATION_NOT_FOUND'],
      [{ service_code: 'traffic', address_id: 'loc-dajuyuan', description: '附件链接不对', media_url: 'javascript:alert(1)' }, 400, 'VALIDATION_FAILED'],
      [{ service_code: 'traffic', lat: 'abc', long: '103', description: '坐标不对的诉求' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [form, status, code] of cases) {
      const res = await postErr(form);
      expect(res.status, JSON.stringify(form)).toBe(status);
      expect(res.body[0].description).toContain(code);
      expect(res.body[0].description).toMatch(/[\u4e00-\u9fff]/);
    }
    const noKey = await json('POST', 'requests', 'errors.json', { form: { service_code: 'traffic', address_id: 'loc-dajuyuan', description: '没有密钥的诉求' } });
    expect(noKey.status).toBe(401);
    const asJson = await json('POST', 'requests', 'errors.json', { body: JSON.stringify({ api_key: apiKey }), contentType: 'application/json' });
    expect(asJson.status).toBe(400);
    const tooLong = await json('GET', 'requests', 'errors.json', { query: { api_key: apiKey, start_date: '2026-01-01T00:00:00+08:00', end_date: '2026-06-01T00:00:00+08:00' } });
    expect(tooLong.status).toBe(400);
    const badStatus = await json('GET', 'requests', 'errors.json', { query: { api_key: apiKey, status: 'pending' } });
    expect(badStatus.status).toBe(400);
    const x = await xml('POST', 'requests', { form: { api_key: apiKey, service_code: 'traffic' } });
    expect(x.status).toBe(400);
    expect(x.doc.errors.error[0].code).toBe('400');
    const unknown = await json('GET', 'nothing/here', 'errors.json');
    expect(unknown.status).toBe(404);
    expect(await ticketCount()).toBe(before);
  });

  it('refuses a key at once after it is revoked', async () => {
    const k = await issue({ system: 'police-110', name: '110接处警系统', channel: 'police_110', ratePerMinute: 100 });
    expect((await json('GET', 'requests', 'requests.json', { query: { api_key: k.apiKey } })).status).toBe(200);
    const revoked = await adminCall('POST /api/admin/integrations/keys/{id}/revoke', undefined, { id: k.keyId });
    expect(revoked.statusCode).toBe(200);
    expect(JSON.parse(revoked.body).revokedAt).toBeDefined();
    const refused = await json('GET', 'requests', 'errors.json', { query: { api_key: k.apiKey } });
    expect(refused.status).toBe(401);
    expect((await postErr({ service_code: 'traffic', address_id: 'loc-dajuyuan', description: '撤销后的推送内容' }, k.apiKey)).status).toBe(401);
    const list = JSON.parse((await adminCall('GET /api/admin/integrations/keys')).body);
    expect(list.items.find((i: { keyId: string }) => i.keyId === k.keyId).revokedAt).toBeDefined();
  });

  it('limits a key over its rate with 429 in the error format', async () => {
    const k = await issue({ system: 'rate-test', name: '限流测试系统', channel: 'open311', ratePerMinute: 3 });
    // A fixed one-minute window: at most 3 calls per window, so at most 6 can pass if the calls straddle a minute boundary.
    const replies: HttpResult[] = [];
    for (let i = 0; i < 7; i++) replies.push(await call('GET', 'requests.json', { query: { api_key: k.apiKey } }));
    expect(replies.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(6);
    // The refusal is read from the calls above, not from an extra call that a new window might let through.
    const limited = replies.find((r) => r.statusCode === 429);
    expect(limited).toBeDefined();
    expect(limited!.headers['content-type']).toContain('application/json');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    const body = JSON.parse(limited!.body);
    expect(schemaErrors('errors.json', body)).toBe('');
    expect(body[0].description).toContain('RATE_LIMITED');
  });

  it('never lets a phone number, a name or an internal note out in any reply', () => {
    const all = bodies.join('\n');
    expect(bodies.length).toBeGreaterThan(30);
    for (const secret of [PHONE, PHONE.slice(3, 7) + PHONE.slice(-4), NAME_FIRST, NAME_LAST, 'nana@example.com', INTERNAL_NOTE, '8881234', 'contactName', 'keyHash']) expect(all).not.toContain(secret);
  });
});
