import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { dropTable, ensureTable } from '../../infra/local-dynamo.ts';
import { seedReference } from '../../infra/seed.ts';

export const TEST_SECRET = 'integration-test-secret-0123456789abcdef';

/** A settable clock: tests move time instead of waiting for it. */
export class TestClock {
  constructor(public ms: number) {}
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
  readonly now = (): number => this.ms;
}

export interface Harness {
  endpoint: string;
  tableName: string;
  clock: TestClock;
  service: MashangService;
  tickets: TicketStore;
  org: OrgStore;
  /** A second service on the same table, as a second Lambda would be. */
  newService(): MashangService;
  drop(): Promise<void>;
}

/** The DynamoDB Local of this test file's worker (tests/support/dynamo-global-setup.ts). */
export function dynamoEndpoint(): string {
  const endpoints = inject('dynamoEndpoints');
  return endpoints[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % endpoints.length]!;
}

/** A fresh table in this worker's DynamoDB Local, seeded with the demo county's reference data. */
export async function createHarness(startIso = '2026-11-18T02:00:00.000Z'): Promise<Harness> {
  const endpoint = dynamoEndpoint();
  const tableName = `t-${randomUUID()}`;
  await ensureTable(endpoint, tableName);
  const db = createDocClient({ tableName, endpoint });
  const tickets = new TicketStore(db, tableName);
  const org = new OrgStore(db, tableName);
  await seedReference(org);
  const clock = new TestClock(Date.parse(startIso));
  const newService = () => new MashangService({ tickets, org, tokens: new TokenService(TEST_SECRET), now: clock.now, referenceTtlMs: 0 });
  return { endpoint, tableName, clock, service: newService(), tickets, org, newService, drop: () => dropTable(endpoint, tableName) };
}
