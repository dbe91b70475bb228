import { serviceFromEnv } from '../app/runtime.ts';
import { IntegrationService } from '../integrations/service.ts';
import { IntegrationStore } from '../integrations/store.ts';
import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { OrgStore } from '../store/org.ts';
import { OutboxStore } from '../store/outbox.ts';
import { PlaceStore } from '../store/places.ts';
import { TicketStore } from '../store/tickets.ts';
import { Open311 } from './service.ts';
import { WebhookAdmin } from '../integrations/webhooks.ts';

export interface Interop {
  open311: Open311;
  integrations: IntegrationService;
  webhooks: WebhookAdmin;
}

let interop: Interop | undefined;

/** The Open311 server and integration keys of a warm Lambda, built once from the environment. */
export function interopFromEnv(env: NodeJS.ProcessEnv = process.env): Interop {
  if (interop) return interop;
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  const service = serviceFromEnv(env);
  const store = new IntegrationStore(db, config.tableName);
  const units = async () => (await service.ref()).units;
  const tickets = new TicketStore(db, config.tableName);
  const open311 = new Open311({ service, tickets, org: new OrgStore(db, config.tableName), places: new PlaceStore(db, config.tableName), integrations: store, now: () => Date.now() });
  interop = {
    open311,
    integrations: new IntegrationService({ store, units, now: () => Date.now(), allowLoopbackHttp: env.STAGE === 'local' || env.WEBHOOK_ALLOW_LOOPBACK === '1' }),
    webhooks: new WebhookAdmin({ outbox: new OutboxStore(db, config.tableName), ticket: (id) => tickets.get(id), units, now: () => Date.now() }),
  };
  return interop;
}
