import { AppError } from './errors.ts';
import type { Actor } from './org.ts';
import { change } from './commands/kit.ts';
import type { Decision, Status, Ticket } from './ticket.ts';
import type { Instant } from './time.ts';

/**
 * "Me too" (我也遇到): a resident who finds the same problem already reported at
 * the same place joins that request instead of filing a duplicate. Joining is a
 * change of the ticket (its follower count and history), decided here in pure
 * code and stored in one conditional write with the follower row.
 */

/** Requests a resident may still join: somebody is working on them and nothing is settled. */
export const JOINABLE_STATUSES: readonly Status[] = ['submitted', 'responded', 'dispatched', 'accepted', 'returned', 'escalated', 'reopened'];

/** Whether a resident may join a request in this status. */
export const isJoinable = (status: Status): boolean => JOINABLE_STATUSES.includes(status);

/**
 * `actor` joins `ticket` at `now`. Throws {@link AppError}: `FORBIDDEN` for
 * anybody but a resident, `WRONG_STATE` for the resident who filed it or a
 * request that is already settled. Whether the actor already follows it is the
 * store's question (the follower row is written only if absent).
 */
export function decideJoin(ticket: Ticket, actor: Actor, now: Instant): Decision {
  if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '只有居民可以附议诉求');
  if (ticket.residentId === actor.id) throw new AppError('WRONG_STATE', '这是您本人提交的诉求，无需附议');
  if (!isJoinable(ticket.status)) throw new AppError('WRONG_STATE', '该诉求已办结或已关闭，请提交新的诉求');
  const c = change(ticket, actor, now);
  c.t.followerCount = ticket.followerCount + 1;
  // The history names the resident by id only.
  c.event('joined', { actor: { id: actor.id, role: 'resident' }, data: { followerCount: c.t.followerCount } });
  return c.done();
}
