import { ALERT_CHECK_EARLIEST, DEFAULT_ALERT_POLICY, delayedAlertText } from '../alerts.ts';
import { extendClock } from '../sla.ts';
import { MAX_SUPERVISION_LEVEL } from '../ticket.ts';
import { toEpochMs } from '../time.ts';
import { change, CLOCK_TEXT, fail, type CommandHandler, type CommandHandlers } from './kit.ts';

/** Time limits and supervision: extensions, 督办, and the sweeper's yellow and red cards. */

/** 申请延期: the handling unit asks its supervisors for more working days. */
export const requestExtension: CommandHandler<'request_extension'> = (ticket, command, { actor, now }) => {
  if (ticket.pendingExtension) fail('WRONG_STATE', '已有待审批的延期申请');
  if (ticket.clocks.resolve.metAt) fail('WRONG_STATE', '诉求已办结，无需延期');
  const c = change(ticket, actor, now);
  c.t.pendingExtension = { workingDays: command.workingDays, reason: command.reason, requestedBy: actor.id, requestedAt: now };
  c.event('extension_requested', { note: command.reason, data: { workingDays: command.workingDays } });
  c.notify({ audience: 'supervisors', unitId: c.t.currentUnitId, template: 'extension_requested', text: `申请延期${command.workingDays}个工作日：${command.reason}` });
  return c.done();
};

/** 审批延期: a supervisor approves (resolve and follow-up move by the working days asked) or refuses. */
export const decideExtension: CommandHandler<'decide_extension'> = (ticket, command, { actor, now, calendar }) => {
  const pending = ticket.pendingExtension;
  if (!pending) return fail('WRONG_STATE', '没有待审批的延期申请');
  const c = change(ticket, actor, now);
  const { t } = c;
  t.pendingExtension = undefined;
  if (command.approve) {
    t.extensionCount = (t.extensionCount ?? 0) + 1;
    t.clocks = {
      ...t.clocks,
      resolve: extendClock(t.clocks.resolve, pending.workingDays, calendar),
      followUp: extendClock(t.clocks.followUp, pending.workingDays, calendar),
    };
  }
  c.event(command.approve ? 'extension_approved' : 'extension_refused', {
    note: command.note,
    data: { workingDays: pending.workingDays, resolveDueAt: t.clocks.resolve.dueAt },
  });
  c.notify({ audience: 'handlers', unitId: t.currentUnitId, template: 'extension_decided', text: command.approve ? '延期申请已批准' : '延期申请未获批准' });
  if (command.approve) c.tellResident(`办理时限已延长${pending.workingDays}个工作日`);
  return c.done();
};

/** 督办: a supervisor urges the unit holding the request; supervision rises by one level. */
export const urge: CommandHandler<'urge'> = (ticket, command, { actor, now }) => {
  const c = change(ticket, actor, now);
  const { t } = c;
  t.supervisionLevel = Math.min(MAX_SUPERVISION_LEVEL, t.supervisionLevel + 1);
  c.event('urged', { note: command.note, data: { level: t.supervisionLevel } });
  c.notify({ audience: 'handlers', unitId: t.currentUnitId, template: 'urged', text: `督办：${command.note}`, alert: 'urged' });
  return c.done();
};

/** The sweeper records a yellow card (warning) or a red card (breach) of one clock, exactly once. */
export const recordCheckpoint: CommandHandler<'record_checkpoint'> = (ticket, command, { actor, now }) => {
  const clock = ticket.clocks[command.clock];
  const field = command.kind === 'warning' ? 'warnedAt' : 'breachedAt';
  // Exactly once per ticket and clock: a recorded or met clock is a no-op the caller skips,
  // and a breached clock takes no more checkpoints (no yellow card after the red one).
  if (clock.metAt || clock.breachedAt || clock[field]) fail('WRONG_STATE', '该时限已记录');
  // A card records a moment that has come: no yellow card before warnAt, no red card before dueAt.
  if (toEpochMs(now) < toEpochMs(command.kind === 'warning' ? clock.warnAt : clock.dueAt)) fail('WRONG_STATE', '尚未到时限检查点');
  const c = change(ticket, actor, now);
  const { t } = c;
  t.clocks = { ...t.clocks, [command.clock]: { ...clock, [field]: now } };
  const breach = command.kind === 'breach';
  if (breach) t.supervisionLevel = Math.min(MAX_SUPERVISION_LEVEL, t.supervisionLevel + 1);
  c.event(breach ? 'sla_breach' : 'sla_warning', { data: { clock: command.clock, dueAt: clock.dueAt, level: t.supervisionLevel } });
  const text = `${breach ? '红牌：已超过' : '黄牌：即将超过'}${CLOCK_TEXT[command.clock]}时限`;
  c.notify({ audience: 'handlers', unitId: t.currentUnitId, template: breach ? 'sla_breach' : 'sla_warning', text, alert: breach ? 'red' : 'yellow', clock: command.clock });
  if (breach) {
    c.notify({ audience: 'supervisors', unitId: t.currentUnitId, template: 'sla_breach', text, alert: 'red', clock: command.clock });
    // Checked again when due: still overdue then → the next level's supervisors (the dispatcher may alert them earlier, on the Nth red card).
    c.notify({
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
  return c.done();
};

/** The functions of this family, by command type. */
export const supervision = { request_extension: requestExtension, decide_extension: decideExtension, urge, record_checkpoint: recordCheckpoint } as const satisfies Partial<CommandHandlers>;
