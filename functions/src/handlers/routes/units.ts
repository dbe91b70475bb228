import { alertApiFromEnv, serviceFromEnv } from '../../app/runtime.ts';
import { json, jsonBody, pathParam } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/**
 * Units (`/api/units…`): the unit tree for dispatching, a unit's duty roster (值班表) and its
 * alert channels (WeCom robot). (Admins edit units at /api/admin/units, functions/src/admin/org/routes.ts.)
 * Each table is served by the Lambda named above it.
 */

// staff: the unit tree.
export const unitTreeRoutes: Routes = {
  'GET /api/units': async (_event, { actor }) => json(200, { items: await serviceFromEnv().units(await actor()) }),
};

// alerts: a unit's duty roster and channels.
export const unitDutyRoutes: Routes = {
  'GET /api/units/{id}/duty': async (event, { actor }) => json(200, await alertApiFromEnv().duty(await actor(), pathParam(event, 'id'))),
  'PUT /api/units/{id}/duty': async (event, { actor }) => {
    const who = await actor();
    return json(200, await alertApiFromEnv().putRoster(who, pathParam(event, 'id'), jsonBody(event)));
  },
  'PUT /api/units/{id}/channels': async (event, { actor }) => {
    const who = await actor();
    return json(200, await alertApiFromEnv().putChannels(who, pathParam(event, 'id'), jsonBody(event)));
  },
};
