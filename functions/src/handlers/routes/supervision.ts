import { CompleteRiskTaskInputSchema, HotspotsQuerySchema, PutRiskRulesInputSchema, RiskTasksQuerySchema, RiskWarningsQuerySchema } from '@mashang/shared/contracts/signals';
import { supervisionFromEnv } from '../../app/supervision-runtime.ts';
import { json, jsonBody, parseWith, pathParam } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/**
 * Hotspots and risk early warning (`/api/hotspots`, `/api/risk/…`): supervisors' and handlers'
 * lists, grid workers' tasks, admins' rules. (One request's hotspot and warnings are under
 * /api/tickets/{id}/…, ./tickets.ts.)
 */

// supervision
export const hotspotRoutes: Routes = {
  'GET /api/hotspots': async (event, { actor }) => {
    const q = parseWith(HotspotsQuerySchema, event.queryStringParameters ?? {});
    return json(200, await supervisionFromEnv().hotspots.hotspots(await actor(), q));
  },
};

// supervision
export const riskRoutes: Routes = {
  'GET /api/risk/rules': async (_event, { actor }) => json(200, await supervisionFromEnv().risk.rules(await actor())),
  'PUT /api/risk/rules': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(PutRiskRulesInputSchema, jsonBody(event));
    return json(200, await supervisionFromEnv().risk.saveRules(who, input));
  },
  'GET /api/risk/warnings': async (event, { actor }) => {
    const q = parseWith(RiskWarningsQuerySchema, event.queryStringParameters ?? {});
    return json(200, { items: await supervisionFromEnv().risk.warnings(await actor(), q) });
  },
  'GET /api/risk/tasks': async (event, { actor }) => {
    const q = parseWith(RiskTasksQuerySchema, event.queryStringParameters ?? {});
    return json(200, { items: await supervisionFromEnv().risk.tasks(await actor(), q.status) });
  },
  'POST /api/risk/tasks/{id}/done': async (event, { actor }) => {
    const who = await actor();
    const input = parseWith(CompleteRiskTaskInputSchema, jsonBody(event));
    return json(200, await supervisionFromEnv().risk.completeTask(who, pathParam(event, 'id'), input));
  },
};
