import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { NearStore } from '../store/near.ts';
import { OrgStore } from '../store/org.ts';
import { PlaceStore } from '../store/places.ts';
import { ResidentStore } from '../store/residents.ts';
import { maxMetresFromEnv, NearService } from './residents/near.ts';
import { serviceFromEnv } from './runtime.ts';

let near: NearService | undefined;

/** Filing without a QR code and open problems near a place (issue 13) of a warm Lambda; NO_QR_MAX_METRES sets the distance. */
export function nearFromEnv(env: NodeJS.ProcessEnv = process.env): NearService {
  if (near) return near;
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  near = new NearService({
    service: serviceFromEnv(env),
    org: new OrgStore(db, config.tableName),
    places: new PlaceStore(db, config.tableName),
    residents: new ResidentStore(db, config.tableName),
    near: new NearStore(db, config.tableName),
    maxMetres: maxMetresFromEnv(env),
  });
  return near;
}
