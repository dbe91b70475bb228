import { DEFAULT_CATEGORIES, type Actor } from '@mashang/shared';
import { DEMO_LOCATIONS, DEMO_UNITS } from '../../infra/seed.ts';
import { MemoryOrg } from '../../functions/src/store/memory/org.ts';
import { MemoryTicketStore } from '../../functions/src/store/memory/tickets.ts';
import { MemoryResidents } from '../../functions/src/store/memory/residents.ts';
import { MashangService, type ServiceDeps } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';

/** A settable clock: tests move time instead of waiting for it. */
export class Clock {
  constructor(public ms: number) {}
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
  readonly now = (): number => this.ms;
}

/** The memory stores of a world, for deps that must share them (the resident side's hooks). */
export interface MemoryStores {
  tickets: MemoryTicketStore;
  /** The resident ports over the same tickets: followers and consents written with ticket changes are theirs. */
  residents: MemoryResidents;
  clock: Clock;
}

/**
 * The ticket use cases on the memory stores with the demo county's reference data (for
 * unit tests only: imports the seed). Integration tests run the same use cases on
 * DynamoDB Local (tests/support/harness.ts). `extra` may be built from the world's stores.
 */
export function memoryWorld(startIso = '2026-11-18T02:00:00.000Z', extra: Partial<ServiceDeps> | ((stores: MemoryStores) => Partial<ServiceDeps>) = {}) {
  const tickets = new MemoryTicketStore();
  const residents = new MemoryResidents(tickets);
  const org = new MemoryOrg({ units: DEMO_UNITS, categories: DEFAULT_CATEGORIES, locations: DEMO_LOCATIONS, loadedYears: [] });
  const clock = new Clock(Date.parse(startIso));
  const more = typeof extra === 'function' ? extra({ tickets, residents, clock }) : extra;
  const service = new MashangService({ tickets, org, tokens: new TokenService('unit-test-secret-0123456789abcdef012345'), now: clock.now, referenceTtlMs: 0, ...more });
  return { tickets, residents, org, clock, service };
}

export const actors = {
  resident: (id = 'wx-unit-1'): Actor => ({ id, role: 'resident', name: '居民' }),
  gllHandler: { id: 'gll-handler', role: 'handler', name: '王芳', unitId: 'gaolanlu' } satisfies Actor,
  zylHandler: { id: 'zyl-handler', role: 'handler', name: '赵敏', unitId: 'zhangyelu' } satisfies Actor,
  gridWorker: { id: 'gll-grid', role: 'grid_worker', name: '马超', unitId: 'gll-dongjie-g1' } satisfies Actor,
};
