import { describe, expect, it } from 'vitest';
import { addShift, normaliseTime, onDutyNow, removeWeekly, shiftTime } from './duty-edit.ts';

const staff = [
  { id: 'gll-handler', name: '王芳' },
  { id: 'gll-night', name: '张伟' },
];
const empty = { weekly: [], exceptions: [] };

describe('editing a duty roster', () => {
  it('adds a weekday shift to each chosen weekday, sorted, and a night shift past midnight', () => {
    const a = addShift(empty, { kind: 'weekly', weekdays: [3, 1] }, { from: '8:30', to: '17：30', staffIds: ['gll-handler'] });
    if (!('roster' in a)) throw new Error(a.error);
    expect(a.roster.weekly.map((w) => [w.weekday, w.from, w.to])).toEqual([
      [1, '08:30', '17:30'],
      [3, '08:30', '17:30'],
    ]);
    const b = addShift(a.roster, { kind: 'weekly', weekdays: [1] }, { from: '17:30', to: '08:30', staffIds: ['gll-night'] });
    if (!('roster' in b)) throw new Error(b.error);
    expect(shiftTime(b.roster.weekly[1]!)).toBe('17:30–次日 08:30');
    // Monday 2026-11-30 10:00 and 23:00 Shanghai; Tuesday 07:00 (the Monday night shift).
    expect(onDutyNow(b.roster, staff, '2026-11-30T02:00:00.000Z')).toBe('王芳');
    expect(onDutyNow(b.roster, staff, '2026-11-30T15:00:00.000Z')).toBe('张伟');
    expect(onDutyNow(b.roster, staff, '2026-11-30T23:00:00.000Z')).toBe('张伟');
    expect(onDutyNow(removeWeekly(b.roster, 1), staff, '2026-11-30T15:00:00.000Z')).toBe('');
  });

  it('a holiday exception replaces the day’s weekly shifts', () => {
    const a = addShift(empty, { kind: 'weekly', weekdays: [4] }, { from: '08:30', to: '17:30', staffIds: ['gll-handler'] });
    if (!('roster' in a)) throw new Error(a.error);
    const b = addShift(a.roster, { kind: 'dated', date: '2026-01-01', note: '元旦' }, { from: '00:00', to: '24:00', staffIds: ['gll-night'] });
    if (!('roster' in b)) throw new Error(b.error);
    expect(b.roster.exceptions).toEqual([{ date: '2026-01-01', from: '00:00', to: '24:00', staffIds: ['gll-night'], note: '元旦' }]);
    expect(onDutyNow(b.roster, staff, '2026-01-01T02:00:00.000Z')).toBe('张伟'); // Thursday, New Year's Day
  });

  it('refuses what is not a shift, with a Chinese message', () => {
    expect(addShift(empty, { kind: 'weekly', weekdays: [1] }, { from: '8点', to: '17:30', staffIds: ['x'] })).toEqual({ error: '请按 08:30 的格式填写开始和结束时间' });
    expect(addShift(empty, { kind: 'weekly', weekdays: [1] }, { from: '08:30', to: '08:30', staffIds: ['x'] })).toEqual({ error: '开始和结束时间不能相同' });
    expect(addShift(empty, { kind: 'weekly', weekdays: [] }, { from: '08:30', to: '17:30', staffIds: ['x'] })).toEqual({ error: '请选择星期' });
    expect(addShift(empty, { kind: 'weekly', weekdays: [1] }, { from: '08:30', to: '17:30', staffIds: [] })).toEqual({ error: '请选择值班人员' });
    expect(addShift(empty, { kind: 'dated', date: '1月1日' }, { from: '08:30', to: '17:30', staffIds: ['x'] })).toEqual({ error: '请按 2026-10-01 的格式填写日期' });
    expect(normaliseTime('25:00')).toBeUndefined();
    expect(normaliseTime('24:00')).toBe('24:00');
  });
});
