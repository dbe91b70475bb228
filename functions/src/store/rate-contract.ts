import { describe, expect, it } from 'vitest';
import { RateCountRefusedError } from '../ports/errors.ts';
import { contractKit } from './contract-kit.ts';
import type { RateCounters } from '../ports/rate-window.ts';
import type { TicketRepository } from '../ports/tickets.ts';

/**
 * The contract of the rate-limit counters (functions/src/ports/rate-window.ts), run against the
 * DynamoDB store (tests/integration/rate-store-contract.test.ts, on DynamoDB Local) and the
 * memory store (functions/src/store/memory/rate.test.ts) with the same assertions. Each case
 * counts for subjects of its own: a DynamoDB table is shared by the whole suite.
 */
export function rateCountersContract(name: string, world: () => { counters: RateCounters; tickets: TicketRepository }): void {
  let n = 0;
  const subject = () => `dev-${Date.now() % 1_000_000}-${++n}-${Math.floor(Math.random() * 1000)}`;
  /** A window start: 02:00 UTC is a multiple of ten minutes since the epoch. */
  const t0 = Date.parse('2026-11-18T02:00:00.000Z');
  const w = { limit: 3, windowSeconds: 600 };
  const kit = contractKit();

  describe(`rate counters contract: ${name}`, () => {
    it('admits `limit` hits in a window and refuses the next with the seconds left, counting nothing', async () => {
      const s = subject();
      const { counters } = world();
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await counters.hit('submitPerResident', s, w, t0 + 60_000 + i));
      expect(hits.map((h) => [h.allowed, h.count])).toEqual([
        [true, 1],
        [true, 2],
        [true, 3],
        [false, undefined],
      ]);
      // Nine minutes and a few milliseconds are left of the window: rounded up.
      expect(hits.map((h) => h.retryAfterSeconds)).toEqual([540, 540, 540, 540]);
      expect(await counters.exhausted('submitPerResident', s, w, t0 + 61_000)).toEqual({ allowed: false, retryAfterSeconds: 539, count: 3 });
      // At the window's last half second: at least one second to wait.
      expect(await counters.hit('submitPerResident', s, w, t0 + 599_500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    });

    it('cuts time into windows aligned to the epoch: the next window counts afresh, the one after the limit\'s edge too', async () => {
      const s = subject();
      const { counters } = world();
      for (let i = 0; i < 3; i++) await counters.hit('loginPerIp', s, w, t0 + 599_000);
      expect((await counters.hit('loginPerIp', s, w, t0 + 599_999)).allowed).toBe(false);
      // One millisecond later is another window: a burst straddling the edge may see twice the limit.
      expect(await counters.hit('loginPerIp', s, w, t0 + 600_000)).toEqual({ allowed: true, retryAfterSeconds: 600, count: 1 });
      expect(await counters.exhausted('loginPerIp', s, w, t0 + 599_999)).toMatchObject({ allowed: false, count: 3 });
    });

    it('looks without counting, and keeps rules and subjects apart', async () => {
      const s = subject();
      const { counters } = world();
      expect(await counters.exhausted('loginFailuresPerAccount', s, w, t0)).toEqual({ allowed: true, retryAfterSeconds: 600, count: 0 });
      expect(await counters.exhausted('loginFailuresPerAccount', s, w, t0)).toMatchObject({ count: 0 });
      for (let i = 0; i < 3; i++) await counters.hit('loginFailuresPerAccount', s, w, t0);
      expect((await counters.exhausted('loginFailuresPerAccount', s, w, t0)).allowed).toBe(false);
      expect(await counters.hit('loginPerIp', s, w, t0)).toMatchObject({ allowed: true, count: 1 });
      expect(await counters.hit('loginFailuresPerAccount', `${s}-other`, w, t0)).toMatchObject({ allowed: true, count: 1 });
    });

    it('admits no more than the limit whatever the concurrency', async () => {
      const s = subject();
      const { counters } = world();
      const hits = await Promise.all(Array.from({ length: 8 }, () => counters.hit('uploadsPerActor', s, w, t0)));
      expect(hits.filter((h) => h.allowed)).toHaveLength(3);
      expect((await counters.exhausted('uploadsPerActor', s, w, t0)).count).toBe(3);
    });

    it('counts a new ticket\'s `rate_count` on the same counter, both ways', async () => {
      const s = subject();
      const { counters, tickets } = world();
      const count = { kind: 'rate_count' as const, rule: 'submitPerResident', subject: s, ...w, atMs: t0 + 1000 };
      await tickets.create(kit.opened(), undefined, [count]);
      expect(await counters.exhausted('submitPerResident', s, w, t0 + 2000)).toMatchObject({ allowed: true, count: 1 });
      expect(await counters.hit('submitPerResident', s, w, t0 + 2000)).toMatchObject({ allowed: true, count: 2 });
      await tickets.create(kit.opened(), undefined, [count]);
      expect(await counters.hit('submitPerResident', s, w, t0 + 3000)).toMatchObject({ allowed: false });
      const refused = await tickets.create(kit.opened(), undefined, [count]).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RateCountRefusedError);
    });
  });
}
