import { describe, expect, it } from 'vitest';
import { DutyRosterSchema, onDutyAt, type DutyRoster } from './duty.ts';

// Weekdays: day shift 08:00–18:00 王芳, night shift 18:00–08:00 李强; weekends 赵敏 all day.
const roster: DutyRoster = {
  weekly: [
    ...[1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, from: '08:00', to: '18:00', staffIds: ['wang'] },
      { weekday, from: '18:00', to: '08:00', staffIds: ['li'] },
    ]),
    { weekday: 6, from: '00:00', to: '24:00', staffIds: ['zhao'] },
    { weekday: 7, from: '00:00', to: '24:00', staffIds: ['zhao'] },
  ],
  // Thu 2026-10-01 (National Day): 孙磊 all day instead of the weekly pattern.
  exceptions: [{ date: '2026-10-01', from: '00:00', to: '24:00', staffIds: ['sun'], note: '国庆值班' }],
};

describe('duty roster (值班表)', () => {
  it.each([
    ['Mon 10:00', '2026-11-30T02:00:00.000Z', ['wang']],
    ['Mon 18:00 (night shift starts)', '2026-11-30T10:00:00.000Z', ['li']],
    ['Tue 02:00 (Monday night shift)', '2026-11-30T18:00:00.000Z', ['li']],
    ['Tue 08:00 (day shift again)', '2026-12-01T00:00:00.000Z', ['wang']],
    ['Sat 02:00: Friday night shift still running, and the weekend day', '2026-12-04T18:00:00.000Z', ['zhao', 'li']],
    ['Sun 23:59', '2026-12-06T15:59:00.000Z', ['zhao']],
    ['National Day 10:00: the dated exception replaces Thursday', '2026-10-01T02:00:00.000Z', ['sun']],
    ['National Day 02:00: Wednesday night shift, then the exception', '2026-09-30T18:00:00.000Z', ['sun', 'li']],
    ['Oct 2 02:00: the exception ended at 24:00, no night shift from Oct 1', '2026-10-01T18:00:00.000Z', []],
  ] as const)('%s', (_name, at, expected) => {
    expect(onDutyAt(roster, at).sort()).toEqual([...expected].sort());
  });

  it('nobody without a roster', () => {
    expect(onDutyAt(undefined, '2026-11-30T02:00:00.000Z')).toEqual([]);
  });

  it('validates shifts with Chinese messages', () => {
    expect(DutyRosterSchema.safeParse(roster).success).toBe(true);
    const bad = DutyRosterSchema.safeParse({ weekly: [{ weekday: 8, from: '25:00', to: '08:00', staffIds: [] }], exceptions: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['星期应为 1–7', '时间格式应为 HH:mm', '请选择值班人员']));
  });
});
