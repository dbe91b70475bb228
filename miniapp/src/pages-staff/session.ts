import Taro from '@tarojs/taro';
import type { Role } from '@mashang/shared/org';
import * as api from '../services/api.ts';

export const LOGIN_URL = '/pages-staff/login/index';
export const INBOX_URL = '/pages-staff/inbox/index';
/** Filing for residents: a grid worker's 网格上报, the operator desk (12345 / 110 / letters / visits). */
export const DESK_URL = '/pages-staff/desk/index';
export const INVITES_URL = '/pages-staff/invites/index';
/** A unit's duty roster (值班表): read by its staff, kept by its supervisors and admins. */
export const DUTY_URL = '/pages-staff/duty/index';
export const SUPERVISOR_URL = '/pages-supervisor/home/index';
export const ADMIN_URL = '/pages-admin/home/index';

/** Sends a handler without a valid session to the login page; true when one is there. */
export function requireStaff(): boolean {
  if (api.sessions.staff()) return true;
  void Taro.redirectTo({ url: LOGIN_URL });
  return false;
}

/**
 * Where a staff member lands after signing in: supervisors on their reports (which link to
 * the inbox), operators at the desk, admins on the admin home, everyone else in the inbox.
 */
export function landingUrl(role: Role): string {
  if (role === 'supervisor') return SUPERVISOR_URL;
  if (role === 'operator') return DESK_URL;
  if (role === 'admin') return ADMIN_URL;
  return INBOX_URL;
}
