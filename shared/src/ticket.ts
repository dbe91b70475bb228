import * as z from 'zod/mini';
import { ActorSchema, type Actor, type Role } from './org.ts';
import {
  ClockSchema,
  CLOCKS,
  SlaPolicySchema,
  type ClockName,
  type Clocks,
  type SlaPolicy,
} from './sla.ts';
import type { WorkCalendar } from './calendar.ts';
import { ALERT_CHECK_EARLIEST, DEFAULT_ALERT_POLICY, delayedAlertText, type AlertKind } from './alerts.ts';
import { toEpochMs, type Instant } from './time.ts';
import { lazySchema } from './lazy-schema.ts';

/**
 * The ticket (诉求) model: statuses, commands and their field rules, events, the ticket, and
 * who may issue which command from which status (`RULES`). The transitions themselves are
 * one function per command in shared/src/commands/ (`decide` in commands/decide.ts): each
 * returns the next ticket, the events to append and the effects to run, and executes nothing.
 */

export const STATUSES = [
  'submitted',
  'responded',
  'dispatched',
  'accepted',
  'returned',
  'escalated',
  'reopened',
  'resolved',
  'closed',
  'rejected',
  'merged',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  submitted: '已受理',
  responded: '已响应',
  dispatched: '已派单',
  accepted: '办理中',
  returned: '已退单',
  escalated: '已上报',
  reopened: '重新办理',
  resolved: '已办结',
  closed: '已回访',
  rejected: '不予受理',
  merged: '已合并',
};

/** Statuses in which the clocks run and somebody owes the resident something. */
export const OPEN_STATUSES: readonly Status[] = ['submitted', 'responded', 'dispatched', 'accepted', 'returned', 'escalated', 'reopened', 'resolved'];
export const isOpen = (s: Status): boolean => OPEN_STATUSES.includes(s);

export const CHANNELS = ['qr', 'grid', 'hotline_12345', 'police_110', 'letter', 'visit', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  qr: '扫码反映',
  grid: '网格上报',
  hotline_12345: '12345热线',
  police_110: '110转办',
  letter: '来信',
  visit: '来访',
  open311: 'Open311',
};

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

export const MAX_SUPERVISION_LEVEL = 3;

/** Days after closing during which the resident may still rate and reopen (configurable per deployment). */
export const DEFAULT_RATING_WINDOW_DAYS = 7;

/** Staff may mark a note for the resident; otherwise notes stay internal (never in the resident's timeline). */
const forResident = lazySchema(() => z.optional(z.boolean()));

const reason = lazySchema(() => z.string().check(z.trim(), z.minLength(2, '请填写原因（至少2个字）'), z.maxLength(500, '原因不能超过500字')));
const note = lazySchema(() => z.string().check(z.trim(), z.maxLength(1000, '内容不能超过1000字')));

/** What a supervisor writes when urging (督办): one request, or every breached request of a unit. */
/** The longest urge note (characters); the mini-program limits its input to it. */
export const URGE_NOTE_MAX_LENGTH = 500;
export const URGE_NOTE = lazySchema(() => z.string().check(z.trim(), z.minLength(2, '请填写督办意见（至少2个字）'), z.maxLength(URGE_NOTE_MAX_LENGTH, '督办意见不能超过500字')));

/** An extension is asked in whole working days, 1 to 20. */
const EXTENSION_DAYS_MESSAGE = '延期天数须为1到20个工作日';
const extensionDays = lazySchema(() => z.number({ error: EXTENSION_DAYS_MESSAGE }).check(z.int(EXTENSION_DAYS_MESSAGE), z.gte(1, EXTENSION_DAYS_MESSAGE), z.lte(20, EXTENSION_DAYS_MESSAGE)));

/**
 * Every command a person (or the sweeper) can apply to a ticket, with its field rules (required
 * fields, lengths, enums, and rules between fields such as "a message needs its text"). One
 * schema, parsed once at the HTTP boundary; the mini-program's forms check with the same schema
 * (shared/src/commands/validate.ts). What depends on the ticket is the state machine's
 * (shared/src/commands/).
 */
export const CommandSchema = lazySchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('respond'), via: z.enum(['call', 'message', 'visit']), note: z.optional(note), forResident })
    // An in-app message is the contact itself, so it needs its text.
    .check(z.refine((c) => c.via !== 'message' || !!c.note, { path: ['note'], message: '请填写发送给群众的消息' })),
  z.object({ type: z.literal('dispatch'), unitId: z.string().check(z.minLength(1, '请选择承办单位'), z.maxLength(64)), categoryCode: z.optional(z.string().check(z.maxLength(64))), note: z.optional(note), forResident }),
  z.object({ type: z.literal('accept'), note: z.optional(note), forResident }),
  z.object({ type: z.literal('return'), reason }),
  z.object({ type: z.literal('escalate'), reason }),
  z.object({ type: z.literal('resolve'), feedback: z.string().check(z.trim(), z.minLength(5, '办理反馈至少5个字'), z.maxLength(2000)), photos: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(6))) }),
  z.object({ type: z.literal('rate'), rating: z.enum(RATINGS), comment: z.optional(note) }),
  z.object({ type: z.literal('follow_up'), result: z.enum(RATINGS), note: z.optional(note), forResident }),
  z.object({ type: z.literal('reopen'), reason }),
  z.object({ type: z.literal('reject'), reason }),
  z.object({ type: z.literal('merge'), intoTicketId: z.string().check(z.minLength(1, '请填写要合并到的诉求编号'), z.maxLength(64)) }),
  z.object({ type: z.literal('request_extension'), workingDays: extensionDays, reason }),
  z.object({ type: z.literal('decide_extension'), approve: z.boolean(), note: z.optional(note) }),
  z.object({ type: z.literal('urge'), note: URGE_NOTE }),
  z.object({ type: z.literal('record_checkpoint'), clock: z.enum(CLOCKS), kind: z.enum(['warning', 'breach']) }),
  /** 转交: the 承办人 (or a supervisor of the unit) hands the request to a colleague of the same unit, with a note (internal). */
  z.object({ type: z.literal('hand_over'), toStaffId: z.string().check(z.trim(), z.minLength(1, '请选择转交给哪位同事'), z.maxLength(40)), note: z.string().check(z.trim(), z.minLength(2, '请填写转交说明（至少2个字）'), z.maxLength(500, '转交说明不能超过500字')) }),
  /**
   * 来电附议: the operator desk records that a caller (12345, 110, a letter, a visit) reports a
   * problem already filed, instead of filing a duplicate — the desk's "me too". No phone or name
   * of the caller is kept; a 12345 call may carry its work-order number.
   */
  z.object({
    type: z.literal('caller_join'),
    channel: z.enum(['hotline_12345', 'police_110', 'letter', 'visit'], { error: '请选择来源渠道' }),
    workOrderNo: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{4,32}$/, '工单编号为4至32位字母、数字或“-”'))),
    note: z.optional(note),
  }),
]));
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];

export const EVENT_TYPES = [
  'submitted',
  'responded',
  'contacted',
  'dispatched',
  'accepted',
  'returned',
  'escalated',
  'resolved',
  'rated',
  'followed_up',
  'reopened',
  'rejected',
  'merged',
  'extension_requested',
  'extension_approved',
  'extension_refused',
  'urged',
  'sla_warning',
  'sla_breach',
  'phone_viewed',
  /** A resident joined an open request ("me too") instead of filing a duplicate. */
  'joined',
  /** The working-day deadlines were re-derived after an admin corrected the calendar or the cut-off (old → new in `data`). */
  'deadlines_rederived',
  /** 转交: the request was handed to a colleague of the same unit (internal; `data` names both). */
  'handed_over',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const TicketEventSchema = lazySchema(() => z.object({
  ticketId: z.string(),
  seq: z.number().check(z.int(), z.gte(1)),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  actor: ActorSchema,
  from: z.optional(z.enum(STATUSES)),
  to: z.optional(z.enum(STATUSES)),
  note: z.optional(z.string()),
  data: z.optional(z.record(z.string(), z.unknown())),
}));
export type TicketEvent = z.infer<typeof TicketEventSchema>;

/** A staff member as recorded on a ticket: who works it, in which unit. */
export const StaffRefSchema = lazySchema(() => z.object({ id: z.string(), name: z.optional(z.string()), unitId: z.string() }));
export type StaffRef = z.infer<typeof StaffRefSchema>;

/**
 * A finished window of a clock that was restarted (a resident's reopening restarts resolve
 * and follow-up). Its outcome stays on the ticket so reports keep counting it: a request
 * resolved late and then reopened still counts one late resolution and one breach.
 */
export const WINDOW_OUTCOMES = ['met', 'met_late', 'breached', 'superseded'] as const;
export type WindowOutcome = (typeof WINDOW_OUTCOMES)[number];
export const PastWindowSchema = lazySchema(() => z.object({
  clock: z.enum(CLOCKS),
  startAt: z.string(),
  dueAt: z.string(),
  metAt: z.optional(z.string()),
  /** The red card as recorded by the sweeper (or the deadline, for a window closed overdue before the sweeper saw it). */
  breachedAt: z.optional(z.string()),
  /** met = on time, met_late, breached = never met, superseded = restarted while still running (not counted). */
  outcome: z.enum(WINDOW_OUTCOMES),
}));
export type PastWindow = z.infer<typeof PastWindowSchema>;

/** The window a clock closes with when it is restarted at `now`. */
export function closeWindow(clockName: ClockName, clock: Clocks[ClockName], now: Instant): PastWindow {
  const overdue = toEpochMs(now) >= toEpochMs(clock.dueAt);
  const breachedAt = clock.breachedAt ?? (clock.metAt === undefined && overdue ? clock.dueAt : undefined);
  const outcome: WindowOutcome =
    clock.metAt !== undefined ? (toEpochMs(clock.metAt) < toEpochMs(clock.dueAt) ? 'met' : 'met_late') : breachedAt !== undefined ? 'breached' : 'superseded';
  return {
    clock: clockName,
    startAt: clock.startAt,
    dueAt: clock.dueAt,
    ...(clock.metAt !== undefined ? { metAt: clock.metAt } : {}),
    ...(breachedAt !== undefined ? { breachedAt } : {}),
    outcome,
  };
}

export const TicketSchema = lazySchema(() => z.object({
  id: z.string(),
  version: z.number().check(z.int(), z.gte(1)),
  status: z.enum(STATUSES),
  channel: z.enum(CHANNELS),
  categoryCode: z.string(),
  categoryConfirmed: z.boolean(),
  description: z.string(),
  phone: z.optional(z.string()),
  contactName: z.optional(z.string()),
  anonymous: z.boolean(),
  residentId: z.optional(z.string()),
  urgent: z.boolean(),
  locationId: z.optional(z.string()),
  locationName: z.string(),
  gridId: z.optional(z.string()),
  /** The street office (or unit after escalation) that coordinates: returns come back here. */
  coordinatorUnitId: z.string(),
  /** The office that received it at T0; reports count the request there even after an escalation. */
  originUnitId: z.optional(z.string()),
  /** Whose inbox the ticket is in now. */
  currentUnitId: z.string(),
  /** The department or community it was dispatched to, once dispatched. */
  handlingUnitId: z.optional(z.string()),
  receivedAt: z.string(),
  updatedAt: z.string(),
  policy: SlaPolicySchema,
  clocks: z.object({ respond: ClockSchema, classify: ClockSchema, resolve: ClockSchema, followUp: ClockSchema }),
  supervisionLevel: z.number().check(z.int(), z.gte(0), z.lte(MAX_SUPERVISION_LEVEL)),
  photos: z.array(z.string()),
  feedback: z.optional(z.string()),
  feedbackPhotos: z.optional(z.array(z.string())),
  rating: z.optional(z.enum(RATINGS)),
  ratingComment: z.optional(z.string()),
  /** The staff return visit's (回访) result: kept apart from the resident's own `rating` so reports can tell them apart. */
  followUpResult: z.optional(z.enum(RATINGS)),
  followUpNote: z.optional(z.string()),
  /**
   * 承办人: the staff member of `currentUnitId` working the request ("my tickets"), set by the
   * first contact, acceptance or resolution in that unit. The only staff member who may reveal
   * the full phone number.
   */
  assignee: z.optional(StaffRefSchema),
  /** The coordinating unit's 承办人 when the ticket was dispatched: a returned ticket goes back to them. */
  coordinatorAssignee: z.optional(StaffRefSchema),
  rejectReason: z.optional(z.string()),
  mergedInto: z.optional(z.string()),
  reopenCount: z.number().check(z.int(), z.gte(0)),
  /** Windows of restarted clocks, oldest first, with their outcome (counted in the reports). */
  pastWindows: z.optional(z.array(PastWindowSchema)),
  /** Approved extensions over the ticket's life (a reopening restarts the clocks but not this). */
  extensionCount: z.optional(z.number().check(z.int(), z.gte(0))),
  pendingExtension: z.optional(z.object({ workingDays: z.number().check(z.int()), reason: z.string(), requestedBy: z.string(), requestedAt: z.string() })),
  followerCount: z.number().check(z.int(), z.gte(0)),
  /** Number of events in the history: the next event's sequence number is this plus one. */
  eventCount: z.number().check(z.int(), z.gte(1)),
  /** The mediation team (调解组织) the resident chose on a dispute category. */
  mediator: z.optional(z.object({ id: z.string(), name: z.string(), contact: z.string() })),
  /**
   * Years whose holiday arrangement was not loaded when the working-day deadlines were last
   * computed: those deadlines assumed Monday–Friday and are shown as 预计 until the year is
   * loaded and they are re-derived (functions/src/admin/rederive.ts). Absent = exact.
   */
  calendarMissingYears: z.optional(z.array(z.int())),
  /**
   * Requests entered by another system through an integration key (Open311, a 12345 platform):
   * the system, the key used, its own reference (e.g. the 12345 work-order number) and a media link.
   */
  external: z.optional(z.object({ system: z.string(), keyId: z.string(), ref: z.optional(z.string()), mediaUrl: z.optional(z.string()) })),
  /** The 12345 work-order number the desk entered with the request (unique: one request per work order). */
  workOrderNo: z.optional(z.string()),
  /** Earlier requests of the same caller the desk referenced when entering this one. */
  relatedTicketIds: z.optional(z.array(z.string())),
  /** When the filer's personal data was erased (shared/src/erasure.ts); the request stays in the statistics without it. */
  erasedAt: z.optional(z.string()),
  /** Filed without a QR code (issue 13): the point the resident picked or stood at, WGS-84 degrees. */
  point: z.optional(z.object({ lat: z.number(), lng: z.number() })),
}));
export type Ticket = z.infer<typeof TicketSchema>;

/** Something the backend must do after the state change is stored (through the outbox). */
export interface NotifyEffect {
  type: 'notify';
  audience: 'resident' | 'handlers' | 'supervisors';
  /** For staff audiences: the unit whose staff are told. */
  unitId?: string;
  template: 'status_changed' | 'sla_warning' | 'sla_breach' | 'urged' | 'assigned' | 'extension_requested' | 'extension_decided' | 'unresponded' | 'overdue';
  text: string;
  /** For staff: which alert this is (who is told follows from it, shared/src/alerts.ts). */
  alert?: AlertKind;
  /** The clock the alert is about. */
  clock?: ClockName;
  /** Deliver no earlier than this many minutes after the change (a check that the dispatcher re-evaluates then). */
  notBeforeMinutes?: number;
  /** For residents: `text` is addressed to the filer only; those who joined ("me too") get `followersText`, or nothing without it. */
  filerOnly?: boolean;
  followersText?: string;
}
export type Effect = NotifyEffect;

/** What the state machine needs besides the ticket: the calendar and (for dispatch) the new category's policy. */
export interface DecideContext {
  calendar: WorkCalendar;
  /** The policy of the category after a re-classification, if the command changes it. */
  categoryPolicy?: (categoryCode: string) => SlaPolicy | undefined;
  /** For escalate: the unit one level up (the use case resolves it from the org tree). */
  parentUnitId?: string;
  /** Days after closing the resident may still rate and reopen; {@link DEFAULT_RATING_WINDOW_DAYS} when absent. */
  ratingWindowDays?: number;
  /** For hand_over: the colleague's account as the use case read it (undefined: no such account). */
  handOverTo?: HandOverTarget;
}

/** The staff account a request is handed to (转交), as the use case read it. */
export interface HandOverTarget {
  id: string;
  name?: string;
  unitId: string;
  roles: readonly Role[];
  disabled?: boolean;
}

/**
 * Who may hand a request over (转交): its 承办人 in the unit holding it, or a supervisor of
 * that unit (who may also hand over a request nobody holds yet). Unit scope is the caller's.
 */
export function mayHandOver(ticket: Pick<Ticket, 'currentUnitId' | 'assignee'>, actor: Pick<Actor, 'id' | 'role' | 'unitId'>): boolean {
  if (actor.role === 'supervisor') return true;
  return actor.role === 'handler' && ticket.assignee?.unitId === ticket.currentUnitId && ticket.assignee.id === actor.id;
}

export interface Decision {
  ticket: Ticket;
  events: Array<Omit<TicketEvent, 'seq' | 'ticketId'>>;
  effects: Effect[];
}

interface Rule {
  roles: readonly Role[];
  from: readonly Status[];
}

const STAFF_WORK: readonly Role[] = ['handler', 'supervisor', 'grid_worker'];
const PRE_DISPATCH: readonly Status[] = ['submitted', 'responded', 'returned', 'escalated', 'reopened'];
const WORKING: readonly Status[] = ['submitted', 'responded', 'dispatched', 'accepted', 'returned', 'escalated', 'reopened'];

/** The transition table: who may issue each command, and from which statuses. */
export const RULES: Record<CommandType, Rule> = {
  respond: { roles: STAFF_WORK, from: WORKING },
  dispatch: { roles: ['handler', 'supervisor'], from: PRE_DISPATCH },
  accept: { roles: ['handler', 'supervisor'], from: ['dispatched'] },
  return: { roles: ['handler', 'supervisor'], from: ['dispatched'] },
  escalate: { roles: ['handler', 'supervisor'], from: ['submitted', 'responded', 'accepted', 'returned', 'reopened'] },
  resolve: { roles: STAFF_WORK, from: ['responded', 'accepted', 'returned', 'escalated', 'reopened'] },
  // The resident's rating and the staff return visit (回访) are two things: either closes the
  // request, and the other may still follow (the rating within the rating window).
  rate: { roles: ['resident'], from: ['resolved', 'closed'] },
  follow_up: { roles: ['handler', 'supervisor', 'grid_worker'], from: ['resolved', 'closed'] },
  reopen: { roles: ['resident'], from: ['resolved', 'closed'] },
  reject: { roles: ['handler', 'supervisor'], from: PRE_DISPATCH },
  merge: { roles: ['handler', 'supervisor'], from: PRE_DISPATCH },
  request_extension: { roles: ['handler', 'supervisor'], from: ['dispatched', 'accepted', 'reopened', 'responded', 'escalated', 'returned'] },
  decide_extension: { roles: ['supervisor'], from: WORKING },
  urge: { roles: ['supervisor'], from: [...WORKING, 'resolved'] },
  record_checkpoint: { roles: ['system'], from: OPEN_STATUSES },
  hand_over: { roles: ['handler', 'supervisor'], from: WORKING },
  caller_join: { roles: ['operator'], from: WORKING },
};

export const COMMAND_LABELS: Record<CommandType, string> = {
  respond: '响应联系',
  dispatch: '吹哨派单',
  accept: '报到承接',
  return: '退单',
  escalate: '上报上级',
  resolve: '办结反馈',
  rate: '评价',
  follow_up: '回访',
  reopen: '重新办理',
  reject: '不予受理',
  merge: '合并重复诉求',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  urge: '督办',
  record_checkpoint: '时限检查',
  hand_over: '转交',
  caller_join: '来电附议',
};

/**
 * The commands `actor` may issue on `ticket` now, by role and status (unit scoping is the caller's).
 * With `now`, the rating window after closing is checked too.
 */
export function allowedCommands(
  ticket: Pick<Ticket, 'status' | 'pendingExtension' | 'rating' | 'followUpResult'> & { clocks?: Pick<Clocks, 'followUp'> },
  role: Role,
  now?: Instant,
  ratingWindowDays: number = DEFAULT_RATING_WINDOW_DAYS,
): CommandType[] {
  return (Object.keys(RULES) as CommandType[]).filter((type) => {
    const rule = RULES[type];
    if (!rule.roles.includes(role) || !rule.from.includes(ticket.status)) return false;
    if (type === 'decide_extension') return ticket.pendingExtension !== undefined;
    if (type === 'request_extension') return ticket.pendingExtension === undefined;
    if (type === 'follow_up') return ticket.followUpResult === undefined;
    if (type === 'rate') return ticket.rating === undefined && (now === undefined || ratingWindowOpen(ticket, now, ratingWindowDays));
    if (type === 'reopen' && ticket.status === 'closed') return closedUnsatisfied(ticket) && (now === undefined || ratingWindowOpen(ticket, now, ratingWindowDays));
    return true;
  });
}

/**
 * Whether the resident may still rate or reopen: always before closing; after closing (by
 * their rating or a staff return visit) for `days` days from the moment it closed.
 */
export function ratingWindowOpen(ticket: Pick<Ticket, 'status'> & { clocks?: Pick<Clocks, 'followUp'> }, now: Instant, days: number = DEFAULT_RATING_WINDOW_DAYS): boolean {
  const closedAt = ticket.status === 'closed' ? ticket.clocks?.followUp.metAt : undefined;
  return closedAt === undefined || toEpochMs(now) < toEpochMs(closedAt) + days * 86_400_000;
}

/**
 * A closed ticket may be reopened when the resident was not satisfied: their own rating,
 * or (when they never rated) the result the staff return visit recorded.
 */
export function closedUnsatisfied(ticket: Pick<Ticket, 'rating' | 'followUpResult'>): boolean {
  return (ticket.rating ?? ticket.followUpResult) === 'unsatisfied';
}

/** Creates the first version of a ticket and its `submitted` event. */
export function openTicket(
  input: Omit<Ticket, 'version' | 'status' | 'updatedAt' | 'clocks' | 'supervisionLevel' | 'reopenCount' | 'followerCount' | 'categoryConfirmed' | 'currentUnitId' | 'eventCount' | 'originUnitId'> & {
    clocks: Clocks;
  },
  actor: Actor,
): Decision {
  const ticket: Ticket = {
    ...input,
    version: 1,
    status: 'submitted',
    updatedAt: input.receivedAt,
    supervisionLevel: 0,
    reopenCount: 0,
    followerCount: 0,
    eventCount: 1,
    categoryConfirmed: false,
    currentUnitId: input.coordinatorUnitId,
    originUnitId: input.coordinatorUnitId,
  };
  return {
    ticket,
    events: [{ type: 'submitted', at: input.receivedAt, actor, to: 'submitted', data: { channel: input.channel, categoryCode: input.categoryCode } }],
    effects: [
      { type: 'notify', audience: 'handlers', unitId: input.coordinatorUnitId, template: 'assigned', text: input.urgent ? '收到紧急诉求，请立即响应' : `收到新诉求，请在${input.policy.respondMinutes}分钟内响应`, alert: 'new_request', clock: 'respond' },
      // Re-checked by the dispatcher when due: delivered only if nobody has responded by then.
      {
        type: 'notify',
        audience: 'supervisors',
        unitId: input.coordinatorUnitId,
        template: 'unresponded',
        text: delayedAlertText('unresponded', DEFAULT_ALERT_POLICY),
        alert: 'unresponded',
        clock: 'respond',
        // Looked at first at the earliest time an admin may set; held by the dispatcher until the policy's time.
        notBeforeMinutes: ALERT_CHECK_EARLIEST.unrespondedMinutes,
      },
    ],
  };
}
