import { isWithin, type Actor, type Unit } from './org.ts';
import { STATUS_LABELS, type CommandType, type Ticket, type TicketEvent } from './ticket.ts';

/**
 * Rules found on first use (issue 13): the status word a resident and a 12345 operator
 * read, which notes reach the resident's timeline, and which unit may issue a command.
 */

/**
 * The status as people say it: a request closed by the resident's own rating is
 * 已评价; one closed by a staff return visit is 已回访 (whether or not the resident
 * also rated). Every other status has one word ({@link STATUS_LABELS}).
 */
export function statusLabelOf(ticket: Pick<Ticket, 'status' | 'rating' | 'followUpResult'>): string {
  if (ticket.status === 'closed' && ticket.followUpResult === undefined && ticket.rating !== undefined) return '已评价';
  return STATUS_LABELS[ticket.status];
}

/** Events whose note was written for (or by) the resident: the feedback, a refusal's reason, their rating, their reopening. */
const NOTES_FOR_RESIDENT: ReadonlySet<TicketEvent['type']> = new Set(['resolved', 'rejected', 'rated', 'reopened']);

/**
 * Whether the resident's timeline may show this event's note. Staff notes (a dispatch
 * note, a return reason, an urging, a return-visit record) are internal unless their
 * author marked them for the resident; an in-app message to the resident is for them.
 */
export function noteVisibleToResident(event: Pick<TicketEvent, 'type' | 'data'>): boolean {
  if (NOTES_FOR_RESIDENT.has(event.type)) return true;
  const data = event.data ?? {};
  if (data.forResident === true) return true;
  return (event.type === 'responded' || event.type === 'contacted') && data.via === 'message';
}

/**
 * The units whose staff may issue `type` on `ticket`: the unit holding it, and for the
 * return visit (回访, 跟踪问效) also the office that coordinates it — the street office
 * that received and dispatched it follows up after the department resolved it.
 */
export function commandUnits(ticket: Pick<Ticket, 'currentUnitId' | 'coordinatorUnitId'>, type: CommandType): string[] {
  return type === 'follow_up' && ticket.coordinatorUnitId !== ticket.currentUnitId ? [ticket.currentUnitId, ticket.coordinatorUnitId] : [ticket.currentUnitId];
}

/** Whether staff of `actorUnitId` may issue `type` on `ticket` by unit (role and status are the state machine's). */
export function inCommandScope(
  ticket: Pick<Ticket, 'currentUnitId' | 'coordinatorUnitId'>,
  type: CommandType,
  actorUnitId: string | undefined,
  units: ReadonlyMap<string, Unit>,
): boolean {
  if (!actorUnitId) return false;
  return commandUnits(ticket, type).some((id) => {
    const unit = units.get(id);
    return unit !== undefined && isWithin(unit, actorUnitId);
  });
}

/**
 * Where a unit may blow the whistle (吹哨派单): a functional department of its own
 * county (or district), or a community, grid or street inside its own subtree — never
 * another street's communities, never up the tree.
 */
export function dispatchTargetAllowed(target: Pick<Unit, 'id' | 'kind' | 'path' | 'parentId'>, from: Pick<Unit, 'id' | 'path'>): boolean {
  if (target.id === from.id || target.kind === 'county') return false;
  if (target.kind === 'department') return target.parentId !== undefined && from.path.includes(target.parentId);
  return isWithin(target, from.id);
}

/**
 * Whether `actor` may see the full phone number to make the return visit (回访) of a
 * request their office dispatched: a handler of the coordinating office — its 承办人 from
 * before the dispatch, when there was one — once the department resolved it and while no
 * return visit is recorded.
 */
export function canRevealForFollowUp(
  ticket: Pick<Ticket, 'status' | 'phone' | 'coordinatorUnitId' | 'currentUnitId' | 'followUpResult' | 'coordinatorAssignee'>,
  actor: Pick<Actor, 'id' | 'role' | 'unitId'>,
): boolean {
  if (actor.role !== 'handler' || !actor.unitId || ticket.phone === undefined) return false;
  if (ticket.currentUnitId === ticket.coordinatorUnitId || actor.unitId !== ticket.coordinatorUnitId) return false;
  if (!(ticket.status === 'resolved' || (ticket.status === 'closed' && ticket.followUpResult === undefined))) return false;
  const who = ticket.coordinatorAssignee;
  return who === undefined || who.unitId !== ticket.coordinatorUnitId || who.id === actor.id;
}
