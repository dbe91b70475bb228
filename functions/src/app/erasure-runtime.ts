import { photoStorageFromEnv } from '../adapters/storage.ts';
import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { ErasureStore } from '../store/erasure.ts';
import { PersonalDataErasure } from './residents/erasure.ts';
import { coreFromEnv } from './runtime.ts';
import { withSecrets } from './secrets.ts';

let erasure: PersonalDataErasure | undefined;

/** Personal-data erasure of a warm Lambda (the resident's and the admin's routes). */
export function erasureFromEnv(processEnv: NodeJS.ProcessEnv = process.env): PersonalDataErasure {
  if (erasure) return erasure;
  const env = withSecrets(processEnv);
  const config = storeConfigFromEnv(env);
  erasure = new PersonalDataErasure({
    store: new ErasureStore(createDocClient(config), config.tableName),
    units: async () => (await coreFromEnv(processEnv).reference.ref()).units,
    photos: photoStorageFromEnv(env),
    now: () => Date.now(),
  });
  return erasure;
}
