import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { OrgStore } from '../store/org.ts';
import { TicketStore } from '../store/tickets.ts';
import { StatStore } from '../store/stats.ts';
import { ReportService } from './reports.ts';
import { MashangService } from './service.ts';
import { TokenService } from './tokens.ts';

let service: MashangService | undefined;
let reports: ReportService | undefined;

/**
 * The service of a warm Lambda, built once from the environment. Locally the
 * stage's `DYNAMO_ENDPOINT` points at DynamoDB Local.
 */
export function serviceFromEnv(env: NodeJS.ProcessEnv = process.env): MashangService {
  if (service) return service;
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  const secret = env.SESSION_SECRET;
  if (!secret) throw new Error('SESSION_SECRET is not set');
  service = new MashangService({
    tickets: new TicketStore(db, config.tableName),
    org: new OrgStore(db, config.tableName),
    tokens: new TokenService(secret),
    now: () => Date.now(),
  });
  return service;
}

/** The supervisors' report service of a warm Lambda. */
export function reportsFromEnv(env: NodeJS.ProcessEnv = process.env): ReportService {
  if (reports) return reports;
  const config = storeConfigFromEnv(env);
  reports = new ReportService({ stats: new StatStore(createDocClient(config), config.tableName), service: serviceFromEnv(env), now: () => Date.now() });
  return reports;
}
