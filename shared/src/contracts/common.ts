import * as z from 'zod/mini';
import { ActorSchema, STAFF_ROLES, UnitSchema } from '../org.ts';
import { ClockSchema, CLOCKS } from '../sla.ts';
import { CHANNELS, RATINGS, StaffRefSchema, STATUSES, TicketEventSchema } from '../ticket.ts';
import { MAX_PHOTOS } from '../photos.ts';
import { lazySchema } from '../lazy-schema.ts';

/**
 * Contracts every audience shares: the error reply, a place, a request as a list row and in detail,
 * the filing input (a staff filing extends it) and a session.
 */

/** Mainland mobile numbers, or a landline with area code (0931-8888888). */
export const PhoneSchema = lazySchema(() => z.string().check(z.trim(), z.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请输入正确的手机号或带区号的固定电话')));

export const ErrorReplySchema = lazySchema(() => z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
}));
export type ErrorReply = z.infer<typeof ErrorReplySchema>;

/** What a resident sees when opening a street QR code. */
export const LocationViewSchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(),
  address: z.optional(z.string()),
  gridName: z.string(),
  communityName: z.string(),
  centreName: z.string(),
}));
export type LocationView = z.infer<typeof LocationViewSchema>;

export const CreateTicketInputSchema = lazySchema(() => z.object({
  /** Client-generated token: a retried or double-tapped submit creates one request. */
  clientToken: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求标识无效')),
  locationId: z.string().check(z.minLength(1, '缺少地点'), z.maxLength(64, '地点无效')),
  categoryCode: z.string().check(z.minLength(1, '请选择诉求类别'), z.maxLength(64, '诉求类别无效')),
  description: z.string().check(z.trim(), z.minLength(5, '请至少用5个字描述问题'), z.maxLength(1000, '描述不能超过1000字')),
  phone: z.optional(PhoneSchema),
  contactName: z.optional(z.string().check(z.trim(), z.maxLength(20, '称呼不能超过20字'))),
  anonymous: z._default(z.boolean(), false),
  urgent: z._default(z.boolean(), false),
  photos: z._default(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(MAX_PHOTOS, '最多上传6张照片')), []),
  /** WeChat subscription templates the resident just accepted (weapp); each allows one message. */
  subscriptions: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(5)), []),
  /** A mediation team listed by the county, chosen on a dispute category (GET /api/mediators). */
  mediatorId: z.optional(z.string().check(z.maxLength(40))),
}));
export type CreateTicketInput = z.input<typeof CreateTicketInputSchema>;

export const ClockViewSchema = lazySchema(() => z.extend(ClockSchema, {
  label: z.string(),
  state: z.enum(['met', 'met_late', 'on_time', 'warning', 'breached']),
  remainingMs: z.number(),
}));
export type ClockView = z.infer<typeof ClockViewSchema>;

/** A ticket as a list row: no phone number, ever. */
export const TicketListItemSchema = lazySchema(() => z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  channel: z.enum(CHANNELS),
  categoryCode: z.string(),
  categoryName: z.string(),
  summary: z.string(),
  locationName: z.string(),
  urgent: z.boolean(),
  receivedAt: z.string(),
  supervisionLevel: z.number(),
  /** The next unmet deadline and its state, for the yellow/red marks. */
  next: z.optional(z.object({ clock: z.enum(CLOCKS), label: z.string(), dueAt: z.string(), state: ClockViewSchema.shape.state })),
  /** In a resident's list: a request they joined ("me too") rather than filed. */
  followed: z.optional(z.boolean()),
  /** Staff lists: the 承办人 working it in its current unit ("my tickets"). */
  assigneeId: z.optional(z.string()),
  assigneeName: z.optional(z.string()),
}));
export type TicketListItem = z.infer<typeof TicketListItemSchema>;

export const TicketListReplySchema = lazySchema(() => z.object({
  items: z.array(TicketListItemSchema),
  nextCursor: z.optional(z.string()),
}));
export type TicketListReply = z.infer<typeof TicketListReplySchema>;

export const TicketDetailSchema = lazySchema(() => z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  channel: z.enum(CHANNELS),
  channelLabel: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  categoryConfirmed: z.boolean(),
  description: z.string(),
  /** Masked (138****1234) unless the viewer is the resident or the handler working the request. */
  phone: z.optional(z.string()),
  contactName: z.optional(z.string()),
  anonymous: z.boolean(),
  urgent: z.boolean(),
  locationName: z.string(),
  gridId: z.optional(z.string()),
  coordinatorUnitId: z.string(),
  currentUnitId: z.string(),
  currentUnitName: z.string(),
  handlingUnitId: z.optional(z.string()),
  receivedAt: z.string(),
  updatedAt: z.string(),
  supervisionLevel: z.number(),
  photos: z.array(z.string()),
  feedback: z.optional(z.string()),
  feedbackPhotos: z.optional(z.array(z.string())),
  rating: z.optional(z.enum(RATINGS)),
  ratingComment: z.optional(z.string()),
  rejectReason: z.optional(z.string()),
  mergedInto: z.optional(z.string()),
  reopenCount: z.number(),
  pendingExtension: z.optional(z.object({ workingDays: z.number(), reason: z.string(), requestedAt: z.string() })),
  /** `provisional`: a working-day deadline computed with the Monday–Friday fallback (year not loaded): shown as 预计. */
  clocks: z.array(z.extend(ClockViewSchema, { clock: z.enum(CLOCKS), provisional: z.optional(z.boolean()) })),
  events: z.array(z.extend(TicketEventSchema, { label: z.string() })),
  /** Commands the viewer may issue now. */
  actions: z.array(z.string()),
  /** Residents who joined the request ("me too"). */
  followerCount: z.optional(z.number()),
  /** The viewing resident joined this request rather than filed it. */
  following: z.optional(z.boolean()),
  /** The staff return visit's (回访) result, kept apart from the resident's own rating. */
  followUpResult: z.optional(z.enum(RATINGS)),
  followUpNote: z.optional(z.string()),
  /** 承办人: who works the request in its current unit. */
  assignee: z.optional(StaffRefSchema),
  /** The viewer may reveal the full phone number (POST /api/tickets/{id}/phone, recorded as an event). */
  canRevealPhone: z.optional(z.boolean()),
  /** The mediation team the resident chose (dispute categories). */
  mediator: z.optional(z.object({ id: z.string(), name: z.string(), contact: z.string() })),
  /** The 12345 work-order number entered at the desk. */
  workOrderNo: z.optional(z.string()),
  /** Earlier requests of the same caller the desk referenced. */
  relatedTicketIds: z.optional(z.array(z.string())),
}));
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

export const CreateTicketReplySchema = lazySchema(() => z.object({ ticket: TicketDetailSchema, created: z.boolean() }));

export const StaffViewSchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  unit: UnitSchema,
}));
export type StaffView = z.infer<typeof StaffViewSchema>;

export const SessionReplySchema = lazySchema(() => z.object({
  token: z.string(),
  expiresAt: z.string(),
  actor: ActorSchema,
  staff: z.optional(StaffViewSchema),
}));
export type SessionReply = z.infer<typeof SessionReplySchema>;
