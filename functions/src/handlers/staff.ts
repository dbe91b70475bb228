import { StaffInboxQuerySchema } from '@mashang/shared/contracts';
import { InboxSearchQuerySchema } from '@mashang/shared/inbox-search';
import { dispatchedFromEnv, searchFromEnv, serviceFromEnv, workbenchFromEnv } from '../app/runtime.ts';
import { json, parseWith, router } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';

/** The workbench's lists: the unit's inbox (next deadline first, filters, counts) and the unit tree for dispatching. */
const api = router(
  {
    'GET /api/staff/inbox': async (event, { actor }) => {
      const who = await actor();
      const q = parseWith(StaffInboxQuerySchema, event.queryStringParameters ?? {});
      return json(200, await workbenchFromEnv().inbox(who, q));
    },
    // The street office's 已派出 view (issue 13).
    'GET /api/staff/dispatched': async (_event, { actor }) => json(200, await dispatchedFromEnv().list(await actor())),
    // Inbox search (issue 13): number, phone tail, whole phone (the desk's caller history), work order, words.
    'GET /api/staff/search': async (event, { actor }) => {
      const who = await actor();
      const q = parseWith(InboxSearchQuerySchema, event.queryStringParameters ?? {});
      return json(200, await searchFromEnv().search(who, q.q));
    },
    'GET /api/units': async (_event, { actor }) => json(200, { items: await serviceFromEnv().units(await actor()) }),
  },
  recordingActor((token) => serviceFromEnv().authenticate(token)),
);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(api);
