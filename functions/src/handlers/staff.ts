import { StaffInboxQuerySchema } from '@mashang/shared/contracts';
import { dispatchedFromEnv, serviceFromEnv, workbenchFromEnv } from '../app/runtime.ts';
import { json, parseWith, router } from '../http/http.ts';

/** The workbench's lists: the unit's inbox (next deadline first, filters, counts) and the unit tree for dispatching. */
export const handler = router(
  {
    'GET /api/staff/inbox': async (event, { actor }) => {
      const who = await actor();
      const q = parseWith(StaffInboxQuerySchema, event.queryStringParameters ?? {});
      return json(200, await workbenchFromEnv().inbox(who, q));
    },
    // The street office's 已派出 view (issue 13).
    'GET /api/staff/dispatched': async (_event, { actor }) => json(200, await dispatchedFromEnv().list(await actor())),
    'GET /api/units': async (_event, { actor }) => json(200, { items: await serviceFromEnv().units(await actor()) }),
  },
  (token) => serviceFromEnv().authenticate(token),
);
