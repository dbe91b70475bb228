import { toHttpError, type HttpEvent, type HttpResult } from '../http/http.ts';
import { observeHttp } from '../http/observe.ts';
import { lazyModule } from './lazy-function.ts';

/**
 * Open311 GeoReport v2 (integration keys; its own router, formats and errors: ./open311.ts) and the
 * admins' integration keys (./tables/interop.ts) in one Lambda. Each part is loaded on the first
 * request that reaches it (./lazy-function.ts), so an Open311 call does not load the admin routes.
 */
export const loadRoutes = lazyModule(() => import('./tables/interop.ts'));
const loadOpen311 = lazyModule(() => import('./open311.ts'));

export const handler = observeHttp(async (event) => {
  const open311 = event.routeKey?.includes('/open311/');
  let route: (event: HttpEvent) => Promise<HttpResult>;
  try {
    route = open311 ? (await loadOpen311()).handler : (await loadRoutes()).route;
  } catch (err) {
    // A part that does not load: the JSON 500 of any server fault (./lazy-function.ts).
    return toHttpError(err, event.requestContext?.requestId);
  }
  return route(event);
});
