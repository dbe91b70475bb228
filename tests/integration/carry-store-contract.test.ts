import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDocClient } from '../../functions/src/store/client.ts';
import { CarryStore } from '../../functions/src/store/carry.ts';
import { transferCodesContract } from '../../functions/src/store/carry-contract.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory store (functions/src/store/memory/carry.test.ts), on DynamoDB Local.
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let store: CarryStore;

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  store = new CarryStore(createDocClient({ tableName, endpoint }), tableName);
});
afterAll(() => dropTable(endpoint, tableName));

transferCodesContract('DynamoDB', () => store);
