import type { ReportRow, SlaReport } from '@mashang/shared/contracts/reports';
import { datesOf, shortDate, type DateRange } from './supervisor-period.ts';

/**
 * The data of the supervisors' two charts, shared by the echarts version (wide
 * H5) and the plain-View version (mini-program and phones). Pure, unit-tested.
 */

/** Received vs resolved per day of receipt, every day of the period (days without requests are 0). */
export interface TrendSeries {
  days: string[];
  /** `11-05` labels for the axis. */
  labels: string[];
  received: number[];
  resolved: number[];
  /** The largest value of both series (at least 1), for scaling bars. */
  max: number;
}

export function trendSeries(byDay: readonly ReportRow[], range: DateRange): TrendSeries {
  const byKey = new Map(byDay.map((r) => [r.key, r]));
  const days = datesOf(range);
  const received = days.map((d) => byKey.get(d)?.counters.received ?? 0);
  const resolved = days.map((d) => byKey.get(d)?.counters.resolved ?? 0);
  return { days, labels: days.map(shortDate), received, resolved, max: Math.max(1, ...received, ...resolved) };
}

/** One unit's on-time rates (0–1, null when nothing to measure). */
export interface UnitRates {
  unitId: string;
  name: string;
  role: ReportRow['role'];
  /** 响应率 for offices; null for handling units, which do not respond. */
  responseRate: number | null;
  resolveOnTimeRate: number | null;
}

/**
 * On-time rates by unit: the receiving offices first (响应率 and 按时办结率),
 * then the units requests were dispatched to (按时办结率), each group by volume
 * as the report orders it. Rows with nothing to measure are left out.
 */
export function unitRates(byUnit: readonly ReportRow[]): UnitRates[] {
  const pick = (role: ReportRow['role']) =>
    byUnit
      .filter((r) => r.role === role && (r.rates.responseRate !== null || r.rates.resolveOnTimeRate !== null))
      .map((r) => ({ unitId: r.key, name: r.name, role: r.role, responseRate: r.rates.responseRate, resolveOnTimeRate: r.rates.resolveOnTimeRate }));
  return [...pick('origin'), ...pick('handling')];
}

/** Bar length as a CSS percentage of `max`, never below a hairline for a non-zero value. */
export function barPercent(value: number | null, max: number): number {
  if (value === null || !Number.isFinite(value) || value <= 0 || max <= 0) return 0;
  return Math.max(2, Math.min(100, (value / max) * 100));
}

/**
 * Trend rows for the compact (plain View) chart: long periods are summed per
 * week so a phone shows at most `maxRows` bars.
 */
export function compactTrend(series: TrendSeries, maxRows = 16): Array<{ label: string; received: number; resolved: number }> {
  const rows = series.days.map((d, i) => ({ label: shortDate(d), received: series.received[i] ?? 0, resolved: series.resolved[i] ?? 0 }));
  if (rows.length <= maxRows) return rows;
  const size = Math.ceil(rows.length / maxRows);
  const out: Array<{ label: string; received: number; resolved: number }> = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const first = chunk[0]!;
    const last = chunk[chunk.length - 1]!;
    out.push({
      label: chunk.length > 1 ? `${first.label}~${last.label}` : first.label,
      received: chunk.reduce((s, r) => s + r.received, 0),
      resolved: chunk.reduce((s, r) => s + r.resolved, 0),
    });
  }
  return out;
}

/** True when the report has anything to draw. */
export function hasTrend(report: Pick<SlaReport, 'byDay'>): boolean {
  return report.byDay.some((r) => (r.counters.received ?? 0) > 0);
}

/** The trend in words, under the compact chart: totals and the busiest day. */
export interface TrendSummary {
  received: number;
  resolved: number;
  /** `11-22`, the first day with the most requests received; undefined when none were. */
  peakLabel?: string;
  peak: number;
}

export function trendSummary(series: TrendSeries): TrendSummary {
  let peak = 0;
  let peakLabel: string | undefined;
  series.received.forEach((n, i) => {
    if (n > peak) {
      peak = n;
      peakLabel = series.labels[i];
    }
  });
  const sum = (xs: number[]) => xs.reduce((s, n) => s + n, 0);
  return { received: sum(series.received), resolved: sum(series.resolved), peak, peakLabel };
}

/** Share of `part` in `whole` as a CSS percentage (0–100), 0 when the whole is 0. */
export function sharePercent(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.min(100, (part / whole) * 100);
}
