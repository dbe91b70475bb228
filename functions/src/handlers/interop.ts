import { toHttpError, type HttpEvent, type HttpResult } from '../http/http.ts';
import { observeHttp } from '../http/observe.ts';
import { lazyModule } from './lazy-function.ts';

/**
 * Open311 GeoReport v2 (integration keys; its own router, formats and errors: ./open311.ts) and the
 * admins' integration keys (./tables/interop.ts) in one Lambda, both loaded on its first request
 * (./lazy-function.ts). They use the same interop service, so they are one module to load: apart,
 * the code they share made more chunks for an Open311 call than the admin routes' few kilobytes.
 */
export const loadRoutes = lazyModule(() => import('./tables/interop.ts'));

export const handler = observeHttp(async (event) => {
  const open311 = event.routeKey?.includes('/open311/');
  let route: (event: HttpEvent) => Promise<HttpResult>;
  try {
    const routes = await loadRoutes();
    route = open311 ? routes.open311 : routes.route;
  } catch (err) {
    // A part that does not load: the JSON 500 of any server fault (./lazy-function.ts).
    return toHttpError(err, event.requestContext?.requestId);
  }
  return route(event);
});
