import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/supervision.ts, loaded on the first request (./lazy-function.ts).
/** Hotspots and risk early warning: supervisors' and handlers' lists, one request's hotspot and warnings, grid workers' tasks, admins' rules. */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/supervision.ts'));
