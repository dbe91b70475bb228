import { AppError } from '../errors.ts';
import { mayHandOver } from '../ticket.ts';
import { change, fail, meet, shown, type CommandHandler, type CommandHandlers } from './kit.ts';

/** Working a request in the unit that holds it: contact, reporting in, resolving, handing over (转交). */

/** 响应联系: a contact with the resident; the first one meets the respond clock. */
export const respond: CommandHandler<'respond'> = (ticket, command, { actor, now }) => {
  // That an in-app message carries its text is a field rule of CommandSchema.
  const c = change(ticket, actor, now);
  const { t } = c;
  const first = !t.clocks.respond.metAt;
  t.clocks = meet(t.clocks, ['respond'], now);
  if (t.status === 'submitted') t.status = 'responded';
  c.take();
  c.event(first ? 'responded' : 'contacted', { note: command.note, data: { via: command.via, ...shown(command.forResident) } });
  // The message is addressed to the filer; residents who joined learn only that the filer was contacted.
  if (command.via === 'message') c.tellResident(`工作人员留言：${command.note}`, first ? { followersText: '工作人员已联系您反映的问题，正在处理' } : {});
  else if (first) c.tellResident('工作人员已联系您，正在处理您的诉求');
  return c.done();
};

/** 报到承接: the unit a request was dispatched to takes it on. */
export const accept: CommandHandler<'accept'> = (ticket, command, { actor, now }) => {
  const c = change(ticket, actor, now);
  c.t.status = 'accepted';
  c.take();
  c.event('accepted', { note: command.note, data: shown(command.forResident) });
  c.tellResident('承办单位已接单，正在办理');
  return c.done();
};

/** 办结反馈: the feedback to the resident ends the handling. */
export const resolve: CommandHandler<'resolve'> = (ticket, command, { actor, now }) => {
  const c = change(ticket, actor, now);
  const { t } = c;
  // Feedback to the resident is itself a contact, and resolving without a
  // dispatch means the receiving unit classified and handled it itself.
  t.clocks = meet(t.clocks, ['respond', 'classify', 'resolve'], now);
  t.categoryConfirmed = true;
  t.status = 'resolved';
  c.take();
  t.feedback = command.feedback;
  t.feedbackPhotos = command.photos ?? [];
  t.pendingExtension = undefined;
  c.event('resolved', { note: command.feedback, data: command.photos?.length ? { photos: command.photos } : undefined });
  c.tellResident('您的诉求已办结，请评价办理结果');
  return c.done();
};

/** 转交: the 承办人 (or a supervisor of the unit) hands the request to a colleague of the same unit. */
export const handOver: CommandHandler<'hand_over'> = (ticket, command, { actor, now, handOverTo: to }) => {
  if (!mayHandOver(ticket, actor)) {
    const holder = ticket.assignee?.unitId === ticket.currentUnitId ? `（承办人：${ticket.assignee.name ?? ticket.assignee.id}）` : '';
    fail('FORBIDDEN', `只有承办人或本单位督办人员可以转交${holder}`);
  }
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
  const c = change(ticket, actor, now);
  const from = ticket.assignee?.unitId === ticket.currentUnitId ? ticket.assignee : undefined;
  c.t.assignee = { id: to.id, ...(to.name ? { name: to.name } : {}), unitId: to.unitId };
  c.event('handed_over', {
    note: command.note,
    data: { toStaffId: to.id, ...(to.name ? { toStaffName: to.name } : {}), ...(from ? { fromStaffId: from.id, ...(from.name ? { fromStaffName: from.name } : {}) } : {}) },
  });
  // The new 承办人 is told (the alert goes to whoever holds the request when it is sent).
  c.notify({ audience: 'handlers', unitId: c.t.currentUnitId, template: 'assigned', text: `${actor.name ?? actor.id}转交给您：${command.note}`, alert: 'handed_over' });
  return c.done();
};

/** The functions of this family, by command type. */
export const working = { respond, accept, resolve, hand_over: handOver } as const satisfies Partial<CommandHandlers>;
