import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '@mashang/shared/contracts/common';
import { eraseTicketData, ERASED } from '@mashang/shared/erasure';
import type { Ticket } from '@mashang/shared/ticket';
import { confirmsTicket, erasurePlan, erasureResultText, normalizeTicketNumber, parseErasureLookup, phoneNumbersIn } from './erasure-plan.ts';

/** A request as a county admin reads it (phone masked). */
const detail = (over: Partial<TicketDetail> = {}): TicketDetail => ({
  id: '2611300000001',
  version: 3,
  status: 'resolved',
  statusLabel: '已办结',
  channel: 'qr',
  channelLabel: '扫码',
  categoryCode: 'traffic',
  categoryName: '道路交通',
  categoryConfirmed: true,
  description: '公交站牌被撞歪了',
  anonymous: false,
  urgent: false,
  locationName: '甘肃大剧院',
  coordinatorUnitId: 'gaolanlu',
  currentUnitId: 'gaolanlu',
  currentUnitName: '皋兰路街道',
  receivedAt: '2026-11-30T02:00:00.000Z',
  updatedAt: '2026-11-30T03:00:00.000Z',
  supervisionLevel: 0,
  photos: [],
  reopenCount: 0,
  clocks: [],
  events: [],
  actions: [],
  ...over,
});

const keys = (lines: { key: string }[]) => lines.map((l) => l.key);

describe('normalizeTicketNumber', () => {
  it('takes the 13 digits as typed or pasted: spaces, dashes, full-width digits', () => {
    expect(normalizeTicketNumber(' 2611300000001 ')).toEqual({ ok: true, id: '2611300000001' });
    expect(normalizeTicketNumber('2611 3000 00001')).toEqual({ ok: true, id: '2611300000001' });
    expect(normalizeTicketNumber('261130-0000001')).toEqual({ ok: true, id: '2611300000001' });
    expect(normalizeTicketNumber('２６１１３０００００００１')).toEqual({ ok: true, id: '2611300000001' });
  });

  it('says in Chinese what is wrong', () => {
    expect(normalizeTicketNumber('  ')).toEqual({ ok: false, message: '请输入诉求编号' });
    expect(normalizeTicketNumber('261130000000')).toEqual({ ok: false, message: '诉求编号为13位数字' });
    expect(normalizeTicketNumber('26113000000012')).toEqual({ ok: false, message: '诉求编号为13位数字' });
    expect(normalizeTicketNumber('26113000000O1')).toEqual({ ok: false, message: '诉求编号为13位数字' });
  });
});

describe('parseErasureLookup', () => {
  it('a request number, or the resident’s whole phone number', () => {
    expect(parseErasureLookup('2611 3000 00001')).toEqual({ kind: 'id', id: '2611300000001' });
    expect(parseErasureLookup(' 138 9311 7777 ')).toEqual({ kind: 'phone', phone: '13893117777' });
    expect(parseErasureLookup('１３８９３１１７７７７')).toEqual({ kind: 'phone', phone: '13893117777' });
    expect(parseErasureLookup('0931-8123456')).toEqual({ kind: 'phone', phone: '0931-8123456' });
  });

  it('a phone tail or words are not enough to act on someone’s data', () => {
    expect(parseErasureLookup('')).toEqual({ kind: 'invalid', message: '请输入诉求编号或居民的电话号码' });
    for (const text of ['7777', '12345', '王阿姨', '138931177']) {
      expect(parseErasureLookup(text)).toEqual({ kind: 'invalid', message: '请输入13位诉求编号，或完整的电话号码（手机号或带区号的座机）' });
    }
  });
});

describe('confirmsTicket (the second confirmation)', () => {
  it('only the same number confirms', () => {
    expect(confirmsTicket('2611300000001', '2611300000001')).toBe(true);
    expect(confirmsTicket(' 2611 3000 00001', '2611300000001')).toBe(true);
    expect(confirmsTicket('2611300000002', '2611300000001')).toBe(false);
    expect(confirmsTicket('', '2611300000001')).toBe(false);
  });
});

describe('phoneNumbersIn', () => {
  it('counts the numbers erasure replaces, in any spelling', () => {
    expect(phoneNumbersIn('电话13812341234，或 138 1234 1234，座机0931-8123456')).toBe(3);
    expect(phoneNumbersIn('3号楼电梯故障一周')).toBe(0);
    expect(phoneNumbersIn(undefined)).toBe(0);
  });
});

describe('erasurePlan', () => {
  it('lists the phone, name, photos, numbers in text, rating comment and the filer notes as erased; the request as kept', () => {
    const plan = erasurePlan(
      detail({
        phone: '138****5678',
        contactName: '张先生',
        photos: ['https://photos/a.jpg', 'https://photos/b.jpg'],
        description: '站牌歪了，可打13812345678联系我',
        feedback: '已扶正，回电0931-8123456确认',
        rating: 'satisfied',
        ratingComment: '很快',
        events: [
          { ticketId: '2611300000001', seq: 2, type: 'contacted', at: '2026-11-30T02:10:00.000Z', actor: { id: 'h', role: 'handler' }, note: '已电话联系张先生', label: '联系居民' },
          { ticketId: '2611300000001', seq: 3, type: 'dispatched', at: '2026-11-30T02:20:00.000Z', actor: { id: 'h', role: 'handler' }, note: '派交通局', label: '派单' },
        ],
      }),
    );
    expect(keys(plan.erased)).toEqual(['phone', 'name', 'photos', 'numbers', 'comment', 'notes', 'identity']);
    expect(plan.erased.find((l) => l.key === 'phone')?.value).toBe('138****5678');
    expect(plan.erased.find((l) => l.key === 'photos')?.value).toBe('2 张');
    expect(plan.erased.find((l) => l.key === 'numbers')?.value).toBe('2 个');
    expect(plan.erased.find((l) => l.key === 'notes')?.value).toBe('1 条');
    expect(plan.visible).toBe(true);
    expect(keys(plan.kept)).toEqual(['id', 'category', 'place', 'unit', 'status', 'clocks', 'rating', 'stats']);
    expect(plan.kept.find((l) => l.key === 'id')?.value).toBe('2611300000001');
  });

  it('an anonymous request without phone or photos: only the identity link goes, and the page says nothing visible changes', () => {
    const plan = erasurePlan(detail());
    expect(keys(plan.erased)).toEqual(['identity']);
    expect(plan.visible).toBe(false);
    expect(keys(plan.kept)).not.toContain('rating');
  });

  it('a request already erased (by the shared rules) shows nothing visible left to erase', () => {
    const ticket = {
      id: '2611300000001',
      phone: '13812345678',
      contactName: '张先生',
      residentId: 'r-1',
      description: '可打13812345678联系我',
      photos: ['residents/r-1/a.jpg'],
      ratingComment: '很快',
      version: 3,
    } as unknown as Ticket;
    const { ticket: after } = eraseTicketData(ticket, '2026-11-30T04:00:00.000Z');
    const plan = erasurePlan(
      detail({
        phone: after.phone,
        contactName: after.contactName,
        photos: after.photos,
        description: after.description,
        ratingComment: after.ratingComment,
        events: [{ ticketId: '2611300000001', seq: 2, type: 'contacted', at: '2026-11-30T02:10:00.000Z', actor: { id: 'h', role: 'handler' }, note: ERASED, label: '联系居民' }],
      }),
    );
    expect(plan.visible).toBe(false);
    expect(keys(plan.erased)).toEqual(['identity']);
  });
});

describe('erasureResultText', () => {
  const format = (iso: string) => iso.slice(0, 10);
  it('done now, or done before', () => {
    expect(erasureResultText('2611300000001', { erasedAt: '2026-11-30T04:00:00.000Z', requests: 1, joined: 0 }, format)).toBe(
      '已删除诉求 2611300000001 中居民的个人信息（2026-11-30），诉求仍保留在统计中',
    );
    expect(erasureResultText('2611300000001', { erasedAt: '2026-11-29T04:00:00.000Z', requests: 0, joined: 0, already: true }, format)).toBe(
      '诉求 2611300000001 的个人信息已于 2026-11-29 删除，本次没有改动',
    );
  });
});
