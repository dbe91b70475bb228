import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreateTicketReplySchema, SessionReplySchema } from '@mashang/shared/contracts/common';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { logger } from '../../functions/src/http/observe.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { httpEvent as event, replyBody as parse } from '../support/http.ts';

/**
 * Phone numbers never in logs, list replies or exports, over a request's whole path
 * through the real handlers with request logging on (INFO): filing with a number in the
 * phone field and in the text, a lookup by number and phone (right and wrong), every list a
 * resident, a street office or a supervisor reads, the Excel export, the
 * sweeper and the dispatcher. Everything written to stdout, stderr and the console is
 * captured (Powertools writes to the streams, not through console.log).
 */
let h: Harness;
type Api = (e: HttpEvent) => Promise<HttpResult>;
const api: Record<string, Api> = {};

const PHONE = '13877770123';
const SPACED = '138 7777 0123';
const LANDLINE = '0931-8765432';

beforeAll(async () => {
  h = await createHarness();
  Object.assign(process.env, {
    STAGE: 'local',
    TABLE_NAME: h.tableName,
    DYNAMO_ENDPOINT: h.endpoint,
    SESSION_SECRET: TEST_SECRET,
    WECHAT_APP_ID: '',
    WECHAT_APP_SECRET: '',
    WECHAT_TEMPLATE_STATUS: 'tmpl-status-001',
    RATE_LIMITS: 'off',
  });
  for (const m of ['public', 'tickets', 'resident', 'staff', 'reports', 'supervision', 'sweeper', 'dispatcher']) {
    api[m] = (await import(`../../functions/src/handlers/${m}.ts`)).handler;
  }
}, 120_000);
afterAll(() => h.drop());

/** Runs `fn` with every log channel captured. */
async function captured<T>(fn: () => Promise<T>): Promise<{ value: T; out: string }> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr].map((s) =>
    vi.spyOn(s, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof s.write),
  );
  const consoles = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void chunks.push(args.map(String).join(' '))));
  logger.setLogLevel('INFO');
  try {
    return { value: await fn(), out: chunks.join('\n') };
  } finally {
    logger.setLogLevel('WARN');
    for (const s of [...streams, ...consoles]) s.mockRestore();
  }
}

/** No form of the number: as typed, digits only, spaced, or the landline. */
function expectNoPhone(text: string, where: string): void {
  expect(text, where).not.toContain(PHONE);
  expect(text, where).not.toContain(SPACED);
  expect(text, where).not.toContain('8765432');
  expect(text.replace(/[\s-]/g, ''), where).not.toContain(PHONE);
}

describe('phone numbers never in logs, list replies or exports', () => {
  it('over filing, lookups, every list, the Excel export, the sweeper and the dispatcher', async () => {
    const { value: replies, out } = await captured(async () => {
      const session = async () => SessionReplySchema.parse(parse(await api.public!(event('POST /api/auth/device')))).token;
      const staff = async (username: string) => SessionReplySchema.parse(parse(await api.public!(event('POST /api/auth/staff', { body: { username, password: DEMO_PASSWORD } })))).token;
      const owner = await session();
      const other = await session();
      const filed = await api.tickets!(
        event('POST /api/tickets', {
          token: owner,
          body: { clientToken: 'privacy-0001', locationId: 'loc-donggang', categoryCode: 'sanitation', description: `垃圾没人清运，邻里矛盾，打${SPACED}或${LANDLINE}`, phone: PHONE, contactName: '周先生' },
        }),
      );
      expect(filed.statusCode, filed.body).toBe(201);
      const id = CreateTicketReplySchema.parse(parse(filed)).ticket.id;
      // The dispatcher's run after the filing: the request's risk check writes its warning (listed below), with its log lines.
      await (api.dispatcher as unknown as (e: unknown) => Promise<unknown>)({ time: new Date().toISOString() });
      const handler = await staff('gll-handler');
      const supervisor = await staff('county-supervisor');
      const range = { from: '2026-11-01', to: '2026-12-31' };
      const lists: Array<[string, HttpResult]> = [
        ['GET /api/me/tickets', await api.tickets!(event('GET /api/me/tickets', { token: owner }))],
        ['GET /api/staff/inbox', await api.staff!(event('GET /api/staff/inbox', { token: handler }))],
        ['GET /api/staff/dispatched', await api.staff!(event('GET /api/staff/dispatched', { token: handler }))],
        ['GET /api/places/{id}/similar', await api.resident!(event('GET /api/places/{id}/similar', { token: other, path: { id: 'loc-donggang' }, query: { category: 'sanitation' } }))],
        ['GET /api/reports/drilldown', await api.reports!(event('GET /api/reports/drilldown', { token: supervisor, query: { unitId: 'gaolanlu', figure: 'received', ...range } }))],
        ['GET /api/reports/breaches', await api.reports!(event('GET /api/reports/breaches', { token: supervisor, query: { unitId: 'gaolanlu' } }))],
        ['GET /api/risk/warnings', await api.supervision!(event('GET /api/risk/warnings', { token: supervisor, query: { unitId: 'gaolanlu' } }))],
        ['GET /api/risk/tasks', await api.supervision!(event('GET /api/risk/tasks', { token: await staff('gll-grid') }))],
        ['GET /api/hotspots', await api.supervision!(event('GET /api/hotspots', { token: supervisor, query: { unitId: 'gaolanlu' } }))],
      ];
      // A lookup by number and phone: the right phone (the reply shows it masked) and a wrong one.
      const right = await api.resident!(event('POST /api/lookup', { token: other, body: { id, phone: PHONE } }));
      expect(right.statusCode, right.body).toBe(200);
      const wrong = await api.resident!(event('POST /api/lookup', { token: other, body: { id, phone: '13900000000' } }));
      expect(wrong.statusCode).toBe(404);
      lists.push(['POST /api/lookup', right]);
      // The office works it (its 承办人 may read the full words and reveal the phone on the detail: not a list, not checked here).
      expect((await api.tickets!(event('POST /api/tickets/{id}/commands', { token: handler, path: { id }, body: { command: { type: 'respond', via: 'call' } } }))).statusCode).toBe(200);
      expect((await api.tickets!(event('GET /api/tickets/{id}', { token: handler, path: { id } }))).statusCode).toBe(200);
      // The Excel export of the drill-down.
      const xlsx = await api.reports!(event('GET /api/reports/drilldown', { token: supervisor, query: { unitId: 'gaolanlu', figure: 'received', ...range, format: 'xlsx' } }));
      expect(xlsx.statusCode).toBe(200);
      // The scheduled jobs, with their log lines.
      await (api.sweeper as unknown as (e: unknown) => Promise<unknown>)({ time: new Date().toISOString() });
      await (api.dispatcher as unknown as (e: unknown) => Promise<unknown>)({ time: new Date().toISOString() });
      return { id, lists, xlsx };
    });

    // The request was filed and its number is on the lists (so the check below looks at real replies).
    const byRoute = new Map(replies.lists);
    expect(byRoute.get('GET /api/me/tickets')!.body).toContain(replies.id);
    expect(byRoute.get('GET /api/staff/inbox')!.body).toContain(replies.id);
    expect(byRoute.get('GET /api/reports/drilldown')!.body).toContain(replies.id);
    expect(byRoute.get('GET /api/risk/warnings')!.body).toContain(replies.id);
    for (const [route, res] of replies.lists) {
      expect(res.statusCode, `${route}: ${res.body.slice(0, 200)}`).toBeLessThan(300);
      expectNoPhone(res.body, route);
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(replies.xlsx.body, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
    expect(cells.join('|')).toContain(replies.id);
    expectNoPhone(cells.join('|'), 'Excel export');

    // The logs: request lines of every call above and the jobs' lines, none with a number.
    expect(out).toContain('"message":"request"');
    expect(out).toContain('POST /api/lookup');
    expect(out).toMatch(/"message":"sweep"/);
    expectNoPhone(out, 'logs');
  }, 180_000);
});
