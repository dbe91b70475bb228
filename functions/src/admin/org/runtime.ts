import { createDocClient, storeConfigFromEnv } from '../../store/client.ts';
import { LocationAdmin } from './locations.ts';
import { StaffAdmin } from './staff.ts';
import { OrgAdminStore } from './store.ts';
import { UnitAdmin } from './units.ts';

export interface OrgAdmin {
  units: UnitAdmin;
  staff: StaffAdmin;
  locations: LocationAdmin;
}

/** Builds the organisation's administration from its store and clock (tests pass their own). */
export function buildOrgAdmin(store: OrgAdminStore, now: () => number): OrgAdmin {
  const deps = { store, now };
  return { units: new UnitAdmin(deps), staff: new StaffAdmin(deps), locations: new LocationAdmin(deps) };
}

let built: OrgAdmin | undefined;

/** The organisation's administration of a warm Lambda, built once from the environment. */
export function orgAdminFromEnv(env: NodeJS.ProcessEnv = process.env): OrgAdmin {
  if (built) return built;
  const config = storeConfigFromEnv(env);
  built = buildOrgAdmin(new OrgAdminStore(createDocClient(config), config.tableName), () => Date.now());
  return built;
}
