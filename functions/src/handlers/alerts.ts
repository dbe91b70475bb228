import { lazyHttpFunction } from './lazy-function.ts';

// Its routes (and the composition they use) are ./tables/alerts.ts, loaded on the first request (./lazy-function.ts).
/**
 * Staff alerts: the message list and its unread count, the inbox change marker (polled),
 * a unit's duty roster (值班表) and WeCom robot. (The red/black list rules are an admin setting:
 * functions/src/admin/alert-settings.ts.)
 */
export const { handler, loadRoutes } = lazyHttpFunction(() => import('./tables/alerts.ts'));
