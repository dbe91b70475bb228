import { httpRoutes } from '../routes/http-function.ts';
import { hotspotRoutes, riskRoutes } from '../routes/supervision.ts';
import { ticketSignalRoutes } from '../routes/tickets.ts';

/** Hotspots and risk early warning: supervisors' and handlers' lists, one request's hotspot and warnings, grid workers' tasks, admins' rules. */
export const { routes, route } = httpRoutes(hotspotRoutes, riskRoutes, ticketSignalRoutes);
