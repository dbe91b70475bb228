import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/resident.ts, loaded on the first request (./lazy-function.ts).
/**
 * The resident's routes beyond filing: WeChat sign-in and transfer codes, client settings,
 * places without a QR code, photo uploads, "me too" and notification consent, lookup and erasure.
 */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/resident.ts'));
