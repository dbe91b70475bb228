import { describe, expect, it } from 'vitest';
import { RateCountRefusedError } from '../ports/errors.ts';
import type { RateStore } from '../store/rate.ts';
import { DEFAULT_RATE_LIMITS, RateLimitedError, RateLimiter } from './rate-limits.ts';

/** The limiter's hits given to a create's transaction (counted), without DynamoDB: the store is never called. */
const noStore = new Proxy({}, { get: () => () => Promise.reject(new Error('no store call expected')) }) as unknown as RateStore;
const WINDOW = DEFAULT_RATE_LIMITS.submitPerResident.windowSeconds * 1000;

describe('RateLimiter.counted', () => {
  it('gives one rate_count side-write per known subject, with the rule’s window and the clock', () => {
    const t = 5 * WINDOW + 1234;
    const limiter = new RateLimiter(noStore, { ...DEFAULT_RATE_LIMITS }, () => t);
    const { writes } = limiter.counted(['submitPerResident', 'dev-1'], ['submitPerIp', undefined]);
    expect(writes).toEqual([{ kind: 'rate_count', rule: 'submitPerResident', subject: 'dev-1', ...DEFAULT_RATE_LIMITS.submitPerResident, atMs: t }]);
  });

  it('turns the store’s refusal into a 429 with the seconds left in the window, and nothing else', () => {
    const t = 5 * WINDOW + 60_000;
    const limiter = new RateLimiter(noStore, { ...DEFAULT_RATE_LIMITS }, () => t);
    const counted = limiter.counted(['submitPerResident', 'dev-2']);
    const refused = counted.refusal(new RateCountRefusedError('submitPerResident', 'dev-2'));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused?.retryAfterSeconds).toBe((WINDOW - 60_000) / 1000);
    expect(counted.refusal(new Error('throttled'))).toBeUndefined();
  });

  it('refuses a used-up subject at once until its window ends, then counts again', () => {
    let t = 5 * WINDOW + 1000;
    const limiter = new RateLimiter(noStore, { ...DEFAULT_RATE_LIMITS }, () => t);
    limiter.counted(['submitPerResident', 'dev-3']).refusal(new RateCountRefusedError('submitPerResident', 'dev-3'));
    expect(() => limiter.counted(['submitPerResident', 'dev-3'])).toThrow(RateLimitedError);
    // Somebody else is not held back.
    expect(limiter.counted(['submitPerResident', 'dev-4']).writes).toHaveLength(1);
    t = 6 * WINDOW;
    expect(limiter.counted(['submitPerResident', 'dev-3']).writes).toHaveLength(1);
  });

  it('writes nothing when limits are off', () => {
    const limiter = new RateLimiter(noStore, 'off', () => 0);
    expect(limiter.counted(['submitPerResident', 'dev-5']).writes).toEqual([]);
  });
});
