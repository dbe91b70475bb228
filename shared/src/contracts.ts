import * as z from 'zod';
import { CategorySchema } from './categories.ts';
import { ActorSchema, STAFF_ROLES, UnitSchema } from './org.ts';
import { ClockSchema, CLOCKS } from './sla.ts';
import { CHANNELS, CommandSchema, OPEN_STATUSES, RATINGS, StaffRefSchema, STATUSES, TicketEventSchema, URGE_NOTE } from './ticket.ts';
import { STAFF_CHANNELS } from './workbench.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES } from './photos.ts';
import { RISK_TASK_STATUSES, RiskRuleSetSchema, RiskRulesSchema, RiskWarningSchema } from './risk.ts';

/**
 * The HTTP API contract: one schema per request and reply, parsed by the
 * backend on the way in and by the mini-program on the way back.
 */

/** Mainland mobile numbers, or a landline with area code (0931-8888888). */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请输入正确的手机号或带区号的固定电话');

export const ErrorReplySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorReply = z.infer<typeof ErrorReplySchema>;

/** What a resident sees when opening a street QR code. */
export const LocationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().optional(),
  gridName: z.string(),
  communityName: z.string(),
  centreName: z.string(),
});
export type LocationView = z.infer<typeof LocationViewSchema>;

export const CategoriesReplySchema = z.object({ items: z.array(CategorySchema) });

export const DeadlineViewSchema = z.object({
  clock: z.enum(CLOCKS),
  label: z.string(),
  dueAt: z.string(),
  /** Human promise, e.g. "30分钟内联系您". */
  promise: z.string(),
  /** Computed with the Monday–Friday fallback for a year not loaded: shown as 预计. */
  provisional: z.boolean().optional(),
});
export const PromisedDeadlinesSchema = z.object({
  categoryCode: z.string(),
  receivedAt: z.string(),
  deadlines: z.array(DeadlineViewSchema),
  /** Years the working-day calendar has no official data for (fell back to Monday–Friday). */
  calendarMissingYears: z.array(z.number()),
});
export type PromisedDeadlines = z.infer<typeof PromisedDeadlinesSchema>;

export const DeadlinesQuerySchema = z.object({
  category: z.string().min(1, '请选择诉求类别').max(64, '诉求类别无效'),
  // Deadlines are computed in the calendar's range; 9999-12-31 or year 0001 is not a time of receipt.
  receivedAt: z.iso
    .datetime({ offset: true })
    .refine((v) => Date.parse(v) >= Date.UTC(2000, 0, 1) && Date.parse(v) < Date.UTC(2100, 0, 1), '受理时间应在2000年至2099年之间')
    .optional(),
});

export const CreateTicketInputSchema = z.object({
  /** Client-generated token: a retried or double-tapped submit creates one request. */
  clientToken: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求标识无效'),
  locationId: z.string().min(1, '缺少地点').max(64, '地点无效'),
  categoryCode: z.string().min(1, '请选择诉求类别').max(64, '诉求类别无效'),
  description: z.string().trim().min(5, '请至少用5个字描述问题').max(1000, '描述不能超过1000字'),
  phone: PhoneSchema.optional(),
  contactName: z.string().trim().max(20, '称呼不能超过20字').optional(),
  anonymous: z.boolean().default(false),
  urgent: z.boolean().default(false),
  photos: z.array(z.string().max(200)).max(MAX_PHOTOS, '最多上传6张照片').default([]),
  /** WeChat subscription templates the resident just accepted (weapp); each allows one message. */
  subscriptions: z.array(z.string().min(1).max(100)).max(5).default([]),
  /** A mediation team listed by the county, chosen on a dispute category (GET /api/mediators). */
  mediatorId: z.string().max(40).optional(),
});
export type CreateTicketInput = z.input<typeof CreateTicketInputSchema>;

export const ClockViewSchema = ClockSchema.extend({
  label: z.string(),
  state: z.enum(['met', 'met_late', 'on_time', 'warning', 'breached']),
  remainingMs: z.number(),
});
export type ClockView = z.infer<typeof ClockViewSchema>;

/** A ticket as a list row: no phone number, ever. */
export const TicketListItemSchema = z.object({
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
  next: z.object({ clock: z.enum(CLOCKS), label: z.string(), dueAt: z.string(), state: ClockViewSchema.shape.state }).optional(),
  /** In a resident's list: a request they joined ("me too") rather than filed. */
  followed: z.boolean().optional(),
  /** Staff lists: the 承办人 working it in its current unit ("my tickets"). */
  assigneeId: z.string().optional(),
  assigneeName: z.string().optional(),
});
export type TicketListItem = z.infer<typeof TicketListItemSchema>;

export const TicketListReplySchema = z.object({
  items: z.array(TicketListItemSchema),
  nextCursor: z.string().optional(),
});
export type TicketListReply = z.infer<typeof TicketListReplySchema>;

export const TicketDetailSchema = z.object({
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
  phone: z.string().optional(),
  contactName: z.string().optional(),
  anonymous: z.boolean(),
  urgent: z.boolean(),
  locationName: z.string(),
  gridId: z.string().optional(),
  coordinatorUnitId: z.string(),
  currentUnitId: z.string(),
  currentUnitName: z.string(),
  handlingUnitId: z.string().optional(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  supervisionLevel: z.number(),
  photos: z.array(z.string()),
  feedback: z.string().optional(),
  feedbackPhotos: z.array(z.string()).optional(),
  rating: z.enum(RATINGS).optional(),
  ratingComment: z.string().optional(),
  rejectReason: z.string().optional(),
  mergedInto: z.string().optional(),
  reopenCount: z.number(),
  pendingExtension: z.object({ workingDays: z.number(), reason: z.string(), requestedAt: z.string() }).optional(),
  /** `provisional`: a working-day deadline computed with the Monday–Friday fallback (year not loaded): shown as 预计. */
  clocks: z.array(ClockViewSchema.extend({ clock: z.enum(CLOCKS), provisional: z.boolean().optional() })),
  events: z.array(TicketEventSchema.extend({ label: z.string() })),
  /** Commands the viewer may issue now. */
  actions: z.array(z.string()),
  /** Residents who joined the request ("me too"). */
  followerCount: z.number().optional(),
  /** The viewing resident joined this request rather than filed it. */
  following: z.boolean().optional(),
  /** The staff return visit's (回访) result, kept apart from the resident's own rating. */
  followUpResult: z.enum(RATINGS).optional(),
  followUpNote: z.string().optional(),
  /** 承办人: who works the request in its current unit. */
  assignee: StaffRefSchema.optional(),
  /** The viewer may reveal the full phone number (POST /api/tickets/{id}/phone, recorded as an event). */
  canRevealPhone: z.boolean().optional(),
  /** The mediation team the resident chose (dispute categories). */
  mediator: z.object({ id: z.string(), name: z.string(), contact: z.string() }).optional(),
  /** The 12345 work-order number entered at the desk. */
  workOrderNo: z.string().optional(),
  /** Earlier requests of the same caller the desk referenced. */
  relatedTicketIds: z.array(z.string()).optional(),
});
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

export const CreateTicketReplySchema = z.object({ ticket: TicketDetailSchema, created: z.boolean() });

export const CommandInputSchema = z.object({
  /** The version the client saw: a stale one is a 409 instead of a lost update. */
  expectedVersion: z.number().int().min(1).optional(),
  command: CommandSchema,
});
export type CommandInput = z.input<typeof CommandInputSchema>;

export const StaffLoginInputSchema = z.object({
  username: z.string().trim().min(1, '请输入账号').max(40),
  password: z.string().min(1, '请输入密码').max(200),
});

export const StaffViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  unit: UnitSchema,
});
export type StaffView = z.infer<typeof StaffViewSchema>;

export const SessionReplySchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  actor: ActorSchema,
  staff: StaffViewSchema.optional(),
});
export type SessionReply = z.infer<typeof SessionReplySchema>;

export const UnitsReplySchema = z.object({ items: z.array(UnitSchema) });

export const InboxQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

// ---- supervisors' reports ----------------------------------------------------

const LocalDateParam = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const ReportQuerySchema = z
  .object({
    unitId: z.string().min(1).optional(),
    from: LocalDateParam,
    to: LocalDateParam,
  })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: '统计区间不能超过一年', path: ['to'] });

export const FIGURES = [
  'received',
  'respondedOnTime',
  'classifiedOnTime',
  'resolved',
  'resolvedOnTime',
  'followedUpOnTime',
  'satisfied',
  'unsatisfied',
  'openBreached',
  'dispatched',
] as const;
export type Figure = (typeof FIGURES)[number];

const CountersSchema = z.record(z.string(), z.number());
const RatesSchema = z.object({
  responseRate: z.number().nullable(),
  classifyRate: z.number().nullable(),
  resolveRate: z.number().nullable(),
  resolveOnTimeRate: z.number().nullable(),
  followUpRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
});

export const ReportRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  role: z.enum(['origin', 'handling']),
  counters: CountersSchema,
  rates: RatesSchema,
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const SlaReportSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  totals: ReportRowSchema,
  byUnit: z.array(ReportRowSchema),
  byCategory: z.array(ReportRowSchema),
  /** One row per day of receipt (key = YYYY-MM-DD), for the trend chart of received vs resolved. */
  byDay: z.array(ReportRowSchema),
  formulas: z.record(z.string(), z.string()),
  /** DynamoDB items the report read: proportional to units × days × categories, not to requests. */
  itemsRead: z.number(),
});
export type SlaReport = z.infer<typeof SlaReportSchema>;

/** Longest drill-down range in days, by role (origin: like the month report; handling: every office's partitions are read). */
export const DRILLDOWN_MAX_DAYS = { origin: 366, handling: 92 } as const;

export const DrillDownQuerySchema = z
  .object({
    unitId: z.string().min(1).max(64),
    from: LocalDateParam,
    to: LocalDateParam,
    figure: z.enum(FIGURES),
    role: z.enum(['origin', 'handling']).default('origin'),
    categoryCode: z.string().max(64).optional(),
  })
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  // Bounded like the month report; a handling drill-down reads every office's month partitions, so it is held to a quarter.
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= DRILLDOWN_MAX_DAYS[q.role] * 86_400_000, {
    message: '清单区间过长：按受理单位不超过一年，按承办单位不超过三个月',
    path: ['to'],
  });

export const RankingQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'), unitId: z.string().optional() });

const RankingPartsSchema = z.object({ response: z.number().nullable(), resolve: z.number().nullable(), satisfaction: z.number().nullable() });
export const RankingEntrySchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  kind: z.enum(['office', 'department', 'community']),
  rank: z.number(),
  score: z.number(),
  list: z.enum(['red', 'black']).nullable(),
  rates: RatesSchema,
  counters: CountersSchema,
  /** The three rates of the composite score (响应率, 解决率, 满意率 with 基本满意 weighted). */
  parts: RankingPartsSchema.optional(),
});
/** A unit with requests in the month but not ranked: fewer than the minimum, or nothing measurable yet. */
export const UnrankedEntrySchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  kind: z.enum(['office', 'department', 'community']),
  volume: z.number(),
  reason: z.enum(['too_few', 'nothing_measured']),
});
export const RankingReplySchema = z.object({
  month: z.string(),
  formula: z.string(),
  offices: z.array(RankingEntrySchema),
  departments: z.array(RankingEntrySchema),
  communities: z.array(RankingEntrySchema).optional(),
  unranked: z.array(UnrankedEntrySchema).optional(),
  minRequests: z.number().optional(),
});
export type RankingReply = z.infer<typeof RankingReplySchema>;

export const BreachItemSchema = TicketListItemSchema.extend({
  currentUnitId: z.string(),
  currentUnitName: z.string(),
  handlerName: z.string().optional(),
  /** The deadline of the earliest breached clock: when the request became overdue. */
  firstBreachAt: z.string(),
  breachedClocks: z.array(z.enum(CLOCKS)),
  /** When the sweeper recorded that red card (the deadline or later). */
  breachRecordedAt: z.string().optional(),
});
export const BreachListReplySchema = z.object({ items: z.array(BreachItemSchema) });
export type BreachListReply = z.infer<typeof BreachListReplySchema>;

/** The note follows the urge command's rule (`URGE_NOTE`), so one request and a whole unit are urged alike. */
export const UrgeUnitInputSchema = z.object({ unitId: z.string().min(1).max(64), note: URGE_NOTE });
export const UrgeUnitReplySchema = z.object({ urged: z.number(), ticketIds: z.array(z.string()) });

// ---- residents: places, photos, "me too", WeChat sign-in, notifications ------

/** A place a resident can report from without scanning its QR code, nearest first when located. */
export const PlaceViewSchema = LocationViewSchema.extend({ distanceM: z.number().optional() });
export type PlaceView = z.infer<typeof PlaceViewSchema>;

/** `?q=大剧院` (any part of the name, two characters or more) or `?lat=36.06&lng=103.83`. */
export const PlacesQuerySchema = z
  .object({
    q: z.string().trim().min(2, '请至少输入2个字').max(30, '地点名称太长').optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
  })
  .refine((v) => v.q !== undefined || (v.lat !== undefined && v.lng !== undefined), { message: '请输入地点名称，或允许获取您的位置' });
export const PlacesReplySchema = z.object({ items: z.array(PlaceViewSchema) });
export type PlacesReply = z.infer<typeof PlacesReplySchema>;

/** Asks for a place to upload one photo to: its declared type and size are checked here and again by storage. */
export const UploadRequestSchema = z.object({
  contentType: z.enum(PHOTO_TYPES, { message: '只支持 JPG、PNG、WebP 格式的照片' }),
  size: z.number().int().min(1, '照片是空的').max(MAX_PHOTO_BYTES, '照片不能超过5MB'),
});
export type UploadRequest = z.infer<typeof UploadRequestSchema>;

/**
 * A presigned POST: send `fields` and then the file (field `file`, last) as
 * multipart/form-data to `url` before `expiresAt`; then put `key` in the request's photos.
 */
export const UploadTicketSchema = z.object({
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
  maxBytes: z.number(),
});
export type UploadTicket = z.infer<typeof UploadTicketSchema>;

export const SimilarQuerySchema = z.object({ category: z.string().min(1, '请选择诉求类别').max(64, '诉求类别无效') });

/** An open request at the same place and category, as another resident may see it before filing: no names, no phone. */
export const SimilarTicketSchema = z.object({
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
});
export type SimilarTicket = z.infer<typeof SimilarTicketSchema>;
export const SimilarTicketsReplySchema = z.object({ items: z.array(SimilarTicketSchema) });

export const JoinInputSchema = z.object({ subscriptions: z.array(z.string().min(1).max(100)).max(5).default([]) });
export type JoinInput = z.input<typeof JoinInputSchema>;
export const JoinReplySchema = z.object({ ticket: TicketDetailSchema, joined: z.boolean() });

export const SubscribeInputSchema = z.object({ templateIds: z.array(z.string().min(1).max(100)).min(1, '没有同意接收的通知').max(5) });
/** Messages still allowed per template for this resident and request. */
export const SubscribeReplySchema = z.object({ credits: z.record(z.string(), z.number()) });

export const WeChatLoginInputSchema = z.object({ code: z.string().trim().min(1, '缺少微信登录凭证').max(128) });

/** What the resident pages need to know about this deployment. */
export const ClientConfigSchema = z.object({
  /** WeChat subscription message templates to ask consent for at submit (weapp only; empty when none are configured). */
  subscribeTemplates: z.array(z.object({ id: z.string(), title: z.string() })),
  photos: z.object({ maxCount: z.number(), maxBytes: z.number(), types: z.array(z.string()) }),
});
export type ClientConfig = z.infer<typeof ClientConfigSchema>;

/** The photo limits every client is told. */
export const PHOTO_LIMITS: ClientConfig['photos'] = { maxCount: MAX_PHOTOS, maxBytes: MAX_PHOTO_BYTES, types: [...PHOTO_TYPES] };

// ---- staff workbench ---------------------------------------------------------

/** A yes/no query parameter: `1`/`true` or `0`/`false`. */
const QueryFlagSchema = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

export const INBOX_SORTS = ['deadline', 'newest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** GET /api/staff/inbox: the unit's open requests, next deadline first by default, with filters. */
export const StaffInboxQuerySchema = z.object({
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  sort: z.enum(INBOX_SORTS).default('deadline'),
  status: z.enum(STATUSES).refine((s) => OPEN_STATUSES.includes(s), '待办只包含办理中的诉求').optional(),
  category: z.string().max(40).optional(),
  /** Only requests whose 承办人 is the caller. */
  mine: QueryFlagSchema.optional(),
  urgent: QueryFlagSchema.optional(),
});
export type StaffInboxQuery = z.input<typeof StaffInboxQuerySchema>;

/** The unit's open requests counted by status (kept as counters, not counted on each load). */
export const InboxCountsSchema = z.object({ total: z.number(), byStatus: z.record(z.string(), z.number()) });
export type InboxCounts = z.infer<typeof InboxCountsSchema>;

export const InboxReplySchema = TicketListReplySchema.extend({ counts: InboxCountsSchema });
export type InboxReply = z.infer<typeof InboxReplySchema>;

/** POST /api/tickets/{id}/phone: the full number for the handler working the request; the view is recorded. */
export const RevealPhoneReplySchema = z.object({ phone: z.string(), ticket: TicketDetailSchema });
export type RevealPhoneReply = z.infer<typeof RevealPhoneReplySchema>;

/** Handling on the spot (办小事): what was done, and the resident's satisfaction asked there and then. */
export const OnSpotSchema = z.object({
  feedback: z.string().trim().min(5, '请说明现场如何处理（至少5个字）').max(2000),
  result: z.enum(RATINGS).default('satisfied'),
});

/**
 * POST /api/staff/tickets: a grid worker files for a resident met on patrol, or an
 * operator enters a request from the 12345 hotline, a 110 transfer, a letter or a visit.
 * The place is a QR location, or a grid plus a free-text place.
 */
export const StaffCreateTicketInputSchema = CreateTicketInputSchema.omit({ locationId: true })
  .extend({
    channel: z.enum(STAFF_CHANNELS).optional(),
    locationId: z.string().min(1).max(64).optional(),
    gridId: z.string().min(1).max(64).optional(),
    place: z.string().trim().min(2, '请填写具体位置（至少2个字）').max(60, '位置不能超过60字').optional(),
    onSpot: OnSpotSchema.optional(),
    /** The 12345 work-order number (channel 12345 only; one request per work order). */
    workOrderNo: z.string().trim().regex(/^[A-Za-z0-9-]{4,32}$/, '工单编号为4至32位字母、数字或“-”').optional(),
    /** Earlier requests of the same caller this one refers to (desk; each must be visible to the operator). */
    relatedTicketIds: z.array(z.string().regex(/^\d{13}$/, '诉求编号为13位数字')).max(5, '最多关联5件诉求').optional(),
  })
  .refine((v) => v.locationId !== undefined || v.place !== undefined, { message: '请选择地点，或填写具体位置', path: ['place'] });
export type StaffCreateTicketInput = z.input<typeof StaffCreateTicketInputSchema>;

export const StaffLocationsQuerySchema = z.object({ gridId: z.string().min(1).max(60).optional() });
export const StaffLocationSchema = LocationViewSchema.extend({ gridId: z.string() });
export const StaffLocationsReplySchema = z.object({ items: z.array(StaffLocationSchema) });

/** POST /api/admin/invites: a one-time code with which a staff member binds their WeChat identity. */
export const CreateInviteInputSchema = z.object({ username: z.string().trim().min(1, '请输入账号').max(40) });
export const InviteReplySchema = z.object({ code: z.string(), username: z.string(), name: z.string(), expiresAt: z.string() });
export type InviteReply = z.infer<typeof InviteReplySchema>;

export const INVITE_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;
/** POST /api/auth/staff/bind: the invite code and a fresh `wx.login` code. */
export const BindWechatInputSchema = z.object({
  inviteCode: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(INVITE_CODE_PATTERN, '邀请码为8位字母或数字')),
  code: z.string().trim().min(1, '缺少微信登录凭证').max(128),
});

// ---- hotspots and risk early warning (shared/src/hotspots.ts, risk.ts) ---------

/** A hotspot window in days: a week by default, a month at most. */
const hotspotDays = z.coerce.number().int().min(1, '时间范围至少1天').max(31, '时间范围不能超过31天').default(7);

/** GET /api/hotspots: hotspots of a unit's subtree (the caller's unit by default) in the last `days`. */
export const HotspotsQuerySchema = z.object({
  unitId: z.string().min(1).max(60).optional(),
  days: hotspotDays,
  minSize: z.coerce.number().int().min(2, '热点至少包含2件诉求').max(50).default(2),
});
/** GET /api/tickets/{id}/hotspot: the hotspot of one request, `days` either side of its receipt. */
export const TicketHotspotQuerySchema = z.object({ days: hotspotDays });

/** A request in a hotspot: no phone number, no name. */
export const HotspotMemberSchema = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  channel: z.enum(CHANNELS),
  channelLabel: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  summary: z.string(),
  locationName: z.string(),
  receivedAt: z.string(),
  mergedInto: z.string().optional(),
});
export type HotspotMember = z.infer<typeof HotspotMemberSchema>;

export const HotspotViewSchema = z.object({
  /** The earliest request's id: stable while the hotspot grows. */
  id: z.string(),
  size: z.number().int().min(2),
  /** Shared keywords, specific ones first (149路, 甘肃大剧院, 公交 …). */
  keywords: z.array(z.string()),
  places: z.array(z.string()),
  channels: z.array(z.object({ channel: z.enum(CHANNELS), label: z.string(), count: z.number().int() })),
  categories: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  firstAt: z.string(),
  lastAt: z.string(),
  /** Members in the viewer's subtree, earliest first. */
  members: z.array(HotspotMemberSchema),
  /** Members outside the viewer's subtree: counted in `size`, not shown. */
  hiddenCount: z.number().int().min(0),
});
export type HotspotView = z.infer<typeof HotspotViewSchema>;

export const HotspotsReplySchema = z.object({
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Requests compared (rejected ones are left out). */
  considered: z.number().int(),
  /** The window held more requests than are compared at once; the newest were used. */
  truncated: z.boolean(),
  items: z.array(HotspotViewSchema),
});
export type HotspotsReply = z.infer<typeof HotspotsReplySchema>;

export const TicketHotspotReplySchema = z.object({
  ticketId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Null when no other request of the window is about the same thing. */
  hotspot: HotspotViewSchema.nullable(),
});
export type TicketHotspotReply = z.infer<typeof TicketHotspotReplySchema>;

/** GET and PUT /api/risk/rules. */
export const RiskRulesReplySchema = RiskRuleSetSchema;
export const PutRiskRulesInputSchema = z.object({
  /** The version read: a rule set changed since is a 409 instead of a lost edit. */
  expectedVersion: z.number().int().min(0),
  responseMinutes: RiskRuleSetSchema.shape.responseMinutes,
  rules: RiskRulesSchema,
});
export type PutRiskRulesInput = z.input<typeof PutRiskRulesInputSchema>;

export const RiskWarningViewSchema = RiskWarningSchema.extend({
  levelLabel: z.string(),
  statusLabel: z.string(),
  categoryName: z.string(),
  assignedUnitName: z.string(),
  officeUnitName: z.string(),
  /** Open past its response deadline, or done after it. */
  overdue: z.boolean(),
});
export type RiskWarningView = z.infer<typeof RiskWarningViewSchema>;
export const RiskWarningsReplySchema = z.object({ items: z.array(RiskWarningViewSchema) });
export type RiskWarningsReply = z.infer<typeof RiskWarningsReplySchema>;

/** GET /api/risk/warnings: supervisors' list for a unit's subtree. */
export const RiskWarningsQuerySchema = z.object({
  unitId: z.string().min(1).max(60).optional(),
  status: z.enum(RISK_TASK_STATUSES).optional(),
  days: z.coerce.number().int().min(1, '时间范围至少1天').max(90, '时间范围不能超过90天').default(30),
});
/** GET /api/risk/tasks: the caller's unit's tasks. */
export const RiskTasksQuerySchema = z.object({ status: z.enum(RISK_TASK_STATUSES).default('open') });
/** POST /api/risk/tasks/{id}/done. */
export const CompleteRiskTaskInputSchema = z.object({
  note: z.string().trim().min(2, '请填写核实处置情况（至少2个字）').max(500, '处置情况不能超过500字'),
  expectedVersion: z.number().int().min(1).optional(),
});
export type CompleteRiskTaskInput = z.input<typeof CompleteRiskTaskInputSchema>;

// ---- the street office's 已派出 view (issue 13) --------------------------------

/** A request the office dispatched: where it is now, and whether its return visit (回访) is the office's to record. */
export const DispatchedItemSchema = TicketListItemSchema.extend({
  currentUnitId: z.string(),
  currentUnitName: z.string(),
  /** Resolved (or closed by the resident's rating) and waiting for the office's return visit. */
  awaitingFollowUp: z.boolean(),
});
export type DispatchedItem = z.infer<typeof DispatchedItemSchema>;
/** GET /api/staff/dispatched: what the caller's office dispatched and has not yet followed up, newest first. */
export const DispatchedReplySchema = z.object({
  items: z.array(DispatchedItemSchema),
  /** More than one page per month was there to read: the oldest are left out. */
  truncated: z.boolean(),
});
export type DispatchedReply = z.infer<typeof DispatchedReplySchema>;

// ---- a resident's requests on another phone (issue 13) ----------------------------

/** POST /api/lookup: a request by its number and the phone number given with it. */
export const LookupInputSchema = z.object({
  id: z.string().trim().regex(/^\d{13}$/, '诉求编号为13位数字'),
  phone: PhoneSchema,
});
export type LookupInput = z.input<typeof LookupInputSchema>;

/** POST /api/me/transfer: a one-time code that carries this device's requests to another device. */
export const TransferCodeReplySchema = z.object({ code: z.string(), expiresAt: z.string() });
export type TransferCodeReply = z.infer<typeof TransferCodeReplySchema>;

export const TRANSFER_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;
/** POST /api/auth/transfer: redeem the code on the new device (the reply is a resident session). */
export const RedeemTransferInputSchema = z.object({
  code: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase().replace(/\s+/g, ''))
    .pipe(z.string().regex(TRANSFER_CODE_PATTERN, '转移码为8位字母或数字')),
});
// ---- staff alerts: message list, change marker ----------------------------------

export const StaffMessageSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  read: z.boolean().optional(),
});
export type StaffMessageView = z.infer<typeof StaffMessageSchema>;
export const StaffMessagesReplySchema = z.object({ items: z.array(StaffMessageSchema), unread: z.number() });
/** GET /api/staff/changes: cheap markers polled by the staff pages (inbox changes, unread messages). */
export const StaffChangesReplySchema = z.object({ inbox: z.number(), unread: z.number(), messages: z.number() });
export type StaffChanges = z.infer<typeof StaffChangesReplySchema>;
