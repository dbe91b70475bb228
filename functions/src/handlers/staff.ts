import { InboxQuerySchema } from '@mashang/shared/contracts';
import { serviceFromEnv } from '../app/runtime.ts';
import { json, parseWith, router } from '../http/http.ts';

/** The workbench's lists: the unit's inbox and the unit tree for dispatching. */
export const handler = router(
  {
    'GET /api/staff/inbox': async (event, { actor }) => {
      const q = parseWith(InboxQuerySchema, event.queryStringParameters ?? {});
      return json(200, await serviceFromEnv().inbox(await actor(), q.cursor, q.limit));
    },
    'GET /api/units': async (_event, { actor }) => json(200, { items: await serviceFromEnv().units(await actor()) }),
  },
  (token) => serviceFromEnv().authenticate(token),
);
