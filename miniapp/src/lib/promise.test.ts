import { describe, expect, it } from 'vitest';
import { movedDeadlines } from './promise.ts';

describe('movedDeadlines: the promise shown vs the deadlines stored', () => {
  // Shown at Tue 23:58 local; stored for a submit at Wed 00:03: both working-day deadlines move by a day.
  const shown = [
    { clock: 'respond', dueAt: '2026-11-17T16:28:00.000Z' },
    { clock: 'resolve', dueAt: '2026-11-24T16:00:00.000Z' },
    { clock: 'followUp', dueAt: '2026-12-01T16:00:00.000Z' },
  ];
  it('names the working-day clocks whose date moved across midnight', () => {
    const stored = [
      { clock: 'respond', dueAt: '2026-11-17T16:33:00.000Z' },
      { clock: 'resolve', dueAt: '2026-11-25T16:00:00.000Z' },
      { clock: 'followUp', dueAt: '2026-12-02T16:00:00.000Z' },
    ];
    expect(movedDeadlines(shown, stored)).toEqual(['resolve', 'followUp']);
  });

  it('ignores the minute-by-minute move of the respond clock and equal dates', () => {
    const stored = [{ clock: 'respond', dueAt: '2026-11-17T16:33:00.000Z' }, shown[1]!, shown[2]!];
    expect(movedDeadlines(shown, stored)).toEqual([]);
  });

  it('says nothing when no promise was shown', () => {
    expect(movedDeadlines(undefined, shown)).toEqual([]);
    expect(movedDeadlines([], shown)).toEqual([]);
  });
});
