import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDocClient } from '../../functions/src/store/client.ts';
import { ticketStoreContract } from '../../functions/src/store/contract.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory store (functions/src/store/memory/tickets.test.ts), on DynamoDB Local.
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let store: TicketStore;

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  store = new TicketStore(createDocClient({ tableName, endpoint }), tableName);
});
afterAll(() => dropTable(endpoint, tableName));

ticketStoreContract('DynamoDB', () => store);
