import { adminIntegrationRoutes } from '../routes/admin/integrations.ts';
import { httpRoutes } from '../routes/http-function.ts';

/** Admins' integration keys and webhook replay (the interop function's JSON routes; Open311 is ../open311.ts). */
export const { routes, route } = httpRoutes(adminIntegrationRoutes);

// Open311 with them: both parts use the same interop service (functions/src/open311/runtime.ts), so
// one chunk holds them; loaded apart, the code they share was split into more chunks to load (issue #9, cold start).
export { handler as open311 } from '../open311.ts';
