import { fromEpochMs, type Actor } from '@mashang/shared';
import type { ReferenceReader } from '../app/reference.ts';
import { coreFromEnv } from '../app/runtime.ts';
import { AdminStore } from '../store/admin.ts';
import { AlertStore } from '../store/alerts.ts';
import { OrgAdminStore } from './org/store.ts';
import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { OrgStore } from '../store/org.ts';
import { TicketStore } from '../store/tickets.ts';
import { countyScope, type CountyScope } from './scope.ts';
import { referenceTtlFromEnv } from './reference-ttl.ts';

/** What the admin use cases need; tests build it on their own table. */
export interface AdminDeps {
  store: AdminStore;
  org: OrgStore;
  tickets: TicketStore;
  /** Reference data (units, categories: the warm Lambda's, or a MashangService's); its calendar cache is never used for admin writes. */
  service: ReferenceReader;
  /** The only clock. */
  now: () => number;
  /**
   * How long other Lambdas may keep reference data cached (their `referenceTtlMs`): a
   * re-derivation pass that began sooner than this after a change is run once more, so a
   * request filed on a stale calendar meanwhile is caught.
   */
  referenceTtlMs: number;
  /** How long an admin's change spends re-deriving before it answers (default 3 s); the rest runs in slices. */
  inlineBudgetMs?: number;
}

let built: AdminDeps | undefined;

/** The admin dependencies of a warm Lambda, built once from the environment. */
export function adminFromEnv(env: NodeJS.ProcessEnv = process.env): AdminDeps {
  if (built) return built;
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  built = {
    store: new AdminStore(db, config.tableName),
    org: new OrgStore(db, config.tableName),
    tickets: new TicketStore(db, config.tableName),
    service: coreFromEnv(env).reference,
    now: () => Date.now(),
    referenceTtlMs: referenceTtlFromEnv(env),
  };
  return built;
}

let alertStore: AlertStore | undefined;
/** The alert settings' store of a warm Lambda (functions/src/admin/alert-settings.ts). */
export function alertStoreFromEnv(env: NodeJS.ProcessEnv = process.env): AlertStore {
  if (!alertStore) {
    const config = storeConfigFromEnv(env);
    alertStore = new AlertStore(createDocClient(config), config.tableName);
  }
  return alertStore;
}

let listing: OrgAdminStore | undefined;
/** The county's staff listing (functions/src/admin/org/store.ts), for the admin home's count. */
export function staffListingFromEnv(env: NodeJS.ProcessEnv = process.env): OrgAdminStore {
  return (listing ??= ((config) => new OrgAdminStore(createDocClient(config), config.tableName))(storeConfigFromEnv(env)));
}

/** The admin's county scope at this instant (403 for anyone but an admin). */
export async function scopeOf(deps: AdminDeps, actor: Actor): Promise<CountyScope> {
  const { units } = await deps.service.ref();
  return countyScope(actor, units, fromEpochMs(deps.now()));
}
