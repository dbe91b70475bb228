import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { AdminStore } from '../../functions/src/store/admin.ts';
import { auditContract } from '../../functions/src/store/audit-contract.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory store (functions/src/store/memory/audit.test.ts), on DynamoDB Local:
// each event written as an admin change writes it (its own transaction here).
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let admin: AdminStore;

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  admin = new AdminStore(createDocClient({ tableName, endpoint }), tableName);
});
afterAll(() => dropTable(endpoint, tableName));

auditContract('DynamoDB', () => ({ log: admin, write: (change) => admin.transact([admin.audit(change)]) }));
