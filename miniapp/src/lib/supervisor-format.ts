import type { Figure, ReportRow } from '@mashang/shared/contracts/reports';
import type { Unit, UnitKind } from '@mashang/shared/org';
import { epochMs } from './time.ts';

/**
 * Pure helpers of the supervisors' pages: labels, number formats, the rows a
 * figure drills into, and grouping. No Taro here, so they are unit-tested in Node.
 */

/** The rates of a report row, in the order the pages show them. */
export const RATE_KEYS = ['responseRate', 'classifyRate', 'resolveRate', 'resolveOnTimeRate', 'followUpRate', 'satisfactionRate'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export const RATE_LABELS: Record<RateKey, string> = {
  responseRate: '响应率',
  classifyRate: '按时分类率',
  resolveRate: '办结率',
  resolveOnTimeRate: '按时办结率',
  followUpRate: '按时回访率',
  satisfactionRate: '满意率',
};

/** The figure counted in a rate's numerator: tapping a rate opens those requests. */
export const RATE_FIGURE: Record<RateKey, Figure> = {
  responseRate: 'respondedOnTime',
  classifyRate: 'classifiedOnTime',
  resolveRate: 'resolved',
  resolveOnTimeRate: 'resolvedOnTime',
  followUpRate: 'followedUpOnTime',
  satisfactionRate: 'satisfied',
};

export const FIGURE_LABELS: Record<Figure, string> = {
  received: '受理数',
  respondedOnTime: '按时响应',
  classifiedOnTime: '按时分类',
  resolved: '办结数',
  resolvedOnTime: '按时办结',
  followedUpOnTime: '按时回访',
  satisfied: '满意',
  unsatisfied: '不满意',
  openBreached: '超时未办结',
  dispatched: '派办数',
};


/** Figures counted for the unit a request was dispatched to; the others belong to the receiving office. */
export function figureRole(figure: Figure): 'origin' | 'handling' {
  return figure === 'dispatched' ? 'handling' : 'origin';
}

/**
 * A rate as a percentage with at most one decimal (`92.5%`, `100%`), or `—`
 * when there is nothing to measure (null: zero denominator).
 */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  // Round half up on the tenth of a percent; the epsilon absorbs binary noise (0.9255 → 92.5499…).
  const tenths = Math.round(rate * 1000 + 1e-9);
  const whole = Math.trunc(tenths / 10);
  const rest = Math.abs(tenths % 10);
  return rest === 0 ? `${whole}%` : `${whole}.${rest}%`;
}

/** A ranking score with one decimal: `84.8`, `100.0`. */
export function formatScore(score: number): string {
  return (Math.round(score * 10 + 1e-9) / 10).toFixed(1);
}

/** Colour of a rate for the tables and bars: green ≥ 90 %, yellow ≥ 70 %, red below, grey when none. */
export function rateTone(rate: number | null | undefined): 'green' | 'yellow' | 'red' | 'grey' {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 'grey';
  if (rate >= 0.9) return 'green';
  if (rate >= 0.7) return 'yellow';
  return 'red';
}

/** A counter of a report row, 0 when absent. */
export function count(row: Pick<ReportRow, 'counters'> | undefined, figure: Figure): number {
  return row?.counters[figure] ?? 0;
}

/**
 * The units a figure of the totals drills into. The totals of a county sum the
 * rows of its street offices (origin) or of the units requests were dispatched
 * to (handling); the drill-down route lists one unit's requests, so the list
 * page asks each unit that has some.
 */
export function drillUnits(byUnit: readonly ReportRow[], figure: Figure): string[] {
  const role = figureRole(figure);
  return byUnit.filter((r) => r.role === role && count(r, figure) > 0).map((r) => r.key);
}

/** How long ago something happened, for people: `3 天 2 小时`, `5 小时 10 分`, `12 分`, `不足 1 分`. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return mins > 0 ? `${hours} 小时 ${mins} 分` : `${hours} 小时`;
  return minutes > 0 ? `${mins} 分` : '不足 1 分';
}

const KIND_ORDER: Record<UnitKind, number> = { county: 0, street: 1, community: 2, department: 3, grid: 4 };

export const KIND_LABELS: Record<UnitKind, string> = {
  county: '区县',
  street: '街道/乡镇',
  community: '社区/村',
  department: '部门',
  grid: '网格',
};

/**
 * The units a supervisor may report on: their own unit and its subtree, without
 * grids (requests are counted for offices, communities and departments), the
 * own unit first, then by level and name.
 */
export function reportUnits(units: readonly Unit[], ownUnitId: string): Unit[] {
  return units
    .filter((u) => u.path.includes(ownUnitId) && u.kind !== 'grid')
    .sort((a, b) => {
      if (a.id === ownUnitId) return -1;
      if (b.id === ownUnitId) return 1;
      return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh');
    });
}

/** What the breach helpers read of a breach list item. */
export interface BreachLike {
  id: string;
  currentUnitId: string;
  currentUnitName: string;
  firstBreachAt: string;
  next?: { state: string; dueAt: string };
}

/**
 * When a breached request became overdue: the deadline of its earliest unmet
 * clock (the item's `next`, when that one is breached). `firstBreachAt` is when
 * the sweeper *recorded* the breach — the same moment only while the sweeper
 * runs every minute, hours or days later after it was stopped — so it is the
 * fallback, not the measure.
 */
export function overdueSince(item: Pick<BreachLike, 'firstBreachAt' | 'next'>): string {
  const due = item.next?.state === 'breached' ? item.next.dueAt : undefined;
  if (due === undefined) return item.firstBreachAt;
  const dueMs = epochMs(due);
  const recordedMs = epochMs(item.firstBreachAt);
  return Number.isFinite(dueMs) && (!Number.isFinite(recordedMs) || dueMs < recordedMs) ? due : item.firstBreachAt;
}

/** Breach items, longest overdue first (ties keep the server's order). */
export function sortByOverdue<T extends Pick<BreachLike, 'firstBreachAt' | 'next'>>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i, at: epochMs(overdueSince(item)) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.item);
}

/** Open breached requests grouped by the unit now responsible, most requests first. */
export interface BreachGroup {
  unitId: string;
  unitName: string;
  count: number;
  /** When its longest-overdue request became overdue. */
  oldestOverdueAt: string;
}

export function groupBreaches(items: readonly BreachLike[]): BreachGroup[] {
  const groups = new Map<string, BreachGroup>();
  for (const item of items) {
    const since = overdueSince(item);
    const g = groups.get(item.currentUnitId) ?? { unitId: item.currentUnitId, unitName: item.currentUnitName, count: 0, oldestOverdueAt: since };
    g.count += 1;
    if (epochMs(since) < epochMs(g.oldestOverdueAt)) g.oldestOverdueAt = since;
    groups.set(item.currentUnitId, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || epochMs(a.oldestOverdueAt) - epochMs(b.oldestOverdueAt));
}

/**
 * The file name of a download from its Content-Disposition header
 * (`attachment; filename*=UTF-8''%E7%BA%A2%E9%BB%91%E6%A6%9C.xlsx`, or a plain
 * `filename="x.xlsx"`), else `fallback`.
 */
export function dispositionFilename(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}
