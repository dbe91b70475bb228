import { describe, expect, it } from 'vitest';
import { createCalendar, CutoffMinutesSchema } from './calendar.ts';
import { calendarCoverage, CalendarFileError, CutoffInputSchema, LoadYearInputSchema, parseCalendarFile } from './calendar-admin.ts';

const Y2027 = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-02-06', kind: 'holiday', name: '春节' },
  { date: '2027-02-20', kind: 'workday', name: '春节' },
] as const;

describe('loading a year: validated as a whole', () => {
  it('accepts a year whose dates are each listed once, all in that year', () => {
    expect(LoadYearInputSchema.safeParse({ year: 2027, days: Y2027 }).success).toBe(true);
  });

  it('rejects a date listed as both a holiday and a working day, naming it', () => {
    const res = LoadYearInputSchema.safeParse({ year: 2027, days: [...Y2027, { date: '2027-01-01', kind: 'workday' }] });
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => i.message)).toEqual(['2027-01-01 不能既是放假日又是上班日']);
    expect(res.error?.issues[0]?.path).toEqual(['days', 3, 'date']);
  });

  it('rejects a date listed twice', () => {
    const res = LoadYearInputSchema.safeParse({ year: 2027, days: [...Y2027, { date: '2027-02-06', kind: 'holiday' }] });
    expect(res.error?.issues.map((i) => i.message)).toEqual(['2027-02-06 重复列出']);
  });

  it.each([
    [{ year: 2027, days: [{ date: '2028-01-01', kind: 'holiday' }] }, '2028-01-01 不在 2027 年内'],
    [{ year: 2027, days: [{ date: '2027-02-30', kind: 'holiday' }] }, undefined],
    [{ year: 2027, days: [{ date: '2027-01-01', kind: 'weekend' }] }, '类型须为 holiday（放假）或 workday（上班）'],
    [{ year: 2027, days: [] }, '请至少列出一天（节假日或调休上班日）'],
    [{ year: 1999, days: Y2027 }, '年份超出范围'],
  ])('rejects %j', (input, message) => {
    const res = LoadYearInputSchema.safeParse(input);
    expect(res.success).toBe(false);
    if (message) expect(res.error?.issues.map((i) => i.message)).toContain(message);
  });
});

describe('reading an arrangement file', () => {
  it('CSV with a header, Chinese kinds and names', () => {
    const csv = '日期,类型,名称\n2027-01-01,休,元旦\n2027-02-20,班,春节\r\n\n2027-02-06,holiday\n';
    expect(parseCalendarFile(csv, 2027)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-20', kind: 'workday', name: '春节' },
      { date: '2027-02-06', kind: 'holiday' },
    ]);
  });

  it('CSV: a bad line is named', () => {
    expect(() => parseCalendarFile('2027-01-01,休\n2027-13-01,休', 2027)).toThrow(new CalendarFileError('第 2 行：日期“2027-13-01”格式应为 YYYY-MM-DD'));
    expect(() => parseCalendarFile('2027-01-01,周末', 2027)).toThrow(/第 1 行：类型“周末”/);
    expect(() => parseCalendarFile('  ', 2027)).toThrow(CalendarFileError);
  });

  it('JSON days, and the chinese-days package format (only the requested year)', () => {
    expect(parseCalendarFile(JSON.stringify({ days: Y2027 }), 2027)).toEqual(Y2027);
    const pkg = { holidays: { '2026-12-31': 'x,跨年,1', '2027-01-01': "New Year's Day,元旦,1" }, workdays: { '2027-02-20': 'Spring Festival,春节,2' } };
    expect(parseCalendarFile(JSON.stringify(pkg), 2027)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-20', kind: 'workday', name: '春节' },
    ]);
    expect(() => parseCalendarFile('{"x":1}', 2027)).toThrow(CalendarFileError);
    expect(() => parseCalendarFile('{bad', 2027)).toThrow('JSON 格式有误');
  });
});

describe('the end-of-day cut-off has one range, 60..1440, everywhere', () => {
  it.each([
    [59, false],
    [60, true],
    [1050, true],
    [1440, true],
    [1441, false],
    [1, false],
    [17.5, false],
  ])('%s minutes: admin input valid = %s, and the calendar agrees', (minutes, ok) => {
    expect(CutoffInputSchema.safeParse({ cutoffMinutes: minutes }).success).toBe(ok);
    expect(CutoffMinutesSchema.safeParse(minutes).success).toBe(ok);
    if (ok) expect(createCalendar({ cutoffMinutes: minutes }).cutoffMinutes).toBe(minutes);
    else expect(() => createCalendar({ cutoffMinutes: minutes })).toThrow(RangeError);
  });
});

describe('calendar coverage on the admin home', () => {
  const bundled = createCalendar();
  it('no warning before 1 November even though next year is not loaded', () => {
    expect(calendarCoverage('2026-10-31', bundled)).toMatchObject({ year: 2026, yearLoaded: true, nextYear: 2027, nextYearLoaded: false, warn: false });
  });
  it('from 1 November it warns that next year is not loaded', () => {
    const c = calendarCoverage('2026-11-01', bundled);
    expect(c.warn).toBe(true);
    expect(c.message).toContain('2027 年的节假日安排尚未加载');
  });
  it('no warning once next year is loaded as a whole', () => {
    expect(calendarCoverage('2026-11-30', createCalendar({ loadedYears: [2027], overrides: [{ date: '2027-01-01', kind: 'holiday' }] })).warn).toBe(false);
  });
  it('one override of next year does not silence it', () => {
    expect(calendarCoverage('2026-11-30', createCalendar({ overrides: [{ date: '2027-01-01', kind: 'holiday' }] })).warn).toBe(true);
  });
  it('a year not loaded at all warns all year round', () => {
    expect(calendarCoverage('2028-03-01', bundled)).toMatchObject({ warn: true, message: expect.stringContaining('2028') });
  });
});
