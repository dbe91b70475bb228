import { describe, expect, it } from 'vitest';
import { outlogDays, ttlAfter } from './ttl.ts';

describe('ttl', () => {
  it('is epoch seconds the given days after an instant', () => {
    expect(ttlAfter('2026-11-30T04:00:00.500Z', 1)).toBe(Date.parse('2026-12-01T04:00:00.000Z') / 1000);
    expect(() => ttlAfter('yesterday', 1)).toThrow(/not an instant/);
  });
  it('keeps the notification log for the stage parameter, 90 days by default, never less than a day', () => {
    expect(outlogDays({ NOTIFICATION_LOG_DAYS: '30' })).toBe(30);
    expect(outlogDays({})).toBe(90);
    expect(outlogDays({ NOTIFICATION_LOG_DAYS: '0' })).toBe(90);
    expect(outlogDays({ NOTIFICATION_LOG_DAYS: 'many' })).toBe(90);
  });
});
