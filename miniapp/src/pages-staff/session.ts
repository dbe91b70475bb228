import Taro from '@tarojs/taro';
import { api } from '../services/api.ts';

export const LOGIN_URL = '/pages-staff/login/index';
export const INBOX_URL = '/pages-staff/inbox/index';

/** Sends a handler without a valid session to the login page; true when one is there. */
export function requireStaff(): boolean {
  if (api.staff.session()) return true;
  void Taro.redirectTo({ url: LOGIN_URL });
  return false;
}
