import { serviceFromEnv } from '../app/runtime.ts';
import { router, type HttpEvent, type HttpResult } from '../http/http.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';
import { handler as open311 } from './open311.ts';
import { adminIntegrationRoutes } from './routes/admin/integrations.ts';

/**
 * The interoperability Lambda: the Open311 GeoReport v2 server (/open311/v2/…, its own router
 * and error format: ./open311.ts) and the admins' integration routes (/api/admin/integrations/…,
 * ./routes/admin/integrations.ts), one bundle and one role.
 */
export const routes = adminIntegrationRoutes;
const admin = router(routes, recordingActor((token) => serviceFromEnv().authenticate(token)));

function route(event: HttpEvent): Promise<HttpResult> {
  return event.routeKey?.includes('/open311/') ? open311(event) : admin(event);
}

/** With its request log line and metrics, and the secrets loaded first (functions/src/http/observe.ts). */
export const handler = observeHttp(route);
