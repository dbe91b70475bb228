import { describe, expect, it } from 'vitest';
import { epochMs, formatDue, formatTime } from './time.ts';

// The unit project runs with TZ=America/New_York: these must not depend on it.
describe('Shanghai display', () => {
  it('formats instants in Shanghai time whatever the host zone', () => {
    expect(formatTime('2026-09-30T02:00:00.000Z')).toBe('2026-09-30 10:00');
    expect(formatTime('2026-10-08T16:30:00.000Z')).toBe('2026-10-09 00:30');
  });

  it('shows an end-of-day deadline as 24:00 of that day', () => {
    // End of Tue 2026-10-13 (Shanghai) is 2026-10-13T16:00Z.
    expect(formatDue('2026-10-13T16:00:00.000Z')).toBe('2026-10-13 24:00');
    expect(formatDue('2026-10-08T02:30:00.000Z')).toBe('2026-10-08 10:30');
  });

  it('falls back to the raw text for something that is not an instant', () => {
    expect(formatTime('soon')).toBe('soon');
    expect(formatDue('soon')).toBe('soon');
    expect(epochMs('soon')).toBeNaN();
  });
});
