import { describe, expect, it } from 'vitest';
import { createCalendar, type CalendarOverride } from './calendar.ts';
import { computeClocks, DEFAULT_POLICY, type SlaPolicy } from './sla.ts';
import { decide } from './commands/decide.ts';
import { openTicket, type Ticket } from './ticket.ts';
import { isProvisional, noteAfterCommand, rederiveDeadlines, withCalendarNote } from './rederive.ts';

/** 2027's New Year and Spring Festival as an admin would load them (a sample, enough for these dates). */
const Y2027: CalendarOverride[] = [
  { date: '2027-01-01', kind: 'holiday', note: '元旦' },
  { date: '2027-01-02', kind: 'holiday' },
  { date: '2027-01-03', kind: 'holiday' },
];
const bundled = createCalendar();
const loaded = createCalendar({ overrides: Y2027, loadedYears: [2027] });

/** Received Mon 2026-12-28 10:00 Shanghai. */
const T0 = '2026-12-28T02:00:00.000Z';

function ticketAt(calendar = bundled, policy: SlaPolicy = DEFAULT_POLICY): Ticket {
  const { ticket } = openTicket(
    {
      id: '2612280000001',
      channel: 'qr',
      categoryCode: 'traffic',
      description: '公交站牌损坏',
      anonymous: true,
      urgent: false,
      locationName: '甘肃大剧院',
      coordinatorUnitId: 'gaolanlu',
      receivedAt: T0,
      policy,
      clocks: computeClocks(T0, policy, calendar),
      photos: [],
    },
    { id: 'dev-1', role: 'resident' },
  );
  return withCalendarNote(ticket, calendar);
}

describe('a request whose deadlines fall in a year not loaded', () => {
  it('records the missing year, and its working-day deadlines are 预计 (the wall-clock ones are not)', () => {
    const t = ticketAt();
    expect(t.calendarMissingYears).toEqual([2027]);
    // Mon–Fri fallback: Dec 29, 30, 31, Jan 1 (counted!), Jan 4 → resolve due end of Jan 4.
    expect(t.clocks.resolve.dueAt).toBe('2027-01-04T16:00:00.000Z');
    expect(isProvisional(t, 'resolve')).toBe(true);
    expect(isProvisional(t, 'followUp')).toBe(true);
    expect(isProvisional(t, 'respond')).toBe(false);
    expect(isProvisional(t, 'classify')).toBe(false);
  });

  it('a request filed after the year is loaded is exact', () => {
    const t = ticketAt(loaded);
    expect(t.calendarMissingYears).toBeUndefined();
    expect(isProvisional(t, 'resolve')).toBe(false);
    // Dec 29, 30, 31, Jan 4, 5.
    expect(t.clocks.resolve.dueAt).toBe('2027-01-05T16:00:00.000Z');
  });
});

describe('re-deriving after the year is loaded', () => {
  it('moves the working-day deadlines from T0, clears 预计 and records old → new in one event', () => {
    const before = ticketAt();
    const d = rederiveDeadlines(before, loaded, '2026-11-30T04:00:00.000Z', '加载 2027 年日历')!;
    expect(d.ticket.clocks.resolve.dueAt).toBe('2027-01-05T16:00:00.000Z');
    expect(d.ticket.clocks.respond).toEqual(before.clocks.respond);
    expect(d.ticket.calendarMissingYears).toBeUndefined();
    expect(d.ticket.version).toBe(before.version + 1);
    expect(d.ticket.eventCount).toBe(before.eventCount + 1);
    expect(d.events).toHaveLength(1);
    expect(d.events[0]).toMatchObject({
      type: 'deadlines_rederived',
      data: {
        reason: '加载 2027 年日历',
        resolve: { from: '2027-01-04T16:00:00.000Z', to: '2027-01-05T16:00:00.000Z' },
        calendarMissingYears: { from: [2027], to: [] },
      },
    });
    // The result equals a request filed under the loaded calendar.
    expect(d.ticket.clocks).toEqual(ticketAt(loaded).clocks);
  });

  it('is idempotent: a second run changes nothing', () => {
    const once = rederiveDeadlines(ticketAt(), loaded, '2026-11-30T04:00:00.000Z', 'x')!.ticket;
    expect(rederiveDeadlines(once, loaded, '2026-11-30T04:01:00.000Z', 'x')).toBeUndefined();
  });

  it('keeps the ticket’s own policy (a category changed since does not apply) and approved extensions', () => {
    const strict = { ...DEFAULT_POLICY, resolveWorkingDays: 2, followUpWorkingDays: 4 };
    let t = ticketAt(bundled, strict);
    const staff = { id: 'h', role: 'handler' as const, unitId: 'gaolanlu' };
    const sup = { id: 's', role: 'supervisor' as const, unitId: 'gaolanlu' };
    const ctx = { calendar: bundled };
    t = decide(t, { type: 'respond', via: 'call' }, staff, '2026-12-28T02:10:00.000Z', ctx).ticket;
    t = decide(t, { type: 'request_extension', workingDays: 1, reason: '需要协调' }, staff, '2026-12-28T03:00:00.000Z', ctx).ticket;
    t = decide(t, { type: 'decide_extension', approve: true }, sup, '2026-12-28T04:00:00.000Z', ctx).ticket;
    const d = rederiveDeadlines(t, loaded, '2026-12-29T00:00:00.000Z', '加载 2027 年日历')!;
    // 2 working days (Dec 29, 30) + 1 extension (Dec 31): unaffected by 2027.
    expect(d.ticket.clocks.resolve.dueAt).toBe('2026-12-31T16:00:00.000Z');
    expect(d.ticket.clocks.resolve.extendedDays).toBe(1);
    // follow-up: 4 days + 1 → Dec 29, 30, 31, Jan 4, Jan 5 (Jan 1 now a holiday).
    expect(d.ticket.clocks.followUp.dueAt).toBe('2027-01-05T16:00:00.000Z');
    expect(d.ticket.policy).toEqual(strict);
  });

  it('leaves closed requests alone', () => {
    const t = { ...ticketAt(), status: 'closed' as const };
    expect(rederiveDeadlines(t, loaded, '2026-12-29T00:00:00.000Z', 'x')).toBeUndefined();
  });

  it('a later cut-off (17:30) moves the deadlines of a year already known', () => {
    const t = withCalendarNote(ticketAt(loaded), loaded);
    const early = createCalendar({ overrides: Y2027, loadedYears: [2027], cutoffMinutes: 1050 });
    const d = rederiveDeadlines(t, early, '2026-12-29T00:00:00.000Z', '截止时间改为17:30')!;
    expect(d.ticket.clocks.resolve.dueAt).toBe('2027-01-05T09:30:00.000Z');
  });
});

describe('a command keeps or renews the note', () => {
  it('a reopening under the loaded calendar makes the restarted deadlines exact', () => {
    const t = ticketAt();
    // Every command that moves a working-day deadline (reopen, extension, re-classification) moves both.
    const restarted = computeClocks('2026-12-30T02:00:00.000Z', DEFAULT_POLICY, loaded);
    const after = { ...t, clocks: { ...t.clocks, resolve: restarted.resolve, followUp: restarted.followUp } };
    expect(noteAfterCommand(t, after, loaded).calendarMissingYears).toBeUndefined();
    expect(noteAfterCommand(t, after, bundled).calendarMissingYears).toEqual([2027]);
  });
  it('a command that moves no working-day deadline keeps the note as it was', () => {
    const t = ticketAt();
    const after = { ...t, status: 'responded' as const };
    expect(noteAfterCommand(t, after, loaded).calendarMissingYears).toEqual([2027]);
  });
});
