// Residents' "me too", consents and requests carried to another phone read requests as residents see them, and photo uploads are signed here (functions/src/app/runtime.ts: one composition per function).
// It files no request and works none (that is the tickets function), so it takes the resident side alone, without risk early warning.
import '../../compose/resident.ts';
import '../../compose/photos.ts';
import { httpRoutes } from '../routes/http-function.ts';
import { myAccountRoutes } from '../routes/me.ts';
import { placeRoutes } from '../routes/places.ts';
import { clientConfigRoutes } from '../routes/reference.ts';
import { residentSessionRoutes } from '../routes/sessions.ts';
import { ticketFollowerRoutes } from '../routes/tickets.ts';
import { uploadRoutes } from '../routes/uploads.ts';

/**
 * The resident's routes beyond filing: WeChat sign-in and transfer codes, client settings,
 * places without a QR code, photo uploads, "me too" and notification consent, lookup and erasure.
 */
export const { routes, route } = httpRoutes(residentSessionRoutes, clientConfigRoutes, placeRoutes, uploadRoutes, ticketFollowerRoutes, myAccountRoutes);
