import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RANKING_POLICY, type Actor, type Command } from '@mashang/shared';
import { ReportService } from '../../functions/src/app/reporting/reports.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { StatStore } from '../../functions/src/store/stats.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Supervisors' figures against hand-computed fixtures: five requests of
 * November 2026 with on-time, late, breached, extended, reopened and rejected
 * outcomes, through the real use cases and DynamoDB Local.
 */
let h: Harness;
let reports: ReportService;
const ids: Record<string, string> = {};

const resident: Actor = { id: 'dev-report-resident', role: 'resident' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' };
const zyl: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu' };
const jiaotong: Actor = { id: 'jiaotong-handler', role: 'handler', unitId: 'dept-jiaotong' };
const zhujian: Actor = { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian' };
const county: Actor = { id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan' };
const gllSupervisor: Actor = { id: 'gll-supervisor', role: 'supervisor', unitId: 'gaolanlu' };

const T0 = '2026-11-02T01:00:00.000Z'; // Mon 09:00 Shanghai

async function file(name: string, locationId: string, categoryCode: string) {
  h.clock.set(T0);
  const res = await h.service.createTicket(resident, { clientToken: `report-${name}-0000`, locationId, categoryCode, description: `统计测试诉求 ${name}` });
  ids[name] = res.ticket.id;
}
async function act(actor: Actor, name: string, command: Command, at: string) {
  h.clock.set(at);
  await h.service.command(actor, ids[name]!, command);
}

beforeAll(async () => {
  h = await createHarness();
  reports = new ReportService({ stats: new StatStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName), reference: h.service, commands: h.service, now: h.clock.now });
  await file('A', 'loc-dajuyuan', 'traffic');
  await file('B', 'loc-xijie-xiaoqu', 'property');
  await file('C', 'loc-donggang', 'sanitation');
  await file('D', 'loc-jinta', 'market');
  await file('E', 'loc-buxingjie', 'environment');
  // A: on time all the way, handled by 区交通运输局, rated 满意.
  await act(gll, 'A', { type: 'respond', via: 'call' }, '2026-11-02T01:10:00.000Z');
  await act(gll, 'A', { type: 'dispatch', unitId: 'dept-jiaotong' }, '2026-11-02T02:00:00.000Z');
  await act(jiaotong, 'A', { type: 'accept' }, '2026-11-02T03:00:00.000Z');
  await act(jiaotong, 'A', { type: 'resolve', feedback: '已调整149路早高峰发车间隔' }, '2026-11-05T03:00:00.000Z');
  await act(resident, 'A', { type: 'rate', rating: 'satisfied' }, '2026-11-05T05:00:00.000Z');
  // C: responded, dispatched to 区住建局, extended by 2 working days.
  await act(gll, 'C', { type: 'respond', via: 'call' }, '2026-11-02T01:05:00.000Z');
  await act(gll, 'C', { type: 'dispatch', unitId: 'dept-zhujian' }, '2026-11-02T02:00:00.000Z');
  await act(zhujian, 'C', { type: 'accept' }, '2026-11-02T03:00:00.000Z');
  // D: rejected before any contact. E: responded in time.
  await act(zyl, 'D', { type: 'reject', reason: '属于司法诉讼范围，不予受理' }, '2026-11-02T01:20:00.000Z');
  await act(zyl, 'E', { type: 'respond', via: 'call' }, '2026-11-02T01:10:00.000Z');
  // B: the respond window passes unanswered (red card), then a late call; resolved by the office itself; rated 基本满意.
  h.clock.set('2026-11-02T01:40:00.000Z');
  await h.service.sweep();
  await act(gll, 'B', { type: 'respond', via: 'call' }, '2026-11-02T01:45:00.000Z');
  await act(gll, 'B', { type: 'resolve', feedback: '已联系物业修复电梯' }, '2026-11-03T00:30:00.000Z');
  await act(resident, 'B', { type: 'rate', rating: 'basic' }, '2026-11-04T02:00:00.000Z');
  // E: the classify window passes (red card, still open).
  h.clock.set('2026-11-03T02:00:00.000Z');
  await h.service.sweep();
  // C: extension approved, resolved within it, then reopened by the resident.
  await act(zhujian, 'C', { type: 'request_extension', workingDays: 2, reason: '需协调环卫车辆' }, '2026-11-06T02:00:00.000Z');
  await act(county, 'C', { type: 'decide_extension', approve: true }, '2026-11-06T03:00:00.000Z');
  await act(zhujian, 'C', { type: 'resolve', feedback: '已清运' }, '2026-11-10T03:00:00.000Z');
  await act(resident, 'C', { type: 'reopen', reason: '第二天又堆满了' }, '2026-11-10T05:00:00.000Z');
  h.clock.set('2026-11-12T00:00:00.000Z');
});
afterAll(() => h.drop());

describe('the monthly SLA report', () => {
  it('equals the hand-computed figures for the county', async () => {
    const r = await reports.slaReport(county, { from: '2026-11-01', to: '2026-11-30' });
    expect(r.totals.counters).toMatchObject({
      received: 5,
      respondedOnTime: 3,
      classifiedOnTime: 3,
      // C's first resolve window (met within its extension) stays counted after the reopening.
      resolved: 3,
      resolvedOnTime: 3,
      followedUpOnTime: 2,
      rated: 2,
      satisfied: 1,
      basic: 1,
      rejected: 1,
      reopened: 1,
      extended: 1,
      openBreached: 1,
      breachRespond: 1,
      breachClassify: 1,
      // D was rejected inside its 30 minutes: its response window never ended. C's new resolve window is running.
      respondEnded: 4,
      classifyEnded: 4,
      resolveEnded: 3,
      followUpEnded: 2,
    });
    // Rates divide by the windows that ended (met or breached), not by every request received.
    expect(r.totals.rates).toEqual({ responseRate: 0.75, classifyRate: 0.75, resolveRate: 1, resolveOnTimeRate: 1, followUpRate: 1, satisfactionRate: 1 });
    const unit = (key: string, role: string) => r.byUnit.find((u) => u.key === key && u.role === role)!;
    expect(unit('gaolanlu', 'origin').counters).toMatchObject({ received: 3, respondedOnTime: 2 });
    expect(unit('zhangyelu', 'origin').counters).toMatchObject({ received: 2, rejected: 1, openBreached: 1 });
    expect(unit('dept-jiaotong', 'handling').counters).toMatchObject({ dispatched: 1, resolvedOnTime: 1, satisfied: 1 });
    expect(unit('dept-zhujian', 'handling').counters).toMatchObject({ dispatched: 1, resolved: 1, resolveEnded: 1 });
    expect(r.byDay.map((d) => [d.key, d.counters.received, d.counters.resolved])).toEqual([['2026-11-02', 5, 3]]);
    expect(r.byCategory.map((c) => c.name).sort()).toEqual(['市场监管', '市容环卫', '物业管理', '生态环境', '道路交通'].sort());
  });

  it('reads counter rows, not requests', async () => {
    const r = await reports.slaReport(county, { from: '2026-11-01', to: '2026-11-30' });
    // 5 origin rows (one per request's office/day/category) and 2 handling rows.
    expect(r.itemsRead).toBe(7);
  });

  it('counts nothing outside the period', async () => {
    const r = await reports.slaReport(county, { from: '2026-10-01', to: '2026-11-01' });
    expect(r.totals.counters.received).toBe(0);
  });

  it('keeps a street supervisor to their own street', async () => {
    const own = await reports.slaReport(gllSupervisor, { from: '2026-11-01', to: '2026-11-30' });
    expect(own.totals.counters.received).toBe(3);
    await expect(reports.slaReport(gllSupervisor, { unitId: 'zhangyelu', from: '2026-11-01', to: '2026-11-30' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reports.slaReport(gll, { from: '2026-11-01', to: '2026-11-30' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('drills down from a figure to the requests behind it', async () => {
    const d = await reports.drillDown(county, { unitId: 'gaolanlu', from: '2026-11-01', to: '2026-11-30', figure: 'respondedOnTime', role: 'origin' });
    expect(d.items.map((i) => i.id).sort()).toEqual([ids.A, ids.C].sort());
    const handled = await reports.drillDown(county, { unitId: 'dept-jiaotong', from: '2026-11-01', to: '2026-11-30', figure: 'resolvedOnTime', role: 'handling' });
    expect(handled.items.map((i) => i.id)).toEqual([ids.A]);
  });
});

describe('the red/black list', () => {
  it('ranks nobody with fewer requests than the minimum (default 5): two requests and a breach do not make a list', async () => {
    const r = await reports.ranking(county, { month: '2026-11' });
    expect(r.offices).toEqual([]);
    expect(r.departments).toEqual([]);
    expect(r.minRequests).toBe(5);
    expect(r.unranked?.map((u) => [u.unitId, u.volume, u.reason])).toEqual([
      ['gaolanlu', 3, 'too_few'],
      ['zhangyelu', 2, 'too_few'],
      ['dept-jiaotong', 1, 'too_few'],
      ['dept-zhujian', 1, 'too_few'],
    ]);
    expect(r.formula).toContain('10% × 响应率 + 50% × 解决率 + 40% × 满意率');
    expect(r.formula).toContain('0.9 × 基本满意');
  });

  it('ranks like with like by the 三率 composite under an admin policy with a lower minimum', async () => {
    const lenient = new ReportService({
      stats: new StatStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName),
      reference: h.service,
      commands: h.service,
      now: h.clock.now,
      rankingPolicy: async () => ({ ...DEFAULT_RANKING_POLICY, minRequests: 1 }),
    });
    const r = await lenient.ranking(county, { month: '2026-11' });
    // 张掖路: 响应率 1/1 (D was rejected inside its window), nothing resolved or rated yet → 100.
    // 皋兰路: 10 × 2/3 + 50 × 3/3 + 40 × (1 + 0.9 × 1)/2 = 6.67 + 50 + 38 = 94.7.
    expect(r.offices.map((o) => [o.unitId, o.score, o.list])).toEqual([
      ['zhangyelu', 100, 'red'],
      ['gaolanlu', 94.7, 'black'],
    ]);
    // Departments are compared with departments only, without 响应率; a shared score is on neither list.
    expect(r.departments.map((o) => [o.unitId, o.score, o.list])).toEqual([
      ['dept-jiaotong', 100, null],
      ['dept-zhujian', 100, null],
    ]);
    expect(r.departments.every((d) => d.parts?.response === null)).toBe(true);
  });
});

describe('breaches', () => {
  it('lists open breaches with the responsible unit, and urging the unit records it on each', async () => {
    const list = await reports.breaches(county);
    expect(list.items.map((i) => [i.id, i.currentUnitName, i.breachedClocks])).toEqual([[ids.E, '张掖路街道', ['classify']]]);
    // The breach's time is the deadline (24 h after Mon 09:00); the sweeper recorded it an hour later.
    expect(list.items[0]).toMatchObject({ firstBreachAt: '2026-11-03T01:00:00.000Z', breachRecordedAt: '2026-11-03T02:00:00.000Z' });
    expect((await reports.breaches(gllSupervisor)).items).toEqual([]);
    const res = await reports.urgeUnit(county, 'zhangyelu', '请立即分类派单');
    expect(res.ticketIds).toEqual([ids.E]);
    const t = await h.tickets.getWithEvents(ids.E!);
    expect(t!.events.at(-1)).toMatchObject({ type: 'urged', note: '请立即分类派单' });
    expect(t!.ticket.supervisionLevel).toBe(2);
  });
});
