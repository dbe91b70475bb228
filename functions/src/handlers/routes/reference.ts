import { DeadlinesQuerySchema } from '@mashang/shared/contracts/resident';
import { healthFromEnv } from '../../app/jobs-runtime.ts';
import { residentFromEnv, serviceFromEnv } from '../../app/runtime.ts';
import { json, parseWith } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/**
 * Reference data and settings a client reads: categories, promised deadlines, the client's
 * settings, the jobs' health. (The mediation teams at a QR location, `GET /api/mediators`, are
 * in functions/src/admin/org/public-routes.ts beside their admin routes.) Each table is served
 * by the Lambda named above it.
 */

// public: no sign-in needed.
export const referenceRoutes: Routes = {
  'GET /api/categories': async () => json(200, { items: await serviceFromEnv().categories() }),
  'GET /api/deadlines': async (event) => {
    const q = parseWith(DeadlinesQuerySchema, event.queryStringParameters ?? {});
    return json(200, await serviceFromEnv().promisedDeadlines(q.category, q.receivedAt));
  },
  // Liveness of the scheduled jobs and the calendar's coverage; no sign-in, no personal data.
  'GET /api/health': async () => json(200, await healthFromEnv()),
};

// resident: the subscription templates to ask consent for and the photo limits.
export const clientConfigRoutes: Routes = {
  'GET /api/client-config': async () => json(200, residentFromEnv().clientConfig()),
};
