import {
  allowedCommands,
  canRevealPhone,
  CHANNEL_LABELS,
  CLOCK_LABELS,
  CLOCKS,
  clockStatus,
  maskPhonesInText,
  maskPhone,
  isOpen,
  inCommandScope,
  mayHandOver,
  noteVisibleToResident,
  statusLabelOf,
  type Actor,
  type Category,
  type ClockName,
  type CommandType,
  type EventType,
  type Ticket,
  type TicketDetail,
  type TicketEvent,
  type TicketListItem,
  type Unit,
} from '@mashang/shared';
import { isProvisional } from '@mashang/shared';
import { plainEventLabel } from './plain.ts';
import { staffEventLabel } from './staff-labels.ts';

export const EVENT_LABELS: Record<EventType, string> = {
  submitted: '提交诉求',
  responded: '响应联系',
  contacted: '再次联系',
  dispatched: '吹哨派单',
  accepted: '报到承接',
  returned: '退单',
  escalated: '上报上级',
  resolved: '办结反馈',
  rated: '群众评价',
  followed_up: '回访',
  reopened: '重新办理',
  rejected: '不予受理',
  merged: '合并办理',
  extension_requested: '申请延期',
  extension_approved: '延期获批',
  extension_refused: '延期未获批',
  urged: '督办',
  sla_warning: '黄牌预警',
  sla_breach: '红牌超时',
  phone_viewed: '查看完整电话',
  joined: '群众附议',
  deadlines_rederived: '时限按新日历重算',
  handed_over: '转交',
};

/** Events that stay among staff: a hand-over (转交) inside a unit is none of the resident's business. */
const STAFF_ONLY_EVENTS: ReadonlySet<EventType> = new Set<EventType>(['handed_over']);

/** Reference data a view needs to turn ids into names. */
export interface ViewContext {
  units: Map<string, Unit>;
  categories: Map<string, Category>;
  now: string;
  /** Days after closing the resident may still rate and reopen (default 7). */
  ratingWindowDays?: number;
}

/**
 * Whether `viewer` is the one working the request: the only staff who may see the full
 * phone number, and only through the reveal endpoint, which records the view.
 */
export function isWorkingHandler(ticket: Ticket, viewer: Actor): boolean {
  return canRevealPhone(ticket, viewer);
}

function nextDeadline(ticket: Ticket, now: string): TicketListItem['next'] {
  if (!isOpen(ticket.status)) return undefined;
  let best: { clock: ClockName; dueAt: string } | undefined;
  for (const clock of CLOCKS) {
    const c = ticket.clocks[clock];
    if (!c.metAt && (!best || c.dueAt < best.dueAt)) best = { clock, dueAt: c.dueAt };
  }
  if (!best) return undefined;
  return { ...best, label: CLOCK_LABELS[best.clock], state: clockStatus(ticket.clocks[best.clock], now).state };
}

function summaryOf(description: string): string {
  const masked = maskPhonesInText(description);
  return masked.length > 60 ? `${masked.slice(0, 60)}…` : masked;
}

export function toListItem(ticket: Ticket, ctx: ViewContext): TicketListItem {
  return {
    id: ticket.id,
    status: ticket.status,
    statusLabel: statusLabelOf(ticket),
    channel: ticket.channel,
    categoryCode: ticket.categoryCode,
    categoryName: ctx.categories.get(ticket.categoryCode)?.name ?? ticket.categoryCode,
    // Lists (and their Excel exports) never carry a phone number, even one typed into the description.
    summary: summaryOf(ticket.description),
    locationName: ticket.locationName,
    urgent: ticket.urgent,
    receivedAt: ticket.receivedAt,
    supervisionLevel: ticket.supervisionLevel,
    next: nextDeadline(ticket, ctx.now),
  };
}

export function toDetail(ticket: Ticket, events: TicketEvent[], viewer: Actor, ctx: ViewContext): TicketDetail {
  // Residents see their own number; staff always see it masked here, and the handler
  // working the request reveals it with POST /api/tickets/{id}/phone (a phone_viewed event).
  const fullPhone = viewer.role === 'resident' && viewer.id === ticket.residentId;
  // A resident who joined ("me too") sees the request, never the filer's phone or name, and cannot rate it.
  const follower = viewer.role === 'resident' && viewer.id !== ticket.residentId;
  const staff = viewer.role !== 'resident';
  // Staff are offered commands only where they may act: the ticket's current unit lies in their
  // subtree (or, for the return visit, the office coordinating it).
  const inScope = (type: CommandType) => !staff || inCommandScope(ticket, type, viewer.unitId, ctx.units);
  return {
    ...(ticket.mediator ? { mediator: ticket.mediator } : {}),
    ...(ticket.workOrderNo ? { workOrderNo: ticket.workOrderNo } : {}),
    ...(staff && ticket.relatedTicketIds?.length ? { relatedTicketIds: ticket.relatedTicketIds } : {}),
    id: ticket.id,
    version: ticket.version,
    status: ticket.status,
    statusLabel: statusLabelOf(ticket),
    channel: ticket.channel,
    channelLabel: CHANNEL_LABELS[ticket.channel],
    categoryCode: ticket.categoryCode,
    categoryName: ctx.categories.get(ticket.categoryCode)?.name ?? ticket.categoryCode,
    categoryConfirmed: ticket.categoryConfirmed,
    // A follower reads the filer's words with any number in them masked.
    description: follower ? maskPhonesInText(ticket.description) : ticket.description,
    phone: ticket.phone && !follower ? (fullPhone ? ticket.phone : maskPhone(ticket.phone)) : undefined,
    contactName: (ticket.anonymous && viewer.role !== 'resident') || follower ? undefined : ticket.contactName,
    anonymous: ticket.anonymous,
    urgent: ticket.urgent,
    locationName: ticket.locationName,
    gridId: ticket.gridId,
    coordinatorUnitId: ticket.coordinatorUnitId,
    currentUnitId: ticket.currentUnitId,
    currentUnitName: ctx.units.get(ticket.currentUnitId)?.name ?? ticket.currentUnitId,
    handlingUnitId: ticket.handlingUnitId,
    receivedAt: ticket.receivedAt,
    updatedAt: ticket.updatedAt,
    supervisionLevel: ticket.supervisionLevel,
    photos: ticket.photos,
    feedback: ticket.feedback && follower ? maskPhonesInText(ticket.feedback) : ticket.feedback,
    feedbackPhotos: ticket.feedbackPhotos,
    rating: ticket.rating,
    ratingComment: follower ? undefined : ticket.ratingComment,
    rejectReason: ticket.rejectReason && follower ? maskPhonesInText(ticket.rejectReason) : ticket.rejectReason,
    mergedInto: ticket.mergedInto,
    reopenCount: ticket.reopenCount,
    pendingExtension: ticket.pendingExtension
      ? { workingDays: ticket.pendingExtension.workingDays, reason: ticket.pendingExtension.reason, requestedAt: ticket.pendingExtension.requestedAt }
      : undefined,
    clocks: CLOCKS.map((clock) => {
      const c = ticket.clocks[clock];
      const status = clockStatus(c, ctx.now);
      return { clock, ...c, label: CLOCK_LABELS[clock], state: status.state, remainingMs: status.remainingMs, ...(isProvisional(ticket, clock) ? { provisional: true } : {}) };
    }),
    events: events.filter((e) => staff || !STAFF_ONLY_EVENTS.has(e.type)).map((e) =>
      viewer.role === 'resident'
        ? // Residents read plain words; staff notes stay internal unless marked for them, and a
          // resident who joined loses what passed between the filer and the staff.
          { ...(follower ? forFollower(withoutInternalNote(e)) : withoutInternalNote(e)), actor: publicActor(e.actor, viewer), label: plainEventLabel(e, viewer, ctx.units) }
        : { ...e, label: staffEventLabel(e, EVENT_LABELS[e.type], ctx.units) },
    ),
    actions: follower ? [] : allowedCommands(ticket, viewer.role, ctx.now, ctx.ratingWindowDays).filter((c) => c !== 'record_checkpoint' && inScope(c) && (c !== 'hand_over' || mayHandOver(ticket, viewer))),
    followerCount: ticket.followerCount,
    ...(follower ? { following: true } : {}),
    followUpResult: ticket.followUpResult,
    followUpNote: follower ? undefined : ticket.followUpNote,
    ...(staff ? { assignee: ticket.assignee, canRevealPhone: canRevealPhone(ticket, viewer) } : {}),
  };
}

function withoutInternalNote(e: TicketEvent): TicketEvent {
  if (e.note === undefined || noteVisibleToResident(e)) return e;
  const { note: _internal, ...rest } = e;
  return rest;
}

/**
 * An event as a resident who joined sees it: what passed between the filer and the
 * staff (contact notes, in-app messages, the filer's rating or reopening words,
 * the follow-up visit) keeps its type and time but loses its text; other notes are
 * shown with numbers masked.
 */
const FILER_ONLY_NOTES: ReadonlySet<EventType> = new Set<EventType>(['responded', 'contacted', 'rated', 'reopened', 'followed_up', 'phone_viewed']);
function forFollower(e: TicketEvent): TicketEvent {
  const { note, ...rest } = e;
  if (note === undefined) return e;
  return FILER_ONLY_NOTES.has(e.type) ? rest : { ...rest, note: maskPhonesInText(note) };
}

/** Residents see which unit acted, not staff members' names or ids. */
function publicActor(actor: Actor, viewer: Actor): Actor {
  if (viewer.role !== 'resident') return actor;
  if (actor.role === 'resident') return { id: actor.id === viewer.id ? actor.id : 'resident', role: 'resident', name: '居民' };
  return { id: actor.unitId ?? actor.role, role: actor.role, unitId: actor.unitId, name: actor.role === 'system' ? '系统' : '工作人员' };
}
