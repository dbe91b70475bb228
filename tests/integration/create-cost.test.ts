import { randomInt, randomUUID } from 'node:crypto';
import { BatchWriteCommand, DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, CreateTicketInput } from '@mashang/shared';
import { meterClient, type Meter } from '../../bench/dynamo-meter.ts';
import { RiskService } from '../../functions/src/app/supervision/risk.ts';
import { RiskChecks } from '../../functions/src/app/supervision/risk-checks.ts';
import { RiskEvaluator } from '../../functions/src/app/supervision/risk-evaluation.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { HISTORY_LIMIT, SupervisionStore } from '../../functions/src/store/supervision.ts';
import { keys } from '../../functions/src/store/keys.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * What one create costs in DynamoDB, counted by an SDK middleware on the client of a
 * service wired as the deployed one is (risk early warning included, reference data
 * cached as in a warm Lambda): a warm create is its transaction alone — no item read by
 * key (the place is cached; the idempotency row is the create transaction's own condition,
 * read only when that condition fails) and no history (the risk check is an outbox row of
 * that transaction) — and the risk check the dispatcher runs after it reads a bounded page
 * of history whatever the history of the place.
 */
let h: Harness;
let meter: Meter;
let service: MashangService;
let checks: RiskChecks;

const resident = (): Actor => ({ id: `dev-${randomUUID()}`, role: 'resident', name: '居民' });
const input = (locationId: string, i: number): CreateTicketInput => ({
  clientToken: `cost-${randomUUID()}`,
  locationId,
  categoryCode: 'sanitation',
  description: `路口垃圾桶满了没人清运，气味很大（第${i}件）`,
  phone: `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
  photos: [],
});

/**
 * Earlier requests at a place: one filed through the harness's own (unmetered) service,
 * then its stored row copied under new request numbers (BatchWriteItem, 25 at a time), so
 * hundreds of real ticket rows, with every index key, exist in seconds.
 */
let copied = 0;
async function history(locationId: string, n: number): Promise<void> {
  const first = await h.service.createTicket(resident(), input(locationId, 0));
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  const row = JSON.stringify((await db.send(new GetCommand({ TableName: h.tableName, Key: keys.ticket(first.ticket.id) }))).Item);
  const copies = Array.from({ length: n - 1 }, () => JSON.parse(row.split(first.ticket.id).join(`${first.ticket.id.slice(0, 6)}8${String(copied++).padStart(6, '0')}`)) as Record<string, unknown>);
  for (let i = 0; i < copies.length; i += 25) {
    let pending = copies.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const res = await db.send(new BatchWriteCommand({ RequestItems: { [h.tableName]: pending } }));
      pending = (res.UnprocessedItems?.[h.tableName] ?? []) as typeof pending;
    }
  }
}

type Cost = { calls: Record<string, number>; total: number; itemsRead: number };
const cost = (): Cost => ({ calls: { ...meter.calls }, total: meter.total(), itemsRead: meter.itemsRead });

/** One create at the place, metered, then its risk check as the dispatcher runs it, metered apart. */
async function measure(locationId: string): Promise<Cost & { check: Cost }> {
  meter.reset();
  const res = await service.createTicket(resident(), input(locationId, 9999));
  expect(res.created).toBe(true);
  const create = cost();
  meter.reset();
  expect(await checks.run()).toMatchObject({ checked: 1 });
  return { ...create, check: cost() };
}

beforeAll(async () => {
  h = await createHarness();
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  meter = meterClient(db);
  const tickets = new TicketStore(db, h.tableName);
  service = new MashangService({
    tickets,
    org: new OrgStore(db, h.tableName),
    tokens: new TokenService(TEST_SECRET),
    now: h.clock.now,
    referenceTtlMs: 60_000,
    risk: new RiskService({ store: new SupervisionStore(db, h.tableName), tickets, reference: () => service.ref(), now: h.clock.now }),
  });
  // The dispatcher's risk checks (functions/src/app/supervision/risk-checks.ts), rules cached as in a warm Lambda: what a check reads
  // (the ticket, the history) on the metered client; the outbox's pages, the claim and the final write on another one.
  const outbox = new OutboxStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName);
  checks = new RiskChecks({ outbox, tickets, evaluator: new RiskEvaluator({ store: new SupervisionStore(db, h.tableName), now: h.clock.now }), now: h.clock.now });
  await history('loc-jinta', 60);
  await history('loc-buxingjie', 300);
}, 120_000);
afterAll(() => h.drop());

describe("a create's DynamoDB cost", () => {
  it('does not grow with the history of the place: the create reads nothing at 0, 60 and 300 earlier requests; its risk check makes the same calls and reads the same items at 60 and 300', async () => {
    // Warm the service (reference data, rule set, the places) as a warm Lambda is.
    for (const loc of ['loc-donggang', 'loc-jinta', 'loc-buxingjie']) await service.createTicket(resident(), input(loc, 0));
    await checks.run();
    const none = await measure('loc-donggang');
    const some = await measure('loc-jinta');
    const many = await measure('loc-buxingjie');
    for (const m of [none, some, many]) {
      expect(m.calls).toEqual({ TransactWriteItems: 1 });
      expect(m.itemsRead).toBe(0);
    }
    expect(some.check.calls).toEqual(none.check.calls);
    expect(many.check.calls).toEqual(none.check.calls);
    // Past the cap the history read is the same size whatever the history; below it, at most the cap more.
    expect(many.check.itemsRead).toBe(some.check.itemsRead);
    expect(many.check.itemsRead - none.check.itemsRead).toBeLessThanOrEqual(HISTORY_LIMIT);
  });

  it('a warm create is one call, its transaction (main made three risk-history queries first); the check after it reads the ticket and three bounded pages of history', async () => {
    await service.createTicket(resident(), input('loc-donggang', 1));
    await checks.run();
    const warm = await measure('loc-donggang');
    expect(warm.calls).toEqual({ TransactWriteItems: 1 });
    // The dispatcher's check: the ticket, then person (resident, phone) and place history.
    expect(warm.check.calls).toEqual({ GetItem: 1, Query: 3 });
    expect(warm.check.itemsRead).toBeLessThanOrEqual(1 + 3 * HISTORY_LIMIT);
  });

  it('a retried submit still answers with its request, read only after the transaction refused it', async () => {
    const who = resident();
    const body = input('loc-donggang', 2);
    const first = await service.createTicket(who, body);
    meter.reset();
    const again = await service.createTicket(who, body);
    expect(again).toMatchObject({ created: false, ticket: { id: first.ticket.id } });
    expect(meter.calls.GetItem ?? 0).toBeGreaterThanOrEqual(1);
    // Another resident with the same token is refused, nothing created.
    await expect(service.createTicket(resident(), body)).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
  });

  it('a retried submit whose place was removed since gets its request back, not LOCATION_NOT_FOUND', async () => {
    const who = resident();
    const body = input('loc-xijie-xiaoqu', 3);
    const first = await h.service.createTicket(who, body);
    const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
    await db.send(new DeleteCommand({ TableName: h.tableName, Key: keys.location('loc-xijie-xiaoqu') }));
    await expect(h.service.createTicket(who, { ...body, clientToken: `cost-${randomUUID()}` })).rejects.toMatchObject({ code: 'LOCATION_NOT_FOUND' });
    const again = await h.service.createTicket(who, body);
    expect(again).toMatchObject({ created: false, ticket: { id: first.ticket.id } });
  });
});
