import { describe, expect, it } from 'vitest';
import { AppError } from '@mashang/shared';
import { actors, memoryWorld } from '../../../../tests/support/memory-world.ts';
import type { PlaceStore } from '../../store/places.ts';
import { TokenService } from '../sessions/tokens.ts';
import { ResidentRecords, ResidentService, type ResidentDeps } from './resident.ts';

/**
 * "Me too" and "notify me" on the memory twins (the resident ports' twin reads the memory ticket
 * store's follower and consent rows: functions/src/store/residents-contract.ts holds it to the
 * DynamoDB store). tests/integration/resident-api.test.ts covers the same through the API.
 */
const TEMPLATE = 'tpl-status';

function world() {
  let deps!: ResidentDeps;
  const w = memoryWorld(undefined, ({ tickets, residents, clock }) => {
    deps = {
      tickets,
      residents,
      places: {} as PlaceStore, // not read by these calls
      tokens: new TokenService('unit-test-secret-0123456789abcdef012345'),
      templates: { status_changed: TEMPLATE },
      now: clock.now,
    };
    return { resident: new ResidentRecords(deps) };
  });
  const residentService = new ResidentService({ ...deps, reads: w.service });
  const file = async (residentId: string) =>
    (await w.service.createTicket(actors.resident(residentId), { clientToken: `tok-${residentId}`, locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' })).ticket;
  return { ...w, residentService, file };
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : e));

describe('joining a request ("me too")', () => {
  it("follows it once, with the consents among the stage's templates, and lists it among the resident's requests", async () => {
    const { residentService, residents, file, service } = world();
    const filed = await file('wx-owner');
    const joiner = actors.resident('wx-joiner');
    expect(await codeOf(service.ticketDetail(joiner, filed.id))).toBe('TICKET_NOT_FOUND');

    const first = await residentService.join(joiner, filed.id, [TEMPLATE, 'tpl-unknown']);
    expect(first).toMatchObject({ joined: true, ticket: { id: filed.id, followerCount: 1 } });
    expect(await residents.isFollower(filed.id, joiner.id)).toBe(true);
    expect(await residents.consents(filed.id)).toEqual([{ residentId: joiner.id, templateId: TEMPLATE, credits: 1 }]);
    expect((await service.ticketDetail(joiner, filed.id)).id).toBe(filed.id);
    const mine = await residents.residentTickets(joiner.id, undefined, 10);
    expect(mine.items.map((t) => t.id)).toEqual([filed.id]);
    expect(mine.followed).toEqual(new Set([filed.id]));

    // A second tap changes nothing: no second follower, no second consent.
    const again = await residentService.join(joiner, filed.id, [TEMPLATE]);
    expect(again).toMatchObject({ joined: false, ticket: { followerCount: 1 } });
    expect(await residents.consents(filed.id)).toEqual([{ residentId: joiner.id, templateId: TEMPLATE, credits: 1 }]);
  });

  it("refuses the request's own resident, staff and an unknown request", async () => {
    const { residentService, file } = world();
    const filed = await file('wx-owner');
    expect(await codeOf(residentService.join(actors.resident('wx-owner'), filed.id, []))).toBe('WRONG_STATE');
    expect(await codeOf(residentService.join(actors.gllHandler, filed.id, []))).toBe('FORBIDDEN');
    expect(await codeOf(residentService.join(actors.resident('wx-joiner'), '0000000000000', []))).toBe('TICKET_NOT_FOUND');
  });
});

describe('consent given later ("notify me")', () => {
  it('adds one credit per accepted template for the resident who filed or joined, and no one else', async () => {
    const { residentService, residents, file } = world();
    const filed = await file('wx-owner');
    const owner = actors.resident('wx-owner');
    expect(await residentService.subscribe(owner, filed.id, [TEMPLATE, 'tpl-unknown'])).toEqual({ [TEMPLATE]: 1 });
    expect(await residentService.subscribe(owner, filed.id, [TEMPLATE])).toEqual({ [TEMPLATE]: 2 });

    const joiner = actors.resident('wx-joiner');
    await residentService.join(joiner, filed.id, []);
    expect(await residentService.subscribe(joiner, filed.id, [TEMPLATE])).toEqual({ [TEMPLATE]: 1 });

    expect(await codeOf(residentService.subscribe(actors.resident('wx-stranger'), filed.id, [TEMPLATE]))).toBe('TICKET_NOT_FOUND');
    expect(await codeOf(residentService.subscribe(owner, filed.id, ['tpl-unknown']))).toBe('VALIDATION_FAILED');
    expect(await codeOf(residentService.subscribe(actors.gllHandler, filed.id, [TEMPLATE]))).toBe('FORBIDDEN');
    expect((await residents.consents(filed.id)).map((c) => [c.residentId, c.credits])).toEqual([
      ['wx-joiner', 1],
      ['wx-owner', 2],
    ]);
  });
});
