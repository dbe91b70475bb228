import * as z from 'zod/mini';
import { TicketListItemSchema } from './contracts/common.ts';
import { lazySchema } from './lazy-schema.ts';

/**
 * Searching the staff inbox (issue 13): what a typed query means. Pure: the use case
 * (functions/src/app/inbox-search.ts) turns each kind into bounded reads.
 *
 * - 13 digits: a request number (one GetItem, any age, within the caller's scope);
 * - 4 digits: the last four digits of the resident's phone (the unit's own partitions, filtered);
 * - a whole mobile or landline number: the same caller's requests (index byPhone, by hash);
 * - letters and digits (4–32): a 12345 work-order number too (one GetItem of its row);
 * - anything else: words that must all appear in the text or the place.
 */
export type SearchQuery =
  | { kind: 'id'; id: string; workOrderNo?: string }
  | { kind: 'phone_tail'; tail: string; workOrderNo?: string }
  | { kind: 'phone'; phone: string; workOrderNo?: string }
  | { kind: 'words'; words: string[]; workOrderNo?: string };

/** Months of a unit's received requests a search looks back over (plus its whole open inbox). */
export const SEARCH_MONTHS = 3;

export const WORK_ORDER_PATTERN = /^[A-Za-z0-9-]{4,32}$/;
const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** A 12345 work-order number as stored and looked up: trimmed, upper case. */
export function normalizeWorkOrderNo(raw: string): string {
  return raw.trim().toUpperCase();
}

export function parseSearch(raw: string): SearchQuery {
  const q = raw.trim();
  const workOrder = WORK_ORDER_PATTERN.test(q) ? { workOrderNo: normalizeWorkOrderNo(q) } : {};
  if (/^\d{13}$/.test(q)) return { kind: 'id', id: q, ...workOrder };
  if (/^\d{4}$/.test(q)) return { kind: 'phone_tail', tail: q, ...workOrder };
  if (PHONE_PATTERN.test(q)) return { kind: 'phone', phone: q, ...workOrder };
  const words = [...new Set(q.split(/[\s,，、;；]+/).filter(Boolean))].slice(0, 5);
  return { kind: 'words', words, ...workOrder };
}

/** Whether a stored phone number ends with these four digits (digits only: 0931-8888888 ends with 8888). */
export function phoneEndsWith(phone: string | undefined, tail: string): boolean {
  return phone !== undefined && phone.replace(/\D/g, '').endsWith(tail);
}

/** Whether every word appears in the request's text or place. */
export function matchesWords(ticket: { description: string; locationName: string }, words: readonly string[]): boolean {
  return words.every((w) => ticket.description.includes(w) || ticket.locationName.includes(w));
}

/** GET /api/staff/search?q=: 2–40 characters (4 digits for a phone tail). */
export const InboxSearchQuerySchema = lazySchema(() => z.object({
  q: z.string().check(z.trim(), z.minLength(2, '请输入诉求编号、电话后4位或关键词（至少2个字）'), z.maxLength(40, '搜索内容不能超过40个字')),
}));

export const InboxSearchReplySchema = lazySchema(() => z.object({
  /** How the query was read: 诉求编号, 电话后4位, 完整电话, 12345工单号 or 关键词. */
  matchedBy: z.enum(['id', 'phone_tail', 'phone', 'words', 'work_order']),
  /** No phone numbers: list rows as in the inbox, with the unit that holds each request now. */
  items: z.array(z.extend(TicketListItemSchema, { currentUnitId: z.string(), currentUnitName: z.string(), workOrderNo: z.optional(z.string()) })),
  /** The partitions read held more than the bound: older matches may be missing. */
  truncated: z.boolean(),
}));
export type InboxSearchReply = z.infer<typeof InboxSearchReplySchema>;
