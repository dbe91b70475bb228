import { describe, expect, it } from 'vitest';
import { ERASED, ERASED_RESIDENT, eraseEvent, erasePhones, eraseTicketData, holdsPersonalData } from './erasure.ts';
import type { Ticket, TicketEvent } from './ticket.ts';

const resident = { id: 'wx-openid-1', role: 'resident' as const, name: '居民' };
const handler = { id: 'gll-handler', role: 'handler' as const, name: '王芳', unitId: 'gaolanlu' };

function ticket(over: Partial<Ticket> = {}): Ticket {
  const clock = { startAt: '2026-11-18T02:00:00.000Z', dueAt: '2026-11-18T02:30:00.000Z', warnAt: '2026-11-18T02:24:00.000Z' };
  return {
    id: '2611180000001',
    version: 4,
    status: 'closed',
    channel: 'qr',
    categoryCode: 'sanitation',
    categoryConfirmed: true,
    description: '垃圾满了，打我 139 1234 5678 或 0931-8765432',
    phone: '13912345678',
    contactName: '李大姐',
    anonymous: false,
    residentId: resident.id,
    urgent: false,
    locationId: 'loc-donggang',
    locationName: '东岗西路与皋兰路口',
    coordinatorUnitId: 'gaolanlu',
    currentUnitId: 'gaolanlu',
    receivedAt: '2026-11-18T02:00:00.000Z',
    updatedAt: '2026-11-19T02:00:00.000Z',
    policy: { respondMinutes: 30, classifyMinutes: 1440, resolveWorkingDays: 5, followUpWorkingDays: 10 },
    clocks: { respond: clock, classify: clock, resolve: clock, followUp: clock },
    supervisionLevel: 1,
    photos: ['p/0123456789abcdef/00000000-0000-0000-0000-000000000000.jpg'],
    feedback: '已清运，回访电话13609310000',
    rating: 'satisfied',
    ratingComment: '谢谢王师傅',
    followUpNote: '电话回访李大姐，满意',
    reopenCount: 0,
    followerCount: 2,
    eventCount: 5,
    ...over,
  };
}

const event = (over: Partial<TicketEvent>): TicketEvent => ({ ticketId: '2611180000001', seq: 1, type: 'submitted', at: '2026-11-18T02:00:00.000Z', actor: resident, ...over });

describe('erasing the filer’s personal data from a request', () => {
  it('removes phone, name, identity link and photos; replaces their words and every number; keeps what the statistics count', () => {
    const before = ticket();
    const { ticket: after, photos } = eraseTicketData(before, '2026-11-30T00:00:00.000Z');
    expect(photos).toEqual(before.photos);
    expect(after).not.toHaveProperty('phone');
    expect(after).not.toHaveProperty('contactName');
    expect(after).not.toHaveProperty('residentId');
    expect(after.photos).toEqual([]);
    expect(after.description).toBe(`垃圾满了，打我 ${ERASED} 或 ${ERASED}`);
    expect(after.feedback).toBe(`已清运，回访电话${ERASED}`);
    expect(after.ratingComment).toBe(ERASED);
    expect(after.followUpNote).toBe(ERASED);
    expect(after.erasedAt).toBe('2026-11-30T00:00:00.000Z');
    expect(after.version).toBe(before.version + 1);
    for (const k of ['status', 'categoryCode', 'locationId', 'clocks', 'rating', 'followerCount', 'supervisionLevel', 'receivedAt', 'updatedAt', 'eventCount'] as const) expect(after[k]).toEqual(before[k]);
    expect(holdsPersonalData(before)).toBe(true);
    expect(holdsPersonalData(after)).toBe(false);
    // A second erasure keeps the first instant.
    expect(eraseTicketData(after, '2026-12-01T00:00:00.000Z').ticket.erasedAt).toBe('2026-11-30T00:00:00.000Z');
  });

  it('erases the filer’s events: their identity, the notes between them and the staff, numbers elsewhere; others unchanged', () => {
    const filer = { residentId: resident.id, filer: true };
    expect(eraseEvent(event({}), filer)!.actor).toEqual(ERASED_RESIDENT);
    expect(eraseEvent(event({ type: 'contacted', actor: handler, note: '李大姐您好，明早上门' }), filer)!.note).toBe(ERASED);
    expect(eraseEvent(event({ type: 'rated', note: '谢谢', data: { rating: 'satisfied' } }), filer)).toMatchObject({ actor: ERASED_RESIDENT, note: ERASED, data: { rating: 'satisfied' } });
    expect(eraseEvent(event({ type: 'returned', actor: handler, note: '不属于本部门，联系人13609310000' }), filer)!.note).toBe(`不属于本部门，联系人${ERASED}`);
    // Nothing personal: no change (undefined), so nothing is rewritten.
    expect(eraseEvent(event({ type: 'accepted', actor: handler, note: '已到现场' }), filer)).toBeUndefined();
    expect(eraseEvent(event({ type: 'sla_breach', actor: { id: 'sweeper', role: 'system' }, data: { clock: 'respond' } }), filer)).toBeUndefined();
  });

  it('on a request the resident only joined, changes only the events they acted in', () => {
    const joiner = { residentId: resident.id, filer: false };
    expect(eraseEvent(event({ type: 'joined' }), joiner)!.actor).toEqual(ERASED_RESIDENT);
    expect(eraseEvent(event({ type: 'contacted', actor: handler, note: '给提交人的留言' }), joiner)).toBeUndefined();
    expect(eraseEvent(event({ type: 'submitted', actor: { id: 'wx-someone-else', role: 'resident' } }), joiner)).toBeUndefined();
  });

  it('replaces phone-like numbers in any spelling', () => {
    expect(erasePhones('手机+86 139-1234-5678，座机0931 8765432，单位0931-87654321')).toBe(`手机${ERASED}，座机${ERASED}，单位${ERASED}`);
    expect(erasePhones('编号2611180000001不是电话')).toBe('编号2611180000001不是电话');
  });
});
