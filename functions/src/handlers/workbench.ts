import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/workbench.ts, loaded on the first request (./lazy-function.ts).
/**
 * The staff workbench beyond the inbox: revealing a phone number (recorded), filing for
 * residents (grid workers, the operator desk), a grid's QR locations, and staff identity
 * (admins' invite codes, binding and signing in with WeChat).
 */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/workbench.ts'));
