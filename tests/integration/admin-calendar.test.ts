import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeClocks,
  contribution,
  createCalendar,
  nextCheckpoint,
  sumCounters,
  TicketSchema,
  type Actor,
  type CalendarOverride,
  type Counters,
  type Ticket,
} from '@mashang/shared';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { listAudit } from '../../functions/src/admin/audit.ts';
import { calendarAlert } from '../../functions/src/admin/calendar-alerts.ts';
import { correctDay, loadYear, setCutoff } from '../../functions/src/admin/calendar.ts';
import { updateCategory } from '../../functions/src/admin/categories.ts';
import type { AdminDeps } from '../../functions/src/admin/context.ts';
import { adminHome } from '../../functions/src/admin/home.ts';
import { runRederive } from '../../functions/src/admin/rederive.ts';
import { countyScope } from '../../functions/src/admin/scope.ts';
import { AdminStore } from '../../functions/src/store/admin.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { keys } from '../../functions/src/store/keys.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * The 2027 calendar on DynamoDB Local: requests filed in late December 2026 get provisional
 * deadlines and alert the admins; loading 2027 re-derives every open request's deadlines in
 * a resumable job (killed midway and run twice at once), records old → new once per request,
 * re-keys the due index, and leaves the report counters equal to a scan of every request.
 */
let h: Harness;
/** The admin dependencies, with the service the requests are filed and worked through. */
let deps: AdminDeps & { service: MashangService };
let store: AdminStore;
const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };
const resident: Actor = { id: 'dev-admin-cal', role: 'resident' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };

/** 2027's New Year holiday and the Spring Festival, as an admin would load them (test data). */
const Y2027 = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-02-06', kind: 'holiday', name: '春节' },
  { date: '2027-02-07', kind: 'holiday', name: '春节' },
  { date: '2027-02-08', kind: 'holiday', name: '春节' },
  { date: '2027-02-09', kind: 'holiday', name: '春节' },
  { date: '2027-02-10', kind: 'holiday', name: '春节' },
  { date: '2027-02-11', kind: 'holiday', name: '春节' },
  { date: '2027-02-12', kind: 'holiday', name: '春节' },
  { date: '2027-02-20', kind: 'workday', name: '春节' },
] as const;
const loaded = createCalendar({ overrides: Y2027.map((d): CalendarOverride => ({ date: d.date, kind: d.kind, note: d.name })), loadedYears: [2027] });

const scope = async () => countyScope(admin, (await deps.service.ref()).units, new Date(h.clock.ms).toISOString());
let seq = 0;
const file = async (service: MashangService, categoryCode = 'traffic') =>
  (
    await service.createTicket(resident, {
      clientToken: `admin-cal-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
      locationId: 'loc-dajuyuan',
      categoryCode,
      description: '公交站牌被撞坏了，请尽快修复',
    })
  ).ticket.id;

async function scanAll(): Promise<{ tickets: Ticket[]; stats: Map<string, Counters>; items: Record<string, unknown>[] }> {
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.send(new ScanCommand({ TableName: h.tableName, ExclusiveStartKey: start }));
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  const stats = new Map<string, Counters>();
  for (const r of items.filter((i) => i.entity === 'stat')) {
    const { PK, SK, entity: _e, unitId: _u, day: _d, categoryCode: _c, role: _r, ...counters } = r;
    stats.set(`${String(PK)}|${String(SK)}`, counters as Counters);
  }
  return { tickets: items.filter((i) => i.entity === 'ticket').map((i) => TicketSchema.parse(i)), stats, items };
}

/** The counters a scan of every ticket gives, keyed like the stored rows. */
function countersByScan(tickets: Ticket[]): Map<string, Counters> {
  const out = new Map<string, Counters>();
  for (const t of tickets) {
    for (const row of contribution(t).values()) {
      const k = keys.stat(row.unitId, row.day, row.role, row.categoryCode);
      const key = `${k.PK}|${k.SK}`;
      out.set(key, sumCounters([out.get(key) ?? {}, row.counters]));
    }
  }
  return out;
}

const nonZero = (c: Counters) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0));

async function expectCountersEqualScan(): Promise<void> {
  const { tickets, stats } = await scanAll();
  const scan = countersByScan(tickets);
  const keysAll = new Set([...scan.keys(), ...stats.keys()]);
  for (const k of keysAll) expect(nonZero(stats.get(k) ?? {}), k).toEqual(nonZero(scan.get(k) ?? {}));
}

beforeAll(async () => {
  h = await createHarness('2026-12-28T02:00:00.000Z'); // Mon 2026-12-28 10:00 Shanghai
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  store = new AdminStore(db, h.tableName);
  const service = new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 0, calendarAlert: calendarAlert(store) });
  // No inline slice: the test runs the job's slices itself, to kill and resume it.
  deps = { store, org: h.org, tickets: h.tickets, service, now: h.clock.now, referenceTtlMs: 0, inlineBudgetMs: 0 };
});
afterAll(() => h.drop());

describe('requests filed while 2027 is not loaded', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ids.submitted = await file(deps.service);
    ids.dispatched = await file(deps.service);
    await deps.service.command(gll, ids.dispatched, { type: 'respond', via: 'call' });
    await deps.service.command(gll, ids.dispatched, { type: 'dispatch', unitId: 'dept-zhujian' });
    ids.resolved = await file(deps.service);
    await deps.service.command(gll, ids.resolved, { type: 'respond', via: 'call' });
    await deps.service.command(gll, ids.resolved, { type: 'resolve', feedback: '已联系公交公司更换站牌' });
    ids.closed = await file(deps.service);
    await deps.service.command(gll, ids.closed, { type: 'respond', via: 'call' });
    await deps.service.command(gll, ids.closed, { type: 'resolve', feedback: '已联系公交公司更换站牌' });
    await deps.service.command(resident, ids.closed, { type: 'rate', rating: 'satisfied' });
    for (let i = 0; i < 5; i++) ids[`more${i}`] = await file(deps.service, i % 2 ? 'sanitation' : 'traffic');
  });

  it('record the missing year on the ticket; the resident sees the working-day deadlines as 预计', async () => {
    const detail = await deps.service.ticketDetail(resident, ids.submitted!);
    expect(detail.clocks.find((c) => c.clock === 'resolve')).toMatchObject({ dueAt: '2027-01-04T16:00:00.000Z', provisional: true });
    expect(detail.clocks.find((c) => c.clock === 'respond')?.provisional).toBeUndefined();
    expect((await h.tickets.get(ids.submitted!))?.calendarMissingYears).toEqual([2027]);
    const promise = await deps.service.promisedDeadlines('traffic');
    expect(promise.calendarMissingYears).toEqual([2027]);
    expect(promise.deadlines.find((d) => d.clock === 'resolve')?.provisional).toBe(true);
  });

  it('alert the admins: the home counts them and one outbox message went out', async () => {
    const home = await adminHome(deps, await scope());
    expect(home.calendar).toMatchObject({ today: '2026-12-28', nextYear: 2027, nextYearLoaded: false, warn: true });
    expect(home.calendar.provisional).toEqual([expect.objectContaining({ year: 2027, tickets: 9 })]);
    const { items } = await scanAll();
    const alerts = items.filter((i) => i.entity === 'outbox' && i.audience === 'admins');
    expect(alerts).toHaveLength(1);
    expect(String(alerts[0]!.text)).toContain('2027 年节假日安排尚未加载');
  });

  it('loading 2027 re-derives every open request once, in a job killed midway and run twice at once', async () => {
    h.clock.set('2026-12-28T03:00:00.000Z');
    const before = await scanAll();
    const reply = await loadYear(deps, await scope(), { year: 2027, days: Y2027, source: '测试用安排' });
    expect(reply.year.status).toBe('admin');
    expect(reply.year.days.find((d) => d.date === '2027-01-01')).toMatchObject({ working: false, name: '元旦' });
    expect(reply.job).toMatchObject({ status: 'running', scanned: 0 });
    // One slice of one page, then the runner dies (nothing more is called).
    const partial = await runRederive(deps, { maxPages: 1, pageSize: 2 });
    expect(partial).toMatchObject({ status: 'running' });
    // Resumed by two runners at once, in tiny slices.
    for (let i = 0; i < 200 && (await store.job())?.status !== 'done'; i++) {
      await Promise.all([runRederive(deps, { maxPages: 1, pageSize: 2 }), runRederive(deps, { maxPages: 1, pageSize: 2 })]);
    }
    expect((await store.job())?.status).toBe('done');

    const after = await scanAll();
    const open = after.tickets.filter((t) => t.id !== ids.closed);
    for (const t of open) {
      const fresh = computeClocks(t.receivedAt, t.policy, loaded);
      // resolve: met ones are judged as they were; running ones follow the loaded calendar from T0.
      if (!t.clocks.resolve.metAt) expect(t.clocks.resolve.dueAt, t.id).toBe(fresh.resolve.dueAt);
      expect(t.clocks.followUp.dueAt, t.id).toBe(fresh.followUp.dueAt);
      expect(t.calendarMissingYears, t.id).toBeUndefined();
      // Exactly one re-derivation event, old → new.
      const events = after.items.filter((i) => i.entity === 'event' && i.ticketId === t.id && i.type === 'deadlines_rederived');
      expect(events, t.id).toHaveLength(1);
      const old = before.tickets.find((b) => b.id === t.id)!;
      expect(events[0]!.data).toMatchObject({ followUp: { from: old.clocks.followUp.dueAt, to: t.clocks.followUp.dueAt } });
      // The due index is keyed on the new next checkpoint.
      const row = after.items.find((i) => i.PK === `TICKET#${t.id}` && i.SK === 'T')!;
      const cp = nextCheckpoint(t.clocks);
      expect(row.GSI3SK, t.id).toBe(cp ? `${cp.at}#${t.id}` : undefined);
    }
    // The closed request is untouched.
    expect(after.tickets.find((t) => t.id === ids.closed)).toEqual(before.tickets.find((t) => t.id === ids.closed));
    await expectCountersEqualScan();
  });

  it('the resident now sees exact deadlines, and the admin home no longer warns', async () => {
    const detail = await deps.service.ticketDetail(resident, ids.submitted!);
    expect(detail.clocks.find((c) => c.clock === 'resolve')).toMatchObject({ dueAt: '2027-01-05T16:00:00.000Z' });
    expect(detail.clocks.some((c) => c.provisional)).toBe(false);
    expect(detail.events.at(-1)?.label).toBe('节假日安排更新，办理期限已按正式日历确定');
    const home = await adminHome(deps, await scope());
    expect(home.calendar).toMatchObject({ nextYearLoaded: true, warn: false, provisional: [] });
  });

  it('a cut-off correction re-derives again (17:30), counters still equal a scan; a category change never reaches open requests', async () => {
    h.clock.advance(1);
    await updateCategory(deps, await scope(), 'traffic', { name: '道路交通', hint: '道路破损、公交线路、停车', policy: { resolveWorkingDays: 2, followUpWorkingDays: 4 } });
    h.clock.advance(1);
    const reply = await setCutoff(deps, await scope(), { cutoffMinutes: 1050 });
    expect(reply.job.reason).toBe('每日截止时间改为 17:30');
    while ((await runRederive(deps))?.status !== 'done');
    const t = (await h.tickets.get(ids.submitted!))!;
    expect(t.policy.resolveWorkingDays).toBe(5);
    expect(t.clocks.resolve.dueAt).toBe('2027-01-05T09:30:00.000Z');
    await expectCountersEqualScan();
    // A request filed now gets the new policy and the new cut-off: Dec 29, 30 → end of Dec 30 at 17:30.
    const fresh = (await h.tickets.get(await file(deps.service)))!;
    expect(fresh.policy.resolveWorkingDays).toBe(2);
    expect(fresh.clocks.resolve.dueAt).toBe('2026-12-30T09:30:00.000Z');
  });

  it('a single-day correction re-derives the requests it touches', async () => {
    // 2027-01-04 becomes a holiday: the 5th working day after Dec 28 moves to Jan 6.
    h.clock.advance(1);
    await correctDay(deps, await scope(), '2027-01-04', { kind: 'holiday', name: '示例：更正' });
    while ((await runRederive(deps))?.status !== 'done');
    expect((await h.tickets.get(ids.submitted!))!.clocks.resolve.dueAt).toBe('2027-01-06T09:30:00.000Z');
    await expectCountersEqualScan();
  });

  it('every change is in the audit log with who, when, before and after', async () => {
    const audit = await listAudit(store, await scope(), '2026-12', 50);
    expect(audit.items.map((i) => i.action)).toEqual(['calendar.correctDay', 'calendar.cutoff', 'category.update', 'calendar.loadYear']);
    expect(audit.items.every((i) => i.actorId === 'county-admin' && i.actorName === '何平')).toBe(true);
    expect(audit.items.find((i) => i.action === 'calendar.cutoff')).toMatchObject({ before: { cutoffMinutes: 1440 }, after: { cutoffMinutes: 1050 } });
    expect(audit.items.find((i) => i.action === 'category.update')).toMatchObject({
      target: 'category:traffic',
      after: { policy: { resolveWorkingDays: 2, followUpWorkingDays: 4 } },
    });
  });
});

describe('loading a year: bad input changes nothing', () => {
  it.each([
    [{ year: 2028, days: [{ date: '2028-01-01', kind: 'holiday' }, { date: '2028-01-01', kind: 'workday' }] }, 'days.1.date'],
    [{ year: 2028, fileText: '2028-01-01,休\n2028-01-01,班' }, 'days.1.date'],
    [{ year: 2028, fileText: '2028-01-01,周末' }, 'fileText'],
    [{ year: 2028 }, 'days'],
  ])('%j → 400 on %s', async (input, path) => {
    const before = await scanAll();
    const err = await loadYear(deps, await scope(), input).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect((err as { fields: Array<{ path: string }> }).fields.map((f) => f.path)).toContain(path);
    expect((await scanAll()).items.length).toBe(before.items.length);
  });
});

describe('a request filed on a stale calendar while the job runs', () => {
  it('is caught by the second pass, which waits until every cache has expired', async () => {
    const h2 = await createHarness('2026-12-28T02:00:00.000Z');
    try {
      const store2 = new AdminStore(createDocClient({ tableName: h2.tableName, endpoint: h2.endpoint }), h2.tableName);
      const service2 = new MashangService({ tickets: h2.tickets, org: h2.org, tokens: new TokenService(TEST_SECRET), now: h2.clock.now, referenceTtlMs: 0 });
      const d2: AdminDeps = { store: store2, org: h2.org, tickets: h2.tickets, service: service2, now: h2.clock.now, referenceTtlMs: 60_000 };
      // Another Lambda, warm, with the calendar cached before the load.
      const stale = new MashangService({ tickets: h2.tickets, org: h2.org, tokens: new TokenService(TEST_SECRET), now: h2.clock.now, referenceTtlMs: 60_000 });
      await stale.ref();
      const early = await file(service2);
      const units = (await service2.ref()).units;
      const reply = await loadYear(d2, countyScope(admin, units, new Date(h2.clock.ms).toISOString()), { year: 2027, days: Y2027 });
      // The inline slice did the first pass and set the second one for when caches have expired.
      expect(reply.job).toMatchObject({ status: 'running', passes: 2 });
      expect((await h2.tickets.get(early))?.calendarMissingYears).toBeUndefined();
      h2.clock.advance(0.5);
      const late = await file(stale);
      expect((await h2.tickets.get(late))?.calendarMissingYears).toEqual([2027]);
      expect(await runRederive(d2)).toMatchObject({ status: 'running', passes: 2 }); // too early: waits
      expect((await h2.tickets.get(late))?.calendarMissingYears).toEqual([2027]);
      h2.clock.advance(1.1);
      expect(await runRederive(d2)).toMatchObject({ status: 'done', passes: 2 });
      const t = (await h2.tickets.get(late))!;
      expect(t.calendarMissingYears).toBeUndefined();
      expect(t.clocks.resolve.dueAt).toBe('2027-01-05T16:00:00.000Z');
    } finally {
      await h2.drop();
    }
  });
});
