import { rederiveClock, type SlaPolicy } from '../sla.ts';
import { change, fail, meet, shown, type CommandHandler, type CommandHandlers } from './kit.ts';

/** Moving a request between units: 吹哨派单, 退单, 上报上级. */

/** 吹哨派单: the coordinating unit sends the request to a community or department, confirming (or changing) its category. */
export const dispatch: CommandHandler<'dispatch'> = (ticket, command, { actor, now, calendar, categoryPolicy }) => {
  if (command.unitId === ticket.currentUnitId) fail('VALIDATION_FAILED', '不能派单给本单位，请直接办理');
  let newPolicy: SlaPolicy | undefined;
  if (command.categoryCode && command.categoryCode !== ticket.categoryCode) {
    newPolicy = categoryPolicy?.(command.categoryCode);
    if (!newPolicy) fail('VALIDATION_FAILED', '诉求分类不存在');
  }
  const c = change(ticket, actor, now);
  const { t, actorRef } = c;
  if (newPolicy) t.categoryCode = command.categoryCode!;
  t.categoryConfirmed = true;
  t.clocks = meet(t.clocks, ['classify'], now);
  if (newPolicy) {
    // A re-classification brings the new category's time limits: every clock still
    // running is re-derived from its own start (T0) under the new policy, keeping its
    // recorded cards and approved extensions. Classify is met by this very dispatch
    // and is judged by the policy in force when it was met.
    t.policy = newPolicy;
    t.clocks = {
      respond: rederiveClock('respond', t.clocks.respond, newPolicy, calendar),
      classify: t.clocks.classify,
      resolve: rederiveClock('resolve', t.clocks.resolve, newPolicy, calendar),
      followUp: rederiveClock('followUp', t.clocks.followUp, newPolicy, calendar),
    };
  }
  t.status = 'dispatched';
  t.handlingUnitId = command.unitId;
  t.currentUnitId = command.unitId;
  // The receiving unit must report in (报到承接); a return goes back to whoever coordinated.
  t.coordinatorAssignee = ticket.assignee?.unitId === ticket.currentUnitId ? ticket.assignee : actorRef?.unitId === ticket.currentUnitId ? actorRef : undefined;
  t.assignee = undefined;
  c.event('dispatched', {
    note: command.note,
    data: {
      unitId: command.unitId,
      categoryCode: t.categoryCode,
      ...(newPolicy ? { previousCategoryCode: ticket.categoryCode, resolveDueAt: t.clocks.resolve.dueAt } : {}),
      ...shown(command.forResident),
    },
  });
  c.notify({ audience: 'handlers', unitId: command.unitId, template: 'assigned', text: '收到派单，请及时报到承接', alert: 'dispatched', clock: 'resolve' });
  return c.done();
};

/** 退单: the unit it was dispatched to sends it back to the coordinator (and the coordinator's 承办人). */
export const returnToCoordinator: CommandHandler<'return'> = (ticket, command, { actor, now }) => {
  const c = change(ticket, actor, now);
  const { t } = c;
  t.status = 'returned';
  t.currentUnitId = t.coordinatorUnitId;
  t.handlingUnitId = undefined;
  t.assignee = t.coordinatorAssignee;
  c.event('returned', { note: command.reason, data: { fromUnitId: ticket.currentUnitId } });
  c.notify({ audience: 'handlers', unitId: t.coordinatorUnitId, template: 'assigned', text: `派单被退回：${command.reason}`, alert: 'returned' });
  return c.done();
};

/** 上报上级: the unit one level up becomes the coordinator. */
export const escalate: CommandHandler<'escalate'> = (ticket, command, { actor, now, parentUnitId }) => {
  if (!parentUnitId) return fail('VALIDATION_FAILED', '已是最高一级单位，无法上报');
  const c = change(ticket, actor, now);
  const { t } = c;
  t.status = 'escalated';
  t.coordinatorUnitId = parentUnitId;
  t.currentUnitId = parentUnitId;
  t.handlingUnitId = undefined;
  t.assignee = undefined;
  t.coordinatorAssignee = undefined;
  c.event('escalated', { note: command.reason, data: { fromUnitId: ticket.currentUnitId, toUnitId: parentUnitId } });
  c.notify({ audience: 'handlers', unitId: parentUnitId, template: 'assigned', text: `下级单位上报：${command.reason}`, alert: 'escalated' });
  return c.done();
};

/** The functions of this family, by command type. */
export const routing = { dispatch, return: returnToCoordinator, escalate } as const satisfies Partial<CommandHandlers>;
