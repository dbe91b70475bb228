import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/reports.ts, loaded on the first request (./lazy-function.ts).
/** Supervisors: SLA reports with drill-down, the red/black list, the breach list, urging; each list also as .xlsx. */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/reports.ts'));
