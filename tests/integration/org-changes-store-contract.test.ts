import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { OrgAdminStore } from '../../functions/src/admin/org/store.ts';
import { AdminStore } from '../../functions/src/store/admin.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { orgChangesContract, type OrgWorld } from '../../functions/src/store/org-changes-contract.ts';
import { PlaceStore } from '../../functions/src/store/places.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory twin (functions/src/store/memory/org-changes.test.ts), on
// DynamoDB Local: changes made by OrgAdminStore, read back as the other Lambdas read them.
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let world: OrgWorld;

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  const db = createDocClient({ tableName, endpoint });
  const store = new OrgAdminStore(db, tableName);
  const alerts = new AlertStore(db, tableName);
  const places = new PlaceStore(db, tableName);
  world = {
    store,
    audit: new AdminStore(db, tableName),
    reads: {
      unitStaff: (unitId) => alerts.unitStaff(unitId),
      placesNamed: async (query) => (await places.search(query, 20)).map((p) => p.id),
    },
    seedUnits: (units) => store.org.putAll(units.map((u) => OrgStore.unitRow(u))),
  };
});
afterAll(() => dropTable(endpoint, tableName));

orgChangesContract('DynamoDB', () => world);
