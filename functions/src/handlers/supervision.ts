import {
  CompleteRiskTaskInputSchema,
  HotspotsQuerySchema,
  PutRiskRulesInputSchema,
  RiskTasksQuerySchema,
  RiskWarningsQuerySchema,
  TicketHotspotQuerySchema,
} from '@mashang/shared/contracts';
import { serviceFromEnv } from '../app/runtime.ts';
import { supervisionFromEnv } from '../app/supervision-runtime.ts';
import { json, jsonBody, parseWith, pathParam, router } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';

/** Hotspots and risk early warning: supervisors' and handlers' lists, grid workers' tasks, admins' rules. */
const api = router(
  {
    'GET /api/hotspots': async (event, { actor }) => {
      const q = parseWith(HotspotsQuerySchema, event.queryStringParameters ?? {});
      return json(200, await supervisionFromEnv().hotspots.hotspots(await actor(), q));
    },
    'GET /api/tickets/{id}/hotspot': async (event, { actor }) => {
      const q = parseWith(TicketHotspotQuerySchema, event.queryStringParameters ?? {});
      return json(200, await supervisionFromEnv().hotspots.ticketHotspot(await actor(), pathParam(event, 'id'), q.days));
    },
    'GET /api/tickets/{id}/risk': async (event, { actor }) =>
      json(200, { items: await supervisionFromEnv().risk.ticketWarnings(await actor(), pathParam(event, 'id')) }),
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
  },
  recordingActor((token) => serviceFromEnv().authenticate(token)),
);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(api);
