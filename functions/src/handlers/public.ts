import { AppError } from '@mashang/shared';
import { DeadlinesQuerySchema, StaffLoginInputSchema } from '@mashang/shared/contracts';
import { orgPublicRoutes } from '../admin/org/public-routes.ts';
import { healthFromEnv } from '../app/jobs-runtime.ts';
import { serviceFromEnv } from '../app/runtime.ts';
import { limiterFromEnv } from '../app/rate-runtime.ts';
import { json, jsonBody, parseWith, pathParam, router, sourceIp } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';

/** Routes a resident reaches before filing: the place, the categories, the promised deadlines, and sign-in. */
const api = router(
  {
    'GET /api/locations/{id}': async (event) => json(200, await serviceFromEnv().location(pathParam(event, 'id'))),
    'GET /api/categories': async () => json(200, { items: await serviceFromEnv().categories() }),
    'GET /api/deadlines': async (event) => {
      const q = parseWith(DeadlinesQuerySchema, event.queryStringParameters ?? {});
      return json(200, await serviceFromEnv().promisedDeadlines(q.category, q.receivedAt));
    },
    // A street QR link on the deployed site (CloudFront sends /q/* here): the resident form of that place.
    'GET /q/{id}': async (event) => {
      const id = pathParam(event, 'id');
      if (!/^[a-z0-9-]{3,40}$/.test(id)) throw new AppError('LOCATION_NOT_FOUND', '未找到该二维码对应的地点');
      return { statusCode: 302, headers: { location: `/pages/report/index?loc=${id}`, 'cache-control': 'no-store' }, body: '' };
    },
    // Liveness of the scheduled jobs and the calendar's coverage; no sign-in, no personal data.
    'GET /api/health': async () => json(200, await healthFromEnv()),
    'POST /api/auth/device': async (event) => {
      await limiterFromEnv().take(['deviceSessionsPerIp', sourceIp(event)]);
      return json(201, await serviceFromEnv().deviceSession());
    },
    'POST /api/auth/staff': async (event) => {
      const input = parseWith(StaffLoginInputSchema, jsonBody(event));
      const limits = limiterFromEnv();
      await limits.take(['loginPerIp', sourceIp(event)]);
      // Too many wrong passwords lock the account for the rest of the window, even for the right one.
      const account = input.username.trim().toLowerCase();
      await limits.assertOpen('loginFailuresPerAccount', account);
      try {
        return json(200, await serviceFromEnv().staffLogin(input.username, input.password));
      } catch (err) {
        if (err instanceof AppError && err.code === 'LOGIN_FAILED') await limits.fail('loginFailuresPerAccount', account);
        throw err;
      }
    },
    // The mediation teams a resident may choose at a QR location (dispute categories).
    ...orgPublicRoutes,
  },
  recordingActor((token) => serviceFromEnv().authenticate(token)),
);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(api);
