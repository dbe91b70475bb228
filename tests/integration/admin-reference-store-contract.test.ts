import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { AdminStore } from '../../functions/src/store/admin.ts';
import { adminReferenceContract, type ReferenceWorld } from '../../functions/src/store/admin-reference-contract.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory twin (functions/src/store/memory/admin-reference.test.ts), on
// DynamoDB Local: changes made by AdminStore, read back as the other Lambdas read them.
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let world: ReferenceWorld;

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  const db = createDocClient({ tableName, endpoint });
  const admin = new AdminStore(db, tableName);
  const org = new OrgStore(db, tableName);
  const alerts = new AlertStore(db, tableName);
  world = {
    changes: admin,
    audit: admin,
    reads: {
      categories: () => org.categories(),
      synonyms: () => org.synonyms(),
      settings: () => alerts.settings(),
      calendar: () => org.calendar(),
      calendarDays: (year) => admin.calendarDays(year),
      calendarYears: () => admin.calendarYears(),
    },
    seedCategory: (category) => org.putAll([OrgStore.categoryRow(category)]),
  };
});
afterAll(() => dropTable(endpoint, tableName));

adminReferenceContract('DynamoDB', () => world);
