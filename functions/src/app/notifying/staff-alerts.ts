import {
  alertMessage,
  alertRecipients,
  DEFAULT_ALERT_POLICY,
  CLOCK_LABELS,
  delayedAlertDueAt,
  delayedAlertText,
  isOpen,
  onDutyAt,
  onDutyOrAll,
  redCardCount,
  type AlertKind,
  type AlertMessage,
  type AlertPolicy,
  type Category,
  type StaffMember,
  type Ticket,
  type Unit,
} from '@mashang/shared';
import type { GroupSender } from '../../adapters/wecom.ts';
import type { AlertStore } from '../../store/alerts.ts';
import type { OrgStore } from '../../store/org.ts';
import type { OutboxRow } from '../../store/outbox.ts';

/**
 * Staff alerts as the dispatcher sends them (functions/src/app/notifying/notifications.ts): for an
 * outbox row meant for staff, who receives it (shared/src/alerts.ts, with the unit's duty
 * roster), what it says, and on which channels: the in-app message list (always), the
 * unit's WeCom group robot (when its supervisor set one); the per-person channels (WeChat
 * subscription messages; SMS is not built) are in functions/src/app/notifying/staff-channels.ts.
 *
 * Delayed rows re-check the ticket when they come due: "not responded after 15 minutes"
 * is skipped if somebody responded; "4 hours overdue" is skipped if the clock was met. The
 * minutes, hours and red cards are the admin's settings (`PUT /api/admin/alert-settings`),
 * read when the row is looked at, so a change applies to requests already open.
 */
export interface StaffAlertPlan {
  skip?: string;
  /** A delayed check that is not due yet under the policy in force: hold the row until then. */
  holdUntil?: string;
  kind: AlertKind;
  recipients: StaffMember[];
  message?: AlertMessage;
  /** The unit's WeCom robot, if set. */
  wecomWebhook?: string;
}

/** The alert kind of an outbox row (rows written before alerts had kinds fall back on the template). */
function kindOf(row: OutboxRow): AlertKind {
  if (row.alert) return row.alert;
  switch (row.template) {
    case 'sla_warning':
      return 'yellow';
    case 'sla_breach':
      return 'red';
    case 'urged':
      return 'urged';
    case 'extension_requested':
    case 'extension_decided':
      return 'extension';
    default:
      return 'new_request';
  }
}

export class StaffAlerts {
  constructor(
    private readonly deps: {
      alerts: AlertStore;
      org: OrgStore;
      /** A fixed policy (tests); otherwise the admin's settings, read with `loadPolicy`, or the defaults. */
      policy?: AlertPolicy;
      loadPolicy?: () => Promise<AlertPolicy | undefined>;
      wecom?: GroupSender;
    },
  ) {}

  get wecom(): GroupSender | undefined {
    return this.deps.wecom;
  }

  async plan(row: OutboxRow, ticket: Ticket, now: string): Promise<StaffAlertPlan> {
    const kind = kindOf(row);
    const unitId = row.unitId ?? ticket.currentUnitId;
    const clock = row.clock;
    if (kind === 'unresponded' && (ticket.clocks.respond.metAt || !isOpen(ticket.status))) return { skip: '已响应，无需提醒', kind, recipients: [] };
    if (kind === 'overdue' && (!clock || ticket.clocks[clock].metAt || !isOpen(ticket.status))) return { skip: '已办理，无需升级', kind, recipients: [] };
    const policy = this.deps.policy ?? (await this.deps.loadPolicy?.()) ?? DEFAULT_ALERT_POLICY;
    // Delayed checks are written at the earliest time an admin may set; the policy in force says when they are due.
    const dueAt = delayedAlertDueAt(kind, ticket, clock, policy);
    if (dueAt && dueAt > now) return { holdUntil: dueAt, kind, recipients: [] };
    const rowText = kind === 'unresponded' || kind === 'overdue' ? delayedAlertText(kind, policy, clock ? CLOCK_LABELS[clock] : '') : row.text;

    const [units, categories, staff, duty] = await Promise.all([this.deps.org.units(), this.deps.org.categories(), this.deps.alerts.unitStaff(unitId), this.deps.alerts.duty(unitId)]);
    const unit = units.find((u: Unit) => u.id === unitId);
    // Who is on duty when the alert is due (its notBefore for a delayed check), not when a retry happens to run.
    const onDuty = onDutyAt(duty.roster, dueAt ?? row.notBefore ?? row.createdAt);
    const nextLevel = async () => (unit?.parentId ? this.deps.alerts.unitStaff(unit.parentId) : []);
    const ctx = { assigneeId: ticket.assignee?.unitId === unitId ? ticket.assignee.id : undefined, onDuty, staff };

    let ids: string[];
    let escalateIds: string[] = [];
    if (kind === 'red') {
      // Two rows carry a red card: the handlers' (承办人 or on duty) and the supervisors'.
      ids = row.audience === 'supervisors' ? staff.filter((s) => s.roles.includes('supervisor')).map((s) => s.id) : ctx.assigneeId ? [ctx.assigneeId] : onDutyOrAll(ctx);
      if (row.audience === 'supervisors' && redCardCount(ticket) >= policy.escalateAfterRedCards) {
        escalateIds = alertRecipients('overdue', { ...ctx, nextLevelSupervisors: await nextLevel() });
      }
    } else if (kind === 'overdue') {
      ids = alertRecipients('overdue', { ...ctx, nextLevelSupervisors: await nextLevel() });
    } else if (row.audience === 'supervisors' && kind !== 'unresponded') {
      ids = staff.filter((s) => s.roles.includes('supervisor')).map((s) => s.id);
    } else {
      ids = alertRecipients(kind, ctx);
    }
    const everyone = new Map<string, StaffMember>([...staff, ...(escalateIds.length || kind === 'overdue' ? await nextLevel() : [])].map((s) => [s.id, s]));
    const recipients = [...new Set([...ids, ...escalateIds])].map((id) => everyone.get(id) ?? { id, name: id, roles: [] });
    const clockDueAt = clock ? ticket.clocks[clock].dueAt : undefined;
    const message = alertMessage({
      kind,
      ticketId: ticket.id,
      unitName: unit?.name ?? unitId,
      categoryName: categories.find((c: Category) => c.code === ticket.categoryCode)?.name ?? ticket.categoryCode,
      locationName: ticket.locationName,
      summary: ticket.description,
      text: escalateIds.length ? `${rowText}（红牌已达${redCardCount(ticket)}张，提请上级督办）` : rowText,
      clock,
      dueAt: clockDueAt,
      now,
    });
    return { kind, recipients, message, wecomWebhook: duty.channels.wecomWebhook };
  }
}
