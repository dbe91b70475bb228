import { httpRoutes } from '../routes/http-function.ts';
import { staffAlertRoutes } from '../routes/staff.ts';
import { unitDutyRoutes } from '../routes/units.ts';

/**
 * Staff alerts: the message list and its unread count, the inbox change marker (polled),
 * a unit's duty roster (值班表) and WeCom robot. (The red/black list rules are an admin setting:
 * functions/src/admin/alert-settings.ts.)
 */
export const { routes, route } = httpRoutes(staffAlertRoutes, unitDutyRoutes);
