import { ADMIN_ROUTE_TABLES } from './routes/admin/admin.ts';
import { httpFunction } from './routes/http-function.ts';

/** The admin API (`/api/admin/...`): one Lambda, its route tables listed in ./routes/admin/admin.ts. */
export const { routes, handler } = httpFunction(...ADMIN_ROUTE_TABLES);
