import { AppError } from '@mashang/shared';
import * as z from 'zod/mini';
import { RateCountRefusedError } from '../ports/errors.ts';
import type { SideWrite } from '../ports/tickets.ts';
import { rateWindow, retryAfterSeconds, type RateCounters, type Window } from '../ports/rate-window.ts';
import { lazySchema } from '@mashang/shared/lazy-schema';

/**
 * Rate limits per staff account, resident and client address, as configuration.
 * Counters live in DynamoDB (functions/src/store/rate.ts: fixed windows, one
 * conditional ADD per hit), so every Lambda instance sees the same counts.
 *
 * The defaults below may be changed per stage with the `RATE_LIMITS` environment
 * variable: a JSON object with any of these names, e.g.
 * `{"submitPerResident":{"limit":5,"windowSeconds":600}}`; `off` disables every limit
 * (benchmarks of the bare request path only). A refused request is 429 RATE_LIMITED
 * with `Retry-After` (seconds to the end of the window) and writes nothing else.
 */
export const DEFAULT_RATE_LIMITS = {
  /** Wrong passwords for one staff account; at the limit the account is locked (even the right password) until the window ends. */
  loginFailuresPerAccount: { limit: 10, windowSeconds: 900 },
  /** Sign-in attempts (password or WeChat) from one address. */
  loginPerIp: { limit: 60, windowSeconds: 900 },
  /** New anonymous device identities from one address. */
  deviceSessionsPerIp: { limit: 20, windowSeconds: 600 },
  /** Requests filed by one resident (a retry with the same client token counts too). */
  submitPerResident: { limit: 10, windowSeconds: 600 },
  /** Requests filed by one staff account (desk, grid workers). */
  submitPerStaff: { limit: 200, windowSeconds: 600 },
  /** Requests filed from one address (a community's shared network: generous). */
  submitPerIp: { limit: 100, windowSeconds: 600 },
  /** Photo upload slots per person. */
  uploadsPerActor: { limit: 60, windowSeconds: 600 },
  /** Lookups (a request's detail, lists, places, similar requests) per person. */
  lookupPerActor: { limit: 300, windowSeconds: 60 },
  /** Lookups from one address. */
  lookupPerIp: { limit: 1200, windowSeconds: 60 },
  /** Lookups of a request by its number and phone (POST /api/lookup) per device: a brake on guessing. */
  lookupByNumberPerDevice: { limit: 10, windowSeconds: 3600 },
  /** Lookups of one request number by number and phone, from any device: a known number's phone cannot be guessed. */
  lookupByNumberPerTicket: { limit: 5, windowSeconds: 3600 },
  /** Erasures of one's personal data (POST /api/me/erase) per person: each one reads all of the resident's requests. */
  erasurePerActor: { limit: 5, windowSeconds: 3600 },
} as const satisfies Record<string, Window>;

export type RateRule = keyof typeof DEFAULT_RATE_LIMITS;
export type RateLimitConfig = Record<RateRule, Window> | 'off';

const WindowSchema = lazySchema(() => z.object({ limit: z.number().check(z.int(), z.gte(1), z.lte(1_000_000)), windowSeconds: z.number().check(z.int(), z.gte(1), z.lte(86_400)) }));
const OverridesSchema = lazySchema(() => z.partialRecord(z.enum(Object.keys(DEFAULT_RATE_LIMITS) as [RateRule, ...RateRule[]]), WindowSchema));

/** The configuration of a stage (throws at start on a malformed `RATE_LIMITS`, so a typo never silently disables limits). */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv): RateLimitConfig {
  const raw = env.RATE_LIMITS?.trim();
  if (!raw) return { ...DEFAULT_RATE_LIMITS };
  if (raw === 'off') return 'off';
  const overrides = OverridesSchema.parse(JSON.parse(raw));
  return { ...DEFAULT_RATE_LIMITS, ...overrides };
}

/** 429 with the seconds to wait; the HTTP mapper turns them into `Retry-After`. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = retryAfterSeconds > 90 ? `操作过于频繁，请${Math.ceil(retryAfterSeconds / 60)}分钟后再试` : `操作过于频繁，请${retryAfterSeconds}秒后再试`,
  ) {
    super('RATE_LIMITED', message);
  }
}

/** Most used-up (rule, subject) windows one warm Lambda remembers. */
const EXHAUSTED_MAX = 10_000;

export class RateLimiter {
  /**
   * Windows this Lambda saw used up (`rule#subject` → the window's end): a counter only grows
   * within its window, so until then a new request of that subject is refused here, without a
   * DynamoDB call — a resident hammering the submit button costs one refused write per window.
   */
  private readonly exhausted = new Map<string, number>();

  constructor(
    private readonly store: RateCounters,
    private readonly config: RateLimitConfig,
    private readonly now: () => number,
    private readonly log: (entry: Record<string, unknown>) => void = (e) => console.warn(JSON.stringify(e)),
  ) {}

  /** Counts a hit for each (rule, subject); the first exhausted one refuses with 429. Subjects not known (no address) are skipped. */
  async take(...checks: [RateRule, string | undefined][]): Promise<void> {
    if (this.config === 'off') return;
    for (const [rule, subject] of checks) {
      if (!subject) continue;
      const decision = await this.guard(rule, () => this.store.hit(rule, subject, (this.config as Record<RateRule, Window>)[rule], this.now()));
      if (decision && !decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
    }
  }

  /**
   * The same hits as {@link take}, as side-writes of a new request (a `rate_count` each), so
   * the counters are written in the request's own transaction instead of one call each before
   * it: the request is stored only if every counter admits it, and a refused one counts
   * nothing. `refusal` turns the store's refusal into the 429 {@link take} would have thrown.
   */
  counted(...checks: [RateRule, string | undefined][]): { writes: SideWrite[]; refusal(err: unknown): RateLimitedError | undefined } {
    const config = this.config;
    if (config === 'off') return { writes: [], refusal: () => undefined };
    const atMs = this.now();
    for (const [rule, subject] of checks) {
      const until = subject ? this.exhausted.get(`${rule}#${subject}`) : undefined;
      if (until !== undefined && atMs < until) throw new RateLimitedError(retryAfterSeconds(until, atMs));
    }
    const writes: SideWrite[] = checks.flatMap(([rule, subject]) => (subject ? [{ kind: 'rate_count' as const, rule, subject, ...config[rule], atMs }] : []));
    return {
      writes,
      refusal: (err) => {
        if (!(err instanceof RateCountRefusedError) || !(err.rule in config)) return undefined;
        const { end } = rateWindow(config[err.rule as RateRule], atMs);
        if (this.exhausted.size >= EXHAUSTED_MAX) this.exhausted.delete(this.exhausted.keys().next().value!);
        this.exhausted.set(`${err.rule}#${err.subject}`, end);
        return new RateLimitedError(retryAfterSeconds(end, this.now()));
      },
    };
  }

  /** Refuses while the subject's window is used up, without counting (the lock of an account after wrong passwords). */
  async assertOpen(rule: RateRule, subject: string): Promise<void> {
    if (this.config === 'off') return;
    const decision = await this.guard(rule, () => this.store.exhausted(rule, subject, (this.config as Record<RateRule, Window>)[rule], this.now()));
    if (decision && !decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  }

  /** Records a failure (a wrong password) against the subject. */
  async fail(rule: RateRule, subject: string): Promise<void> {
    if (this.config === 'off') return;
    await this.guard(rule, () => this.store.hit(rule, subject, (this.config as Record<RateRule, Window>)[rule], this.now()));
  }

  /**
   * A counter that cannot be read or written (DynamoDB throttling) does not turn a
   * resident's request away: the limit is skipped for that request and logged.
   */
  private async guard<T>(rule: RateRule, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (err) {
      this.log({ level: 'warn', message: 'rate limit counter unavailable; request allowed', rule, error: err instanceof Error ? err.name : String(err) });
      return undefined;
    }
  }
}
