import * as z from 'zod';
import { AppError } from './errors.ts';
import { ActorSchema, type Actor, type Role } from './org.ts';
import {
  ClockSchema,
  CLOCKS,
  extendClock,
  rederiveClock,
  restartClock,
  SlaPolicySchema,
  type ClockName,
  type Clocks,
  type SlaPolicy,
} from './sla.ts';
import type { WorkCalendar } from './calendar.ts';
import { ALERT_CHECK_EARLIEST, DEFAULT_ALERT_POLICY, delayedAlertText, type AlertKind } from './alerts.ts';
import { toEpochMs, type Instant } from './time.ts';

/**
 * The ticket (诉求) lifecycle as a pure transition table:
 * `decide(ticket, command, actor, now, ctx)` returns the next ticket, the
 * events to append and the effects to run, and executes nothing.
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
const forResident = z.boolean().optional();

const reason = z.string().trim().min(2, '请填写原因（至少2个字）').max(500, '原因不能超过500字');
const note = z.string().trim().max(1000, '内容不能超过1000字');

/** Every command a person (or the sweeper) can apply to a ticket. One schema, parsed at the HTTP boundary. */
export const CommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('respond'), via: z.enum(['call', 'message', 'visit']), note: note.optional(), forResident }),
  z.object({ type: z.literal('dispatch'), unitId: z.string().min(1).max(64), categoryCode: z.string().max(64).optional(), note: note.optional(), forResident }),
  z.object({ type: z.literal('accept'), note: note.optional(), forResident }),
  z.object({ type: z.literal('return'), reason }),
  z.object({ type: z.literal('escalate'), reason }),
  z.object({ type: z.literal('resolve'), feedback: z.string().trim().min(5, '办理反馈至少5个字').max(2000), photos: z.array(z.string().max(200)).max(6).optional() }),
  z.object({ type: z.literal('rate'), rating: z.enum(RATINGS), comment: note.optional() }),
  z.object({ type: z.literal('follow_up'), result: z.enum(RATINGS), note: note.optional(), forResident }),
  z.object({ type: z.literal('reopen'), reason }),
  z.object({ type: z.literal('reject'), reason }),
  z.object({ type: z.literal('merge'), intoTicketId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('request_extension'), workingDays: z.number().int().min(1).max(20), reason }),
  z.object({ type: z.literal('decide_extension'), approve: z.boolean(), note: note.optional() }),
  z.object({ type: z.literal('urge'), note: z.string().trim().min(2).max(500) }),
  z.object({ type: z.literal('record_checkpoint'), clock: z.enum(CLOCKS), kind: z.enum(['warning', 'breach']) }),
  /** 转交: the 承办人 (or a supervisor of the unit) hands the request to a colleague of the same unit, with a note (internal). */
  z.object({ type: z.literal('hand_over'), toStaffId: z.string().trim().min(1, '请选择转交给谁').max(40), note: z.string().trim().min(2, '请填写转交说明（至少2个字）').max(500, '转交说明不能超过500字') }),
]);
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

export const TicketEventSchema = z.object({
  ticketId: z.string(),
  seq: z.number().int().min(1),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  actor: ActorSchema,
  from: z.enum(STATUSES).optional(),
  to: z.enum(STATUSES).optional(),
  note: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type TicketEvent = z.infer<typeof TicketEventSchema>;

/** A staff member as recorded on a ticket: who works it, in which unit. */
export const StaffRefSchema = z.object({ id: z.string(), name: z.string().optional(), unitId: z.string() });
export type StaffRef = z.infer<typeof StaffRefSchema>;

/**
 * A finished window of a clock that was restarted (a resident's reopening restarts resolve
 * and follow-up). Its outcome stays on the ticket so reports keep counting it: a request
 * resolved late and then reopened still counts one late resolution and one breach.
 */
export const WINDOW_OUTCOMES = ['met', 'met_late', 'breached', 'superseded'] as const;
export type WindowOutcome = (typeof WINDOW_OUTCOMES)[number];
export const PastWindowSchema = z.object({
  clock: z.enum(CLOCKS),
  startAt: z.string(),
  dueAt: z.string(),
  metAt: z.string().optional(),
  /** The red card as recorded by the sweeper (or the deadline, for a window closed overdue before the sweeper saw it). */
  breachedAt: z.string().optional(),
  /** met = on time, met_late, breached = never met, superseded = restarted while still running (not counted). */
  outcome: z.enum(WINDOW_OUTCOMES),
});
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

export const TicketSchema = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  status: z.enum(STATUSES),
  channel: z.enum(CHANNELS),
  categoryCode: z.string(),
  categoryConfirmed: z.boolean(),
  description: z.string(),
  phone: z.string().optional(),
  contactName: z.string().optional(),
  anonymous: z.boolean(),
  residentId: z.string().optional(),
  urgent: z.boolean(),
  locationId: z.string().optional(),
  locationName: z.string(),
  gridId: z.string().optional(),
  /** The street office (or unit after escalation) that coordinates: returns come back here. */
  coordinatorUnitId: z.string(),
  /** The office that received it at T0; reports count the request there even after an escalation. */
  originUnitId: z.string().optional(),
  /** Whose inbox the ticket is in now. */
  currentUnitId: z.string(),
  /** The department or community it was dispatched to, once dispatched. */
  handlingUnitId: z.string().optional(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  policy: SlaPolicySchema,
  clocks: z.object({ respond: ClockSchema, classify: ClockSchema, resolve: ClockSchema, followUp: ClockSchema }),
  supervisionLevel: z.number().int().min(0).max(MAX_SUPERVISION_LEVEL),
  photos: z.array(z.string()),
  feedback: z.string().optional(),
  feedbackPhotos: z.array(z.string()).optional(),
  rating: z.enum(RATINGS).optional(),
  ratingComment: z.string().optional(),
  /** The staff return visit's (回访) result: kept apart from the resident's own `rating` so reports can tell them apart. */
  followUpResult: z.enum(RATINGS).optional(),
  followUpNote: z.string().optional(),
  /**
   * 承办人: the staff member of `currentUnitId` working the request ("my tickets"), set by the
   * first contact, acceptance or resolution in that unit. The only staff member who may reveal
   * the full phone number.
   */
  assignee: StaffRefSchema.optional(),
  /** The coordinating unit's 承办人 when the ticket was dispatched: a returned ticket goes back to them. */
  coordinatorAssignee: StaffRefSchema.optional(),
  rejectReason: z.string().optional(),
  mergedInto: z.string().optional(),
  reopenCount: z.number().int().min(0),
  /** Windows of restarted clocks, oldest first, with their outcome (counted in the reports). */
  pastWindows: z.array(PastWindowSchema).optional(),
  /** Approved extensions over the ticket's life (a reopening restarts the clocks but not this). */
  extensionCount: z.number().int().min(0).optional(),
  pendingExtension: z.object({ workingDays: z.number().int(), reason: z.string(), requestedBy: z.string(), requestedAt: z.string() }).optional(),
  followerCount: z.number().int().min(0),
  /** Number of events in the history: the next event's sequence number is this plus one. */
  eventCount: z.number().int().min(1),
  /** The mediation team (调解组织) the resident chose on a dispute category. */
  mediator: z.object({ id: z.string(), name: z.string(), contact: z.string() }).optional(),
  /**
   * Years whose holiday arrangement was not loaded when the working-day deadlines were last
   * computed: those deadlines assumed Monday–Friday and are shown as 预计 until the year is
   * loaded and they are re-derived (functions/src/admin/rederive.ts). Absent = exact.
   */
  calendarMissingYears: z.array(z.int()).optional(),
  /**
   * Requests entered by another system through an integration key (Open311, a 12345 platform):
   * the system, the key used, its own reference (e.g. the 12345 work-order number) and a media link.
   */
  external: z.object({ system: z.string(), keyId: z.string(), ref: z.string().optional(), mediaUrl: z.string().optional() }).optional(),
  /** The 12345 work-order number the desk entered with the request (unique: one request per work order). */
  workOrderNo: z.string().optional(),
  /** Earlier requests of the same caller the desk referenced when entering this one. */
  relatedTicketIds: z.array(z.string()).optional(),
  /** When the filer's personal data was erased (shared/src/erasure.ts); the request stays in the statistics without it. */
  erasedAt: z.string().optional(),
  /** Filed without a QR code (issue 13): the point the resident picked or stood at, WGS-84 degrees. */
  point: z.object({ lat: z.number(), lng: z.number() }).optional(),
});
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
};

const fail = (code: 'WRONG_STATE' | 'FORBIDDEN' | 'VALIDATION_FAILED', message: string): never => {
  throw new AppError(code, message);
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
function closedUnsatisfied(ticket: Pick<Ticket, 'rating' | 'followUpResult'>): boolean {
  return (ticket.rating ?? ticket.followUpResult) === 'unsatisfied';
}

function meet(clocks: Clocks, names: readonly ClockName[], now: Instant): Clocks {
  const next = { ...clocks };
  for (const name of names) if (!next[name].metAt) next[name] = { ...next[name], metAt: now };
  return next;
}

/**
 * Applies `command` by `actor` at `now`. Throws {@link AppError} with
 * `WRONG_STATE` (409) or `FORBIDDEN` (403) when the command does not fit;
 * the ticket passed in is never mutated.
 */
export function decide(ticket: Ticket, command: Command, actor: Actor, now: Instant, ctx: DecideContext): Decision {
  const rule = RULES[command.type];
  const label = COMMAND_LABELS[command.type];
  if (!rule.roles.includes(actor.role)) fail('FORBIDDEN', `当前身份不能${label}`);
  if (!rule.from.includes(ticket.status)) fail('WRONG_STATE', `诉求当前状态为“${STATUS_LABELS[ticket.status]}”，不能${label}`);

  const events: Decision['events'] = [];
  const effects: Effect[] = [];
  const t: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: now };
  const event = (type: EventType, extra: Partial<Omit<TicketEvent, 'seq' | 'ticketId' | 'type'>> = {}): void => {
    events.push({ type, at: now, actor, from: ticket.status, to: t.status, ...extra });
  };
  const tellResident = (text: string, filer?: { followersText?: string }): void => {
    effects.push({ type: 'notify', audience: 'resident', template: 'status_changed', text, ...(filer ? { filerOnly: true, ...filer } : {}) });
  };
  const actorRef: StaffRef | undefined =
    actor.role !== 'resident' && actor.role !== 'system' && actor.unitId ? { id: actor.id, name: actor.name, unitId: actor.unitId } : undefined;
  // The first staff member of the current unit who works the request becomes its 承办人.
  const take = (): void => {
    if (actorRef && actorRef.unitId === ticket.currentUnitId && t.assignee?.unitId !== ticket.currentUnitId) t.assignee = actorRef;
  };

  switch (command.type) {
    case 'respond': {
      // An in-app message is the contact itself, so it needs its text.
      if (command.via === 'message' && !command.note) {
        throw new AppError('VALIDATION_FAILED', '请填写发送给群众的消息内容', [{ path: 'command.note', message: '请填写发送给群众的消息内容' }]);
      }
      const first = !t.clocks.respond.metAt;
      t.clocks = meet(t.clocks, ['respond'], now);
      if (t.status === 'submitted') t.status = 'responded';
      take();
      event(first ? 'responded' : 'contacted', { note: command.note, data: { via: command.via, ...shown(command.forResident) } });
      // The message is addressed to the filer; residents who joined learn only that the filer was contacted.
      if (command.via === 'message') tellResident(`工作人员留言：${command.note}`, first ? { followersText: '工作人员已联系您反映的问题，正在处理' } : {});
      else if (first) tellResident('工作人员已联系您，正在处理您的诉求');
      break;
    }
    case 'dispatch': {
      if (command.unitId === t.currentUnitId) fail('VALIDATION_FAILED', '不能派单给本单位，请直接办理');
      let newPolicy: SlaPolicy | undefined;
      if (command.categoryCode && command.categoryCode !== t.categoryCode) {
        newPolicy = ctx.categoryPolicy?.(command.categoryCode);
        if (!newPolicy) fail('VALIDATION_FAILED', '诉求分类不存在');
        t.categoryCode = command.categoryCode;
      }
      t.categoryConfirmed = true;
      t.clocks = meet(t.clocks, ['classify'], now);
      if (newPolicy) {
        // A re-classification brings the new category's time limits: every clock still
        // running is re-derived from its own start (T0) under the new policy, keeping its
        // recorded cards and approved extensions. Classify is met by this very dispatch
        // and is judged by the policy in force when it was met.
        t.policy = newPolicy;
        t.clocks = {
          respond: rederiveClock('respond', t.clocks.respond, newPolicy, ctx.calendar),
          classify: t.clocks.classify,
          resolve: rederiveClock('resolve', t.clocks.resolve, newPolicy, ctx.calendar),
          followUp: rederiveClock('followUp', t.clocks.followUp, newPolicy, ctx.calendar),
        };
      }
      t.status = 'dispatched';
      t.handlingUnitId = command.unitId;
      t.currentUnitId = command.unitId;
      // The receiving unit must report in (报到承接); a return goes back to whoever coordinated.
      t.coordinatorAssignee = ticket.assignee?.unitId === ticket.currentUnitId ? ticket.assignee : actorRef?.unitId === ticket.currentUnitId ? actorRef : undefined;
      t.assignee = undefined;
      event('dispatched', {
        note: command.note,
        data: {
          unitId: command.unitId,
          categoryCode: t.categoryCode,
          ...(newPolicy ? { previousCategoryCode: ticket.categoryCode, resolveDueAt: t.clocks.resolve.dueAt } : {}),
          ...shown(command.forResident),
        },
      });
      effects.push({ type: 'notify', audience: 'handlers', unitId: command.unitId, template: 'assigned', text: '收到派单，请及时报到承接', alert: 'dispatched', clock: 'resolve' });
      break;
    }
    case 'accept': {
      t.status = 'accepted';
      take();
      event('accepted', { note: command.note, data: shown(command.forResident) });
      tellResident('承办单位已接单，正在办理');
      break;
    }
    case 'return': {
      t.status = 'returned';
      t.currentUnitId = t.coordinatorUnitId;
      t.handlingUnitId = undefined;
      t.assignee = t.coordinatorAssignee;
      event('returned', { note: command.reason, data: { fromUnitId: ticket.currentUnitId } });
      effects.push({ type: 'notify', audience: 'handlers', unitId: t.coordinatorUnitId, template: 'assigned', text: `派单被退回：${command.reason}`, alert: 'returned' });
      break;
    }
    case 'escalate': {
      if (!ctx.parentUnitId) fail('VALIDATION_FAILED', '已是最高一级单位，无法上报');
      t.status = 'escalated';
      t.coordinatorUnitId = ctx.parentUnitId!;
      t.currentUnitId = ctx.parentUnitId!;
      t.handlingUnitId = undefined;
      t.assignee = undefined;
      t.coordinatorAssignee = undefined;
      event('escalated', { note: command.reason, data: { fromUnitId: ticket.currentUnitId, toUnitId: ctx.parentUnitId } });
      effects.push({ type: 'notify', audience: 'handlers', unitId: ctx.parentUnitId, template: 'assigned', text: `下级单位上报：${command.reason}`, alert: 'escalated' });
      break;
    }
    case 'resolve': {
      // Feedback to the resident is itself a contact, and resolving without a
      // dispatch means the receiving unit classified and handled it itself.
      t.clocks = meet(t.clocks, ['respond', 'classify', 'resolve'], now);
      t.categoryConfirmed = true;
      t.status = 'resolved';
      take();
      t.feedback = command.feedback;
      t.feedbackPhotos = command.photos ?? [];
      t.pendingExtension = undefined;
      event('resolved', { note: command.feedback, data: command.photos?.length ? { photos: command.photos } : undefined });
      tellResident('您的诉求已办结，请评价办理结果');
      break;
    }
    case 'rate': {
      if (actor.id !== t.residentId) fail('FORBIDDEN', '只能评价本人提交的诉求');
      if (ticket.rating !== undefined) fail('WRONG_STATE', '您已评价过该诉求');
      checkRatingWindow(ticket, now, ctx, '评价');
      t.clocks = meet(t.clocks, ['followUp'], now);
      t.status = 'closed';
      t.rating = command.rating;
      t.ratingComment = command.comment;
      event('rated', { note: command.comment, data: { rating: command.rating } });
      break;
    }
    case 'follow_up': {
      if (ticket.followUpResult !== undefined) fail('WRONG_STATE', '该诉求已回访，不能重复回访');
      t.clocks = meet(t.clocks, ['followUp'], now);
      t.status = 'closed';
      t.followUpResult = command.result;
      t.followUpNote = command.note;
      event('followed_up', { note: command.note, data: { result: command.result, ...shown(command.forResident) } });
      break;
    }
    case 'reopen': {
      if (actor.id !== t.residentId) fail('FORBIDDEN', '只能对本人提交的诉求申请重新办理');
      if (ticket.status === 'closed' && !closedUnsatisfied(ticket)) fail('WRONG_STATE', '已评价满意的诉求不能重新办理，请提交新的诉求');
      checkRatingWindow(ticket, now, ctx, '申请重新办理');
      t.status = 'reopened';
      t.reopenCount += 1;
      t.currentUnitId = t.handlingUnitId ?? t.coordinatorUnitId;
      if (t.assignee && t.assignee.unitId !== t.currentUnitId) t.assignee = undefined;
      t.rating = undefined;
      t.ratingComment = undefined;
      t.followUpResult = undefined;
      t.followUpNote = undefined;
      t.pastWindows = [...(t.pastWindows ?? []), closeWindow('resolve', t.clocks.resolve, now), closeWindow('followUp', t.clocks.followUp, now)];
      t.clocks = {
        ...t.clocks,
        resolve: restartClock('resolve', now, t.policy, ctx.calendar),
        followUp: restartClock('followUp', now, t.policy, ctx.calendar),
      };
      event('reopened', { note: command.reason });
      effects.push({ type: 'notify', audience: 'handlers', unitId: t.currentUnitId, template: 'assigned', text: `群众不满意，申请重新办理：${command.reason}`, alert: 'reopened', clock: 'resolve' });
      break;
    }
    case 'reject': {
      t.status = 'rejected';
      t.rejectReason = command.reason;
      t.pendingExtension = undefined;
      event('rejected', { note: command.reason });
      tellResident(`您的诉求不予受理：${command.reason}`);
      break;
    }
    case 'merge': {
      if (command.intoTicketId === t.id) fail('VALIDATION_FAILED', '不能合并到自身');
      t.status = 'merged';
      t.mergedInto = command.intoTicketId;
      t.pendingExtension = undefined;
      event('merged', { data: { intoTicketId: command.intoTicketId } });
      tellResident(`您的诉求与编号 ${command.intoTicketId} 的诉求为同一问题，已合并办理`);
      break;
    }
    case 'request_extension': {
      if (t.pendingExtension) fail('WRONG_STATE', '已有待审批的延期申请');
      if (t.clocks.resolve.metAt) fail('WRONG_STATE', '诉求已办结，无需延期');
      t.pendingExtension = { workingDays: command.workingDays, reason: command.reason, requestedBy: actor.id, requestedAt: now };
      event('extension_requested', { note: command.reason, data: { workingDays: command.workingDays } });
      effects.push({ type: 'notify', audience: 'supervisors', unitId: t.currentUnitId, template: 'extension_requested', text: `申请延期${command.workingDays}个工作日：${command.reason}` });
      break;
    }
    case 'decide_extension': {
      const pending = t.pendingExtension;
      if (!pending) fail('WRONG_STATE', '没有待审批的延期申请');
      t.pendingExtension = undefined;
      if (command.approve) {
        t.extensionCount = (t.extensionCount ?? 0) + 1;
        t.clocks = {
          ...t.clocks,
          resolve: extendClock(t.clocks.resolve, pending!.workingDays, ctx.calendar),
          followUp: extendClock(t.clocks.followUp, pending!.workingDays, ctx.calendar),
        };
      }
      event(command.approve ? 'extension_approved' : 'extension_refused', {
        note: command.note,
        data: { workingDays: pending!.workingDays, resolveDueAt: t.clocks.resolve.dueAt },
      });
      effects.push({ type: 'notify', audience: 'handlers', unitId: t.currentUnitId, template: 'extension_decided', text: command.approve ? '延期申请已批准' : '延期申请未获批准' });
      if (command.approve) tellResident(`办理时限已延长${pending!.workingDays}个工作日`);
      break;
    }
    case 'urge': {
      t.supervisionLevel = Math.min(MAX_SUPERVISION_LEVEL, t.supervisionLevel + 1);
      event('urged', { note: command.note, data: { level: t.supervisionLevel } });
      effects.push({ type: 'notify', audience: 'handlers', unitId: t.currentUnitId, template: 'urged', text: `督办：${command.note}`, alert: 'urged' });
      break;
    }
    case 'record_checkpoint': {
      const clock = t.clocks[command.clock];
      const field = command.kind === 'warning' ? 'warnedAt' : 'breachedAt';
      // Exactly once per ticket and clock: a recorded or met clock is a no-op the caller skips,
      // and a breached clock takes no more checkpoints (no yellow card after the red one).
      if (clock.metAt || clock.breachedAt || clock[field]) fail('WRONG_STATE', '该时限已记录');
      // A card records a moment that has come: no yellow card before warnAt, no red card before dueAt.
      if (toEpochMs(now) < toEpochMs(command.kind === 'warning' ? clock.warnAt : clock.dueAt)) fail('WRONG_STATE', '尚未到时限检查点');
      t.clocks = { ...t.clocks, [command.clock]: { ...clock, [field]: now } };
      const breach = command.kind === 'breach';
      if (breach) t.supervisionLevel = Math.min(MAX_SUPERVISION_LEVEL, t.supervisionLevel + 1);
      event(breach ? 'sla_breach' : 'sla_warning', { data: { clock: command.clock, dueAt: clock.dueAt, level: t.supervisionLevel } });
      const text = `${breach ? '红牌：已超过' : '黄牌：即将超过'}${CLOCK_TEXT[command.clock]}时限`;
      effects.push({ type: 'notify', audience: 'handlers', unitId: t.currentUnitId, template: breach ? 'sla_breach' : 'sla_warning', text, alert: breach ? 'red' : 'yellow', clock: command.clock });
      if (breach) {
        effects.push({ type: 'notify', audience: 'supervisors', unitId: t.currentUnitId, template: 'sla_breach', text, alert: 'red', clock: command.clock });
        // Checked again when due: still overdue then → the next level's supervisors (the dispatcher may alert them earlier, on the Nth red card).
        effects.push({
          type: 'notify',
          audience: 'supervisors',
          unitId: t.currentUnitId,
          template: 'overdue',
          // The text and the time are the policy's in force when the row comes due (the dispatcher holds it until then).
          text: delayedAlertText('overdue', DEFAULT_ALERT_POLICY, CLOCK_TEXT[command.clock]),
          alert: 'overdue',
          clock: command.clock,
          notBeforeMinutes: ALERT_CHECK_EARLIEST.escalateAfterHours * 60,
        });
      }
      break;
    }
    case 'hand_over': {
      if (!mayHandOver(ticket, actor)) {
        const holder = ticket.assignee?.unitId === ticket.currentUnitId ? `（承办人：${ticket.assignee.name ?? ticket.assignee.id}）` : '';
        fail('FORBIDDEN', `只有承办人或本单位督办人员可以转交${holder}`);
      }
      const to = ctx.handOverTo;
      if (!to) throw new AppError('NOT_FOUND', '转交对象不存在', [{ path: 'command.toStaffId', message: '本单位没有该工作人员' }]);
      // Only inside the unit holding the request: another unit is a dispatch (吹哨派单), not a hand-over.
      if (to.unitId !== ticket.currentUnitId) throw new AppError('FORBIDDEN', '只能转交给本单位的工作人员', [{ path: 'command.toStaffId', message: '只能转交给本单位的工作人员' }]);
      if (to.disabled) throw new AppError('VALIDATION_FAILED', '该账号已停用，不能转交', [{ path: 'command.toStaffId', message: '该账号已停用' }]);
      if (!to.roles.includes('handler') && !to.roles.includes('supervisor')) {
        throw new AppError('VALIDATION_FAILED', '只能转交给本单位的办理人员', [{ path: 'command.toStaffId', message: '该工作人员不办理诉求' }]);
      }
      if (ticket.assignee?.unitId === ticket.currentUnitId && ticket.assignee.id === to.id) {
        throw new AppError('VALIDATION_FAILED', '该工作人员已是承办人', [{ path: 'command.toStaffId', message: '该工作人员已是承办人' }]);
      }
      const from = ticket.assignee?.unitId === ticket.currentUnitId ? ticket.assignee : undefined;
      t.assignee = { id: to.id, ...(to.name ? { name: to.name } : {}), unitId: to.unitId };
      event('handed_over', {
        note: command.note,
        data: { toStaffId: to.id, ...(to.name ? { toStaffName: to.name } : {}), ...(from ? { fromStaffId: from.id, ...(from.name ? { fromStaffName: from.name } : {}) } : {}) },
      });
      // The new 承办人 is told (the alert goes to whoever holds the request when it is sent).
      effects.push({ type: 'notify', audience: 'handlers', unitId: t.currentUnitId, template: 'assigned', text: `${actor.name ?? actor.id}转交给您：${command.note}`, alert: 'handed_over' });
      break;
    }
  }
  // Events report the status after the change.
  for (const e of events) e.to = t.status;
  t.eventCount = ticket.eventCount + events.length;
  return { ticket: t, events, effects };
}

/** Event data marking a note the author wrote for the resident (notes are internal otherwise). */
function shown(forResident: boolean | undefined): { forResident?: true } | undefined {
  return forResident ? { forResident: true } : undefined;
}

function checkRatingWindow(ticket: Ticket, now: Instant, ctx: DecideContext, what: string): void {
  const days = ctx.ratingWindowDays ?? DEFAULT_RATING_WINDOW_DAYS;
  if (!ratingWindowOpen(ticket, now, days)) fail('WRONG_STATE', `诉求办结已超过${days}天，不能再${what}，如问题仍未解决请提交新的诉求`);
}

const CLOCK_TEXT: Record<ClockName, string> = { respond: '响应', classify: '分类', resolve: '办结', followUp: '回访' };

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
