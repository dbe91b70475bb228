import type { ClockView } from '@mashang/shared/contracts/common';
import { describeRemaining } from '@mashang/shared/sla';
import { epochMs } from './time.ts';

export type ClockState = ClockView['state'];

/** A clock as the page shows it right now. */
export interface LiveClock {
  state: ClockState;
  /** `剩余 2 小时 5 分`, `已超时 1 天`, `已按时完成`… */
  text: string;
  /** CSS modifier: green, yellow, red or grey. */
  tone: 'green' | 'yellow' | 'red' | 'grey';
}

export const STATE_TONE: Record<ClockState, LiveClock['tone']> = {
  on_time: 'green',
  warning: 'yellow',
  breached: 'red',
  met: 'grey',
  met_late: 'grey',
};

export const STATE_LABELS: Record<ClockState, string> = {
  on_time: '正常',
  warning: '黄牌',
  breached: '红牌',
  met: '已完成',
  met_late: '超时完成',
};

/**
 * Moves a clock the server described at `fetchedAt` (phone time) on to `now`
 * (phone time). Only the elapsed phone time is used, never the phone's absolute
 * time, so a phone whose clock is wrong still counts down correctly.
 */
export function liveClock(clock: Pick<ClockView, 'state' | 'remainingMs' | 'dueAt' | 'warnAt'>, fetchedAt: number, now: number): LiveClock {
  if (clock.state === 'met' || clock.state === 'met_late') {
    return { state: clock.state, text: clock.state === 'met' ? '已按时完成' : '已完成（超时）', tone: 'grey' };
  }
  const remaining = clock.remainingMs - Math.max(0, now - fetchedAt);
  let state: ClockState = clock.state;
  if (remaining <= 0) state = 'breached';
  else if (state === 'on_time') {
    // The server's "now" moved on by the same elapsed time: compare it with warnAt.
    const due = epochMs(clock.dueAt);
    const warn = epochMs(clock.warnAt);
    if (Number.isFinite(due) && Number.isFinite(warn) && due - remaining >= warn) state = 'warning';
  }
  return { state, text: describeRemaining(remaining), tone: STATE_TONE[state] };
}

/**
 * The mark of a list row from its next deadline, counted down from the phone's
 * clock (list rows carry no remainingMs).
 */
export function nextMark(next: { state: ClockState; label: string; dueAt: string } | undefined, now: number): { tone: LiveClock['tone']; text: string } | undefined {
  if (!next) return undefined;
  const due = epochMs(next.dueAt);
  const remaining = Number.isFinite(due) ? describeRemaining(due - now) : '';
  const overdue = (next.state === 'on_time' || next.state === 'warning') && Number.isFinite(due) && due <= now;
  const state = overdue ? 'breached' : next.state;
  return { tone: STATE_TONE[state], text: `${STATE_LABELS[state]} · ${next.label} ${remaining}`.trim() };
}
