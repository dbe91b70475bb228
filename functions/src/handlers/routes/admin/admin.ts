import { EraseTicketInputSchema } from '@mashang/shared/erasure';
import { alertSettingsRoutes } from '../../../admin/alert-settings.ts';
import { auditRoutes } from '../../../admin/audit.ts';
import { calendarRoutes } from '../../../admin/calendar.ts';
import { categoryRoutes } from '../../../admin/categories.ts';
import { homeRoutes } from '../../../admin/home.ts';
import { orgAdminRoutes } from '../../../admin/org/routes.ts';
import { synonymRoutes } from '../../../admin/synonyms.ts';
import { erasureFromEnv } from '../../../app/erasure-runtime.ts';
import { json, jsonBody, parseWith, pathParam } from '../../../http/http.ts';
import type { Routes } from '../http-function.ts';

/**
 * Administration (`/api/admin/…`), served by the admin Lambda. Every route resolves the caller's
 * county scope first (403 for anyone but an admin). The admin resources' tables live beside their
 * use cases in functions/src/admin/ and are listed here. Two admin resources are served by other
 * Lambdas, each in its own module of this folder so that Lambda's bundle carries none of the admin
 * code: ./invites.ts (workbench) and ./integrations.ts (interop).
 */

// admin: one request's filer data erased by an admin (the resident asked by phone or at the
// counter); audited (functions/src/app/residents/erasure.ts).
export const adminTicketRoutes: Routes = {
  'POST /api/admin/tickets/{id}/erase': async (event, { actor }) => {
    const who = await actor();
    const id = pathParam(event, 'id');
    const input = parseWith(EraseTicketInputSchema, jsonBody(event));
    return json(200, await erasureFromEnv().eraseTicket(who, id, input.reason));
  },
};

// admin: its route tables, one per admin resource. Add a table by appending one line.
export const ADMIN_ROUTE_TABLES: Routes[] = [
  homeRoutes, // GET /api/admin/home
  calendarRoutes, // calendar years and days, cut-off, the re-derivation job
  categoryRoutes, // categories and their SLA policies
  auditRoutes, // GET /api/admin/audit
  orgAdminRoutes, // units, staff accounts, QR locations and posters, mediators (functions/src/admin/org/routes.ts)
  alertSettingsRoutes, // GET/PUT /api/admin/alert-settings: alert thresholds and the red/black list rules
  synonymRoutes, // the hotspots' thesaurus (functions/src/admin/synonyms.ts)
  adminTicketRoutes, // POST /api/admin/tickets/{id}/erase
];

