// This function files requests (their risk checks queued, evaluated by the dispatcher; it reopens none, so it carries no risk rules) and signs or checks photos (functions/src/app/runtime.ts: one composition per function).
import '../../compose/filing.ts';
import '../../compose/photos.ts';
import { adminInviteRoutes } from '../routes/admin/invites.ts';
import { httpRoutes } from '../routes/http-function.ts';
import { staffWechatSessionRoutes } from '../routes/sessions.ts';
import { staffFilingRoutes } from '../routes/staff.ts';
import { ticketPhoneRoutes } from '../routes/tickets.ts';

/**
 * The staff workbench beyond the inbox: revealing a phone number (recorded), filing for
 * residents (grid workers, the operator desk), a grid's QR locations, and staff identity
 * (admins' invite codes, binding and signing in with WeChat).
 */
export const { routes, route } = httpRoutes(ticketPhoneRoutes, staffFilingRoutes, adminInviteRoutes, staffWechatSessionRoutes);
