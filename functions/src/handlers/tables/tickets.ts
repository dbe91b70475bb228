// This function files requests, works them (a resident's reopening is evaluated for risk) and signs or checks photos (functions/src/app/runtime.ts: one composition per function).
import '../../compose/filing.ts';
import '../../compose/risk.ts';
import '../../compose/photos.ts';
import { httpRoutes } from '../routes/http-function.ts';
import { myTicketRoutes } from '../routes/me.ts';
import { ticketFilingRoutes, ticketRoutes } from '../routes/tickets.ts';

/** Filing, reading and working requests, and a resident's list of their own. */
export const { routes, route } = httpRoutes(ticketFilingRoutes, ticketRoutes, myTicketRoutes);
