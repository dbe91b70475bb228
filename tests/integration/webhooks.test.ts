import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { Dispatcher } from '../../functions/src/app/notifying/notifications.ts';
import { IntegrationService, type Integration } from '../../functions/src/integrations/service.ts';
import { verifyWebhook } from '../../functions/src/integrations/signature.ts';
import { IntegrationStore } from '../../functions/src/integrations/store.ts';
import { WEBHOOK_HEADERS, WebhookAdmin, type WebhookEvent } from '../../functions/src/integrations/webhooks.ts';
import { webhookSender } from '../../functions/src/integrations/webhook-runtime.ts';
import { Open311, PostRequestFormSchema } from '../../functions/src/open311/service.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { PlaceStore } from '../../functions/src/store/places.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Webhooks end to end on DynamoDB Local: status changes of a request another system entered
 * become outbox events in the change's own transaction; the dispatcher signs and posts them to
 * a receiver on 127.0.0.1 that verifies every signature and fails the first two deliveries;
 * with the backoff's retries the receiver accepts each event exactly once. An admin replays.
 */
let h: Harness;
let server: Server;
let url: string;
let integrations: IntegrationService;
let open311: Open311;
let dispatcher: Dispatcher;
let webhookAdmin: WebhookAdmin;
let caller: Integration;
let secret: string;

const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const zhujian: Actor = { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian', name: '孙磊' };

/** What the receiver saw: every attempt, and the events it accepted (de-duplicated on the event id, as receivers must). */
const received = { attempts: 0, badSignatures: 0, accepted: [] as WebhookEvent[], duplicates: 0 };
let failNext = 2;

beforeAll(async () => {
  h = await createHarness('2026-11-18T02:00:00.000Z');
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const store = new IntegrationStore(db, h.tableName);
  const units = async () => (await h.service.ref()).units;
  integrations = new IntegrationService({ store, units, now: h.clock.now, allowLoopbackHttp: true });
  open311 = new Open311({ service: h.service, tickets: h.tickets, org: h.org, places: new PlaceStore(db, h.tableName), integrations: store, now: h.clock.now });
  webhookAdmin = new WebhookAdmin({ outbox: new OutboxStore(db, h.tableName), ticket: (id) => h.tickets.get(id), units, now: h.clock.now });
  dispatcher = new Dispatcher({
    outbox: new OutboxStore(db, h.tableName),
    residents: new ResidentStore(db, h.tableName),
    tickets: h.tickets,
    realSender: false,
    templates: {},
    now: h.clock.now,
    webhooks: webhookSender(db, h.tableName, h.clock.now),
  });

  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.attempts++;
      const body = Buffer.concat(chunks).toString('utf8');
      const ok = verifyWebhook(secret, { timestamp: req.headers[WEBHOOK_HEADERS.timestamp] as string, signature: req.headers[WEBHOOK_HEADERS.signature] as string }, body, Math.floor(h.clock.now() / 1000));
      if (!ok) {
        received.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end('busy');
        return;
      }
      const event = JSON.parse(body) as WebhookEvent;
      expect(req.headers[WEBHOOK_HEADERS.id]).toBe(event.event_id);
      if (received.accepted.some((e) => e.event_id === event.event_id)) received.duplicates++;
      else received.accepted.push(event);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/mashang`;

  const key = await integrations.issueKey(admin, { system: 'hotline-12345', name: '12345热线平台', channel: 'hotline_12345' });
  caller = await integrations.authenticate(key.apiKey);
  secret = (await integrations.subscribe(caller, url)).secret;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.drop();
});

describe('webhooks', () => {
  let id: string;

  it('refuses a plain-http callback outside the local machine', async () => {
    await expect(integrations.subscribe(caller, 'http://example.com/hook')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('delivers each status change exactly once in the end, despite two failed deliveries', async () => {
    const form = PostRequestFormSchema.parse({ service_code: 'housing', address_id: 'loc-dajuyuan', description: '楼道墙体开裂需要鉴定', external_id: 'GD-WH-1' });
    id = (await open311.post(caller, form)).reply.service_request_id;
    // The user's commands never wait for a receiver: no delivery happens inside them.
    h.clock.advance(5);
    await h.service.command(gll, id, { type: 'respond', via: 'call' });
    h.clock.advance(5);
    await h.service.command(gll, id, { type: 'dispatch', unitId: 'dept-zhujian' });
    h.clock.advance(5);
    await h.service.command(zhujian, id, { type: 'accept' });
    h.clock.advance(60);
    await h.service.command(zhujian, id, { type: 'resolve', feedback: '已组织鉴定并完成加固' });
    expect(received.attempts).toBe(0);

    const first = await dispatcher.run();
    expect(received.attempts).toBe(4);
    expect(first.retried).toBe(2);
    expect(received.accepted).toHaveLength(2);

    // Not before the backoff (1 minute after the first attempt).
    h.clock.advance(0.5);
    await dispatcher.run();
    expect(received.attempts).toBe(4);

    h.clock.advance(1);
    const second = await dispatcher.run();
    expect(second.sent).toBeGreaterThanOrEqual(2);
    h.clock.advance(10);
    await dispatcher.run();

    expect(received.badSignatures).toBe(0);
    expect(received.duplicates).toBe(0);
    expect(received.attempts).toBe(6);
    const ids = received.accepted.map((e) => e.event_id).sort();
    const t = (await h.tickets.get(id))!;
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(received.accepted.map((e) => e.mashang_status).sort()).toEqual(['accepted', 'dispatched', 'resolved', 'responded']);
    const last = received.accepted.find((e) => e.mashang_status === 'resolved')!;
    expect(last).toMatchObject({ type: 'service_request.status_changed', external_id: 'GD-WH-1', replay: false, event_id: `${id}.v${t.version}` });
    expect(last.request).toMatchObject({ service_request_id: id, status: 'closed' });
    expect(last.request.expected_datetime).toMatch(/\+08:00$/);
  });

  it('lets the admin replay the latest event, with the same event id', async () => {
    const before = received.attempts;
    const { eventId } = await webhookAdmin.replay(admin, id);
    await dispatcher.run();
    expect(received.attempts).toBe(before + 1);
    expect(received.duplicates).toBe(1);
    expect(eventId).toBe(received.accepted.find((e) => e.mashang_status === 'resolved')!.event_id);
    await expect(webhookAdmin.replay(gll, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sends nothing to a deleted subscription, and nothing for a request no system entered', async () => {
    const subs = await integrations.subscriptions(caller);
    await integrations.unsubscribe(caller, subs[0]!.subscriptionId);
    const before = received.attempts;
    h.clock.advance(1);
    await h.service.command({ id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan', name: '陈刚' }, id, { type: 'follow_up', result: 'satisfied' }); // resolved → closed: an event, but for no live subscription
    const own = await h.service.createTicket({ id: 'dev-wh', role: 'resident' }, { clientToken: 'webhook-test-own-1', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '居民自己扫码提交的诉求' });
    await h.service.command(gll, own.ticket.id, { type: 'respond', via: 'call' });
    await dispatcher.run();
    expect(received.attempts).toBe(before);
    // The closing did make an event; it found no live subscription.
    const log = await new OutboxStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName).recentLog(50);
    const closing = log.find((m) => m.ticketId === id && (m as unknown as { ticketStatus?: string }).ticketStatus === 'closed');
    expect(closing).toMatchObject({ status: 'skipped', reason: '没有 Webhook 订阅' });
    expect(log.some((m) => m.ticketId === own.ticket.id && (m as unknown as { kind?: string }).kind === 'webhook')).toBe(false);
  });
});
