import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';
import { decideJoin, JOINABLE_STATUSES } from './follow.ts';
import { computeClocks, DEFAULT_POLICY } from './sla.ts';
import { STATUSES, type Ticket } from './ticket.ts';

const receivedAt = '2026-11-18T02:00:00.000Z';
const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: '2611180000001',
  version: 3,
  status: 'submitted',
  channel: 'qr',
  categoryCode: 'sanitation',
  categoryConfirmed: false,
  description: '路口垃圾桶满了两天没人清运',
  anonymous: false,
  residentId: 'dev-owner',
  urgent: false,
  locationId: 'loc-donggang',
  locationName: '东岗西路与皋兰路口',
  coordinatorUnitId: 'gaolanlu',
  currentUnitId: 'gaolanlu',
  receivedAt,
  updatedAt: receivedAt,
  policy: { ...DEFAULT_POLICY },
  clocks: computeClocks(receivedAt, DEFAULT_POLICY, createCalendar()),
  supervisionLevel: 0,
  photos: [],
  reopenCount: 0,
  followerCount: 0,
  eventCount: 2,
  ...over,
});
const neighbour = { id: 'dev-neighbour', role: 'resident' as const };
const now = '2026-11-18T03:00:00.000Z';

describe('joining a request ("me too")', () => {
  it('counts the follower, bumps the version and records who joined, without changing the status', () => {
    const d = decideJoin(ticket(), neighbour, now);
    expect(d.ticket).toMatchObject({ version: 4, followerCount: 1, eventCount: 3, status: 'submitted', updatedAt: now });
    expect(d.events).toEqual([{ type: 'joined', at: now, actor: neighbour, from: 'submitted', to: 'submitted', data: { followerCount: 1 } }]);
  });

  it('never mutates the ticket it was given', () => {
    const before = ticket();
    decideJoin(before, neighbour, now);
    expect(before.followerCount).toBe(0);
  });

  it.each(STATUSES.map((s) => [s, JOINABLE_STATUSES.includes(s)] as const))('status %s joinable: %s', (status, joinable) => {
    const run = () => decideJoin(ticket({ status }), neighbour, now);
    if (joinable) expect(run().ticket.followerCount).toBe(1);
    else expect(run).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
  });

  it('refuses the resident who filed it and anybody who is not a resident', () => {
    expect(() => decideJoin(ticket(), { id: 'dev-owner', role: 'resident' }, now)).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
    expect(() => decideJoin(ticket(), { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' }, now)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
