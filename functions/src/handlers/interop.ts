import type { HttpEvent, HttpResult } from '../http/http.ts';
import { observeHttp } from '../http/observe.ts';
import { handler as admin } from './integrations.ts';
import { handler as open311 } from './open311.ts';

/**
 * The interoperability Lambda: the Open311 GeoReport v2 server (/open311/v2/…) and the
 * admins' integration routes (/api/admin/integrations/…), one bundle and one role.
 */
function route(event: HttpEvent): Promise<HttpResult> {
  return event.routeKey?.includes('/open311/') ? open311(event) : admin(event);
}

/** With its request log line and metrics, and the secrets loaded first (functions/src/http/observe.ts). */
export const handler = observeHttp(route);
