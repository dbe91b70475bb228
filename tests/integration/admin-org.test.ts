import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { AdminStaffListReplySchema, AdminUnitsReplySchema, StaffPasswordReplySchema } from '@mashang/shared/admin-org';
import { buildOrgAdmin, type OrgAdmin } from '../../functions/src/admin/org/runtime.ts';
import { OrgAdminStore } from '../../functions/src/admin/org/store.ts';
import { toWgs84 } from '../../functions/src/admin/org/locations.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { PlaceStore } from '../../functions/src/store/places.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { httpEvent, replyBody } from '../support/http.ts';

/**
 * Administration of the organisation against DynamoDB Local: the unit tree, staff
 * accounts (and their sessions ending at once), QR locations and their bulk import.
 */
let h: Harness;
let admin: OrgAdmin;
let store: OrgAdminStore;
let places: PlaceStore;
let api: (e: HttpEvent) => Promise<HttpResult>;
let publicApi: (e: HttpEvent) => Promise<HttpResult>;
const countyAdmin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };

beforeAll(async () => {
  h = await createHarness(new Date().toISOString());
  // The Lambda under test reads the wall clock; tokens issued here must be valid there.
  h.clock.ms = Date.now();
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  store = new OrgAdminStore(db, h.tableName);
  places = new PlaceStore(db, h.tableName);
  admin = buildOrgAdmin(store, h.clock.now);
  Object.assign(process.env, { TABLE_NAME: h.tableName, DYNAMO_ENDPOINT: h.endpoint, SESSION_SECRET: TEST_SECRET, STAGE: 'test' });
  // The org's routes are mounted in the admin Lambda; the residents' mediator list in the public one.
  api = (await import('../../functions/src/handlers/admin.ts')).handler;
  publicApi = (await import('../../functions/src/handlers/public.ts')).handler;
});
afterAll(() => h.drop());

async function auditRows(): Promise<Record<string, unknown>[]> {
  const month = new Date(h.clock.ms).toISOString().slice(0, 7);
  const res = await store.org['db'].send(new QueryCommand({ TableName: h.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#chengguan#${month}` } }));
  return res.Items ?? [];
}

describe('units', () => {
  it('creates a grid under a community, renames it, and records each change with before and after', async () => {
    const grid = await admin.units.create(countyAdmin, { id: 'gll-dongjie-g3', name: '东街第三网格', kind: 'grid', parentId: 'gll-dongjie' });
    expect(grid).toMatchObject({ path: ['chengguan', 'gaolanlu', 'gll-dongjie', 'gll-dongjie-g3'], parentId: 'gll-dongjie' });
    const renamed = await admin.units.rename(countyAdmin, 'gll-dongjie-g3', { name: '东街三号网格' });
    expect(renamed.name).toBe('东街三号网格');
    expect((await h.org.units()).find((u) => u.id === 'gll-dongjie-g3')?.name).toBe('东街三号网格');
    const audit = await auditRows();
    const rename = audit.find((a) => a.action === 'unit.rename');
    expect(rename).toMatchObject({ actorId: 'county-admin', target: 'unit:gll-dongjie-g3' });
    expect(JSON.parse(String(rename!.before))).toEqual({ name: '东街第三网格' });
    expect(JSON.parse(String(rename!.after))).toEqual({ name: '东街三号网格' });
  });

  it('refuses a grid under a street, a unit under its own child, and changes nothing', async () => {
    await expect(admin.units.create(countyAdmin, { name: '错误网格', kind: 'grid', parentId: 'gaolanlu' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(admin.units.move(countyAdmin, 'gaolanlu', { parentId: 'gll-dongjie' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await h.org.units()).find((u) => u.id === 'gaolanlu')?.parentId).toBe('chengguan');
  });

  it('moves a grid to another street: its QR locations route new requests to the new office, old requests stay', async () => {
    const old = await h.service.createTicket({ id: 'dev-move', role: 'resident' }, { clientToken: 'admin-move-0001', locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运' });
    expect(old.ticket.currentUnitId).toBe('gaolanlu');
    const res = await admin.units.move(countyAdmin, 'gll-dongjie-g2', { parentId: 'zyl-jinta' });
    expect(res.relocated).toBe(1);
    expect(res.unit.path).toEqual(['chengguan', 'zhangyelu', 'zyl-jinta', 'gll-dongjie-g2']);
    expect(await h.org.location('loc-donggang')).toMatchObject({ centreUnitId: 'zhangyelu', centreName: '张掖路街道综治中心', communityName: '金塔巷社区' });
    // The search rows show the new office too.
    expect((await places.search('皋兰路口', 5))[0]).toMatchObject({ id: 'loc-donggang', centreName: '张掖路街道综治中心' });
    const fresh = await h.service.createTicket({ id: 'dev-move', role: 'resident' }, { clientToken: 'admin-move-0002', locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶又满了没人清运' });
    expect(fresh.ticket.currentUnitId).toBe('zhangyelu');
    expect((await h.tickets.get(old.ticket.id))?.currentUnitId).toBe('gaolanlu');
  });

  it('refuses to deactivate a unit with open requests (409, Chinese reason), then allows it once they are moved', async () => {
    await admin.units.create(countyAdmin, { id: 'dept-wenlv', name: '区文旅局', kind: 'department', parentId: 'chengguan' });
    const t = await h.service.createTicket({ id: 'dev-deact', role: 'resident' }, { clientToken: 'admin-deact-0001', locationId: 'loc-jinta', categoryCode: 'market', description: '菜市场门口占道经营很严重' });
    const handler: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu', name: '赵敏' };
    await h.service.command(handler, t.ticket.id, { type: 'respond', via: 'call' });
    await h.service.command(handler, t.ticket.id, { type: 'dispatch', unitId: 'dept-wenlv', categoryCode: 'market' });
    const refused = await admin.units.deactivate(countyAdmin, 'dept-wenlv').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT', status: 409 });
    expect((refused as Error).message).toContain('还有 1 件未办结的诉求');
    expect((await h.org.units()).find((u) => u.id === 'dept-wenlv')?.disabled).toBeUndefined();
    // Returned to the street office: the department holds nothing any more.
    await h.service.command({ id: 'wenlv-x', role: 'handler', unitId: 'dept-wenlv' }, t.ticket.id, { type: 'return', reason: '不属于本单位职责' });
    expect((await admin.units.deactivate(countyAdmin, 'dept-wenlv')).disabled).toBe(true);
    // No longer offered, and a dispatch to it is refused.
    expect((await h.service.units(handler)).map((u) => u.id)).not.toContain('dept-wenlv');
    await expect(h.service.command(handler, t.ticket.id, { type: 'dispatch', unitId: 'dept-wenlv', categoryCode: 'market' })).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
  });

  it('refuses a grid that still has QR locations and a community with active grids', async () => {
    await expect(admin.units.deactivate(countyAdmin, 'gll-dongjie-g1')).rejects.toThrow('二维码地点');
    await expect(admin.units.deactivate(countyAdmin, 'gll-xijie')).rejects.toThrow('下级单位');
  });

  it('keeps admins inside their own area: another street is 404, a street admin cannot reach the county', async () => {
    const streetAdmin: Actor = { id: 'zyl-admin', role: 'admin', unitId: 'zhangyelu' };
    await expect(admin.units.rename(streetAdmin, 'gaolanlu', { name: '皋兰路' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.units.create(streetAdmin, { name: '新部门', kind: 'department', parentId: 'chengguan' })).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
    const list = await admin.units.list(streetAdmin);
    expect(list.items.every((u) => u.path.includes('zhangyelu'))).toBe(true);
  });
});

describe('staff accounts', () => {
  it('creates an account with a one-time password that signs in; a duplicate name is refused', async () => {
    const res = await admin.staff.create(countyAdmin, { username: 'gll-handler2', name: '张伟', unitId: 'gaolanlu', roles: ['handler'] });
    expect(res.password).toMatch(/^[a-zA-Z2-9]{12}$/);
    const session = await h.service.staffLogin('gll-handler2', res.password);
    expect(await h.service.authenticate(session.token)).toMatchObject({ id: 'gll-handler2', role: 'handler', unitId: 'gaolanlu' });
    await expect(admin.staff.create(countyAdmin, { username: 'gll-handler2', name: '张伟', unitId: 'gaolanlu', roles: ['handler'] })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await admin.staff.list(countyAdmin)).map((s) => s.username)).toContain('gll-handler2');
  });

  it('lists a new account among its unit’s staff, so the unit’s alerts reach it; deactivation removes it', async () => {
    const alerts = new AlertStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName);
    await admin.staff.create(countyAdmin, { username: 'gll-newcomer', name: '夜班值守', unitId: 'gaolanlu', roles: ['handler'] });
    expect((await alerts.unitStaff('gaolanlu')).find((s) => s.id === 'gll-newcomer')).toEqual({ id: 'gll-newcomer', name: '夜班值守', roles: ['handler'] });
    await admin.staff.resetPassword(countyAdmin, 'gll-newcomer');
    expect((await alerts.unitStaff('gaolanlu')).map((s) => s.id)).toContain('gll-newcomer');
    await admin.staff.deactivate(countyAdmin, 'gll-newcomer');
    expect((await alerts.unitStaff('gaolanlu')).map((s) => s.id)).not.toContain('gll-newcomer');
  });

  it('ends a deactivated account’s sessions at once, not when the token expires', async () => {
    const session = await h.service.staffLogin('zhujian-handler', 'mashang2026');
    expect(await h.service.authenticate(session.token)).toMatchObject({ id: 'zhujian-handler' });
    await admin.staff.deactivate(countyAdmin, 'zhujian-handler');
    // Another Lambda (its own caches) refuses the same token on the next request.
    await expect(h.newService().authenticate(session.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(h.service.staffLogin('zhujian-handler', 'mashang2026')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    expect((await admin.staff.list(countyAdmin)).find((s) => s.username === 'zhujian-handler')?.disabled).toBe(true);
  });

  it('ends a session whose account was disabled in the table directly (the pre-admin way)', async () => {
    const session = await h.service.staffLogin('jiaotong-handler', 'mashang2026');
    const account = (await h.org.staff('jiaotong-handler'))!;
    await h.org.putAll([{ ...(await import('../../functions/src/store/org.ts')).OrgStore.staffRow({ ...account, disabled: true }) }]);
    await expect(h.service.authenticate(session.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a password reset gives a new password and ends the old sessions', async () => {
    const old = await h.service.staffLogin('gll-grid', 'mashang2026');
    const reset = StaffPasswordReplySchema.parse(await admin.staff.resetPassword(countyAdmin, 'gll-grid'));
    await expect(h.service.authenticate(old.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(h.service.staffLogin('gll-grid', 'mashang2026')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    const again = await h.service.staffLogin('gll-grid', reset.password);
    expect(await h.service.authenticate(again.token)).toMatchObject({ id: 'gll-grid' });
    const audit = (await auditRows()).filter((a) => a.target === 'staff:gll-grid');
    expect(audit.map((a) => a.action)).toEqual(['staff.reset_password']);
    expect(JSON.stringify(audit)).not.toContain('scrypt');
  });

  it('refuses a grid worker outside a grid, another area’s account, and an admin stopping themselves', async () => {
    await expect(admin.staff.create(countyAdmin, { username: 'bad-grid', name: '错误', unitId: 'gaolanlu', roles: ['grid_worker'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(admin.staff.deactivate({ id: 'zyl-admin', role: 'admin', unitId: 'zhangyelu' }, 'gll-handler')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.staff.deactivate(countyAdmin, 'county-admin')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await h.org.staff('gll-handler'))?.disabled).toBeUndefined();
  });
});

describe('QR locations', () => {
  it('converts GCJ-02 map coordinates to WGS-84 on create, and an edit rewrites the search and nearby rows in one go', async () => {
    const gcj = { lat: 36.0611, lng: 103.8343 };
    const loc = await admin.locations.create(countyAdmin, { id: 'loc-test-edit', name: '东街菜市场北门', gridId: 'gll-dongjie-g1', address: '东街12号', ...gcj });
    const wgs = toWgs84(gcj.lat, gcj.lng, 'gcj02');
    expect(loc).toMatchObject({ lat: wgs.lat, lng: wgs.lng, centreUnitId: 'gaolanlu' });
    // GCJ-02 is several hundred metres off in Lanzhou; the stored point is the WGS-84 one.
    expect(Math.abs(wgs.lng - gcj.lng)).toBeGreaterThan(0.001);
    expect((await places.search('菜市场北门', 5)).map((p) => p.id)).toContain('loc-test-edit');

    const edited = await admin.locations.update(countyAdmin, 'loc-test-edit', { name: '东街综合市场', gridId: 'gll-xijie-g1', lat: 36.07, lng: 103.9, datum: 'wgs84' });
    expect(edited).toMatchObject({ name: '东街综合市场', gridId: 'gll-xijie-g1', communityName: '西街社区', lat: 36.07, lng: 103.9 });
    expect((await places.search('菜市场北门', 5)).map((p) => p.id)).not.toContain('loc-test-edit');
    expect((await places.search('综合市场', 5)).map((p) => p.id)).toContain('loc-test-edit');
    expect((await places.nearby(36.07, 103.9, 5)).map((p) => p.id)).toContain('loc-test-edit');
    expect((await places.nearby(wgs.lat, wgs.lng, 50)).map((p) => p.id)).not.toContain('loc-test-edit');
    expect((await store.locationsOfGrid('gll-dongjie-g1')).map((l) => l.id)).not.toContain('loc-test-edit');
    expect((await store.locationsOfGrid('gll-xijie-g1')).map((l) => l.id)).toContain('loc-test-edit');
    // That the longest name still fits one transaction with its old rows is the store contract's
    // (functions/src/store/org-changes-contract.ts: 'edits a location from one longest name to another …').
  });

  function sheet(rows: (string | number)[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('地点');
    ws.addRow(['编号', '名称', '网格', '地址', '纬度', '经度']);
    for (const r of rows) ws.addRow(r);
    return wb.xlsx.writeBuffer().then((b) => Buffer.from(b).toString('base64'));
  }

  it('imports nothing when any row is bad, and reports every problem by row and column', async () => {
    const file = await sheet([
      ['imp-ok-1', '金塔巷东口', '金塔巷第一网格', '金塔巷1号', 36.06, 103.82],
      ['imp-bad-1', '', '金塔巷第一网格', '', 36.06, 103.82],
      ['imp-bad-2', '不存在网格的地点', '没有这个网格', '', 36.06, 103.82],
      ['imp-bad-3', '坐标错误的地点', '金塔巷第一网格', '', 96, 103.82],
      ['imp-ok-1', '编号重复的地点', '金塔巷第一网格', '', 36.06, 103.82],
    ]);
    const res = await api(httpEvent('POST /api/admin/locations/import', { token: (await h.service.staffLogin('county-admin', 'mashang2026')).token, body: { fileBase64: file, format: 'xlsx' } }));
    expect(res.statusCode).toBe(400);
    const { error } = replyBody(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { path: 'rows.3.名称', message: expect.any(String) },
        { path: 'rows.4.网格', message: '本辖区没有网格「没有这个网格」' },
        { path: 'rows.5.纬度', message: '纬度不在中国境内' },
        { path: 'rows.6.编号', message: '与第 2 行的编号重复' },
      ]),
    );
    expect(await h.org.location('imp-ok-1')).toBeUndefined();
  });

  it('answers a workbook that inflates past 32 MB (a zip bomb) with a 400 at once, importing nothing', async () => {
    // Valid rows, then 40 MB of spaces inside the sheet: ≈ 40 KB uploaded. The reader once inflated and parsed it all (56 s).
    const book = await JSZip.loadAsync(Buffer.from(await sheet([['imp-bomb-1', '金塔巷西口', '金塔巷第一网格', '', 36.06, 103.82]]), 'base64'));
    const xml = await book.file('xl/worksheets/sheet1.xml')!.async('string');
    book.file('xl/worksheets/sheet1.xml', xml.replace('</worksheet>', `${' '.repeat(40 * 1024 * 1024)}</worksheet>`));
    const file = Buffer.from(await book.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })).toString('base64');
    const res = await api(httpEvent('POST /api/admin/locations/import', { token: (await h.service.staffLogin('county-admin', 'mashang2026')).token, body: { fileBase64: file, format: 'xlsx' } }));
    expect(res.statusCode).toBe(400);
    expect(replyBody(res).error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'fileBase64', message: '解压后超过 32 MB' }] });
    expect(await h.org.location('imp-bomb-1')).toBeUndefined();
  });

  it('imports a CSV with GCJ-02 coordinates, writing every row of every location', async () => {
    const csv = '\uFEFF编号,名称,网格,地址,纬度,经度\nimp-csv-1,步行街南口,步行街第一网格,张掖路1号,36.0621,103.8265\n,步行街北口,zyl-buxingjie-g1,,,\n';
    const res = await admin.locations.importFile(countyAdmin, { fileBase64: Buffer.from(csv).toString('base64'), format: 'csv' });
    expect(res.imported).toBe(2);
    const one = await h.org.location('imp-csv-1');
    expect(one).toMatchObject({ name: '步行街南口', gridId: 'zyl-buxingjie-g1', centreUnitId: 'zhangyelu', ...toWgs84(36.0621, 103.8265, 'gcj02') });
    expect((await places.search('步行街北口', 5)).map((p) => p.name)).toContain('步行街北口');
    expect((await auditRows()).filter((a) => a.action === 'location.import')).toHaveLength(2);
  });

  it('imports a CSV cell as the text written: an id with leading zeros keeps them, lines may end in CRLF or LF', async () => {
    // The CSV reader once guessed numbers and dates: 00777 became location 777.
    const csv = '编号,名称,网格,地址,纬度,经度\r\n00777,步行街东口,步行街第一网格,0931-8888,36.06210,103.8265\n';
    const res = await admin.locations.importFile(countyAdmin, { fileBase64: Buffer.from(csv).toString('base64'), format: 'csv', datum: 'wgs84' });
    expect(res.items.map((l) => l.id)).toEqual(['00777']);
    expect(await h.org.location('00777')).toMatchObject({ name: '步行街东口', address: '0931-8888', lat: 36.0621, lng: 103.8265 });
    expect(await h.org.location('777')).toBeUndefined();
  });
});

describe('the admin Lambda (org routes)', () => {
  it('answers the admin and refuses everyone else on every route, changing nothing', async () => {
    const adminToken = (await h.service.staffLogin('county-admin', 'mashang2026')).token;
    const units = await api(httpEvent('GET /api/admin/units', { token: adminToken }));
    expect(AdminUnitsReplySchema.parse(replyBody(units)).countyId).toBe('chengguan');
    expect(AdminStaffListReplySchema.parse(replyBody(await api(httpEvent('GET /api/admin/staff', { token: adminToken })))).items.length).toBeGreaterThan(5);
    const handler = (await h.service.staffLogin('gll-supervisor', 'mashang2026')).token;
    const device = (await h.service.deviceSession()).token;
    const routes: Array<[string, Record<string, string> | undefined, unknown]> = [
      ['GET /api/admin/units', undefined, undefined],
      ['POST /api/admin/units', undefined, { name: '越权网格', kind: 'grid', parentId: 'gll-xijie' }],
      ['PUT /api/admin/units/{id}/name', { id: 'gaolanlu' }, { name: '越权改名' }],
      ['POST /api/admin/units/{id}/move', { id: 'gll-xijie-g1' }, { parentId: 'gll-dongjie' }],
      ['POST /api/admin/units/{id}/deactivate', { id: 'dept-huanjing' }, undefined],
      ['GET /api/admin/staff', undefined, undefined],
      ['POST /api/admin/staff', undefined, { username: 'intruder', name: '越权', unitId: 'gaolanlu', roles: ['admin'] }],
      ['POST /api/admin/staff/{username}/password', { username: 'county-admin' }, undefined],
      ['POST /api/admin/staff/{username}/deactivate', { username: 'county-admin' }, undefined],
      ['GET /api/admin/locations', undefined, undefined],
      ['POST /api/admin/locations', undefined, { name: '越权地点', gridId: 'gll-xijie-g1' }],
      ['PUT /api/admin/locations/{id}', { id: 'loc-jinta' }, { name: '越权改名', gridId: 'zyl-jinta-g1' }],
      ['POST /api/admin/locations/import', undefined, { fileBase64: 'eA==', format: 'csv' }],
      ['GET /api/admin/posters', undefined, undefined],
      ['GET /api/admin/locations/{id}/qr', { id: 'loc-jinta' }, undefined],
    ];
    for (const [route, path, body] of routes) {
      for (const token of [handler, device]) {
        const res = await api(httpEvent(route, { token, path, body }));
        expect([route, res.statusCode, replyBody(res).error?.code]).toEqual([route, 403, 'FORBIDDEN']);
      }
      expect((await api(httpEvent(route, { path, body }))).statusCode).toBe(401);
    }
    expect(await h.org.staff('intruder')).toBeUndefined();
    expect((await h.org.units()).find((u) => u.id === 'gaolanlu')?.name).toBe('皋兰路街道');
  });
});

describe('mediators', () => {
  it('lists the county’s teams for residents, puts the chosen one on a dispute request and in the handler’s view', async () => {
    const team = await admin.mediators.create(countyAdmin, { name: '皋兰路元大妈工作室', unitId: 'gaolanlu', specialty: '邻里纠纷、家庭矛盾', contact: '0931-8888123' });
    const other = await admin.mediators.create(countyAdmin, { name: '区人民调解委员会', unitId: 'chengguan', specialty: '物业纠纷', contact: '0931-8888456' });
    await admin.mediators.deactivate(countyAdmin, other.id);
    expect((await admin.mediators.forLocation('loc-dajuyuan')).map((m) => m.name)).toEqual(['皋兰路元大妈工作室']);

    const { MashangService } = await import('../../functions/src/app/service.ts');
    const { TokenService } = await import('../../functions/src/app/sessions/tokens.ts');
    const svc = new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 0, mediators: admin.mediators });
    const resident: Actor = { id: 'dev-mediation', role: 'resident' };
    const filed = await svc.createTicket(resident, { clientToken: 'admin-med-0001', locationId: 'loc-dajuyuan', categoryCode: 'dispute', description: '楼上邻居长期深夜噪音，沟通无果', mediatorId: team.id });
    expect(filed.ticket.mediator).toEqual({ id: team.id, name: '皋兰路元大妈工作室', contact: '0931-8888123' });
    const seen = await svc.ticketDetail({ id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' }, filed.ticket.id);
    expect(seen.mediator?.name).toBe('皋兰路元大妈工作室');
    // A team that stopped serving is refused; nothing is filed.
    await expect(svc.createTicket(resident, { clientToken: 'admin-med-0002', locationId: 'loc-dajuyuan', categoryCode: 'dispute', description: '楼上邻居长期深夜噪音，沟通无果', mediatorId: other.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await h.tickets.findByClientToken('admin-med-0002')).toBeUndefined();
    // Only dispute categories carry a mediator.
    const traffic = await svc.createTicket(resident, { clientToken: 'admin-med-0003', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台顶棚破损漏雨', mediatorId: team.id });
    expect(traffic.ticket.mediator).toBeUndefined();
  });

  it('answers residents over HTTP without sign-in, and refuses non-admins on the admin routes', async () => {
    const res = await publicApi(httpEvent('GET /api/mediators', { query: { locationId: 'loc-dajuyuan' } }));
    expect(res.statusCode).toBe(200);
    expect(replyBody(res).items.map((m: { name: string }) => m.name)).toContain('皋兰路元大妈工作室');
    expect((await publicApi(httpEvent('GET /api/mediators', { query: { locationId: 'NOPE!' } }))).statusCode).toBe(400);
    const handler = (await h.service.staffLogin('gll-supervisor', 'mashang2026')).token;
    for (const [route, path] of [['GET /api/admin/mediators', undefined], ['POST /api/admin/mediators', undefined], ['POST /api/admin/mediators/{id}/deactivate', { id: 'x' }]] as const) {
      expect((await api(httpEvent(route, { token: handler, path, body: { name: '越权', unitId: 'gaolanlu', specialty: '纠纷调解', contact: '0931-0000000' } }))).statusCode).toBe(403);
    }
  });
});
