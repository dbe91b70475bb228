import { describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../ports/errors.ts';
import { actors, memoryWorld } from '../../../../tests/support/memory-world.ts';

const file = async (w: ReturnType<typeof memoryWorld>, token: string, resident = actors.resident()) =>
  (await w.service.createTicket(resident, { clientToken: token, locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' })).ticket;

// Working a ticket on the memory store: the command use case without DynamoDB.
describe('a command on a ticket (memory store)', () => {
  it('responds: the next status and version, the event appended after the stored ones', async () => {
    const w = memoryWorld();
    const t = await file(w, 'token-c-1');
    w.clock.advance(5);
    const detail = await w.service.command(actors.gllHandler, t.id, { type: 'respond', via: 'call' }, 1);
    expect(detail).toMatchObject({ id: t.id, status: 'responded', version: 2 });
    expect((await w.tickets.getWithEvents(t.id))?.events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'submitted'],
      [2, 'responded'],
    ]);
  });

  it('refuses a stale version (409) and a unit that may not see the request (404), changing nothing', async () => {
    const w = memoryWorld();
    const t = await file(w, 'token-c-2');
    await expect(w.service.command(actors.gllHandler, t.id, { type: 'respond', via: 'call' }, 7)).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    await expect(w.service.command(actors.zylHandler, t.id, { type: 'respond', via: 'call' })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect((await w.tickets.get(t.id))?.version).toBe(1);
  });

  it('merges a duplicate: both tickets and the link in one write; a lost race on the target changes neither', async () => {
    const w = memoryWorld();
    const target = await file(w, 'token-c-3', actors.resident('wx-a'));
    const dup = await file(w, 'token-c-4', actors.resident('wx-b'));
    const followers = (await w.tickets.get(target.id))!.followerCount;
    const merged = await w.service.command(actors.gllHandler, dup.id, { type: 'merge', intoTicketId: target.id });
    expect(merged.status).toBe('merged');
    expect((await w.tickets.get(target.id))?.followerCount).toBe(followers + 1);
    expect([...w.tickets.mergeLinks.values()]).toEqual([{ targetId: target.id, sourceId: dup.id, residentId: 'wx-b' }]);

    // The target moves on between the read and the write: the store refuses the whole merge.
    const dup2 = await file(w, 'token-c-5', actors.resident('wx-c'));
    const save = w.tickets.save.bind(w.tickets);
    w.tickets.save = async (before, decision, sideWrites) => {
      const moved = (await w.tickets.get(target.id))!;
      await save(moved, { ticket: { ...moved, version: moved.version + 1 }, events: [], effects: [] });
      w.tickets.save = save;
      return save(before, decision, sideWrites);
    };
    await expect(w.service.command(actors.gllHandler, dup2.id, { type: 'merge', intoTicketId: target.id })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await w.tickets.get(dup2.id))?.status).toBe('submitted');
  });
});
