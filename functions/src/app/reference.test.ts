import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CATEGORIES } from '@mashang/shared';
import { DEMO_LOCATIONS, DEMO_UNITS } from '../../../infra/seed.ts';
import { MemoryOrg } from '../store/memory/org.ts';
import { MemoryTicketStore } from '../store/memory/tickets.ts';
import { ReferenceData } from './reference.ts';
import { MashangService } from './service.ts';
import { Sessions } from './sessions/sessions.ts';
import { TokenService } from './sessions/tokens.ts';

/**
 * A warm Lambda's reference data is built once (functions/src/app/runtime.ts, coreFromEnv) and
 * shared: the service reads through the same cache, and the sessions that authenticate every
 * call are built beside it, so a function that needs no ticket use case does without the service.
 */
describe('reference data shared by the service', () => {
  const org = () => new MemoryOrg({ units: DEMO_UNITS, categories: DEFAULT_CATEGORIES, locations: DEMO_LOCATIONS, loadedYears: [] });
  const tokens = new TokenService('unit-test-secret-0123456789abcdef012345');

  it('reads units, categories and the calendar through the one cache it is given', async () => {
    const source = org();
    const units = vi.spyOn(source, 'units');
    const reference = new ReferenceData({ source, now: () => 0, ttlMs: 60_000 });
    const service = new MashangService({ tickets: new MemoryTicketStore(), org: source, tokens, now: () => 0, referenceData: reference });
    const first = await reference.ref();
    expect(await service.ref()).toBe(first);
    expect((await service.categories()).map((c) => c.code)).toEqual(DEFAULT_CATEGORIES.map((c) => c.code));
    expect(units).toHaveBeenCalledTimes(1);
  });

  it('without one, keeps a cache of its own (as tests build it)', async () => {
    const source = org();
    const units = vi.spyOn(source, 'units');
    const service = new MashangService({ tickets: new MemoryTicketStore(), org: source, tokens, now: () => 0, referenceTtlMs: 60_000 });
    const reference = new ReferenceData({ source, now: () => 0, ttlMs: 60_000 });
    expect(await service.ref()).not.toBe(await reference.ref());
    expect(units).toHaveBeenCalledTimes(2);
  });

  it('authenticates a session the service issued with sessions built beside it', async () => {
    const source = org();
    const reference = new ReferenceData({ source, now: () => Date.now() });
    const service = new MashangService({ tickets: new MemoryTicketStore(), org: source, tokens, now: () => Date.now(), referenceData: reference });
    const sessions = new Sessions({ org: source, tokens, now: () => Date.now(), units: async () => (await reference.ref()).units });
    const { token, actor } = await service.deviceSession();
    expect(await sessions.authenticate(token)).toMatchObject({ id: actor.id, role: 'resident' });
    await expect(sessions.authenticate(`${token}x`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
