import { describe, expect, it } from 'vitest';
import type { ReportRow } from '@mashang/shared/contracts/reports';
import type { Unit } from '@mashang/shared/org';
import { dispositionFilename, drillUnits, formatAge, formatRate, formatScore, groupBreaches, overdueSince, rateTone, reportUnits, sortByOverdue } from './supervisor-format.ts';

const row = (key: string, role: ReportRow['role'], counters: Record<string, number>): ReportRow => ({
  key,
  name: key,
  role,
  counters,
  rates: { responseRate: null, classifyRate: null, resolveRate: null, resolveOnTimeRate: null, followUpRate: null, satisfactionRate: null },
});

describe('rates and scores', () => {
  it('shows a rate as a percentage with at most one decimal, rounding half up', () => {
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.5)).toBe('50%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(0.9255)).toBe('92.6%');
    expect(formatRate(0.0004)).toBe('0%');
    expect(formatRate(0.0005)).toBe('0.1%');
  });

  it('shows a dash when there is nothing to measure', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('colours rates green from 90 %, yellow from 70 %, red below', () => {
    expect([0.9, 0.899, 0.7, 0.69, null].map(rateTone)).toEqual(['green', 'yellow', 'yellow', 'red', 'grey']);
  });

  it('shows scores with one decimal', () => {
    expect(formatScore(84.75)).toBe('84.8');
    expect(formatScore(100)).toBe('100.0');
  });
});

describe('drill-down units', () => {
  const byUnit = [
    row('gaolanlu', 'origin', { received: 3, openBreached: 1 }),
    row('zhangyelu', 'origin', { received: 2 }),
    row('dept-zhujian', 'handling', { dispatched: 2, resolved: 1 }),
  ];

  it('asks the receiving offices that have the figure', () => {
    expect(drillUnits(byUnit, 'received')).toEqual(['gaolanlu', 'zhangyelu']);
    expect(drillUnits(byUnit, 'openBreached')).toEqual(['gaolanlu']);
    expect(drillUnits(byUnit, 'satisfied')).toEqual([]);
  });

  it('asks the handling units for what was dispatched', () => {
    expect(drillUnits(byUnit, 'dispatched')).toEqual(['dept-zhujian']);
  });
});

describe('breaches', () => {
  it('says how long ago in days, hours and minutes', () => {
    expect(formatAge(30_000)).toBe('不足 1 分');
    expect(formatAge(12 * 60_000)).toBe('12 分');
    expect(formatAge(5 * 3600_000 + 10 * 60_000)).toBe('5 小时 10 分');
    expect(formatAge(2 * 3600_000)).toBe('2 小时');
    expect(formatAge(3 * 86_400_000 + 2 * 3600_000 + 59 * 60_000)).toBe('3 天 2 小时');
    expect(formatAge(-5)).toBe('不足 1 分');
  });

  const item = (id: string, unit: string, recorded: string, due?: string) => ({
    id,
    currentUnitId: unit,
    currentUnitName: `${unit}名`,
    firstBreachAt: recorded,
    next: due ? { state: 'breached', dueAt: due } : undefined,
  });

  it('dates a breach from the missed deadline, not from when the sweeper recorded it', () => {
    // Received 9 days ago, the sweeper was off: recorded now, overdue since the respond deadline.
    expect(overdueSince(item('1', 'a', '2026-11-22T00:00:00.000Z', '2026-11-13T00:30:00.000Z'))).toBe('2026-11-13T00:30:00.000Z');
    // No breached next deadline in the row: fall back to the recorded time.
    expect(overdueSince(item('2', 'a', '2026-11-22T00:00:00.000Z'))).toBe('2026-11-22T00:00:00.000Z');
    expect(overdueSince({ firstBreachAt: '2026-11-22T00:00:00.000Z', next: { state: 'warning', dueAt: '2026-11-21T00:00:00.000Z' } })).toBe('2026-11-22T00:00:00.000Z');
  });

  it('lists the longest overdue first, keeping the server order on ties', () => {
    const sorted = sortByOverdue([
      item('a', 'x', '2026-11-22T00:00:00.000Z', '2026-11-21T01:00:00.000Z'),
      item('b', 'x', '2026-11-22T00:00:00.000Z', '2026-11-13T00:30:00.000Z'),
      item('c', 'x', '2026-11-22T00:00:00.000Z'),
      item('d', 'x', '2026-11-22T00:00:00.000Z'),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('groups open breaches by the responsible unit, most first, then longest overdue', () => {
    const groups = groupBreaches([
      item('1', 'a', '2026-11-03T00:00:00.000Z'),
      item('2', 'b', '2026-11-01T00:00:00.000Z'),
      item('3', 'a', '2026-11-04T00:00:00.000Z', '2026-11-02T00:00:00.000Z'),
      item('4', 'c', '2026-10-30T00:00:00.000Z'),
    ]);
    expect(groups).toEqual([
      { unitId: 'a', unitName: 'a名', count: 2, oldestOverdueAt: '2026-11-02T00:00:00.000Z' },
      { unitId: 'c', unitName: 'c名', count: 1, oldestOverdueAt: '2026-10-30T00:00:00.000Z' },
      { unitId: 'b', unitName: 'b名', count: 1, oldestOverdueAt: '2026-11-01T00:00:00.000Z' },
    ]);
  });
});

describe('units a supervisor may report on', () => {
  const u = (id: string, kind: Unit['kind'], path: string[], name = id): Unit => ({ id, name, kind, path });
  const units = [
    u('dept', 'department', ['county', 'dept'], '区住建局'),
    u('grid', 'grid', ['county', 'street', 'comm', 'grid']),
    u('comm', 'community', ['county', 'street', 'comm'], '东街社区'),
    u('street', 'street', ['county', 'street'], '皋兰路街道'),
    u('county', 'county', ['county'], '城关区'),
    u('other', 'street', ['county2', 'other']),
  ];

  it('lists the own unit first, then its subtree by level, without grids or other counties', () => {
    expect(reportUnits(units, 'county').map((x) => x.id)).toEqual(['county', 'street', 'comm', 'dept']);
    expect(reportUnits(units, 'street').map((x) => x.id)).toEqual(['street', 'comm']);
  });
});

describe('download names', () => {
  it('reads the UTF-8 file name of a Content-Disposition header', () => {
    expect(dispositionFilename(`attachment; filename*=UTF-8''${encodeURIComponent('红黑榜_2026-11.xlsx')}`, 'x.xlsx')).toBe('红黑榜_2026-11.xlsx');
    expect(dispositionFilename('attachment; filename="report.xlsx"', 'x.xlsx')).toBe('report.xlsx');
    expect(dispositionFilename(null, '报表.xlsx')).toBe('报表.xlsx');
    expect(dispositionFilename("attachment; filename*=UTF-8''%E0%A4%A", 'x.xlsx')).toBe('x.xlsx');
  });
});
