import { describe, expect, it, vi } from 'vitest';
import type { SideWrite } from '../../ports/tickets.ts';
import { TicketIdTakenError } from '../../ports/errors.ts';
import { MemoryTicketStore } from '../../store/memory/tickets.ts';
import { actors, memoryWorld } from '../../../../tests/support/memory-world.ts';
import { riskCheckOnCreate } from '../supervision/risk-check-queue.ts';
import { Workbench } from '../workbench.ts';
import { cachedLocations } from './filing.ts';

// Filing on the memory store: the same use case the integration tests run on DynamoDB Local.
describe('filing a request (memory store)', () => {
  it('files a resident\'s QR request into the street office\'s inbox, once per client token', async () => {
    const { service, tickets } = memoryWorld();
    const input = { clientToken: 'token-tok-1', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' };
    const first = await service.createTicket(actors.resident(), input);
    expect(first).toMatchObject({ created: true, ticket: { status: 'submitted', channel: 'qr', locationName: '甘肃大剧院东门公交站' } });
    const stored = await tickets.getWithEvents(first.ticket.id);
    expect(stored?.ticket).toMatchObject({ coordinatorUnitId: 'gaolanlu', currentUnitId: 'gaolanlu', gridId: 'gll-dongjie-g1', residentId: 'wx-unit-1', version: 1 });
    expect(stored?.events.map((e) => [e.seq, e.type])).toEqual([[1, 'submitted']]);
    expect((await tickets.inbox('gaolanlu', undefined, 10)).items.map((t) => t.id)).toEqual([first.ticket.id]);
    // The same tap again: the same request, nothing new.
    const again = await service.createTicket(actors.resident(), input);
    expect(again).toMatchObject({ created: false, ticket: { id: first.ticket.id } });
    expect((await tickets.inbox('gaolanlu', undefined, 10)).items).toHaveLength(1);
    // Somebody else's token is refused.
    await expect(service.createTicket(actors.resident('wx-other'), input)).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
  });

  it('files without reading the client token first, and a retry refused on the way (its place removed since) still gets its request back', async () => {
    const { service, tickets, org } = memoryWorld();
    const lookups = vi.spyOn(tickets, 'findByClientToken');
    const input = { clientToken: 'token-gone-1', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' };
    const first = await service.createTicket(actors.resident(), input);
    expect(lookups).not.toHaveBeenCalled();
    vi.spyOn(org, 'location').mockResolvedValue(undefined);
    expect(await service.createTicket(actors.resident(), input)).toMatchObject({ created: false, ticket: { id: first.ticket.id } });
    // Another resident's retry with that token is refused, not answered with the first one's request.
    await expect(service.createTicket(actors.resident('wx-other'), input)).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    // A new token at the removed place is still refused.
    await expect(service.createTicket(actors.resident(), { ...input, clientToken: 'token-gone-2' })).rejects.toMatchObject({ code: 'LOCATION_NOT_FOUND' });
  });

  it('files a request without a QR code at the place and office it was routed to, with its point', async () => {
    const { service, tickets } = memoryWorld();
    const at = { name: '高兰路街道（定位）', centreUnitId: 'gaolanlu', point: { lat: 36.06, lng: 103.83 } };
    const res = await service.createTicket(actors.resident(), { clientToken: 'token-point-1', locationId: 'point', categoryCode: 'traffic', description: '路口的红绿灯坏了' }, at);
    const stored = await tickets.get(res.ticket.id);
    expect(stored).toMatchObject({ locationName: '高兰路街道（定位）', coordinatorUnitId: 'gaolanlu', point: { lat: 36.06, lng: 103.83 } });
    expect(stored?.locationId).toBeUndefined();
  });

  it('keeps a QR location for the reference TTL in the warm Lambda, and never an unknown one', async () => {
    let now = 0;
    const read = vi.fn(async (id: string) => (id === 'known' ? { id, name: '甘肃大剧院', centreUnitId: 'gaolanlu' } as never : undefined));
    const location = cachedLocations(read, () => now, 60_000);
    await location('known');
    await location('known');
    await location('unknown');
    await location('unknown');
    expect(read.mock.calls.map(([id]) => id)).toEqual(['known', 'unknown', 'unknown']);
    now = 60_000;
    await location('known');
    expect(read).toHaveBeenCalledTimes(4);
  });

  it('refuses an unknown place or category and stores nothing', async () => {
    const { service, tickets } = memoryWorld();
    await expect(service.createTicket(actors.resident(), { clientToken: 'token-t-a', locationId: 'loc-nowhere', categoryCode: 'traffic', description: '公交站台的灯不亮了' })).rejects.toMatchObject({ code: 'LOCATION_NOT_FOUND' });
    await expect(service.createTicket(actors.resident(), { clientToken: 'token-t-b', locationId: 'loc-dajuyuan', categoryCode: 'nope', description: '公交站台的灯不亮了' })).rejects.toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
    expect((await tickets.inbox('gaolanlu', undefined, 10)).items).toEqual([]);
  });

  it('draws a new request number when the first is taken, and gives up after three', async () => {
    const store = new MemoryTicketStore();
    let refusals = 1;
    const flaky = Object.assign(Object.create(store) as MemoryTicketStore, {
      create: (...args: Parameters<MemoryTicketStore['create']>) => (refusals-- > 0 ? Promise.reject(new TicketIdTakenError()) : store.create(...args)),
    });
    const { service } = memoryWorld(undefined, { tickets: flaky });
    const res = await service.createTicket(actors.resident(), { clientToken: 'token-tok-retry', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' });
    expect(res.created).toBe(true);
    expect(await store.get(res.ticket.id)).toBeDefined();
    refusals = 3;
    await expect(service.createTicket(actors.resident(), { clientToken: 'token-tok-retry-2', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' })).rejects.toBeInstanceOf(TicketIdTakenError);
  });

  it('stores the risk warning and the consents with the request, in the same write', async () => {
    const seen: string[] = [];
    const risk = {
      writesFor: async (_trigger: string, t: { id: string; description: string }, texts: string[]): Promise<SideWrite[]> => {
        seen.push(...texts);
        return [
          {
            kind: 'risk_warning',
            warning: { id: `${t.id}-c`, version: 1, ticketId: t.id, trigger: 'created', level: 'medium', fired: [{ ruleId: 'r', ruleName: '已报警', kind: 'keywords', level: 'medium', indicators: ['包含“已报警”'] }], createdAt: '2026-11-18T02:00:00.000Z', officeUnitId: 'gaolanlu', assignedUnitId: 'gll-dongjie-g1', dueAt: '2026-11-18T02:30:00.000Z', status: 'open', categoryCode: 'dispute', locationName: 'x', summary: 'x' },
            text: '风险预警',
            n: 0,
          },
        ];
      },
    };
    const resident = {
      verifyPhotos: async (_a: unknown, keys: readonly string[]) => ({ keys: [...keys], untagged: [] }),
      createExtras: (ticketId: string, actor: { id: string }, subscriptions: readonly string[], at: string): SideWrite[] => [{ kind: 'consent', ticketId, residentId: actor.id, templateIds: subscriptions, at }],
      isFollower: async () => false,
      residentTickets: async () => ({ items: [], followed: new Set<string>() }),
      present: async <T>(d: T) => d,
    };
    const { service, tickets } = memoryWorld(undefined, { risk, resident });
    const res = await service.createTicket(actors.resident(), { clientToken: 'token-tok-risk', locationId: 'loc-dajuyuan', categoryCode: 'dispute', description: '邻居扬言要报复我家，已报警', subscriptions: ['tpl-status'] });
    expect(seen).toEqual(['邻居扬言要报复我家，已报警']);
    expect([...tickets.warnings.keys()]).toEqual([`${res.ticket.id}-c`]);
    expect([...tickets.consents]).toEqual([[`${res.ticket.id}#wx-unit-1#tpl-status`, 1]]);
  });

  it('with a new request\'s risk check alone wired (no risk service: the workbench), queues the check with the create and reads no risk rules', async () => {
    const { service, tickets } = memoryWorld(undefined, { riskCheck: riskCheckOnCreate });
    const res = await service.createTicket(actors.resident(), { clientToken: 'token-tok-check', locationId: 'loc-dajuyuan', categoryCode: 'dispute', description: '邻居扬言要报复我家，已报警' });
    expect([...tickets.riskChecks]).toEqual([res.ticket.id]);
    expect([...tickets.warnings.keys()]).toEqual([]);
    // The risk service queues the very same side-write on a creation (functions/src/app/supervision/risk.ts).
    const t = (await tickets.get(res.ticket.id))!;
    expect(await riskCheckOnCreate.writesFor('created', t)).toEqual([{ kind: 'risk_check', ticketId: t.id, at: t.receivedAt }]);
  });

  it('prefers the risk service to the check alone when both are wired', async () => {
    const calls: string[] = [];
    const risk = { writesFor: async (trigger: string): Promise<SideWrite[]> => (calls.push(trigger), []) };
    const { service, tickets } = memoryWorld(undefined, { risk, riskCheck: riskCheckOnCreate });
    await service.createTicket(actors.resident(), { clientToken: 'token-tok-both', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' });
    expect(calls).toEqual(['created']);
    expect([...tickets.riskChecks]).toEqual([]);
  });

  it('files a grid worker\'s on-the-spot request (办小事) through the same path: closed at once, in the grid\'s street office', async () => {
    const { service, tickets, org, clock } = memoryWorld();
    const workbench = new Workbench({ service, tickets, org: org as never, inbox: undefined as never, staff: undefined as never, now: clock.now });
    const res = await workbench.fileTicket(actors.gridWorker, {
      clientToken: 'token-tok-spot',
      locationId: 'loc-dajuyuan',
      categoryCode: 'sanitation',
      description: '公交站旁垃圾散落',
      onSpot: { feedback: '已当场清扫干净', result: 'satisfied' },
    });
    expect(res).toMatchObject({ created: true, ticket: { channel: 'grid', status: 'closed' } });
    expect((await tickets.get(res.ticket.id))?.coordinatorUnitId).toBe('gaolanlu');
    const events = (await tickets.getWithEvents(res.ticket.id))!.events;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual(['submitted', 'responded', 'resolved', 'followed_up']);
  });
});
