import { referenceTtlFromEnv } from '../admin/reference-ttl.ts';
import { ticketScopes } from '../store/ticket-scopes.ts';
import { jiebaSegmenter } from '../adapters/segmenter.ts';
import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { OrgStore } from '../store/org.ts';
import { SupervisionStore } from '../store/supervision.ts';
import { TicketStore } from '../store/tickets.ts';
import { HotspotService } from './supervision/hotspots.ts';
import { ThesaurusData } from './supervision/thesaurus.ts';
import { RiskService } from './supervision/risk.ts';
import { coreFromEnv } from './runtime.ts';

let built: { hotspots: HotspotService; risk: RiskService } | undefined;

/** Hotspots and risk warnings of a warm Lambda, built once from the environment (the core's reference data; the thesaurus of their own). */
export function supervisionFromEnv(env: NodeJS.ProcessEnv = process.env): { hotspots: HotspotService; risk: RiskService } {
  if (built) return built;
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  const store = new SupervisionStore(db, config.tableName);
  const tickets = new TicketStore(db, config.tableName);
  // The reference data from the core's cache (runtime.ts), not the ticket service's: this function files and works no request, so it loads none of that code.
  const reference = () => coreFromEnv(env).reference.ref();
  const now = () => Date.now();
  // The thesaurus rows admins edit, cached like the reference data (REFERENCE_TTL_MS).
  const thesaurus = new ThesaurusData({ source: new OrgStore(db, config.tableName), now, ttlMs: referenceTtlFromEnv(env) });
  built = {
    hotspots: new HotspotService({ store, tickets, reference, thesaurus: () => thesaurus.thesaurus(), segmenter: jiebaSegmenter, now }),
    risk: new RiskService({ store, tickets, reference, now, scopes: (ids) => ticketScopes(db, config.tableName, ids) }),
  };
  return built;
}

