import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/admin.ts, loaded on the first request (./lazy-function.ts).
/** The admin API (`/api/admin/...`): one Lambda, its route tables listed in ./routes/admin/admin.ts. */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/admin.ts'));
