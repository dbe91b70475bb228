import { toHttpError, type HttpEvent, type HttpResult } from '../http/http.ts';
import { observeHttp } from '../http/observe.ts';
import type { Routes } from './routes/http-function.ts';

/** What a function's route module (./tables/<function>.ts) exports: its route table and the routed handler. */
export interface RouteModule {
  routes: Routes;
  route: (event: HttpEvent) => Promise<HttpResult>;
}

/**
 * One HTTP Lambda whose routes are loaded on its first request (issue #9, cold start): the
 * handler module (the Lambda's entry) holds only the request log line and metrics
 * (functions/src/http/observe.ts) and a dynamic `import()` of ./tables/<function>.ts, which
 * holds the routes, the use cases and the composition. Bundled as ES modules with code
 * splitting (serverless.yml `custom.esbuild`), that module and what only it uses are chunks
 * of their own: Lambda's init compiles and runs the entry alone, the first request the rest
 * (`npm run bench:cold` measures both). A failed load is not cached: the next request tries again;
 * the request that met it gets the JSON 500 of any server fault (the cause logged), like a route's.
 */
export function lazyHttpFunction(load: () => Promise<RouteModule>): {
  handler: ReturnType<typeof observeHttp>;
  /** The route module, loaded once (tests read its table; bench/cold.ts times it). */
  loadRoutes: () => Promise<RouteModule>;
} {
  const loadRoutes = lazyModule(load);
  const handler = observeHttp(async (event) => {
    let routes: RouteModule;
    try {
      routes = await loadRoutes();
    } catch (err) {
      return toHttpError(err, event.requestContext?.requestId);
    }
    return routes.route(event);
  });
  return { loadRoutes, handler };
}

/** A dynamic `import()` done once: later calls share its promise; a failed load is retried by the next call. */
export function lazyModule<M>(load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
