import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/tickets.ts, loaded on the first request (./lazy-function.ts).
/** Filing, reading and working requests, and a resident's list of their own. */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/tickets.ts'));
