import { alertApiFromEnv, serviceFromEnv } from '../app/runtime.ts';
import { MarkReadInputSchema } from '../app/alerts-api.ts';
import { json, jsonBody, parseWith, pathParam, router } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';

/**
 * Staff alerts: the message list and its unread count, the inbox change marker (polled),
 * a unit's duty roster (值班表) and WeCom robot. (The red/black list rules are an admin setting:
 * functions/src/admin/alert-settings.ts.)
 */
const api = router(
  {
    'GET /api/staff/messages': async (_event, { actor }) => json(200, await alertApiFromEnv().messages(await actor())),
    'POST /api/staff/messages/read': async (event, { actor }) => {
      const who = await actor();
      return json(200, await alertApiFromEnv().markRead(who, parseWith(MarkReadInputSchema, jsonBody(event))));
    },
    'GET /api/staff/changes': async (_event, { actor }) => json(200, await alertApiFromEnv().changes(await actor())),
    'GET /api/staff/subscriptions': async (_event, { actor }) => json(200, await alertApiFromEnv().subscriptions(await actor())),
    'POST /api/staff/subscriptions': async (event, { actor }) => {
      const who = await actor();
      return json(200, await alertApiFromEnv().subscribe(who, jsonBody(event)));
    },
    'GET /api/units/{id}/duty': async (event, { actor }) => json(200, await alertApiFromEnv().duty(await actor(), pathParam(event, 'id'))),
    'PUT /api/units/{id}/duty': async (event, { actor }) => {
      const who = await actor();
      return json(200, await alertApiFromEnv().putRoster(who, pathParam(event, 'id'), jsonBody(event)));
    },
    'PUT /api/units/{id}/channels': async (event, { actor }) => {
      const who = await actor();
      return json(200, await alertApiFromEnv().putChannels(who, pathParam(event, 'id'), jsonBody(event)));
    },
  },
  recordingActor((token) => serviceFromEnv().authenticate(token)),
);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(api);
