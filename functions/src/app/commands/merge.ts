import { absorbDuplicate, AppError, type Actor, type Instant, type Ticket } from '@mashang/shared';
import type { SideWrite, TicketReads } from '../../ports/tickets.ts';

/**
 * The target's writes when `source` (already decided `merged`) is merged into
 * `intoId` as a duplicate, for the source's own write: the target must exist,
 * be visible to the actor and still open; it gains a `merged` event and a follower,
 * and a merge link records where the duplicate went (with the duplicate's resident,
 * who follows the target from now on). Both tickets change in one write, each
 * conditioned on the version read, so a concurrent change of either one makes the
 * whole merge a 409.
 */
export async function mergeLinks(
  tickets: Pick<TicketReads, 'get'>,
  canSee: (ticket: Ticket) => Promise<boolean>,
  actor: Actor,
  source: Ticket,
  intoId: string,
  now: Instant,
): Promise<SideWrite[]> {
  const target = intoId === source.id ? undefined : await tickets.get(intoId);
  if (!target || !(await canSee(target))) {
    throw new AppError('TICKET_NOT_FOUND', '要合并到的诉求不存在或不在您的办理范围内', [{ path: 'command.intoTicketId', message: '未找到该诉求编号' }]);
  }
  const decision = absorbDuplicate(target, source, actor, now);
  return [
    { kind: 'linked_change', before: target, decision },
    { kind: 'merge_link', targetId: target.id, sourceId: source.id, ...(source.residentId ? { residentId: source.residentId } : {}), at: now },
  ];
}
