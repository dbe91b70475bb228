import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { OrgStore } from '../store/org.ts';
import { TicketStore } from '../store/tickets.ts';
import { MashangService } from './service.ts';
import { TokenService } from './tokens.ts';

let service: MashangService | undefined;

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
