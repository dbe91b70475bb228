import { randomUUID } from 'node:crypto';
import { fromEpochMs, localDateTimeOf, statusLabelOf, type Ticket } from '@mashang/shared';
import type { SubscribeMessage, SubscribeSender } from '../../adapters/wechat.ts';
import { retryAtMs, type Delivery, type Outbox, type OutboxRow } from '../../ports/outbox.ts';
import type { TicketReads } from '../../ports/tickets.ts';
import type { NotificationConsents } from '../../ports/residents.ts';
import type { AlertStore } from '../../store/alerts.ts';
import type { StaffAlerts } from './staff-alerts.ts';
import type { PersonChannel } from './staff-channels.ts';
import { openidOf } from '../sessions/identity.ts';
import type { WebhookSender } from '../../integrations/webhooks.ts';
import { count, isRiskCheck, type RiskChecks } from '../supervision/risk-checks.ts';
import { isPhotoTag, type PhotoTags } from '../photos/photo-tags.ts';

/**
 * The outbox dispatcher: a scheduled job (every minute, like the sweeper) that
 * sends residents WeChat subscription messages about their requests.
 *
 * - A message goes to each resident who consented for the ticket (owner and
 *   followers, consent rows of pattern 21); each send uses one consent, taken
 *   with a conditional decrement. No consent left → `no_consent`, nothing sent.
 * - WeChat's refusal (43101) clears that resident's consent; a rate limit or a
 *   busy WeChat gives the consent back and the message is tried again later
 *   (1, 2, 4, 8 minutes), at most {@link MAX_ATTEMPTS} times.
 * - At most once per recipient: `sending` is recorded before the call, so a
 *   dispatcher killed mid-send leaves `sending`, which the next one turns into
 *   `unknown` instead of sending again. Every write is conditioned on the claim.
 * - Staff alerts (functions/src/app/notifying/staff-alerts.ts): the in-app message list of each
 *   recipient (on duty, 承办人, supervisors …), WeChat subscription messages to recipients who
 *   consented on the staff pages (functions/src/app/notifying/staff-channels.ts) and the unit's WeCom
 *   group robot; without staff alerts configured they are logged as skipped.
 */

/** Which WeChat template each outbox template is sent with (configured per stage). */
export interface TemplateConfig {
  /** 办理进度通知: fields character_string1 (诉求编号), phrase2 (办理状态), thing3 (进度说明), time4 (更新时间). */
  status_changed?: string;
}

export interface DispatcherDeps {
  outbox: Outbox;
  /** Residents' consents to be messaged (functions/src/ports/residents.ts). */
  residents: NotificationConsents;
  tickets: Pick<TicketReads, 'get'>;
  sender?: SubscribeSender;
  /** The real WeChat sender (false: the local stand-in, which may message device identities). */
  realSender: boolean;
  templates: TemplateConfig;
  miniprogramState?: SubscribeMessage['miniprogram_state'];
  now: () => number;
  leaseMs?: number;
  /** Stop claiming new messages after this long (the Lambda's timeout is 55 s). */
  budgetMs?: number;
  /** Staff alerts (recipients, text, WeCom); without it staff messages are logged as skipped. */
  staffAlerts?: StaffAlerts;
  /** Where staff in-app messages are written (required with staffAlerts). */
  staffMessages?: Pick<AlertStore, 'putMessage'>;
  /** Channels to each staff recipient (WeChat subscription messages; SMS would be one more), functions/src/app/notifying/staff-channels.ts. */
  staffChannels?: PersonChannel[];
  /** Delivers outbox rows of kind `webhook` to other systems' subscriptions (integrations/webhooks.ts). */
  webhooks?: WebhookSender;
  /**
   * Evaluates new requests' risk checks (rows of kind `risk_check`, ./risk-checks.ts) and sends
   * the warnings' messages in the same run. Without it those rows are left for a dispatcher that has it.
   */
  riskChecks?: RiskChecks;
  /**
   * Tags `attached=yes` the photos whose tagging failed while their request or resolution was
   * checked (rows of kind `photo_tag`, ./photo-tags.ts). Without it those rows are left for a
   * dispatcher that has it.
   */
  photoTags?: PhotoTags;
}

export const MAX_ATTEMPTS = 5;
/** Staff alerts are retried longer (backoff capped at 16 minutes): a rate-limited robot must not lose a red card. */
export const STAFF_MAX_ATTEMPTS = 12;
const PAGE = 50;

export interface DispatchReport {
  read: number;
  claimed: number;
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
  /** Delayed staff checks given back until the time the alert settings set. */
  held: number;
  lostClaims: number;
  /** New requests' risk checks evaluated, and the warnings they stored (./risk-checks.ts; retries and failures count above). */
  riskChecked: number;
  riskWarned: number;
  /** Rows of photos tagged `attached=yes` after their tagging had failed (./photo-tags.ts; retries count above). */
  photosTagged: number;
  /**
   * Rows of photos given up after the last tagging attempt (about a day): the bucket's lifecycle
   * rule deletes them although a request carries them. Not a resident's message, so not `failed`:
   * its own metric and alarm (infra/alarms.yml).
   */
  photoTagsFailed: number;
}

/** Cuts text to WeChat's limit for a field kind, by characters (not UTF-16 units). */
export function fit(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The subscription message for a status change, within WeChat's field limits
 * (character_string ≤ 32, phrase ≤ 5, thing ≤ 20 characters; time as 2026年11月18日 10:00).
 */
export function statusMessage(opts: { openid: string; templateId: string; ticket: Pick<Ticket, 'id' | 'status'>; text: string; at: string; state?: SubscribeMessage['miniprogram_state'] }): SubscribeMessage {
  const { date, minutes } = localDateTimeOf(opts.at);
  const [y, m, d] = date.split('-').map(Number);
  const time = `${y}年${m}月${d}日 ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return {
    touser: opts.openid,
    template_id: opts.templateId,
    page: `pages/ticket/index?id=${encodeURIComponent(opts.ticket.id)}`,
    data: {
      character_string1: { value: fit(opts.ticket.id, 32) },
      phrase2: { value: fit(statusLabelOf(opts.ticket), 5) },
      thing3: { value: fit(opts.text, 20) },
      time4: { value: time },
    },
    miniprogram_state: opts.state ?? 'formal',
    lang: 'zh_CN',
  };
}

const FINAL = (d: Delivery | undefined) => d !== undefined && d !== 'sending' && !d.startsWith('retry:');

export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  /**
   * When some recipient is to be tried again and attempts are left, gives the row back with an
   * exponential backoff (1, 2, 4 … minutes, at most `capMinutes`); true when the row was handled so.
   */
  private async retryLater(claimed: OutboxRow, token: string, report: DispatchReport, results: Delivery[], maxAttempts: number, capMinutes = Infinity): Promise<boolean> {
    const attempts = claimed.attempts ?? 1;
    if (!results.some((d) => d.startsWith('retry:')) || attempts >= maxAttempts) return false;
    if (await this.deps.outbox.release(claimed, token, fromEpochMs(retryAtMs(this.deps.now(), attempts, capMinutes)))) report.retried++;
    else report.lostClaims++;
    return true;
  }

  /** One pass over every message still to send. Safe to run concurrently and to kill at any point. */
  async run(): Promise<DispatchReport> {
    const report: DispatchReport = { read: 0, claimed: 0, sent: 0, skipped: 0, failed: 0, retried: 0, held: 0, lostClaims: 0, riskChecked: 0, riskWarned: 0, photosTagged: 0, photoTagsFailed: 0 };
    const started = this.deps.now();
    const budget = this.deps.budgetMs ?? 40_000;
    for await (const page of this.deps.outbox.pending(PAGE)) {
      report.read += page.length;
      for (const row of page) {
        if (this.deps.now() - started > budget) return report;
        await this.dispatch(row, report);
      }
    }
    return report;
  }

  private async dispatch(row: OutboxRow, report: DispatchReport): Promise<void> {
    const now = this.nowIso();
    if (row.status === 'pending' && row.notBefore && row.notBefore > now) return;
    if (row.status === 'claimed' && row.claimUntil && row.claimUntil >= now) return;
    if (isRiskCheck(row) && !this.deps.riskChecks) return;
    if (isPhotoTag(row) && !this.deps.photoTags) return;
    const token = randomUUID();
    const claimed = await this.deps.outbox.claim(row, token, now, fromEpochMs(this.deps.now() + (this.deps.leaseMs ?? 120_000)));
    if (!claimed) return;
    report.claimed++;
    const finish = async (status: 'sent' | 'failed' | 'skipped', deliveries: Record<string, Delivery>, reason?: string) => {
      const ok = await this.deps.outbox.finish(claimed, token, { status, reason, deliveries, doneAt: this.nowIso() });
      if (!ok) report.lostClaims++;
      else report[status === 'sent' ? 'sent' : status === 'failed' ? 'failed' : 'skipped']++;
    };

    if (claimed.kind === 'webhook') return this.dispatchWebhook(claimed, token, report, finish);
    if (isRiskCheck(claimed)) return this.dispatchRiskCheck(claimed, token, report);
    if (isPhotoTag(claimed)) return this.dispatchPhotoTag(claimed, token, report);
    if (claimed.audience !== 'resident') {
      if (!this.deps.staffAlerts) return finish('skipped', {}, '工作人员消息在工作台查看（未配置推送渠道）');
      return this.dispatchStaff(claimed, token, report, finish);
    }
    const templateId = this.deps.templates[claimed.template as keyof TemplateConfig];
    if (!templateId || !this.deps.sender) return finish('skipped', {}, '未配置微信订阅消息');
    const ticket = await this.deps.tickets.get(claimed.ticketId);
    if (!ticket) return finish('failed', {}, '诉求不存在');

    const deliveries: Record<string, Delivery> = { ...(claimed.deliveries ?? {}) };
    const consents = (await this.deps.residents.consents(ticket.id)).filter((c) => c.templateId === templateId);
    for (const consent of consents) {
      const r = consent.residentId;
      // A message addressed to the filer (a handler's in-app message) never reaches those who joined.
      if (claimed.filerOnly && r !== ticket.residentId && !claimed.followersText) continue;
      if (FINAL(deliveries[r])) continue;
      // A dispatcher died between "sending" and the result: the message may have gone out. Never send it twice.
      const result = deliveries[r] === 'sending' ? 'unknown' : await this.deliver(claimed, token, ticket, r, templateId);
      if (result === undefined) {
        report.lostClaims++;
        return;
      }
      deliveries[r] = result;
      if (!(await this.deps.outbox.recordDelivery(claimed, token, r, result))) {
        report.lostClaims++;
        return;
      }
    }

    const results = Object.values(deliveries);
    if (await this.retryLater(claimed, token, report, results, MAX_ATTEMPTS)) return;
    if (results.includes('sent')) return finish('sent', deliveries);
    if (results.every((d) => d === 'no_consent' || d === 'no_channel')) return finish('skipped', deliveries, results.length ? '居民未订阅或订阅次数已用完' : '没有订阅该诉求通知的居民');
    return finish('failed', deliveries);
  }

  /**
   * A staff alert: the in-app message of each recipient (idempotent: its id is the outbox row's
   * plus the recipient's) and one post to the unit's WeCom robot. The robot post follows the
   * same at-most-once rule as residents' messages (`sending` recorded before the call); a rate
   * limit or a busy server is retried with backoff up to {@link STAFF_MAX_ATTEMPTS} times.
   */
  private async dispatchStaff(
    claimed: OutboxRow,
    token: string,
    report: DispatchReport,
    finish: (status: 'sent' | 'failed' | 'skipped', deliveries: Record<string, Delivery>, reason?: string) => Promise<void>,
  ): Promise<void> {
    const alerts = this.deps.staffAlerts!;
    const ticket = await this.deps.tickets.get(claimed.ticketId);
    if (!ticket) return finish('failed', {}, '诉求不存在');
    const plan = await alerts.plan(claimed, ticket, this.nowIso());
    if (plan.skip) return finish('skipped', {}, plan.skip);
    if (plan.holdUntil) {
      // Not due yet under the admin's settings: back to the outbox until then, the attempt not counted.
      if (await this.deps.outbox.release(claimed, token, plan.holdUntil, true)) report.held++;
      else report.lostClaims++;
      return;
    }
    if (!plan.recipients.length || !plan.message) return finish('skipped', {}, '本单位没有可提醒的工作人员');
    const deliveries: Record<string, Delivery> = { ...(claimed.deliveries ?? {}) };
    const record = async (key: string, result: Delivery): Promise<boolean> => {
      deliveries[key] = result;
      if (await this.deps.outbox.recordDelivery(claimed, token, key, result)) return true;
      report.lostClaims++;
      return false;
    };
    const messageId = this.deps.outbox.messageId(claimed);
    for (const r of plan.recipients) {
      const key = `inapp:${r.id}`;
      if (FINAL(deliveries[key])) continue;
      await this.deps.staffMessages!.putMessage(r.id, { id: messageId, ticketId: ticket.id, kind: plan.kind, ...plan.message, createdAt: claimed.createdAt });
      if (!(await record(key, 'sent'))) return;
    }
    // Each person channel (WeChat subscription messages …): at most once per recipient, `sending` recorded before the call.
    for (const channel of this.deps.staffChannels ?? []) {
      for (const r of plan.recipients) {
        const key = `${channel.name}:${r.id}`;
        if (FINAL(deliveries[key])) continue;
        const result = deliveries[key] === 'sending' ? 'unknown' : await channel.deliver(r, { kind: plan.kind, ticketId: ticket.id, message: plan.message, at: claimed.createdAt }, () => record(key, 'sending'));
        if (result === undefined) return;
        if (!(await record(key, result))) return;
      }
    }
    const unitKey = `wecom:${claimed.unitId ?? ticket.currentUnitId}`;
    if (plan.wecomWebhook && alerts.wecom && !FINAL(deliveries[unitKey])) {
      let result: Delivery;
      if (deliveries[unitKey] === 'sending') result = 'unknown';
      else {
        if (!(await record(unitKey, 'sending'))) return;
        const outcome = await alerts.wecom.send(plan.wecomWebhook, { ...plan.message, recipientNames: plan.recipients.map((r) => r.name) });
        result = outcome.status === 'sent' ? 'sent' : outcome.status === 'retry' ? `retry:${outcome.code}` : `failed:${outcome.code}`;
      }
      if (!(await record(unitKey, result))) return;
    }
    const results = Object.values(deliveries);
    if (await this.retryLater(claimed, token, report, results, STAFF_MAX_ATTEMPTS, 16)) return;
    return finish(results.includes('sent') ? 'sent' : 'failed', deliveries);
  }

  /**
   * A new request's risk check (./risk-checks.ts): evaluated, the warning stored with the
   * check's removal, and its messages (the assigned unit's task, the supervisors' alert of a
   * high one) sent at once rather than at the next run.
   */
  private async dispatchRiskCheck(claimed: OutboxRow, token: string, report: DispatchReport): Promise<void> {
    const { outcome, queued } = await this.deps.riskChecks!.handle(claimed, token);
    const counts = { checked: 0, warned: 0, retried: 0, failed: 0, lostClaims: 0 };
    count(counts, outcome);
    report.riskChecked += counts.checked;
    report.riskWarned += counts.warned;
    report.retried += counts.retried;
    report.failed += counts.failed;
    report.lostClaims += counts.lostClaims;
    for (const row of queued) await this.dispatch(row, report);
  }

  /** Photos whose tagging failed before their change was written: tagged now, or the row given back for a later run. */
  private async dispatchPhotoTag(claimed: OutboxRow, token: string, report: DispatchReport): Promise<void> {
    const outcome = await this.deps.photoTags!.handle(claimed, token);
    if (outcome === 'tagged') report.photosTagged++;
    else if (outcome === 'dropped') report.skipped++;
    else if (outcome === 'retry') report.retried++;
    else if (outcome === 'failed') report.photoTagsFailed++;
    else report.lostClaims++;
  }

  /** A webhook event: each subscription once; failed ones retried with the same backoff as residents' messages. */
  private async dispatchWebhook(claimed: OutboxRow, token: string, report: DispatchReport, finish: (status: 'sent' | 'failed' | 'skipped', deliveries: Record<string, Delivery>, reason?: string) => Promise<void>): Promise<void> {
    if (!this.deps.webhooks) return finish('skipped', {}, '未配置 Webhook 发送');
    const deliveries = await this.deps.webhooks.deliver(claimed, (sub, result) => this.deps.outbox.recordDelivery(claimed, token, sub, result));
    if (!deliveries) {
      report.lostClaims++;
      return;
    }
    const results = Object.values(deliveries);
    if (await this.retryLater(claimed, token, report, results, MAX_ATTEMPTS)) return;
    if (results.length === 0) return finish('skipped', deliveries, '没有 Webhook 订阅');
    return finish(results.every((d) => d === 'sent') ? 'sent' : 'failed', deliveries);
  }

  /** Sends to one resident; undefined when the claim was lost before sending. */
  private async deliver(row: OutboxRow, token: string, ticket: Ticket, residentId: string, templateId: string): Promise<Delivery | undefined> {
    const openid = openidOf(residentId) ?? (this.deps.realSender ? undefined : residentId);
    if (!openid) return 'no_channel';
    if (!(await this.deps.residents.useCredit(ticket.id, residentId, templateId))) return 'no_consent';
    if (!(await this.deps.outbox.recordDelivery(row, token, residentId, 'sending'))) {
      await this.deps.residents.restoreCredit(ticket.id, residentId, templateId);
      return undefined;
    }
    const text = row.filerOnly && residentId !== ticket.residentId ? (row.followersText ?? '') : row.text;
    const outcome = await this.deps.sender!.send(statusMessage({ openid, templateId, ticket, text, at: row.createdAt, state: this.deps.miniprogramState }));
    if (outcome.status === 'sent') return 'sent';
    if (outcome.status === 'refused') {
      await this.deps.residents.clearCredits(ticket.id, residentId, templateId, this.nowIso());
      return 'refused';
    }
    // Not delivered, so WeChat did not use the consent: give it back.
    await this.deps.residents.restoreCredit(ticket.id, residentId, templateId);
    return outcome.status === 'retry' ? `retry:${outcome.errcode}` : `failed:${outcome.errcode}`;
  }
}
