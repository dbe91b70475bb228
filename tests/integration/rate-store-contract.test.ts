import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDocClient } from '../../functions/src/store/client.ts';
import { rateCountersContract } from '../../functions/src/store/rate-contract.ts';
import { RateStore } from '../../functions/src/store/rate.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory store (functions/src/store/memory/rate.test.ts), on DynamoDB Local.
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let stores: { counters: RateStore; tickets: TicketStore };

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  const db = createDocClient({ tableName, endpoint });
  stores = { counters: new RateStore(db, tableName), tickets: new TicketStore(db, tableName) };
});
afterAll(() => dropTable(endpoint, tableName));

rateCountersContract('DynamoDB', () => stores);
