import { describe, expect, it } from 'vitest';
import { checkCustomRange, datesOf, daysIn, monthLabel, monthRange, quickRange, rangeLabel, shiftMonth, todayIn } from './supervisor-period.ts';

// The unit project runs with TZ=America/New_York: none of these may depend on it.
describe('report periods in Shanghai time', () => {
  it('takes today from Shanghai, not from the machine zone', () => {
    // 2026-11-30T16:30Z is already 00:30 on 1 December in Shanghai (and still 30 November in New York).
    expect(todayIn(Date.parse('2026-11-30T16:30:00.000Z'))).toBe('2026-12-01');
    expect(todayIn(Date.parse('2026-11-30T15:59:00.000Z'))).toBe('2026-11-30');
  });

  it('runs this month from the 1st to today', () => {
    expect(quickRange('thisMonth', '2026-11-21')).toEqual({ from: '2026-11-01', to: '2026-11-21' });
    expect(quickRange('thisMonth', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });

  it('takes the whole of last month, across a year and in leap Februaries', () => {
    expect(quickRange('lastMonth', '2026-11-21')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(quickRange('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(quickRange('lastMonth', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(quickRange('lastMonth', '2026-03-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('starts this week on Monday', () => {
    // 2026-11-21 is a Saturday, 2026-11-16 the Monday before it.
    expect(quickRange('thisWeek', '2026-11-21')).toEqual({ from: '2026-11-16', to: '2026-11-21' });
    // A Sunday belongs to the week that began six days earlier.
    expect(quickRange('thisWeek', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(quickRange('thisWeek', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    // Across a month boundary.
    expect(quickRange('thisWeek', '2026-12-02')).toEqual({ from: '2026-11-30', to: '2026-12-02' });
  });

  it('moves months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-11', -13)).toBe('2025-10');
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthLabel('2026-03')).toBe('2026年3月');
  });

  it('lists every date of a range', () => {
    expect(datesOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysIn({ from: '2026-11-01', to: '2026-11-30' })).toBe(30);
    expect(rangeLabel({ from: '2026-11-01', to: '2026-11-21' })).toBe('2026-11-01 至 2026-11-21');
    expect(rangeLabel({ from: '2026-11-21', to: '2026-11-21' })).toBe('2026-11-21');
  });
});

describe('custom dates', () => {
  const today = '2026-11-21';

  it('accepts real dates and clamps an end in the future to today', () => {
    expect(checkCustomRange(' 2026-11-01 ', '2026-11-10', today)).toEqual({ ok: true, range: { from: '2026-11-01', to: '2026-11-10' } });
    expect(checkCustomRange('2026-11-01', '2026-12-31', today)).toEqual({ ok: true, range: { from: '2026-11-01', to: '2026-11-21' } });
  });

  it('explains what is wrong, in Chinese, on the right field', () => {
    expect(checkCustomRange('2026/11/01', '2026-11-10', today)).toMatchObject({ ok: false, field: 'from' });
    expect(checkCustomRange('2026-11-01', '2026-02-30', today)).toMatchObject({ ok: false, field: 'to' });
    expect(checkCustomRange('2026-11-10', '2026-11-01', today)).toEqual({ ok: false, field: 'to', message: '开始日期不能晚于结束日期' });
    expect(checkCustomRange('2026-11-22', '2026-11-30', today)).toEqual({ ok: false, field: 'from', message: '开始日期不能晚于今天' });
    expect(checkCustomRange('2025-01-01', '2026-11-01', today)).toEqual({ ok: false, field: 'to', message: '统计区间不能超过一年' });
  });

  it('allows exactly the longest period the report route accepts', () => {
    // ReportQuerySchema: to − from ≤ 366 days, i.e. 367 dates inclusive; the page keeps to 366.
    expect(checkCustomRange('2025-11-21', '2026-11-21', today)).toMatchObject({ ok: true });
    expect(checkCustomRange('2025-11-20', '2026-11-21', today)).toMatchObject({ ok: false, field: 'to' });
  });
});
