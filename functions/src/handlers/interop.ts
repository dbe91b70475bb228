import type { HttpEvent, HttpResult } from '../http/http.ts';
import { handler as admin } from './integrations.ts';
import { handler as open311 } from './open311.ts';

/**
 * The interoperability Lambda: the Open311 GeoReport v2 server (/open311/v2/…) and the
 * admins' integration routes (/api/admin/integrations/…), one bundle and one role.
 */
export function handler(event: HttpEvent): Promise<HttpResult> {
  return event.routeKey?.includes('/open311/') ? open311(event) : admin(event);
}
