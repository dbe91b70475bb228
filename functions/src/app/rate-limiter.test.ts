import { describe, expect, it } from 'vitest';
import { MemoryRateCounters } from '../store/memory/rate.ts';
import { DEFAULT_RATE_LIMITS, RateLimitedError, RateLimiter } from './rate-limits.ts';

/**
 * The limiter's own calls to the counters (take, the account lock), on the memory counters
 * (held to the DynamoDB ones by functions/src/store/rate-contract.ts). The hits written with a
 * new request (`counted`) are in rate-limits.test.ts.
 */
const limits = { ...DEFAULT_RATE_LIMITS, submitPerIp: { limit: 2, windowSeconds: 600 }, loginFailuresPerAccount: { limit: 3, windowSeconds: 900 } };
const WINDOW_START = Date.parse('2026-11-18T02:00:00.000Z');

describe('RateLimiter on its counters', () => {
  it('takes a hit per known subject and refuses the first used-up one with the seconds left, until the window ends', async () => {
    let t = WINDOW_START + 30_000;
    const limiter = new RateLimiter(new MemoryRateCounters(), limits, () => t);
    await limiter.take(['submitPerIp', '10.0.0.1'], ['submitPerResident', undefined]);
    await limiter.take(['submitPerIp', '10.0.0.1']);
    const refused = await limiter.take(['submitPerIp', '10.0.0.1']).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 570 });
    await limiter.take(['submitPerIp', '10.0.0.2']);
    t = WINDOW_START + 600_000;
    await limiter.take(['submitPerIp', '10.0.0.1']);
  });

  it('locks an account after its wrong passwords, even to the right one, until the window ends; looking counts nothing', async () => {
    let t = WINDOW_START + 1000;
    const limiter = new RateLimiter(new MemoryRateCounters(), limits, () => t);
    for (let i = 0; i < 5; i++) await limiter.assertOpen('loginFailuresPerAccount', 'wang');
    for (let i = 0; i < 3; i++) {
      await limiter.assertOpen('loginFailuresPerAccount', 'wang');
      await limiter.fail('loginFailuresPerAccount', 'wang');
    }
    await expect(limiter.assertOpen('loginFailuresPerAccount', 'wang')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 899 });
    await limiter.assertOpen('loginFailuresPerAccount', 'li');
    t = WINDOW_START + 900_000;
    await limiter.assertOpen('loginFailuresPerAccount', 'wang');
  });

  it('lets a request through when its counter cannot be reached, and says so in the log', async () => {
    const counters = new MemoryRateCounters();
    const down = Object.assign(Object.create(counters) as MemoryRateCounters, {
      hit: () => Promise.reject(Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' })),
    });
    const logged: Record<string, unknown>[] = [];
    const limiter = new RateLimiter(down, limits, () => WINDOW_START, (e) => logged.push(e));
    for (let i = 0; i < 3; i++) await limiter.take(['submitPerIp', '10.0.0.9']);
    expect(logged).toHaveLength(3);
    expect(logged[0]).toMatchObject({ level: 'warn', rule: 'submitPerIp', error: 'ProvisionedThroughputExceededException' });
  });
});
