import Taro from '@tarojs/taro';
import { SessionReplySchema } from '@mashang/shared/contracts/common';
import { call, keep, readSession, RESIDENT_KEY, STAFF_KEY } from './client.ts';

/** Sessions (`/api/auth/…`). The resident's own identity is issued on first use (see `call`). */

/** The stored staff session, if still valid. */
export const staff = () => readSession(STAFF_KEY);
export const staffLogin = (username: string, password: string) => call('POST', '/api/auth/staff', SessionReplySchema, 'none', { username, password }).then(keep(STAFF_KEY));
export const staffLogout = () => Taro.removeStorageSync(STAFF_KEY);
/** Sign in with the bound WeChat identity (weapp). STAFF_NOT_BOUND asks for an invite code. */
export const staffWechat = (code: string) => call('POST', '/api/auth/staff/wechat', SessionReplySchema, 'none', { code }).then(keep(STAFF_KEY));
/** Bind this WeChat identity with an admin's invite code, then sign in. */
export const bindStaffWechat = (inviteCode: string, code: string) => call('POST', '/api/auth/staff/bind', SessionReplySchema, 'none', { inviteCode, code }).then(keep(STAFF_KEY));
/** This phone becomes the resident of a transfer code (their requests show in 我的诉求). */
export const redeemTransfer = (code: string) => call('POST', '/api/auth/transfer', SessionReplySchema, 'none', { code }).then(keep(RESIDENT_KEY));
