import { describe, expect, it } from 'vitest';
import type { ReportRow } from '@mashang/shared/contracts/reports';
import { barPercent, compactTrend, sharePercent, trendSeries, trendSummary, unitRates } from './chart-data.ts';

const NO_RATES = { responseRate: null, classifyRate: null, resolveRate: null, resolveOnTimeRate: null, followUpRate: null, satisfactionRate: null };
const row = (key: string, role: ReportRow['role'], counters: Record<string, number>, rates: Partial<ReportRow['rates']> = {}): ReportRow => ({
  key,
  name: `${key}名`,
  role,
  counters,
  rates: { ...NO_RATES, ...rates },
});

describe('trend of received vs resolved', () => {
  it('has one point per day of the period, zero on days without requests', () => {
    const s = trendSeries([row('2026-11-02', 'origin', { received: 4, resolved: 1 }), row('2026-11-04', 'origin', { received: 2 })], { from: '2026-11-01', to: '2026-11-04' });
    expect(s.labels).toEqual(['11-01', '11-02', '11-03', '11-04']);
    expect(s.received).toEqual([0, 4, 0, 2]);
    expect(s.resolved).toEqual([0, 1, 0, 0]);
    expect(s.max).toBe(4);
  });

  it('scales an empty period to 1 so bars never divide by zero', () => {
    expect(trendSeries([], { from: '2026-11-01', to: '2026-11-01' }).max).toBe(1);
  });

  it('sums long periods into at most the given number of bars for a phone', () => {
    const s = trendSeries([row('2026-11-01', 'origin', { received: 1 }), row('2026-11-30', 'origin', { received: 2, resolved: 2 })], { from: '2026-11-01', to: '2026-11-30' });
    const rows = compactTrend(s, 10);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ label: '11-01~11-03', received: 1, resolved: 0 });
    expect(rows.reduce((t, r) => t + r.received, 0)).toBe(3);
    expect(compactTrend(trendSeries([], { from: '2026-11-01', to: '2026-11-07' }))).toHaveLength(7);
  });
});

describe('on-time rates by unit', () => {
  it('puts receiving offices first, then handling units, and leaves out units with nothing to measure', () => {
    const rates = unitRates([
      row('dept', 'handling', { dispatched: 1 }, { resolveOnTimeRate: 0 }),
      row('gll', 'origin', { received: 3 }, { responseRate: 2 / 3, resolveOnTimeRate: 1 / 3 }),
      row('idle', 'handling', {}),
    ]);
    expect(rates.map((r) => r.unitId)).toEqual(['gll', 'dept']);
    expect(rates[0]).toMatchObject({ name: 'gll名', responseRate: 2 / 3, resolveOnTimeRate: 1 / 3 });
  });

  it('sizes bars as a share of the largest value, with a visible minimum', () => {
    expect(barPercent(0.5, 1)).toBe(50);
    expect(barPercent(0.001, 1)).toBe(2);
    expect(barPercent(0, 1)).toBe(0);
    expect(barPercent(null, 1)).toBe(0);
    expect(barPercent(5, 4)).toBe(100);
  });
});

describe('trend summary', () => {
  it('adds up the period and names the busiest day (the first, on a tie)', () => {
    const s = trendSeries(
      [row('2026-11-02', 'origin', { received: 4, resolved: 1 }), row('2026-11-04', 'origin', { received: 4, resolved: 2 }), row('2026-11-03', 'origin', { received: 1 })],
      { from: '2026-11-01', to: '2026-11-04' },
    );
    expect(trendSummary(s)).toEqual({ received: 9, resolved: 3, peak: 4, peakLabel: '11-02' });
    expect(trendSummary(trendSeries([], { from: '2026-11-01', to: '2026-11-02' }))).toEqual({ received: 0, resolved: 0, peak: 0, peakLabel: undefined });
  });

  it('sizes the resolved part of a day as a share of what was received', () => {
    expect(sharePercent(1, 4)).toBe(25);
    expect(sharePercent(0, 4)).toBe(0);
    expect(sharePercent(3, 0)).toBe(0);
    expect(sharePercent(5, 4)).toBe(100);
  });
});
