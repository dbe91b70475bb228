import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDocClient } from '../../functions/src/store/client.ts';
import { outboxContract } from '../../functions/src/store/outbox-contract.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory store (functions/src/store/memory/outbox.test.ts), on DynamoDB Local.
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let outbox: OutboxStore;
let tickets: TicketStore;

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  const db = createDocClient({ tableName, endpoint });
  outbox = new OutboxStore(db, tableName);
  tickets = new TicketStore(db, tableName);
});
afterAll(() => dropTable(endpoint, tableName));

outboxContract('DynamoDB', () => ({ outbox, tickets }));
