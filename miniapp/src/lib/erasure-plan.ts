import type { TicketDetail } from '@mashang/shared/contracts/common';
import { ERASED, type ErasureReply } from '@mashang/shared/erasure';
import { parseSearch } from '@mashang/shared/inbox-search';
import { replacePhonesInText } from '@mashang/shared/mask';

/**
 * The admin's erasure page (pages-admin/erasure): the request number typed, what erasing the
 * filer's personal data removes from a request and what stays, and the words of the result.
 * What the backend really removes is decided in shared/src/erasure.ts; this only describes it
 * from the detail the admin can read (phone masked, photos as links).
 */

/** One line of the page's two lists. */
export interface ErasureLine {
  key: string;
  label: string;
  value: string;
}

export interface ErasurePlan {
  /** Removed (or replaced by [已删除]) from the request. */
  erased: ErasureLine[];
  /** Kept: what the statistics and the office's accountability need. */
  kept: ErasureLine[];
  /** The detail shows a phone, a name, photos or the filer's words: something visible will change. */
  visible: boolean;
}

/** Events whose note passed between the filer and the staff (erased whole, shared/src/erasure.ts FILER_NOTES). */
const FILER_NOTE_EVENTS: ReadonlySet<string> = new Set(['responded', 'contacted', 'rated', 'reopened', 'followed_up', 'phone_viewed']);

/** Full-width digits (１２３) to ASCII. */
const asciiDigits = (text: string) => text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));

/** The request number as typed (spaces, dashes, full-width digits allowed) → its 13 digits, or the reason it is not one. */
export function normalizeTicketNumber(text: string): { ok: true; id: string } | { ok: false; message: string } {
  const id = asciiDigits(text).replace(/[\s\-－]/g, '');
  if (id === '') return { ok: false, message: '请输入诉求编号' };
  if (!/^\d{13}$/.test(id)) return { ok: false, message: '诉求编号为13位数字' };
  return { ok: true, id };
}

/** What the admin typed to find the request: its number, or the resident's whole phone number. */
export type ErasureLookup = { kind: 'id'; id: string } | { kind: 'phone'; phone: string } | { kind: 'invalid'; message: string };

/**
 * The lookup box: a 13-digit request number (spaces, dashes, full-width digits allowed), or the
 * resident's whole phone number (mobile or landline with its area code) to list their requests
 * (GET /api/staff/search). A phone tail or words are not enough to act on someone's data.
 */
export function parseErasureLookup(text: string): ErasureLookup {
  const typed = asciiDigits(text).trim();
  if (typed === '') return { kind: 'invalid', message: '请输入诉求编号或居民的电话号码' };
  const n = normalizeTicketNumber(typed);
  if (n.ok) return { kind: 'id', id: n.id };
  const q = parseSearch(typed.replace(/\s/g, ''));
  if (q.kind === 'phone') return { kind: 'phone', phone: q.phone };
  return { kind: 'invalid', message: '请输入13位诉求编号，或完整的电话号码（手机号或带区号的座机）' };
}

/** The second confirmation: the admin types the request number again. */
export function confirmsTicket(typed: string, id: string): boolean {
  const n = normalizeTicketNumber(typed);
  return n.ok && n.id === id;
}

/** How many phone-like numbers a text holds (the ones erasure replaces). */
export function phoneNumbersIn(text: string | undefined): number {
  if (!text) return 0;
  let n = 0;
  replacePhonesInText(text, (m) => {
    n++;
    return m;
  });
  return n;
}

/** What erasing this request's filer data removes, and what stays, as the admin reads it before confirming. */
export function erasurePlan(detail: TicketDetail): ErasurePlan {
  const erased: ErasureLine[] = [];
  if (detail.phone) erased.push({ key: 'phone', label: '电话', value: detail.phone });
  if (detail.contactName && detail.contactName !== ERASED) erased.push({ key: 'name', label: '称呼', value: detail.contactName });
  if (detail.photos.length > 0) erased.push({ key: 'photos', label: '居民上传的照片', value: `${detail.photos.length} 张` });
  const numbers = phoneNumbersIn(detail.description) + phoneNumbersIn(detail.feedback) + phoneNumbersIn(detail.rejectReason);
  if (numbers > 0) erased.push({ key: 'numbers', label: '描述与答复中的电话号码', value: `${numbers} 个` });
  if (detail.ratingComment && detail.ratingComment !== ERASED) erased.push({ key: 'comment', label: '评价留言', value: '1 条' });
  const notes = detail.events.filter((e) => FILER_NOTE_EVENTS.has(e.type) && e.note !== undefined && e.note !== ERASED).length;
  if (notes > 0) erased.push({ key: 'notes', label: '与工作人员的往来留言', value: `${notes} 条` });
  const visible = erased.length > 0;
  // Never visible to staff, always removed: the resident's WeChat or device identity.
  erased.push({ key: 'identity', label: '与居民身份的关联', value: '“我的诉求”中不再显示，居民不能再查看或评价' });

  const kept: ErasureLine[] = [
    { key: 'id', label: '诉求编号', value: detail.id },
    { key: 'category', label: '类别', value: detail.categoryName },
    { key: 'place', label: '地点', value: detail.locationName },
    { key: 'unit', label: '当前承办单位', value: detail.currentUnitName },
    { key: 'status', label: '状态', value: detail.statusLabel },
    { key: 'clocks', label: '受理时间与各项时限', value: '不变' },
  ];
  if (detail.rating) kept.push({ key: 'rating', label: '满意度评价', value: '保留（留言除外）' });
  kept.push({ key: 'stats', label: '统计', value: '仍计入件数、时限考核和红黑榜' });
  return { erased, kept, visible };
}

/** The result in words: what was done, or that it had been done before. */
export function erasureResultText(id: string, reply: ErasureReply, format: (iso: string) => string): string {
  if (reply.already || reply.requests === 0) return `诉求 ${id} 的个人信息已于 ${format(reply.erasedAt)} 删除，本次没有改动`;
  return `已删除诉求 ${id} 中居民的个人信息（${format(reply.erasedAt)}），诉求仍保留在统计中`;
}
