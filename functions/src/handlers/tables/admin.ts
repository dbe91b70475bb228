import { ADMIN_ROUTE_TABLES } from '../routes/admin/admin.ts';
import { httpRoutes } from '../routes/http-function.ts';

/** The admin API (`/api/admin/...`): one Lambda, its route tables listed in ./routes/admin/admin.ts. */
export const { routes, route } = httpRoutes(...ADMIN_ROUTE_TABLES);
