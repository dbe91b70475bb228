import * as z from 'zod/mini';
import { UnitSchema } from '../org.ts';
import { CommandSchema, OPEN_STATUSES, RATINGS, STATUSES } from '../ticket.ts';
import { STAFF_CHANNELS } from '../workbench.ts';
import { CreateTicketInputSchema, LocationViewSchema, TicketDetailSchema, TicketListItemSchema, TicketListReplySchema } from './common.ts';
import { lazySchema } from '../lazy-schema.ts';

/**
 * Contracts of the staff workbench: commands, sign-in, the inbox, desk filing, invites and
 * WeChat binding, the office's 已派出 view and staff alerts.
 */

export const CommandInputSchema = lazySchema(() => z.object({
  /** The version the client saw: a stale one is a 409 instead of a lost update. */
  expectedVersion: z.optional(z.number().check(z.int(), z.gte(1))),
  command: CommandSchema,
}));
export type CommandInput = z.input<typeof CommandInputSchema>;

export const StaffLoginInputSchema = lazySchema(() => z.object({
  username: z.string().check(z.trim(), z.minLength(1, '请输入账号'), z.maxLength(40)),
  password: z.string().check(z.minLength(1, '请输入密码'), z.maxLength(200)),
}));

export const UnitsReplySchema = lazySchema(() => z.object({ items: z.array(UnitSchema) }));

/** A yes/no query parameter: `1`/`true` or `0`/`false`. */
const QueryFlagSchema = lazySchema(() => z.pipe(z.enum(['1', 'true', '0', 'false']), z.transform((v) => v === '1' || v === 'true')));

export const INBOX_SORTS = ['deadline', 'newest'] as const;

export type InboxSort = (typeof INBOX_SORTS)[number];

/** GET /api/staff/inbox: the unit's open requests, next deadline first by default, with filters. */
export const StaffInboxQuerySchema = lazySchema(() => z.object({
  cursor: z.optional(z.string().check(z.maxLength(1000))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(50)), 20),
  sort: z._default(z.enum(INBOX_SORTS), 'deadline'),
  status: z.optional(z.enum(STATUSES).check(z.refine((s) => OPEN_STATUSES.includes(s), '待办只包含办理中的诉求'))),
  category: z.optional(z.string().check(z.maxLength(40))),
  /** Only requests whose 承办人 is the caller. */
  mine: z.optional(QueryFlagSchema),
  urgent: z.optional(QueryFlagSchema),
}));
export type StaffInboxQuery = z.input<typeof StaffInboxQuerySchema>;

/** The unit's open requests counted by status (kept as counters, not counted on each load). */
export const InboxCountsSchema = lazySchema(() => z.object({ total: z.number(), byStatus: z.record(z.string(), z.number()) }));
export type InboxCounts = z.infer<typeof InboxCountsSchema>;

export const InboxReplySchema = lazySchema(() => z.extend(TicketListReplySchema, { counts: InboxCountsSchema }));
export type InboxReply = z.infer<typeof InboxReplySchema>;

/** POST /api/tickets/{id}/phone: the full number for the handler working the request; the view is recorded. */
export const RevealPhoneReplySchema = lazySchema(() => z.object({ phone: z.string(), ticket: TicketDetailSchema }));
export type RevealPhoneReply = z.infer<typeof RevealPhoneReplySchema>;

/** Handling on the spot (办小事): what was done, and the resident's satisfaction asked there and then. */
export const OnSpotSchema = lazySchema(() => z.object({
  feedback: z.string().check(z.trim(), z.minLength(5, '请说明现场如何处理（至少5个字）'), z.maxLength(2000)),
  result: z._default(z.enum(RATINGS), 'satisfied'),
}));

/**
 * POST /api/staff/tickets: a grid worker files for a resident met on patrol, or an
 * operator enters a request from the 12345 hotline, a 110 transfer, a letter or a visit.
 * The place is a QR location, or a grid plus a free-text place.
 */
export const StaffCreateTicketInputSchema = lazySchema(() => z.extend(z.omit(CreateTicketInputSchema, { locationId: true }), {
    channel: z.optional(z.enum(STAFF_CHANNELS)),
    locationId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    gridId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    place: z.optional(z.string().check(z.trim(), z.minLength(2, '请填写具体位置（至少2个字）'), z.maxLength(60, '位置不能超过60字'))),
    onSpot: z.optional(OnSpotSchema),
    /** The 12345 work-order number (channel 12345 only; one request per work order). */
    workOrderNo: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{4,32}$/, '工单编号为4至32位字母、数字或“-”'))),
    /** Earlier requests of the same caller this one refers to (desk; each must be visible to the operator). */
    relatedTicketIds: z.optional(z.array(z.string().check(z.regex(/^\d{13}$/, '诉求编号为13位数字'))).check(z.maxLength(5, '最多关联5件诉求'))),
  }).check(z.refine((v) => v.locationId !== undefined || v.place !== undefined, { message: '请选择地点，或填写具体位置', path: ['place'] })));
export type StaffCreateTicketInput = z.input<typeof StaffCreateTicketInputSchema>;

export const StaffLocationsQuerySchema = lazySchema(() => z.object({ gridId: z.optional(z.string().check(z.minLength(1), z.maxLength(60))) }));

export const StaffLocationSchema = lazySchema(() => z.extend(LocationViewSchema, { gridId: z.string() }));

export const StaffLocationsReplySchema = lazySchema(() => z.object({ items: z.array(StaffLocationSchema) }));

/** POST /api/admin/invites: a one-time code with which a staff member binds their WeChat identity. */
export const CreateInviteInputSchema = lazySchema(() => z.object({ username: z.string().check(z.trim(), z.minLength(1, '请输入账号'), z.maxLength(40)) }));

export const InviteReplySchema = lazySchema(() => z.object({ code: z.string(), username: z.string(), name: z.string(), expiresAt: z.string() }));
export type InviteReply = z.infer<typeof InviteReplySchema>;

export const INVITE_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;

/** POST /api/auth/staff/bind: the invite code and a fresh `wx.login` code. */
export const BindWechatInputSchema = lazySchema(() => z.object({
  inviteCode: z.pipe(z.pipe(z.string().check(z.trim()), z.transform((v) => v.toUpperCase())), z.string().check(z.regex(INVITE_CODE_PATTERN, '邀请码为8位字母或数字'))),
  code: z.string().check(z.trim(), z.minLength(1, '缺少微信登录凭证'), z.maxLength(128)),
}));

/** A request the office dispatched: where it is now, and whether its return visit (回访) is the office's to record. */
export const DispatchedItemSchema = lazySchema(() => z.extend(TicketListItemSchema, {
  currentUnitId: z.string(),
  currentUnitName: z.string(),
  /** Resolved (or closed by the resident's rating) and waiting for the office's return visit. */
  awaitingFollowUp: z.boolean(),
}));
export type DispatchedItem = z.infer<typeof DispatchedItemSchema>;

/** GET /api/staff/dispatched: what the caller's office dispatched and has not yet followed up, newest first. */
export const DispatchedReplySchema = lazySchema(() => z.object({
  items: z.array(DispatchedItemSchema),
  /** More than one page per month was there to read: the oldest are left out. */
  truncated: z.boolean(),
}));
export type DispatchedReply = z.infer<typeof DispatchedReplySchema>;

export const StaffMessageSchema = lazySchema(() => z.object({
  id: z.string(),
  ticketId: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  read: z.optional(z.boolean()),
}));
export type StaffMessageView = z.infer<typeof StaffMessageSchema>;

export const StaffMessagesReplySchema = lazySchema(() => z.object({ items: z.array(StaffMessageSchema), unread: z.number() }));

/** GET /api/staff/changes: cheap markers polled by the staff pages (inbox changes, unread messages). */
export const StaffChangesReplySchema = lazySchema(() => z.object({ inbox: z.number(), unread: z.number(), messages: z.number() }));
export type StaffChanges = z.infer<typeof StaffChangesReplySchema>;
/** POST /api/staff/messages/read: the unread count left. */
export const MarkReadReplySchema = lazySchema(() => z.pick(StaffChangesReplySchema, { unread: true }));
