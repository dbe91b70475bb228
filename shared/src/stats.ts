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
  // Windows whose outcome is known (met, or breached): the denominators of the rates.
  'respondEnded',
  'classifyEnded',
  'resolveEnded',
  'followUpEnded',
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

interface WindowTally {
  /** Windows met (on time or late). */
  met: number;
  onTime: number;
  /** Windows with a red card. */
  breached: number;
  /** Windows whose outcome is known: met or breached. */
  ended: number;
}

/**
 * Every window of a clock: the restarted ones kept in `pastWindows` (a reopening restarts
 * resolve and follow-up) and the current one. A breach stays counted after a reopening.
 */
function outcome(ticket: Ticket, clock: ClockName): WindowTally {
  const tally: WindowTally = { met: 0, onTime: 0, breached: 0, ended: 0 };
  const count = (w: { metAt?: string; dueAt: string; breachedAt?: string }) => {
    const met = w.metAt !== undefined;
    tally.met += +met;
    tally.onTime += +(met && w.metAt! < w.dueAt);
    tally.breached += +(w.breachedAt !== undefined);
    tally.ended += +(met || w.breachedAt !== undefined);
  };
  for (const w of ticket.pastWindows ?? []) if (w.clock === clock && w.outcome !== 'superseded') count(w);
  count(ticket.clocks[clock]);
  return tally;
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
    responded: r.met,
    respondedOnTime: r.onTime,
    classified: c.met,
    classifiedOnTime: c.onTime,
    resolved: s.met,
    resolvedOnTime: s.onTime,
    followedUp: f.met,
    followedUpOnTime: f.onTime,
    rated: +(ticket.rating !== undefined),
    satisfied: +(ticket.rating === 'satisfied'),
    basic: +(ticket.rating === 'basic'),
    unsatisfied: +(ticket.rating === 'unsatisfied'),
    openBreached: +(isOpen(ticket.status) && CLOCKS.some((k) => ticket.clocks[k].breachedAt !== undefined && !ticket.clocks[k].metAt)),
    rejected: +(ticket.status === 'rejected'),
    merged: +(ticket.status === 'merged'),
    reopened: ticket.reopenCount,
    extended: +((ticket.extensionCount ?? 0) > 0),
  };
  counters.respondEnded = r.ended;
  counters.classifyEnded = c.ended;
  counters.resolveEnded = s.ended;
  counters.followUpEnded = f.ended;
  const tallies: Record<ClockName, WindowTally> = { respond: r, classify: c, resolve: s, followUp: f };
  for (const clock of CLOCKS) counters[BREACH_COUNTER[clock]] = tallies[clock].breached;
  add(origin, counters);
  if (ticket.handlingUnitId) {
    add(
      { ...origin, unitId: ticket.handlingUnitId, role: 'handling' },
      {
        dispatched: 1,
        resolved: s.met,
        resolvedOnTime: s.onTime,
        resolveEnded: s.ended,
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
  responseRate: '响应率 = 按时响应数 ÷ 响应时限已到或已响应数',
  classifyRate: '按时分类率 = 按时分类数 ÷ 分类时限已到或已分类数',
  resolveRate: '办结率 = 办结数 ÷ 办结时限已到或已办结数',
  resolveOnTimeRate: '按时办结率 = 按时办结数 ÷ 办结时限已到或已办结数',
  followUpRate: '按时回访率 = 按时回访数 ÷ 回访时限已到或已回访数',
  satisfactionRate: '满意率 =（满意 + 基本满意）÷ 评价数',
};

/**
 * Rates of a handling unit (department or community), measured over what was dispatched to it
 * and whose resolve window has ended (met or breached). Every window counts: a request
 * resolved, reopened and resolved again is two windows.
 */
export function handlingRates(t: Required<Counters>): Rates {
  return {
    responseRate: null,
    classifyRate: null,
    resolveRate: ratio(t.resolved, t.resolveEnded),
    resolveOnTimeRate: ratio(t.resolvedOnTime, t.resolveEnded),
    followUpRate: null,
    satisfactionRate: ratio(t.satisfied + t.basic, t.rated),
  };
}

/**
 * Rates over the windows whose outcome is known (met, or breached), not over every request
 * received: a request still inside its 30 minutes does not count against the unit yet.
 */
export function rates(t: Required<Counters>): Rates {
  return {
    responseRate: ratio(t.respondedOnTime, t.respondEnded),
    classifyRate: ratio(t.classifiedOnTime, t.classifyEnded),
    resolveRate: ratio(t.resolved, t.resolveEnded),
    resolveOnTimeRate: ratio(t.resolvedOnTime, t.resolveEnded),
    followUpRate: ratio(t.followedUpOnTime, t.followUpEnded),
    satisfactionRate: ratio(t.satisfied + t.basic, t.rated),
  };
}

// The red/black list (红黑榜) score and its published formula: shared/src/ranking.ts.
