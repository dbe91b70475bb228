/**
 * The one API client of the front end, grouped by resource like the backend's routes
 * (functions/src/handlers/routes/), one module of plain functions per resource under ./api/.
 * Pages import it as a namespace, `import * as api from '…/services/api.ts'`, and call
 * `api.tickets.create(…)`. Every reply is parsed with the shared zod schema of its contract;
 * every failure is an {@link ApiError} with a Chinese message the pages show as is.
 *
 * Why namespaces and not one object: webpack sends `api.tickets.create` straight to
 * ./api/tickets.ts (this module only re-exports), so a page's chunks carry only the resource
 * modules it calls and the contract schemas they import. One object literal referencing every
 * call put every staff and admin schema into the resident's QR page.
 */
export * as sessions from './api/sessions.ts';
export * as reference from './api/reference.ts';
export * as places from './api/places.ts';
export * as tickets from './api/tickets.ts';
export * as uploads from './api/uploads.ts';
export * as me from './api/me.ts';
export * as staff from './api/staff.ts';
export * as units from './api/units.ts';
export * as reports from './api/reports.ts';
export * as hotspots from './api/hotspots.ts';
export * as risk from './api/risk.ts';
export * as admin from './api/admin.ts';
export type { DrillDownQuery, ReportExport, ReportQuery } from './api/reports.ts';
export { ApiError, toApiError } from './http.ts';
