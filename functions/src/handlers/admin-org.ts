import { orgAdminRoutes, orgPublicRoutes } from '../admin/org/routes.ts';
import { serviceFromEnv } from '../app/runtime.ts';
import { router } from '../http/http.ts';

/**
 * Temporary Lambda for the organisation's administration (units, staff, QR locations,
 * posters) until its routes are mounted in the admin Lambda (functions/src/handlers/admin.ts).
 */
export const handler = router({ ...orgAdminRoutes, ...orgPublicRoutes }, (token) => serviceFromEnv().authenticate(token));
