import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { ResidentCarry } from '../../functions/src/app/sessions/carry.ts';
import { DEFAULT_RATE_LIMITS, RateLimiter } from '../../functions/src/app/rate-limits.ts';
import { RateStore } from '../../functions/src/store/rate.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { CarryStore } from '../../functions/src/store/carry.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { TRANSFER_GRACE_DAYS } from '../../functions/src/store/ttl.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/** Issue 13, defect 4: a request on another phone, on DynamoDB Local. */
let h: Harness;
let carry: ResidentCarry;
const tokens = new TokenService(TEST_SECRET);
const owner: Actor = { id: 'dev-carry-owner', role: 'resident' };
const newPhone: Actor = { id: 'dev-carry-new-phone', role: 'resident' };

beforeAll(async () => {
  h = await createHarness();
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const store = new CarryStore(db, h.tableName);
  // The shared rate limiter with the stage defaults (lookupByNumberPerDevice, lookupByNumberPerTicket).
  const limiter = new RateLimiter(new RateStore(db, h.tableName), { ...DEFAULT_RATE_LIMITS }, h.clock.now);
  carry = new ResidentCarry({ reference: h.service, tickets: h.tickets, store, tokens, limiter, now: h.clock.now });
});
afterAll(() => h.drop());

const file = async (phone?: string) =>
  (await h.service.createTicket(owner, { clientToken: `carry-${Math.random().toString(36).slice(2)}`, locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台候车椅坏了', ...(phone ? { phone } : {}) })).ticket.id;

describe('looking a request up by its number and phone', () => {
  it('shows it read-only with the number and phone given, and the same “not found” for a wrong phone or number', async () => {
    const id = await file('0931-8881234');
    const seen = await carry.lookup(newPhone, id, '09318881234');
    expect(seen).toMatchObject({ id, phone: '0931-****1234', actions: [] });
    expect(seen.following).toBeUndefined();
    expect(seen.contactName).toBeUndefined();
    await expect(carry.lookup(newPhone, id, '13900000000')).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    await expect(carry.lookup(newPhone, '2611010000000', '09318881234')).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    // A request filed without a phone cannot be looked up at all.
    const noPhone = await file();
    await expect(carry.lookup(newPhone, noPhone, '09318881234')).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });

  it('stops guessing: five tries per request number an hour, from any device, then again the next hour', async () => {
    const id = await file('13912345678');
    for (let i = 0; i < DEFAULT_RATE_LIMITS.lookupByNumberPerTicket.limit; i++) {
      await expect(carry.lookup({ id: `dev-guess-${i}`, role: 'resident' }, id, `1390000000${i}`)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    }
    // Even the right phone is refused now: the limit is on the request, whoever asks.
    await expect(carry.lookup(newPhone, id, '13912345678')).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    h.clock.advance(61);
    expect((await carry.lookup(newPhone, id, '13912345678')).id).toBe(id);
  });
});

describe('carrying requests to a new device', () => {
  it('a one-time code signs the new device in as the same resident; a second use or an expired code is refused', async () => {
    const id = await file('13912345678');
    const { code, expiresAt } = await carry.issueTransfer(owner);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(Date.parse(expiresAt) - h.clock.now()).toBe(24 * 3600_000);
    // The row carries the table's TTL attribute: DynamoDB removes it a week after the code expired.
    const row = await new CarryStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName).transfer(createHash('sha256').update(code).digest('hex'));
    expect(row?.ttl).toBe(Math.floor(Date.parse(expiresAt) / 1000) + TRANSFER_GRACE_DAYS * 86_400);
    const session = await carry.redeemTransfer(code);
    const actor = await tokens.verify(session.token, h.clock.now());
    expect(actor).toMatchObject({ id: owner.id, role: 'resident' });
    expect((await h.service.myTickets(actor, undefined, 50)).items.map((i) => i.id)).toContain(id);
    await expect(carry.redeemTransfer(code)).rejects.toMatchObject({ code: 'TRANSFER_INVALID' });

    const late = await carry.issueTransfer(owner);
    h.clock.advance(24 * 60 + 1);
    await expect(carry.redeemTransfer(late.code)).rejects.toMatchObject({ code: 'TRANSFER_INVALID' });
    await expect(carry.issueTransfer({ id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
