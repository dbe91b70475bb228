import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { RateStore } from '../store/rate.ts';
import { RateLimiter, rateLimitsFromEnv } from './rate-limits.ts';

let limiter: RateLimiter | undefined;

/** The rate limiter of a warm Lambda (counters in the stage's table); the first call fixes its clock (tests pass a fixed one). */
export function limiterFromEnv(env: NodeJS.ProcessEnv = process.env, now: () => number = () => Date.now()): RateLimiter {
  if (limiter) return limiter;
  const config = storeConfigFromEnv(env);
  limiter = new RateLimiter(new RateStore(createDocClient(config), config.tableName), rateLimitsFromEnv(env), now);
  return limiter;
}
