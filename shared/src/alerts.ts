/**
 * Staff alerts: who is told what, and what the message says. Pure — the dispatcher
 * (functions/src/app/notifying/staff-alerts.ts) feeds it the roster, the unit's staff and the ticket.
 *
 * Who is told what:
 * - new request → the receiving unit's on-duty handlers, at once;
 * - still not responded N minutes after filing (default 15) → the on-duty handlers again and the unit's supervisors;
 * - yellow card → the 承办人 (or the on-duty handlers when nobody holds it);
 * - red card → the 承办人 (or on-duty handlers) and the unit's supervisors;
 * - dispatch → the receiving department's on-duty handlers; return / escalation → the receiving unit's on-duty handlers;
 * - a resident's reopening, a supervisor's urge → the 承办人 (or on-duty handlers);
 * - a hand-over (转交) → the new 承办人;
 * - escalation (督办): after `escalateAfterRedCards` red cards, or `escalateAfterHours` hours overdue with the clock
 *   still unmet → the supervisors of the next level up (county 督办).
 * With nobody on duty, "on-duty handlers" means all the unit's handlers and its supervisors.
 */
import { CLOCK_LABELS, describeRemaining, type ClockName } from './sla.ts';
import { formatLocal, fromEpochMs, toEpochMs, type Instant } from './time.ts';
import { maskPhonesInText } from './mask.ts';
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.ts';

export const ALERT_KINDS = ['new_request', 'unresponded', 'yellow', 'red', 'dispatched', 'returned', 'escalated', 'reopened', 'urged', 'overdue', 'extension', 'risk', 'handed_over'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_LABELS: Readonly<Record<AlertKind, string>> = {
  new_request: '新诉求',
  unresponded: '未响应',
  yellow: '黄牌',
  red: '红牌',
  dispatched: '派单',
  returned: '退回',
  escalated: '上报',
  reopened: '重新办理',
  urged: '督办',
  overdue: '超时升级',
  risk: '风险预警',
  extension: '延期',
  handed_over: '转交',
};

/** The configurable parts of the alert rules. */
export interface AlertPolicy {
  /** Minutes after filing before an unanswered request is also sent to the unit's supervisors. */
  unrespondedMinutes: number;
  /** Red cards on one request that bring in the next level's supervisors. */
  escalateAfterRedCards: number;
  /** Hours a clock may stay overdue before the next level's supervisors are alerted. */
  escalateAfterHours: number;
}

export const DEFAULT_ALERT_POLICY: Readonly<AlertPolicy> = Object.freeze({ unrespondedMinutes: 15, escalateAfterRedCards: 2, escalateAfterHours: 4 });

/**
 * The bounds an admin may set (admin settings, `PUT /api/admin/alert-settings`). A request's
 * delayed checks are written to the outbox at the lower bounds ({@link ALERT_CHECK_EARLIEST}) and
 * the dispatcher holds them until the time the policy in force sets ({@link delayedAlertDueAt}),
 * so a change applies to requests already open, in both directions.
 */
export const AlertPolicySchema = lazySchema(() => z.object({
  unrespondedMinutes: z.int('请填写整数分钟').check(z.gte(5, '至少 5 分钟'), z.lte(120, '至多 120 分钟')),
  escalateAfterRedCards: z.int('请填写整数').check(z.gte(1, '至少 1 张'), z.lte(5, '至多 5 张')),
  escalateAfterHours: z.int('请填写整数小时').check(z.gte(1, '至少 1 小时'), z.lte(168, '至多 168 小时')),
}));

/** When the delayed checks are first looked at: the lower bounds of {@link AlertPolicySchema}. */
export const ALERT_CHECK_EARLIEST = Object.freeze({ unrespondedMinutes: 5, escalateAfterHours: 1 });

/**
 * When a delayed alert is due under `policy`: "not responded" N minutes after filing,
 * "overdue" H hours after the clock's deadline. Undefined for alerts that are never delayed.
 */
export function delayedAlertDueAt(kind: AlertKind, t: { receivedAt: Instant; clocks: Record<ClockName, { dueAt: Instant }> }, clock: ClockName | undefined, policy: AlertPolicy): Instant | undefined {
  if (kind === 'unresponded') return fromEpochMs(toEpochMs(t.receivedAt) + policy.unrespondedMinutes * 60_000);
  if (kind === 'overdue' && clock) return fromEpochMs(toEpochMs(t.clocks[clock].dueAt) + policy.escalateAfterHours * 3_600_000);
  return undefined;
}

/** The text of a delayed alert, with the figure of the policy in force. */
export function delayedAlertText(kind: 'unresponded' | 'overdue', policy: AlertPolicy, clockLabel = ''): string {
  return kind === 'unresponded' ? `诉求提交${policy.unrespondedMinutes}分钟仍无人响应` : `${clockLabel}超时${policy.escalateAfterHours}小时仍未办理，提请上级督办`;
}

export interface StaffMember {
  id: string;
  name: string;
  roles: readonly string[];
}

export interface RecipientContext {
  /** The 承办人 of the unit the alert is about, if any. */
  assigneeId?: string;
  /** Staff ids on duty at the alert's time (from the unit's roster). */
  onDuty: readonly string[];
  /** The unit's staff. */
  staff: readonly StaffMember[];
  /** Supervisors of the next level up (for escalation). */
  nextLevelSupervisors?: readonly StaffMember[];
}

const handlersOf = (staff: readonly StaffMember[]) => staff.filter((s) => s.roles.includes('handler')).map((s) => s.id);
const supervisorsOf = (staff: readonly StaffMember[]) => staff.filter((s) => s.roles.includes('supervisor')).map((s) => s.id);

/** On-duty handlers; with nobody on duty, all the unit's handlers and its supervisors. */
export function onDutyOrAll(ctx: RecipientContext): string[] {
  const members = new Set(ctx.staff.map((s) => s.id));
  const duty = ctx.onDuty.filter((id) => members.has(id));
  return duty.length ? duty : [...new Set([...handlersOf(ctx.staff), ...supervisorsOf(ctx.staff)])];
}

/** Who receives an alert of `kind`, deduplicated. */
export function alertRecipients(kind: AlertKind, ctx: RecipientContext): string[] {
  const holder = () => (ctx.assigneeId ? [ctx.assigneeId] : onDutyOrAll(ctx));
  let ids: string[];
  switch (kind) {
    case 'new_request':
    case 'dispatched':
    case 'returned':
    case 'escalated':
    case 'risk':
      ids = onDutyOrAll(ctx);
      break;
    case 'unresponded':
      ids = [...onDutyOrAll(ctx), ...supervisorsOf(ctx.staff)];
      break;
    case 'yellow':
    case 'reopened':
    case 'urged':
    case 'extension':
    case 'handed_over':
      ids = holder();
      break;
    case 'red':
      ids = [...holder(), ...supervisorsOf(ctx.staff)];
      break;
    case 'overdue':
      ids = supervisorsOf(ctx.nextLevelSupervisors ?? []);
      break;
  }
  return [...new Set(ids)];
}

/** What an alert says: what, where, which clock, the time left, and the link to the request. */
export interface AlertMessage {
  title: string;
  body: string;
  /** The staff page of the request (mini-program path; H5 serves the same path). */
  link: string;
}

export function alertMessage(a: {
  kind: AlertKind;
  ticketId: string;
  unitName: string;
  categoryName: string;
  locationName: string;
  summary: string;
  text: string;
  clock?: ClockName;
  dueAt?: Instant;
  now: Instant;
}): AlertMessage {
  const where = `${a.unitName} · ${a.categoryName} · ${a.locationName}`;
  const clockPart = a.clock && a.dueAt ? `${CLOCK_LABELS[a.clock]}时限${describeRemaining(toEpochMs(a.dueAt) - toEpochMs(a.now))}（截止 ${formatLocal(a.dueAt)}）` : '';
  // The text goes to a WeCom group too: phone numbers in it are masked (the handler reveals the number on the request's page).
  const text = maskPhonesInText(a.summary);
  const summary = [...text].length > 40 ? `${[...text].slice(0, 39).join('')}…` : text;
  return {
    title: `【${ALERT_LABELS[a.kind]}】${a.text}`,
    body: [where, clockPart, `诉求 ${a.ticketId}：${summary}`].filter(Boolean).join('\n'),
    link: `pages-staff/ticket/index?id=${encodeURIComponent(a.ticketId)}`,
  };
}

/** Red cards recorded on a request over its life (restarted windows included). */
export function redCardCount(t: { clocks: Record<ClockName, { breachedAt?: string }>; pastWindows?: ReadonlyArray<{ breachedAt?: string; outcome: string }> }): number {
  const current = Object.values(t.clocks).filter((c) => c.breachedAt !== undefined).length;
  const past = (t.pastWindows ?? []).filter((w) => w.outcome !== 'superseded' && w.breachedAt !== undefined).length;
  return current + past;
}
