import { restartClock } from '../sla.ts';
import { closedUnsatisfied, closeWindow } from '../ticket.ts';
import { change, checkRatingWindow, fail, meet, shown, type CommandHandler, type CommandHandlers } from './kit.ts';

/**
 * After the resolution: the resident's rating, the staff return visit (回访) and the
 * resident's request to reopen. The rating and the return visit are two things: either
 * closes the request, and the other may still follow (the rating within the rating window).
 */

/** 评价: the resident who filed the request rates the result. */
export const rate: CommandHandler<'rate'> = (ticket, command, ctx) => {
  const { actor, now } = ctx;
  if (actor.id !== ticket.residentId) fail('FORBIDDEN', '只能评价本人提交的诉求');
  if (ticket.rating !== undefined) fail('WRONG_STATE', '您已评价过该诉求');
  checkRatingWindow(ticket, now, ctx, '评价');
  const c = change(ticket, actor, now);
  const { t } = c;
  t.clocks = meet(t.clocks, ['followUp'], now);
  t.status = 'closed';
  t.rating = command.rating;
  t.ratingComment = command.comment;
  c.event('rated', { note: command.comment, data: { rating: command.rating } });
  return c.done();
};

/** 回访: staff record the resident's satisfaction; once per request (until a reopening). */
export const followUp: CommandHandler<'follow_up'> = (ticket, command, { actor, now }) => {
  if (ticket.followUpResult !== undefined) fail('WRONG_STATE', '该诉求已回访，不能重复回访');
  const c = change(ticket, actor, now);
  const { t } = c;
  t.clocks = meet(t.clocks, ['followUp'], now);
  t.status = 'closed';
  t.followUpResult = command.result;
  t.followUpNote = command.note;
  c.event('followed_up', { note: command.note, data: { result: command.result, ...shown(command.forResident) } });
  return c.done();
};

/** 重新办理: the resident is not satisfied; resolve and follow-up restart from now, their old windows kept for the reports. */
export const reopen: CommandHandler<'reopen'> = (ticket, command, ctx) => {
  const { actor, now } = ctx;
  if (actor.id !== ticket.residentId) fail('FORBIDDEN', '只能对本人提交的诉求申请重新办理');
  if (ticket.status === 'closed' && !closedUnsatisfied(ticket)) fail('WRONG_STATE', '已评价满意的诉求不能重新办理，请提交新的诉求');
  checkRatingWindow(ticket, now, ctx, '申请重新办理');
  const c = change(ticket, actor, now);
  const { t } = c;
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
  c.event('reopened', { note: command.reason });
  c.notify({ audience: 'handlers', unitId: t.currentUnitId, template: 'assigned', text: `群众不满意，申请重新办理：${command.reason}`, alert: 'reopened', clock: 'resolve' });
  return c.done();
};

/** The functions of this family, by command type. */
export const closing = { rate, follow_up: followUp, reopen } as const satisfies Partial<CommandHandlers>;
