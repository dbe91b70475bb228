import { RATING_LABELS, type Actor, type ClockName, type EventType, type Rating, type TicketEvent, type Unit } from '@mashang/shared';

/**
 * The timeline in plain Chinese for residents: what happened, in words a
 * resident uses, with the unit's name instead of jargon such as 吹哨派单 or 报到承接.
 */

const CLOCK_WORDS: Record<ClockName, string> = { respond: '联系您', classify: '分类派单', resolve: '办结', followUp: '回访' };

const FIXED: Partial<Record<EventType, string>> = {
  deadlines_rederived: '节假日安排更新，办理期限已按正式日历确定',
  submitted: '诉求已提交',
  responded: '工作人员已联系，开始处理',
  contacted: '工作人员再次联系',
  returned: '承办单位退回，正在重新安排办理单位',
  resolved: '已办结，请查看办理结果并评价',
  followed_up: '工作人员已回访',
  reopened: '因不满意，已重新办理',
  rejected: '不予受理',
  merged: '与相同问题合并办理',
  extension_requested: '承办单位申请延长办理时限',
  extension_refused: '延期申请未获批准，须按原时限办结',
  urged: '上级已督办，要求加快办理',
  phone_viewed: '工作人员查看了您的联系电话',
  // Never shown to residents (views.ts keeps 转交 among staff); worded for them all the same.
  handed_over: '已由本单位另一位工作人员继续办理',
};

/** One event as a resident reads it. `viewer` tells "you joined" from "another resident joined". */
export function plainEventLabel(event: TicketEvent, viewer: Actor, units: Map<string, Unit>): string {
  const data = event.data ?? {};
  const unitName = (id: unknown) => (typeof id === 'string' ? units.get(id)?.name : undefined);
  switch (event.type) {
    case 'dispatched': {
      const name = unitName(data.unitId);
      return name ? `已交由${name}办理` : '已派给承办单位办理';
    }
    case 'accepted': {
      const name = unitName(event.actor.unitId);
      return name ? `${name}已接单，正在办理` : '承办单位已接单，正在办理';
    }
    case 'escalated': {
      const name = unitName(data.toUnitId);
      return name ? `已上报${name}协调办理` : '已上报上级协调办理';
    }
    case 'rated': {
      const rating = data.rating as Rating | undefined;
      return rating && RATING_LABELS[rating] ? `评价：${RATING_LABELS[rating]}` : '已评价';
    }
    case 'extension_approved':
      return typeof data.workingDays === 'number' ? `办理时限延长${data.workingDays}个工作日` : '办理时限已延长';
    case 'sla_warning':
    case 'sla_breach': {
      const clock = CLOCK_WORDS[data.clock as ClockName] ?? '办理';
      return event.type === 'sla_warning' ? `临近${clock}时限，已提醒承办单位` : `超过${clock}时限，已提请上级督办`;
    }
    case 'joined':
      // 来电附议: the operator desk added a caller (shared/src/commands/desk.ts).
      if (event.actor.role === 'operator') return typeof data.channelLabel === 'string' ? `又有群众通过${data.channelLabel}反映了同一问题` : '又有群众反映了同一问题';
      return event.actor.id === viewer.id ? '您也反映了这个问题（我也遇到）' : '又有居民反映了同一问题';
    default:
      return FIXED[event.type] ?? event.type;
  }
}
