import * as z from 'zod/mini';
import { replacePhonesInText } from './mask.ts';
import type { Actor } from './org.ts';
import type { EventType, Ticket, TicketEvent } from './ticket.ts';
import { lazySchema } from './lazy-schema.ts';

/**
 * Erasing a resident's personal data (PIPL art. 47) while their requests stay in the
 * statistics: what is removed or replaced, as pure functions of a ticket and its events.
 * The backend (functions/src/app/residents/erasure.ts) reads and writes; nothing here knows DynamoDB.
 *
 * Removed from the request: the phone number, the contact name, the link to the
 * resident's identity (WeChat openid or device id: `residentId`, and with it the request's
 * place in "my requests" and in the same-phone history of the risk rules) and the photos
 * the resident took (they may show people, faces or number plates, and their storage keys
 * name the uploader's folder; the photo objects are then left to expire).
 * Replaced by {@link ERASED}: the resident's own words to the staff (rating comment) and
 * what passed between the filer and the staff (contact notes, in-app messages, reopening
 * reason, the return visit's record), and every phone-like number in other free text (the
 * description, the feedback, staff notes). The resident as the actor of an event becomes
 * {@link ERASED_RESIDENT}.
 * Kept: everything the statistics and the office's accountability need — category,
 * place, unit, times, clocks, status, rating, counters, staff actions and the
 * description's words other than numbers.
 */
export const ERASED = '[已删除]';
export const ERASED_RESIDENT: Actor = { id: 'erased', role: 'resident', name: ERASED };

/** Events whose note passed between the filer and the staff (as shown only to the filer, functions/src/app/reading/views.ts). */
const FILER_NOTES: ReadonlySet<EventType> = new Set<EventType>(['responded', 'contacted', 'rated', 'reopened', 'followed_up', 'phone_viewed']);

/** Every phone-like number in free text replaced by {@link ERASED}. */
export function erasePhones(text: string): string {
  return replacePhonesInText(text, ERASED);
}

/** The filer's personal data removed from a ticket, and the photo keys it no longer carries. */
export function eraseTicketData(ticket: Ticket, at: string): { ticket: Ticket; photos: string[] } {
  const {
    phone: _phone,
    contactName: _name,
    residentId: _resident,
    ...rest
  } = ticket;
  const erased: Ticket = {
    ...rest,
    version: ticket.version + 1,
    description: erasePhones(ticket.description),
    photos: [],
    ...(ticket.ratingComment !== undefined ? { ratingComment: ERASED } : {}),
    ...(ticket.followUpNote !== undefined ? { followUpNote: ERASED } : {}),
    ...(ticket.feedback !== undefined ? { feedback: erasePhones(ticket.feedback) } : {}),
    ...(ticket.rejectReason !== undefined ? { rejectReason: erasePhones(ticket.rejectReason) } : {}),
    ...(ticket.pendingExtension ? { pendingExtension: { ...ticket.pendingExtension, reason: erasePhones(ticket.pendingExtension.reason) } } : {}),
    erasedAt: ticket.erasedAt ?? at,
  };
  return { ticket: erased, photos: ticket.photos };
}

/** Whether a ticket still holds its filer's personal data. */
export function holdsPersonalData(ticket: Ticket): boolean {
  return ticket.erasedAt === undefined || ticket.phone !== undefined || ticket.contactName !== undefined || ticket.residentId !== undefined || ticket.photos.length > 0;
}

function eraseStrings(value: unknown): unknown {
  if (typeof value === 'string') return erasePhones(value);
  if (Array.isArray(value)) return value.map(eraseStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eraseStrings(v)]));
  return value;
}

/**
 * An event with the subject's data erased, or undefined when it holds none.
 * `filer`: the subject filed this request, so the notes between filer and staff are theirs
 * too; otherwise (they joined it) only the events they acted in change.
 */
export function eraseEvent(event: TicketEvent, subject: { residentId?: string; filer: boolean }): TicketEvent | undefined {
  const own = event.actor.role === 'resident' && subject.residentId !== undefined && event.actor.id === subject.residentId;
  if (!own && !subject.filer) return undefined;
  const next: TicketEvent = { ...event };
  if (own) next.actor = ERASED_RESIDENT;
  if (subject.filer || own) {
    if (event.note !== undefined) next.note = FILER_NOTES.has(event.type) ? ERASED : erasePhones(event.note);
    if (event.data !== undefined) next.data = eraseStrings(event.data) as Record<string, unknown>;
  }
  return JSON.stringify(next) === JSON.stringify(event) ? undefined : next;
}

/** What an erasure did: requests filed (their personal data removed) and requests joined (the link removed). */
export const ErasureReplySchema = lazySchema(() => z.object({
  erasedAt: z.string(),
  /** Requests whose filer's personal data was removed in this call. */
  requests: z.number().check(z.int(), z.gte(0)),
  /** Requests the resident had joined ("me too") whose link to them was removed. */
  joined: z.number().check(z.int(), z.gte(0)),
  /** For an admin's erasure of one request: it had been erased before (nothing changed). */
  already: z.optional(z.boolean()),
}));
export type ErasureReply = z.infer<typeof ErasureReplySchema>;

/** The resident's confirmation: the words on the button, so a stray call cannot erase. */
export const ERASE_CONFIRMATION = '删除我的个人信息';
export const EraseMeInputSchema = lazySchema(() => z.object({
  confirm: z.literal(ERASE_CONFIRMATION, { error: `请确认：${ERASE_CONFIRMATION}` }),
}));
export type EraseMeInput = z.infer<typeof EraseMeInputSchema>;

/** An admin's erasure of one request's filer data: the reason is kept in the audit log. */
export const EraseTicketInputSchema = lazySchema(() => z.object({
  reason: z.string().check(z.trim(), z.minLength(2, { error: '请填写删除原因（至少2个字）' }), z.maxLength(200, { error: '删除原因不超过200字' })),
}));
export type EraseTicketInput = z.infer<typeof EraseTicketInputSchema>;
