import { alertSettingsRoutes } from '../admin/alert-settings.ts';
import { auditRoutes } from '../admin/audit.ts';
import { orgAdminRoutes } from '../admin/org/routes.ts';
import { calendarRoutes } from '../admin/calendar.ts';
import { categoryRoutes } from '../admin/categories.ts';
import { homeRoutes } from '../admin/home.ts';
import { synonymRoutes } from '../admin/synonyms.ts';
import { serviceFromEnv } from '../app/runtime.ts';
import { router, type Route } from '../http/http.ts';
import { adminErasureRoutes } from './erasure-routes.ts';
import { observeHttp, recordingActor } from '../http/observe.ts';

/**
 * The admin API (`/api/admin/...`): one Lambda, its route tables combined from this list.
 * Every route resolves the caller's county scope first (403 for anyone but an admin).
 * Add a table by appending one line.
 */
const ROUTE_TABLES: Array<Record<string, Route>> = [
  homeRoutes, // GET /api/admin/home
  calendarRoutes, // calendar years and days, cut-off, the re-derivation job
  categoryRoutes, // categories and their SLA policies
  auditRoutes, // GET /api/admin/audit
  orgAdminRoutes, // units, staff accounts, QR locations and posters, mediators (functions/src/admin/org/routes.ts)
  alertSettingsRoutes, // GET/PUT /api/admin/alert-settings: alert thresholds and the red/black list rules
  synonymRoutes, // the hotspots' thesaurus (functions/src/admin/synonyms.ts)
  adminErasureRoutes, // POST /api/admin/tickets/{id}/erase: a request's personal data (functions/src/handlers/erasure-routes.ts)
];

export const routes: Record<string, Route> = Object.assign({}, ...ROUTE_TABLES);

/** With its request log line and metrics (functions/src/http/observe.ts). */
export const handler = observeHttp(router(routes, recordingActor((token) => serviceFromEnv().authenticate(token))));
