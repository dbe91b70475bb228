import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDocClient } from '../../functions/src/store/client.ts';
import { ResidentStore } from '../../functions/src/store/residents.ts';
import { residentsContract, type ResidentWorld } from '../../functions/src/store/residents-contract.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { dynamoEndpoint } from '../support/harness.ts';

// The same contract as the memory twin (functions/src/store/memory/residents.test.ts), on DynamoDB
// Local: follower and consent rows written with ticket changes by TicketStore, read by ResidentStore.
const endpoint = dynamoEndpoint();
const tableName = `t-${randomUUID()}`;
let world: ResidentWorld;

beforeAll(async () => {
  await ensureTable(endpoint, tableName);
  const db = createDocClient({ tableName, endpoint });
  world = { residents: new ResidentStore(db, tableName), tickets: new TicketStore(db, tableName) };
});
afterAll(() => dropTable(endpoint, tableName));

residentsContract('DynamoDB', () => world);
