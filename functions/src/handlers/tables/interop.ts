import { adminIntegrationRoutes } from '../routes/admin/integrations.ts';
import { httpRoutes } from '../routes/http-function.ts';

/** Admins' integration keys and webhook replay (the interop function's JSON routes; Open311 is ../open311.ts). */
export const { routes, route } = httpRoutes(adminIntegrationRoutes);
