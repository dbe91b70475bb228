import { coreFromEnv } from '../../app/runtime.ts';
import { router, type Route } from '../../http/http.ts';
import { observeHttp, recordingActor } from '../../http/observe.ts';

/** A route table: `METHOD /path` (API Gateway's route key) → handler. */
export type Routes = Record<string, Route>;

/**
 * One HTTP Lambda from the route tables it serves (each table from a resource module of this
 * folder): the combined table (checked against serverless.yml in routes.test.ts) and the handler,
 * with the caller authenticated from the verified token and the request log line and metrics
 * (functions/src/http/observe.ts).
 */
export function httpFunction(...tables: Routes[]): { routes: Routes; handler: ReturnType<typeof observeHttp> } {
  const { routes, route } = httpRoutes(...tables);
  return { routes, handler: observeHttp(route) };
}

/**
 * The same without the log line and metrics: what a function's route module
 * (../tables/<function>.ts) exports for its entry, which observes it (../lazy-function.ts).
 */
export function httpRoutes(...tables: Routes[]): { routes: Routes; route: ReturnType<typeof router> } {
  const routes: Routes = Object.assign({}, ...tables);
  return { routes, route: router(routes, recordingActor((token) => coreFromEnv().sessions.authenticate(token))) };
}
