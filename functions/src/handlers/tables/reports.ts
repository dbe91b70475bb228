import { httpRoutes } from '../routes/http-function.ts';
import { reportRoutes } from '../routes/reports.ts';

/** Supervisors: SLA reports with drill-down, the red/black list, the breach list, urging; each list also as .xlsx. */
export const { routes, route } = httpRoutes(reportRoutes);
