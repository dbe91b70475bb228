import * as z from 'zod/mini';
import { CategorySchema } from '../categories.ts';
import { CLOCKS } from '../sla.ts';
import { STATUSES } from '../ticket.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES } from '../photos.ts';
import { LocationViewSchema, PhoneSchema, TicketDetailSchema } from './common.ts';
import { lazySchema } from '../lazy-schema.ts';

/**
 * Contracts of the resident's pages (QR filing, places, photos, "me too", sign-in, a request on
 * another phone). The H5 QR page loads this module and `common.ts`, nothing of the staff's.
 */

export const CategoriesReplySchema = lazySchema(() => z.object({ items: z.array(CategorySchema) }));

export const DeadlineViewSchema = lazySchema(() => z.object({
  clock: z.enum(CLOCKS),
  label: z.string(),
  dueAt: z.string(),
  /** Human promise, e.g. "30分钟内联系您". */
  promise: z.string(),
  /** Computed with the Monday–Friday fallback for a year not loaded: shown as 预计. */
  provisional: z.optional(z.boolean()),
}));

export const PromisedDeadlinesSchema = lazySchema(() => z.object({
  categoryCode: z.string(),
  receivedAt: z.string(),
  deadlines: z.array(DeadlineViewSchema),
  /** Years the working-day calendar has no official data for (fell back to Monday–Friday). */
  calendarMissingYears: z.array(z.number()),
}));
export type PromisedDeadlines = z.infer<typeof PromisedDeadlinesSchema>;

export const DeadlinesQuerySchema = lazySchema(() => z.object({
  category: z.string().check(z.minLength(1, '请选择诉求类别'), z.maxLength(64, '诉求类别无效')),
  // Deadlines are computed in the calendar's range; 9999-12-31 or year 0001 is not a time of receipt.
  receivedAt: z.optional(z.iso.datetime({ offset: true }).check(z.refine((v) => Date.parse(v) >= Date.UTC(2000, 0, 1) && Date.parse(v) < Date.UTC(2100, 0, 1), '受理时间应在2000年至2099年之间'))),
}));

export const InboxQuerySchema = lazySchema(() => z.object({
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
}));

/** A place a resident can report from without scanning its QR code, nearest first when located. */
export const PlaceViewSchema = lazySchema(() => z.extend(LocationViewSchema, { distanceM: z.optional(z.number()) }));
export type PlaceView = z.infer<typeof PlaceViewSchema>;

/** `?q=大剧院` (any part of the name, two characters or more) or `?lat=36.06&lng=103.83`. */
export const PlacesQuerySchema = lazySchema(() => z.object({
  q: z.optional(z.string().check(z.trim(), z.minLength(2, '请至少输入2个字'), z.maxLength(30, '地点名称太长'))),
  lat: z.optional(z.coerce.number().check(z.gte(-90), z.lte(90))),
  lng: z.optional(z.coerce.number().check(z.gte(-180), z.lte(180))),
}).check(z.refine((v) => v.q !== undefined || (v.lat !== undefined && v.lng !== undefined), { message: '请输入地点名称，或允许获取您的位置' })));

export const PlacesReplySchema = lazySchema(() => z.object({ items: z.array(PlaceViewSchema) }));
export type PlacesReply = z.infer<typeof PlacesReplySchema>;

/** Asks for a place to upload one photo to: its declared type and size are checked here and again by storage. */
export const UploadRequestSchema = lazySchema(() => z.object({
  contentType: z.enum(PHOTO_TYPES, { message: '只支持 JPG、PNG、WebP 格式的照片' }),
  size: z.number().check(z.int(), z.gte(1, '照片是空的'), z.lte(MAX_PHOTO_BYTES, '照片不能超过5MB')),
}));
export type UploadRequest = z.infer<typeof UploadRequestSchema>;

/**
 * A presigned POST: send `fields` and then the file (field `file`, last) as
 * multipart/form-data to `url` before `expiresAt`; then put `key` in the request's photos.
 */
export const UploadTicketSchema = lazySchema(() => z.object({
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
  maxBytes: z.number(),
}));
export type UploadTicket = z.infer<typeof UploadTicketSchema>;

export const SimilarQuerySchema = lazySchema(() => z.object({ category: z.string().check(z.minLength(1, '请选择诉求类别'), z.maxLength(64, '诉求类别无效')) }));

/** An open request at the same place and category, as another resident may see it before filing: no names, no phone. */
export const SimilarTicketSchema = lazySchema(() => z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  categoryName: z.string(),
  summary: z.string(),
  receivedAt: z.string(),
  followerCount: z.number(),
  /** Filed by the asking resident. */
  mine: z.boolean(),
  /** Already joined by the asking resident. */
  following: z.boolean(),
}));
export type SimilarTicket = z.infer<typeof SimilarTicketSchema>;

export const SimilarTicketsReplySchema = lazySchema(() => z.object({ items: z.array(SimilarTicketSchema) }));

export const JoinInputSchema = lazySchema(() => z.object({ subscriptions: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(5)), []) }));
export type JoinInput = z.input<typeof JoinInputSchema>;

export const JoinReplySchema = lazySchema(() => z.object({ ticket: TicketDetailSchema, joined: z.boolean() }));

export const SubscribeInputSchema = lazySchema(() => z.object({ templateIds: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1, '没有同意接收的通知'), z.maxLength(5)) }));

/** Messages still allowed per template for this resident and request. */
export const SubscribeReplySchema = lazySchema(() => z.object({ credits: z.record(z.string(), z.number()) }));

export const WeChatLoginInputSchema = lazySchema(() => z.object({ code: z.string().check(z.trim(), z.minLength(1, '缺少微信登录凭证'), z.maxLength(128)) }));

/** What the resident pages need to know about this deployment. */
export const ClientConfigSchema = lazySchema(() => z.object({
  /** WeChat subscription message templates to ask consent for at submit (weapp only; empty when none are configured). */
  subscribeTemplates: z.array(z.object({ id: z.string(), title: z.string() })),
  photos: z.object({ maxCount: z.number(), maxBytes: z.number(), types: z.array(z.string()) }),
}));
export type ClientConfig = z.infer<typeof ClientConfigSchema>;

/** The photo limits every client is told. */
export const PHOTO_LIMITS: ClientConfig['photos'] = { maxCount: MAX_PHOTOS, maxBytes: MAX_PHOTO_BYTES, types: [...PHOTO_TYPES] };

/** POST /api/lookup: a request by its number and the phone number given with it. */
export const LookupInputSchema = lazySchema(() => z.object({
  id: z.string().check(z.trim(), z.regex(/^\d{13}$/, '诉求编号为13位数字')),
  phone: PhoneSchema,
}));
export type LookupInput = z.input<typeof LookupInputSchema>;

/** POST /api/me/transfer: a one-time code that carries this device's requests to another device. */
export const TransferCodeReplySchema = lazySchema(() => z.object({ code: z.string(), expiresAt: z.string() }));
export type TransferCodeReply = z.infer<typeof TransferCodeReplySchema>;

export const TRANSFER_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;

/** POST /api/auth/transfer: redeem the code on the new device (the reply is a resident session). */
export const RedeemTransferInputSchema = lazySchema(() => z.object({
  code: z.pipe(z.pipe(z.string().check(z.trim()), z.transform((v) => v.toUpperCase().replace(/\s+/g, ''))), z.string().check(z.regex(TRANSFER_CODE_PATTERN, '转移码为8位字母或数字'))),
}));

// ---- mediators (the admin's side is in admin-org.ts) ----------------------------

/** Categories on which a resident may choose a mediation team (元大妈工作室-style 调解组织). */
export const MEDIATION_CATEGORIES: readonly string[] = ['dispute'];

export const MediatorSchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  specialty: z.string(),
  contact: z.string(),
  disabled: z.optional(z.boolean()),
}));
export type Mediator = z.infer<typeof MediatorSchema>;
/** GET /api/mediators: the teams a resident may choose at a place. */
export const MediatorsQuerySchema = lazySchema(() => z.object({ locationId: z.string().check(z.regex(/^[a-z0-9-]{3,40}$/, '地点编号无效')) }));
export const MediatorsReplySchema = lazySchema(() => z.object({ items: z.array(MediatorSchema) }));
