import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDocClient } from '../../functions/src/store/client.ts';
import { erasureContract } from '../../functions/src/store/erasure-contract.ts';
import { ErasureStore } from '../../functions/src/store/erasure.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory store (functions/src/store/memory/erasure.test.ts), on DynamoDB Local.
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let stores: { erasure: ErasureStore; tickets: TicketStore; outbox: OutboxStore };

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  const db = createDocClient({ tableName, endpoint });
  stores = { erasure: new ErasureStore(db, tableName), tickets: new TicketStore(db, tableName), outbox: new OutboxStore(db, tableName) };
});
afterAll(() => dropTable(endpoint, tableName));

erasureContract('DynamoDB', () => stores);
