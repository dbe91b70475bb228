import { CLOCKS, type ClockName } from './sla.ts';
import { isOpen, type Ticket } from './ticket.ts';
import { localDateOf, type LocalDate } from './time.ts';

/**
 * Report figures (12345 measures) as counters kept per unit, per day of
 * receipt, per category. A ticket's *contribution* is a pure function of its
 * current state; every write adds `contribution(after) − contribution(before)`
 * in the same transaction as the ticket, so the counters always equal what a
 * scan of all tickets would compute — and a report reads units × days ×
 * categories items instead of every ticket.
 *
 * Tickets are counted in the cohort of the day they were received (the usual
 * rule of 12345 reports): a request received in March and resolved in April
 * counts as resolved in March's report.
 */

export const COUNTERS = [
  'received',
  'responded',
  'respondedOnTime',
  'classified',
  'classifiedOnTime',
  'resolved',
  'resolvedOnTime',
  'followedUp',
  'followedUpOnTime',
  'rated',
  'satisfied',
  'basic',
  'unsatisfied',
  'breachRespond',
  'breachClassify',
  'breachResolve',
  'breachFollowUp',
  'openBreached',
  'rejected',
  'merged',
  'reopened',
  'extended',
  'dispatched',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Partial<Record<Counter, number>>;

/** Who a row counts for: the receiving office (all measures) or the unit it was dispatched to (its handling). */
export type StatRole = 'origin' | 'handling';

export interface StatKey {
  unitId: string;
  day: LocalDate;
  categoryCode: string;
  role: StatRole;
}

export interface StatDelta extends StatKey {
  counters: Counters;
}

const BREACH_COUNTER: Record<ClockName, Counter> = {
  respond: 'breachRespond',
  classify: 'breachClassify',
  resolve: 'breachResolve',
  followUp: 'breachFollowUp',
};

const keyOf = (k: StatKey) => `${k.role}|${k.unitId}|${k.day}|${k.categoryCode}`;

function outcome(ticket: Ticket, clock: ClockName): { met: boolean; onTime: boolean } {
  const c = ticket.clocks[clock];
  return { met: c.metAt !== undefined, onTime: c.metAt !== undefined && c.metAt < c.dueAt };
}

/**
 * The satisfaction a request counts with: the resident's own rating when they gave one,
 * else the result the staff return visit (回访) recorded from them.
 */
export function verdictOf(ticket: Pick<Ticket, 'rating' | 'followUpResult'>): Ticket['rating'] {
  return ticket.rating ?? ticket.followUpResult;
}

/** The counters one ticket adds to the report tables, by row. */
export function contribution(ticket: Ticket): Map<string, StatDelta> {
  const rows = new Map<string, StatDelta>();
  const add = (key: StatKey, counters: Counters) => {
    const k = keyOf(key);
    const row = rows.get(k) ?? { ...key, counters: {} };
    for (const [name, v] of Object.entries(counters) as [Counter, number][]) if (v) row.counters[name] = (row.counters[name] ?? 0) + v;
    rows.set(k, row);
  };
  const day = localDateOf(ticket.receivedAt);
  const origin: StatKey = { unitId: ticket.originUnitId ?? ticket.coordinatorUnitId, day, categoryCode: ticket.categoryCode, role: 'origin' };
  const r = outcome(ticket, 'respond');
  const c = outcome(ticket, 'classify');
  const s = outcome(ticket, 'resolve');
  const f = outcome(ticket, 'followUp');
  const counters: Counters = {
    received: 1,
    responded: +r.met,
    respondedOnTime: +r.onTime,
    classified: +c.met,
    classifiedOnTime: +c.onTime,
    resolved: +s.met,
    resolvedOnTime: +s.onTime,
    followedUp: +f.met,
    followedUpOnTime: +f.onTime,
    rated: +(verdictOf(ticket) !== undefined),
    satisfied: +(verdictOf(ticket) === 'satisfied'),
    basic: +(verdictOf(ticket) === 'basic'),
    unsatisfied: +(verdictOf(ticket) === 'unsatisfied'),
    openBreached: +(isOpen(ticket.status) && CLOCKS.some((k) => ticket.clocks[k].breachedAt !== undefined && !ticket.clocks[k].metAt)),
    rejected: +(ticket.status === 'rejected'),
    merged: +(ticket.status === 'merged'),
    reopened: ticket.reopenCount,
    extended: +((ticket.extensionCount ?? 0) > 0),
  };
  for (const clock of CLOCKS) counters[BREACH_COUNTER[clock]] = +(ticket.clocks[clock].breachedAt !== undefined);
  add(origin, counters);
  if (ticket.handlingUnitId) {
    add(
      { ...origin, unitId: ticket.handlingUnitId, role: 'handling' },
      {
        dispatched: 1,
        resolved: +s.met,
        resolvedOnTime: +s.onTime,
        breachResolve: counters.breachResolve ?? 0,
        openBreached: counters.openBreached ?? 0,
        rated: counters.rated ?? 0,
        satisfied: counters.satisfied ?? 0,
        basic: counters.basic ?? 0,
        unsatisfied: counters.unsatisfied ?? 0,
      },
    );
  }
  return rows;
}

/** What a write must add to the counters: after minus before (before = undefined for a new ticket). */
export function statDeltas(before: Ticket | undefined, after: Ticket): StatDelta[] {
  const b = before ? contribution(before) : new Map<string, StatDelta>();
  const a = contribution(after);
  const out: StatDelta[] = [];
  for (const k of new Set([...b.keys(), ...a.keys()])) {
    const row = a.get(k) ?? b.get(k)!;
    const counters: Counters = {};
    for (const name of COUNTERS) {
      const d = (a.get(k)?.counters[name] ?? 0) - (b.get(k)?.counters[name] ?? 0);
      if (d !== 0) counters[name] = d;
    }
    if (Object.keys(counters).length) out.push({ unitId: row.unitId, day: row.day, categoryCode: row.categoryCode, role: row.role, counters });
  }
  return out;
}

/** Sums counter rows. */
export function sumCounters(rows: Iterable<Counters>): Required<Counters> {
  const total = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Required<Counters>;
  for (const row of rows) for (const c of COUNTERS) total[c] += row[c] ?? 0;
  return total;
}

/** The published rates, each with its formula; null when the denominator is zero. */
export interface Rates {
  responseRate: number | null;
  classifyRate: number | null;
  resolveRate: number | null;
  resolveOnTimeRate: number | null;
  followUpRate: number | null;
  satisfactionRate: number | null;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export const RATE_FORMULAS: Record<keyof Rates, string> = {
  responseRate: '响应率 = 按时响应数 ÷ 受理数',
  classifyRate: '按时分类率 = 按时分类数 ÷ 受理数',
  resolveRate: '办结率 = 办结数 ÷ 受理数',
  resolveOnTimeRate: '按时办结率 = 按时办结数 ÷ 受理数',
  followUpRate: '按时回访率 = 按时回访数 ÷ 受理数',
  satisfactionRate: '满意率 =（满意 + 基本满意）÷ 评价数',
};

/** Rates of a handling unit (department or community), measured over what was dispatched to it. */
export function handlingRates(t: Required<Counters>): Rates {
  return {
    responseRate: null,
    classifyRate: null,
    resolveRate: ratio(t.resolved, t.dispatched),
    resolveOnTimeRate: ratio(t.resolvedOnTime, t.dispatched),
    followUpRate: null,
    satisfactionRate: ratio(t.satisfied + t.basic, t.rated),
  };
}

export function rates(t: Required<Counters>): Rates {
  const counted = t.received - t.rejected - t.merged;
  return {
    responseRate: ratio(t.respondedOnTime, t.received),
    classifyRate: ratio(t.classifiedOnTime, counted),
    resolveRate: ratio(t.resolved, counted),
    resolveOnTimeRate: ratio(t.resolvedOnTime, counted),
    followUpRate: ratio(t.followedUpOnTime, counted),
    satisfactionRate: ratio(t.satisfied + t.basic, t.rated),
  };
}

/**
 * The red/black list (红黑榜) score, published on the page:
 * 30 % 响应率 + 30 % 按时办结率 + 10 % 按时回访率 + 30 % 满意率, on a 100-point scale.
 * A missing rate (nothing to measure) counts as full marks for that part, so a
 * unit with no rated requests is neither rewarded nor punished by satisfaction.
 */
export const RANKING_FORMULA = '街道/乡镇综合得分 = 30% × 响应率 + 30% × 按时办结率 + 10% × 按时回访率 + 30% × 满意率；部门综合得分 = 60% × 按时办结率 + 40% × 满意率（百分制；无可评数据的项按满分计）';

export function rankingScore(r: Rates, kind: 'office' | 'department' = 'office'): number {
  const v = (x: number | null) => x ?? 1;
  const score =
    kind === 'office'
      ? 30 * v(r.responseRate) + 30 * v(r.resolveOnTimeRate) + 10 * v(r.followUpRate) + 30 * v(r.satisfactionRate)
      : 60 * v(r.resolveOnTimeRate) + 40 * v(r.satisfactionRate);
  // Round half up to one decimal; the epsilon absorbs binary noise such as 84.75 → 84.7499…
  return Math.round(score * 10 + 1e-9) / 10;
}
