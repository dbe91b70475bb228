import { MediatorsQuerySchema } from '@mashang/shared/contracts/resident';
import { createDocClient, storeConfigFromEnv } from '../../store/client.ts';
import { json, parseWith, type Route } from '../../http/http.ts';
import { MediatorAdmin } from './mediators.ts';
import { OrgAdminStore } from './store.ts';

let built: MediatorAdmin | undefined;

/** The mediation teams' reader of a warm Lambda (no poster renderer, so pdfkit stays out of this bundle). */
function mediatorsFromEnv(env: NodeJS.ProcessEnv = process.env): MediatorAdmin {
  if (built) return built;
  const config = storeConfigFromEnv(env);
  built = new MediatorAdmin({ store: new OrgAdminStore(createDocClient(config), config.tableName), now: () => Date.now() });
  return built;
}

/** What residents read without signing in (mounted in the public function): the mediation teams they may choose at a QR location. */
export const orgPublicRoutes: Record<string, Route> = {
  'GET /api/mediators': async (e) => {
    const q = parseWith(MediatorsQuerySchema, e.queryStringParameters ?? {});
    return json(200, { items: await mediatorsFromEnv().forLocation(q.locationId) });
  },
};
