import { describe, expect, it } from 'vitest';
import { describeRemaining } from '@mashang/shared/sla';
import { liveClock, nextMark } from './clocks.ts';

const MIN = 60_000;
// A 30-minute respond window from 10:00Z: warnAt at 80 % = 10:24Z.
const respond = { dueAt: '2026-10-08T10:30:00.000Z', warnAt: '2026-10-08T10:24:00.000Z' };

describe('liveClock', () => {
  it('counts down from the server remainder by the phone time elapsed since fetch', () => {
    const live = liveClock({ ...respond, state: 'on_time', remainingMs: 20 * MIN }, 1_000_000, 1_000_000 + 3 * MIN);
    expect(live).toEqual({ state: 'on_time', text: describeRemaining(17 * MIN), tone: 'green' });
  });

  it('turns yellow when the countdown passes warnAt', () => {
    // 20 minutes left at fetch, 15 minutes later → 5 left → server-now 10:25 ≥ warnAt 10:24.
    expect(liveClock({ ...respond, state: 'on_time', remainingMs: 20 * MIN }, 0, 15 * MIN)).toMatchObject({ state: 'warning', tone: 'yellow' });
  });

  it('turns red at the deadline, and counts overdue time', () => {
    expect(liveClock({ ...respond, state: 'warning', remainingMs: 2 * MIN }, 0, 2 * MIN)).toMatchObject({ state: 'breached', tone: 'red', text: describeRemaining(0) });
    expect(liveClock({ ...respond, state: 'breached', remainingMs: -90 * MIN }, 0, 0)).toMatchObject({ state: 'breached', text: describeRemaining(-90 * MIN) });
  });

  it('ignores the phone clock going backwards', () => {
    expect(liveClock({ ...respond, state: 'on_time', remainingMs: 20 * MIN }, 10 * MIN, 0).text).toBe(describeRemaining(20 * MIN));
  });

  it('shows met clocks in grey without a countdown', () => {
    expect(liveClock({ ...respond, state: 'met', remainingMs: 12 * MIN }, 0, 99 * MIN)).toEqual({ state: 'met', text: '已按时完成', tone: 'grey' });
    expect(liveClock({ ...respond, state: 'met_late', remainingMs: -3 * MIN }, 0, 0)).toMatchObject({ tone: 'grey', text: '已完成（超时）' });
  });
});

describe('nextMark', () => {
  const now = Date.parse('2026-10-08T10:20:00.000Z');
  it('marks a warning yellow and a breach red with the clock label', () => {
    expect(nextMark({ state: 'warning', label: '响应', dueAt: respond.dueAt }, now)).toEqual({ tone: 'yellow', text: `黄牌 · 响应 ${describeRemaining(10 * MIN)}` });
    expect(nextMark({ state: 'breached', label: '响应', dueAt: respond.dueAt }, now + 40 * MIN)).toMatchObject({ tone: 'red' });
  });

  it('treats an on-time or warned row whose deadline has passed on this phone as breached', () => {
    expect(nextMark({ state: 'on_time', label: '响应', dueAt: respond.dueAt }, now + 11 * MIN)?.tone).toBe('red');
    expect(nextMark({ state: 'warning', label: '响应', dueAt: respond.dueAt }, now + 10 * MIN)).toMatchObject({ tone: 'red', text: expect.stringMatching(/^红牌/) });
  });

  it('has no mark without a next deadline', () => {
    expect(nextMark(undefined, now)).toBeUndefined();
  });
});
