import { AppError, fromEpochMs, isWithin, type Actor, type Ticket, type Unit } from '@mashang/shared';
import type { Delivery, OutboxRow, OutboxStore } from '../store/outbox.ts';
import type { Open311Request } from '../open311/format.ts';
import { signWebhook } from './signature.ts';
import type { IntegrationStore } from './store.ts';

/**
 * Webhooks: an external system's subscriptions hear about every status change of the
 * requests it entered. The event is an outbox row (kind `webhook`) written in the same
 * transaction as the status change, so the user's request never waits for a webhook and
 * no change is lost; the dispatcher delivers it (functions/src/app/notifying/notifications.ts),
 * retrying failed subscriptions with backoff (1, 2, 4, 8 minutes) and never re-sending to
 * a subscription that already took it. Each delivery is signed:
 *
 *   X-Mashang-Event-Id:   <ticket id>.v<version>   (stable: receivers de-duplicate on it)
 *   X-Mashang-Timestamp:  unix seconds
 *   X-Mashang-Signature:  sha256=hex(HMAC-SHA256(secret, `${timestamp}.${body}`))
 *
 * A dispatcher killed between a receiver's 2xx and recording it sends that event again
 * (with the same event id), so receivers must de-duplicate on the id.
 */

export const WEBHOOK_HEADERS = { id: 'x-mashang-event-id', timestamp: 'x-mashang-timestamp', signature: 'x-mashang-signature' } as const;

/** The body a subscriber receives. */
export interface WebhookEvent {
  event_id: string;
  type: 'service_request.status_changed';
  occurred_at: string;
  replay: boolean;
  /** The request as Open311 shows it now (status, status_notes, expected_datetime …). */
  request: Open311Request;
  /** Our own status at the change (finer than open/closed). */
  mashang_status: string;
  external_id: string | null;
}

export interface WebhookSenderDeps {
  store: IntegrationStore;
  /** The request as Open311 shows it, or undefined when it is gone. */
  present: (ticketId: string) => Promise<{ request: Open311Request; ticket: Ticket } | undefined>;
  now: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Delivers one webhook outbox row to every live subscription of its system. */
export class WebhookSender {
  constructor(private readonly deps: WebhookSenderDeps) {}

  /**
   * Posts the event to each subscription not yet served (per `row.deliveries`), recording
   * each result through `record` (false: the claim was lost, stop). Returns all results, or
   * undefined when the claim was lost.
   */
  async deliver(row: OutboxRow & { system?: string; eventId?: string; ticketStatus?: string; replay?: boolean }, record: (subscriptionId: string, result: Delivery) => Promise<boolean>): Promise<Record<string, Delivery> | undefined> {
    const deliveries: Record<string, Delivery> = { ...(row.deliveries ?? {}) };
    if (!row.system || !row.eventId) return deliveries;
    const found = await this.deps.present(row.ticketId);
    if (!found) return deliveries;
    const subs = (await this.deps.store.subscriptions(row.system)).filter((s) => !s.deletedAt && s.createdAt <= row.createdAt);
    const body = JSON.stringify({
      event_id: row.eventId,
      type: 'service_request.status_changed',
      occurred_at: found.request.updated_datetime ?? found.request.requested_datetime,
      replay: row.replay === true,
      request: found.request,
      mashang_status: row.ticketStatus ?? found.ticket.status,
      external_id: found.ticket.external?.ref ?? null,
    } satisfies WebhookEvent);
    for (const sub of subs) {
      const prior = deliveries[sub.subscriptionId];
      if (prior === 'sent' || prior?.startsWith('failed:')) continue;
      const result = await this.post(sub.url, sub.secret, row.eventId, body);
      deliveries[sub.subscriptionId] = result;
      if (!(await record(sub.subscriptionId, result))) return undefined;
    }
    return deliveries;
  }

  private async post(url: string, secret: string, eventId: string, body: string): Promise<Delivery> {
    const timestamp = String(Math.floor(this.deps.now() / 1000));
    try {
      const res = await (this.deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [WEBHOOK_HEADERS.id]: eventId,
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.deps.timeoutMs ?? 5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return 'sent';
      // 408, 429 and 5xx are the receiver's passing trouble; any other answer will not change by retrying.
      return res.status === 408 || res.status === 429 || res.status >= 500 ? `retry:http_${res.status}` : `failed:http_${res.status}`;
    } catch (err) {
      return `retry:${(err as { name?: string }).name === 'TimeoutError' ? 'timeout' : 'network'}`;
    }
  }
}

/** The admin's replay: the request's latest status event again, to every subscription of its system. */
export class WebhookAdmin {
  constructor(
    private readonly deps: {
      outbox: Pick<OutboxStore, 'queueWebhookReplay'>;
      ticket: (id: string) => Promise<Ticket | undefined>;
      units: () => Promise<Map<string, Unit>>;
      now: () => number;
    },
  ) {}

  async replay(actor: Actor, ticketId: string): Promise<{ queued: boolean; eventId: string }> {
    if (actor.role !== 'admin' || !actor.unitId) throw new AppError('FORBIDDEN', '仅管理员可重发 Webhook');
    const ticket = await this.deps.ticket(ticketId);
    const unit = ticket ? (await this.deps.units()).get(ticket.originUnitId ?? ticket.coordinatorUnitId) : undefined;
    if (!ticket || !ticket.external || !unit || !isWithin(unit, actor.unitId)) throw new AppError('TICKET_NOT_FOUND', '未找到该对接诉求');
    const eventId = await this.deps.outbox.queueWebhookReplay(ticket, fromEpochMs(this.deps.now()));
    return { queued: true, eventId };
  }
}
