import { IssueKeyInputSchema, ReplayInputSchema } from '../../../integrations/service.ts';
import { interopFromEnv } from '../../../open311/runtime.ts';
import { json, jsonBody, parseWith, pathParam } from '../../../http/http.ts';
import type { Routes } from '../http-function.ts';

/** Integrations (`/api/admin/integrations/…`); an admin resource served by the interop Lambda beside Open311 (./admin.ts lists the admin Lambda's). */

// interop: integration keys for other systems (issued once, listed without the key, revoked at
// once) and the replay of a request's latest webhook event.
export const adminIntegrationRoutes: Routes = {
  'POST /api/admin/integrations/keys': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(IssueKeyInputSchema, jsonBody(event));
    return json(201, await interopFromEnv().integrations.issueKey(who, input));
  },
  'GET /api/admin/integrations/keys': async (_event, { actor }) => json(200, { items: await interopFromEnv().integrations.listKeys(await actor()) }),
  'POST /api/admin/integrations/keys/{id}/revoke': async (event, { actor }) => json(200, await interopFromEnv().integrations.revokeKey(await actor(), pathParam(event, 'id'))),
  'POST /api/admin/integrations/webhooks/replay': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(ReplayInputSchema, jsonBody(event));
    return json(202, await interopFromEnv().webhooks.replay(who, input.ticketId));
  },
};
