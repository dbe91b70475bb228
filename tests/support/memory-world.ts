import { DEFAULT_CATEGORIES, type Actor } from '@mashang/shared';
import { DEMO_LOCATIONS, DEMO_UNITS } from '../../infra/seed.ts';
import { MemoryOrg } from '../../functions/src/store/memory/org.ts';
import { MemoryTicketStore } from '../../functions/src/store/memory/tickets.ts';
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

/**
 * The ticket use cases on the memory stores with the demo county's reference data (for
 * unit tests only: imports the seed). Integration tests run the same use cases on
 * DynamoDB Local (tests/support/harness.ts).
 */
export function memoryWorld(startIso = '2026-11-18T02:00:00.000Z', extra: Partial<ServiceDeps> = {}) {
  const tickets = new MemoryTicketStore();
  const org = new MemoryOrg({ units: DEMO_UNITS, categories: DEFAULT_CATEGORIES, locations: DEMO_LOCATIONS, loadedYears: [] });
  const clock = new Clock(Date.parse(startIso));
  const service = new MashangService({ tickets, org, tokens: new TokenService('unit-test-secret-0123456789abcdef012345'), now: clock.now, referenceTtlMs: 0, ...extra });
  return { tickets, org, clock, service };
}

export const actors = {
  resident: (id = 'wx-unit-1'): Actor => ({ id, role: 'resident', name: '居民' }),
  gllHandler: { id: 'gll-handler', role: 'handler', name: '王芳', unitId: 'gaolanlu' } satisfies Actor,
  zylHandler: { id: 'zyl-handler', role: 'handler', name: '赵敏', unitId: 'zhangyelu' } satisfies Actor,
  gridWorker: { id: 'gll-grid', role: 'grid_worker', name: '马超', unitId: 'gll-dongjie-g1' } satisfies Actor,
};
