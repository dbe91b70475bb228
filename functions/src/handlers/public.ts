import { DeadlinesQuerySchema, StaffLoginInputSchema } from '@mashang/shared/contracts';
import { serviceFromEnv } from '../app/runtime.ts';
import { limiterFromEnv } from '../app/rate-runtime.ts';
import { AppError } from '@mashang/shared';
import { json, jsonBody, parseWith, pathParam, router, sourceIp } from '../http/http.ts';

/** Routes a resident reaches before filing: the place, the categories, the promised deadlines, and sign-in. */
export const handler = router(
  {
    'GET /api/locations/{id}': async (event) => json(200, await serviceFromEnv().location(pathParam(event, 'id'))),
    'GET /api/categories': async () => json(200, { items: await serviceFromEnv().categories() }),
    'GET /api/deadlines': async (event) => {
      const q = parseWith(DeadlinesQuerySchema, event.queryStringParameters ?? {});
      return json(200, await serviceFromEnv().promisedDeadlines(q.category, q.receivedAt));
    },
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
  },
  (token) => serviceFromEnv().authenticate(token),
);
