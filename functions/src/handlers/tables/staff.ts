import { httpRoutes } from '../routes/http-function.ts';
import { staffListRoutes } from '../routes/staff.ts';
import { unitTreeRoutes } from '../routes/units.ts';

/** The workbench's lists: the unit's inbox, 已派出, inbox search, and the unit tree for dispatching. */
export const { routes, route } = httpRoutes(staffListRoutes, unitTreeRoutes);
