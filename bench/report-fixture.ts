import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  addMinutes,
  computeClocks,
  contribution,
  createCalendar,
  decide,
  DEFAULT_CATEGORIES,
  dueCheckpoints,
  instantAtLocal,
  openTicket,
  resolvePolicy,
  sumCounters,
  SYSTEM_ACTOR,
  TicketSchema,
  type Actor,
  type Command,
  type Counters,
  type StatDelta,
  type Ticket,
} from '@mashang/shared';
import { keys } from '../functions/src/store/keys.ts';
import type { OrgStore } from '../functions/src/store/org.ts';
import { ticketItem } from '../functions/src/store/tickets.ts';
import { DEMO_LOCATIONS } from '../infra/seed.ts';

const calendar = createCalendar();
const DEPARTMENTS = ['dept-zhujian', 'dept-chengguan', 'dept-jiaotong', 'dept-minzheng', 'dept-shichang', 'dept-huanjing'];

/** A small deterministic PRNG (mulberry32) so every run seeds the same month; the fault tests use it too. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One request's life, played through the real state machine: on-time or late
 * responses (with the sweeper's cards), dispatches, returns, extensions,
 * resolutions, ratings, reopenings and rejections, some left open.
 */
export function simulateTicket(i: number, month: string, days: number): Ticket {
  const rnd = prng(i + 1);
  const loc = DEMO_LOCATIONS[i % DEMO_LOCATIONS.length]!;
  const category = DEFAULT_CATEGORIES[Math.floor(rnd() * DEFAULT_CATEGORIES.length)]!;
  const day = `${month}-${String(1 + Math.floor(rnd() * days)).padStart(2, '0')}`;
  const t0 = instantAtLocal(day, Math.floor(rnd() * 1440));
  const policy = resolvePolicy(category.policy);
  const residentId = `res-${i % 5000}`;
  let t = openTicket(
    {
      id: `R${String(i).padStart(9, '0')}`,
      channel: i % 7 === 0 ? 'hotline_12345' : 'qr',
      categoryCode: category.code,
      description: '统计基准诉求',
      anonymous: false,
      residentId,
      urgent: category.urgent === true,
      locationId: loc.id,
      locationName: loc.name,
      gridId: loc.gridId,
      coordinatorUnitId: loc.centreUnitId,
      receivedAt: t0,
      policy,
      clocks: computeClocks(t0, policy, calendar),
      photos: [],
    },
    { id: residentId, role: 'resident' },
  ).ticket;
  const office: Actor = { id: `h-${loc.centreUnitId}`, role: 'handler', unitId: loc.centreUnitId };
  const supervisor: Actor = { id: 'sup', role: 'supervisor', unitId: 'chengguan' };
  const resident: Actor = { id: residentId, role: 'resident' };
  let at = t0;
  const step = (actor: Actor, command: Command, afterMinutes: number) => {
    at = addMinutes(at, afterMinutes);
    // What the sweeper would have recorded before this moment.
    for (const cp of dueCheckpoints(t.clocks, at)) t = decide(t, { type: 'record_checkpoint', clock: cp.clock, kind: cp.kind }, SYSTEM_ACTOR, cp.at > t.updatedAt ? cp.at : t.updatedAt, { calendar }).ticket;
    t = decide(t, command, actor, at, { calendar, categoryPolicy: () => policy, parentUnitId: 'chengguan' }).ticket;
  };
  const r = rnd();
  if (r < 0.03) {
    step(office, { type: 'reject', reason: '不属于受理范围' }, 10 + rnd() * 30);
    return t;
  }
  step(office, { type: 'respond', via: 'call' }, rnd() < 0.85 ? 3 + rnd() * 25 : 35 + rnd() * 120);
  if (r < 0.08) return t; // still being looked into
  const dept: Actor = { id: 'h-dept', role: 'handler', unitId: DEPARTMENTS[i % DEPARTMENTS.length]! };
  let handler = office;
  if (rnd() < 0.6) {
    step(office, { type: 'dispatch', unitId: dept.unitId! }, rnd() < 0.9 ? 30 + rnd() * 600 : 1500 + rnd() * 600);
    if (rnd() < 0.1) {
      step(dept, { type: 'return', reason: '不属于本部门职责' }, 60);
      step(office, { type: 'dispatch', unitId: DEPARTMENTS[(i + 1) % DEPARTMENTS.length]! }, 60);
      handler = { ...dept, unitId: DEPARTMENTS[(i + 1) % DEPARTMENTS.length]! };
    } else handler = dept;
    step(handler, { type: 'accept' }, 30);
  }
  if (rnd() < 0.05) {
    step(handler, { type: 'request_extension', workingDays: 3, reason: '需要协调' }, 1440);
    step(supervisor, { type: 'decide_extension', approve: rnd() < 0.8 }, 120);
  }
  if (r < 0.15) return t; // open, perhaps breaching
  step(handler, { type: 'resolve', feedback: '已处理并反馈' }, rnd() < 0.85 ? 600 + rnd() * 4000 : 9000 + rnd() * 6000);
  const rating = rnd();
  if (rnd() < 0.7) step(resident, { type: 'rate', rating: rating < 0.8 ? 'satisfied' : rating < 0.93 ? 'basic' : 'unsatisfied' }, 120 + rnd() * 3000);
  else if (rnd() < 0.8) step(office, { type: 'follow_up', result: 'satisfied', note: '电话回访' }, 2000 + rnd() * 8000);
  if (t.status === 'closed' && t.rating === 'unsatisfied' && rnd() < 0.6) step(resident, { type: 'reopen', reason: '问题没有解决' }, 60);
  return t;
}

/** Sums the counters of many tickets into stat rows, as the per-transaction ADDs would have. */
export function aggregate(tickets: Iterable<Ticket>): Map<string, StatDelta> {
  const rows = new Map<string, StatDelta>();
  for (const t of tickets) {
    for (const [k, row] of contribution(t)) {
      const prev = rows.get(k);
      rows.set(k, prev ? { ...prev, counters: sumCounters([prev.counters, row.counters]) } : row);
    }
  }
  return rows;
}

/** Seeds `total` simulated tickets of one month plus their counter rows. */
export async function seedReportFixture(org: OrgStore, opts: { total: number; month: string; days: number }): Promise<void> {
  const batch: Ticket[] = [];
  const flush = async () => {
    const stat = aggregate(batch);
    await org.putAll(batch.map(ticketItem), 8);
    batch.length = 0;
    // Counter rows are accumulated in memory across batches and written once at the end.
    for (const [k, row] of stat) {
      const prev = pending.get(k);
      pending.set(k, prev ? { ...prev, counters: sumCounters([prev.counters, row.counters]) } : row);
    }
  };
  const pending = new Map<string, StatDelta>();
  for (let i = 0; i < opts.total; i++) {
    batch.push(simulateTicket(i, opts.month, opts.days));
    if (batch.length >= 2000) await flush();
  }
  await flush();
  await org.putAll(
    [...pending.values()].map((d) => ({ ...keys.stat(d.unitId, d.day, d.role, d.categoryCode), entity: 'stat', unitId: d.unitId, day: d.day, categoryCode: d.categoryCode, role: d.role, ...d.counters })),
    8,
  );
}

/** The baseline: scan every ticket and compute the same figures in code. */
export async function scanReport(db: DynamoDBDocumentClient, table: string, from: string, to: string): Promise<{ origin: Map<string, Required<Counters>>; handling: Map<string, Required<Counters>>; itemsRead: number }> {
  const origin = new Map<string, Counters[]>();
  const handling = new Map<string, Counters[]>();
  let itemsRead = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    itemsRead += res.ScannedCount ?? 0;
    for (const item of res.Items ?? []) {
      if (item.entity !== 'ticket') continue;
      for (const row of contribution(TicketSchema.parse(item)).values()) {
        if (row.day < from || row.day > to) continue;
        const m = row.role === 'origin' ? origin : handling;
        m.set(row.unitId, [...(m.get(row.unitId) ?? []), row.counters]);
      }
    }
    start = res.LastEvaluatedKey;
  } while (start);
  const sum = (m: Map<string, Counters[]>) => new Map([...m].map(([k, v]) => [k, sumCounters(v)]));
  return { origin: sum(origin), handling: sum(handling), itemsRead };
}
