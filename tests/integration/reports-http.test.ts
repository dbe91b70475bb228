import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/** The reports Lambda: JSON and Excel replies, validation, and phone numbers never exported. */
let h: Harness;
let api: (e: HttpEvent) => Promise<HttpResult>;
let token: string;
const PHONE = '13912345678';

const get = (routeKey: string, query: Record<string, string>, auth = token) =>
  api({ routeKey, headers: { authorization: `Bearer ${auth}` }, queryStringParameters: query });

async function workbook(res: HttpResult): Promise<ExcelJS.Workbook> {
  expect(res.statusCode).toBe(200);
  expect(res.isBase64Encoded).toBe(true);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(res.body, 'base64') as unknown as ArrayBuffer);
  return wb;
}

function allCells(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value)))));
  return out;
}

beforeAll(async () => {
  h = await createHarness();
  process.env.TABLE_NAME = h.tableName;
  process.env.DYNAMO_ENDPOINT = h.endpoint;
  process.env.SESSION_SECRET = TEST_SECRET;
  api = (await import('../../functions/src/handlers/reports.ts')).handler;
  const now = Date.now();
  h.clock.ms = now;
  for (const [i, loc] of ['loc-dajuyuan', 'loc-buxingjie'].entries()) {
    await h.service.createTicket({ id: 'dev-x', role: 'resident' }, { clientToken: `xlsx-test-${i}-0000`, locationId: loc, categoryCode: 'traffic', description: '公交站台顶棚破损漏雨', phone: PHONE });
  }
  token = (await h.service.staffLogin('county-supervisor', 'mashang2026')).token;
});
afterAll(() => h.drop());

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('reports over HTTP', () => {
  it('returns the month’s figures as JSON', async () => {
    const res = await get('GET /api/reports/sla', { from: today(), to: today() });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).totals.counters.received).toBe(2);
  });

  it('exports the SLA report to an Excel workbook with the figures and no phone numbers', async () => {
    const wb = await workbook(await get('GET /api/reports/sla', { from: today(), to: today(), format: 'xlsx' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按单位', '按类别', '口径说明']);
    const totals = wb.getWorksheet('汇总')!;
    expect(totals.getRow(1).getCell(3).value).toBe('受理数');
    expect(totals.getRow(2).getCell(3).value).toBe(2);
    expect(allCells(wb).join('|')).not.toContain(PHONE.slice(-4));
  });

  it('exports a drill-down list without phone numbers', async () => {
    const wb = await workbook(await get('GET /api/reports/drilldown', { unitId: 'gaolanlu', from: today(), to: today(), figure: 'received', format: 'xlsx' }));
    const cells = allCells(wb);
    expect(cells).toContain('公交站台顶棚破损漏雨');
    expect(cells.join('|')).not.toMatch(/1391234|5678/);
  });

  it('rejects a period that ends before it starts with 400 and a Chinese message', async () => {
    const res = await get('GET /api/reports/sla', { from: '2026-11-30', to: '2026-11-01' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.fields[0]).toMatchObject({ path: 'to', message: '开始日期不能晚于结束日期' });
  });

  it('refuses a handler with 403', async () => {
    const handler = (await h.service.staffLogin('gll-handler', 'mashang2026')).token;
    const res = await get('GET /api/reports/ranking', { month: '2026-11' }, handler);
    expect(res.statusCode).toBe(403);
  });
});
