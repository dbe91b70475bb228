import { AppError } from '../errors.ts';
import { change, type CommandHandler, type CommandHandlers } from './kit.ts';

/** Ending a request before it is handled: 不予受理, and merging a duplicate into another request. */

/** 不予受理: the request is refused with a reason the resident reads. */
export const reject: CommandHandler<'reject'> = (ticket, command, { actor, now }) => {
  const c = change(ticket, actor, now);
  c.t.status = 'rejected';
  c.t.rejectReason = command.reason;
  c.t.pendingExtension = undefined;
  c.event('rejected', { note: command.reason });
  c.tellResident(`您的诉求不予受理：${command.reason}`);
  return c.done();
};

/**
 * A request is never merged into itself: checked on both sides of a merge (this command,
 * and the target's side, `absorbDuplicate` in workbench.ts).
 */
export function refuseMergeIntoItself(sourceId: string, intoTicketId: string): void {
  if (sourceId === intoTicketId) throw new AppError('VALIDATION_FAILED', '不能合并到自身', [{ path: 'command.intoTicketId', message: '不能合并到自身' }]);
}

/** 合并重复诉求: the duplicate's side; the target's side is `absorbDuplicate`, stored in the same write. */
export const merge: CommandHandler<'merge'> = (ticket, command, { actor, now }) => {
  refuseMergeIntoItself(ticket.id, command.intoTicketId);
  const c = change(ticket, actor, now);
  c.t.status = 'merged';
  c.t.mergedInto = command.intoTicketId;
  c.t.pendingExtension = undefined;
  c.event('merged', { data: { intoTicketId: command.intoTicketId } });
  c.tellResident(`您的诉求与编号 ${command.intoTicketId} 的诉求为同一问题，已合并办理`);
  return c.done();
};

/** The functions of this family, by command type. */
export const ending = { reject, merge } as const satisfies Partial<CommandHandlers>;
