import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/staff.ts, loaded on the first request (./lazy-function.ts).
/** The workbench's lists: the unit's inbox, 已派出, inbox search, and the unit tree for dispatching. */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/staff.ts'));
