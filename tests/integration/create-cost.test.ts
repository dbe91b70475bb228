import { randomInt, randomUUID } from 'node:crypto';
import { BatchWriteCommand, DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, CreateTicketInput } from '@mashang/shared';
import { meterClient, type Meter } from '../../bench/dynamo-meter.ts';
import { RiskService } from '../../functions/src/app/risk.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/tokens.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { HISTORY_LIMIT, SupervisionStore } from '../../functions/src/store/supervision.ts';
import { keys } from '../../functions/src/store/keys.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';

/**
 * What one create costs in DynamoDB, counted by an SDK middleware on the client of a
 * service wired as the deployed one is (risk early warning included, reference data
 * cached as in a warm Lambda): the reads must not grow with the history of the place,
 * and a warm create reads no item by key (the place is cached; the idempotency row is
 * the create transaction's own condition, read only when that condition fails).
 */
let h: Harness;
let meter: Meter;
let service: MashangService;

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

/** One create at the place, metered. */
async function measure(locationId: string): Promise<{ calls: Record<string, number>; total: number; itemsRead: number }> {
  meter.reset();
  const res = await service.createTicket(resident(), input(locationId, 9999));
  expect(res.created).toBe(true);
  return { calls: { ...meter.calls }, total: meter.total(), itemsRead: meter.itemsRead };
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
  await history('loc-jinta', 60);
  await history('loc-buxingjie', 300);
}, 120_000);
afterAll(() => h.drop());

describe("a create's DynamoDB cost", () => {
  it('does not grow with the history of the place: the same calls at 0, 60 and 300 earlier requests, and the same items read at 60 and 300', async () => {
    // Warm the service (reference data, rule set, the places) as a warm Lambda is.
    for (const loc of ['loc-donggang', 'loc-jinta', 'loc-buxingjie']) await service.createTicket(resident(), input(loc, 0));
    const none = await measure('loc-donggang');
    const some = await measure('loc-jinta');
    const many = await measure('loc-buxingjie');
    expect(some.calls).toEqual(none.calls);
    expect(many.calls).toEqual(none.calls);
    // Past the cap the history read is the same size whatever the history; below it, at most the cap more.
    expect(many.itemsRead).toBe(some.itemsRead);
    expect(many.itemsRead - none.itemsRead).toBeLessThanOrEqual(HISTORY_LIMIT);
  });

  it('a warm create reads nothing by key: its calls are the three risk history queries and the one transaction', async () => {
    await service.createTicket(resident(), input('loc-donggang', 1));
    const warm = await measure('loc-donggang');
    // Person (resident, phone) and place history: three bounded queries; then the transaction. No GetItem.
    expect(warm.calls).toEqual({ Query: 3, TransactWriteItems: 1 });
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
