import { describe, expect, it } from 'vitest';
import { MemoryTransferCodes } from '../../store/memory/carry.ts';
import { TokenService } from './tokens.ts';
import { ResidentCarry } from './carry.ts';
import { actors, memoryWorld } from '../../../../tests/support/memory-world.ts';

// A resident's requests on another phone on the memory stores (DynamoDB Local: tests/integration/carry.test.ts).
function world() {
  const w = memoryWorld();
  const tokens = new TokenService('unit-test-secret-0123456789abcdef012345');
  const taken: Array<[string, string | undefined]> = [];
  const carry = new ResidentCarry({
    reference: w.service,
    tickets: w.tickets,
    store: new MemoryTransferCodes(),
    tokens,
    limiter: { take: async (...rules) => void taken.push(...rules) },
    now: w.clock.now,
  });
  return { ...w, carry, tokens, taken };
}

describe('a resident’s requests on another phone (memory stores)', () => {
  it('looks a request up by number and phone, masked and read-only, after taking both rate limits', async () => {
    const w = world();
    const { ticket } = await w.service.createTicket(actors.resident('wx-owner'), { clientToken: 'carry-u-1', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台候车椅坏了', phone: '13912345678' });
    const seen = await w.carry.lookup(actors.resident('wx-new'), ticket.id, '139 1234 5678');
    expect(seen).toMatchObject({ id: ticket.id, phone: '139****5678', actions: [] });
    expect(w.taken).toEqual([
      ['lookupByNumberPerDevice', 'wx-new'],
      ['lookupByNumberPerTicket', ticket.id],
    ]);
    await expect(w.carry.lookup(actors.resident('wx-new'), ticket.id, '13900000000')).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    await expect(w.carry.lookup(actors.gllHandler, ticket.id, '13912345678')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a transfer code signs the new device in once, within 24 hours', async () => {
    const w = world();
    const { code, expiresAt } = await w.carry.issueTransfer(actors.resident('wx-owner'));
    expect(Date.parse(expiresAt) - w.clock.now()).toBe(24 * 3600_000);
    const session = await w.carry.redeemTransfer(code);
    expect(await w.tokens.verify(session.token, w.clock.now())).toMatchObject({ id: 'wx-owner', role: 'resident' });
    await expect(w.carry.redeemTransfer(code)).rejects.toMatchObject({ code: 'TRANSFER_INVALID' });
    const late = await w.carry.issueTransfer(actors.resident('wx-owner'));
    w.clock.advance(24 * 60);
    await expect(w.carry.redeemTransfer(late.code)).rejects.toMatchObject({ code: 'TRANSFER_INVALID' });
  });
});
