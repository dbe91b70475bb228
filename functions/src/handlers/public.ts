import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/public.ts, loaded on the first request (./lazy-function.ts).
/** What a resident reaches before filing: the place, the categories, the promised deadlines, the mediation teams, and sign-in. */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/public.ts'));
