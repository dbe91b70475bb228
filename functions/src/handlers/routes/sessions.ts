import { AppError } from '@mashang/shared';
import { RedeemTransferInputSchema, WeChatLoginInputSchema } from '@mashang/shared/contracts/resident';
import { BindWechatInputSchema, StaffLoginInputSchema } from '@mashang/shared/contracts/staff';
import { limiterFromEnv } from '../../app/rate-runtime.ts';
import { carryFromEnv, residentFromEnv, serviceFromEnv, workbenchFromEnv } from '../../app/runtime.ts';
import { json, jsonBody, parseWith, sourceIp } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

/**
 * Sessions (`/api/auth/…`): every way a caller gets a token. Each one is rate-limited by the
 * caller's address before anything else. Each table is served by the Lambda named above it.
 */

// public: an anonymous device identity (H5) and staff sign-in with a password.
export const publicSessionRoutes: Routes = {
  'POST /api/auth/device': async (event) => {
    await limiterFromEnv().take(['deviceSessionsPerIp', sourceIp(event)]);
    return json(201, await serviceFromEnv().deviceSession());
  },
  'POST /api/auth/staff': async (event) => {
    const input = parseWith(StaffLoginInputSchema, jsonBody(event));
    const limits = limiterFromEnv();
    await limits.take(['loginPerIp', sourceIp(event)]);
    // Too many wrong passwords lock the account for the rest of the window, even for the right one.
    const account = input.username.trim().toLowerCase();
    await limits.assertOpen('loginFailuresPerAccount', account);
    try {
      return json(200, await serviceFromEnv().staffLogin(input.username, input.password));
    } catch (err) {
      if (err instanceof AppError && err.code === 'LOGIN_FAILED') await limits.fail('loginFailuresPerAccount', account);
      throw err;
    }
  },
};

// resident: a resident's WeChat sign-in, and a transfer code redeemed on another phone (issue 13).
export const residentSessionRoutes: Routes = {
  'POST /api/auth/wechat': async (event) => {
    await limiterFromEnv().take(['loginPerIp', sourceIp(event)]);
    const input = parseWith(WeChatLoginInputSchema, jsonBody(event));
    return json(200, await residentFromEnv().wechatSession(input.code));
  },
  'POST /api/auth/transfer': async (event) => {
    // Redeeming a code signs a device in: counted like any other sign-in from the address.
    await limiterFromEnv().take(['loginPerIp', sourceIp(event)]);
    const input = parseWith(RedeemTransferInputSchema, jsonBody(event));
    return json(200, await carryFromEnv().redeemTransfer(input.code));
  },
};

// workbench: staff binding their WeChat with an admin's invite code, and signing in with it.
export const staffWechatSessionRoutes: Routes = {
  'POST /api/auth/staff/bind': async (event) => {
    await limiterFromEnv().take(['loginPerIp', sourceIp(event)]);
    const input = parseWith(BindWechatInputSchema, jsonBody(event));
    return json(200, await workbenchFromEnv().bindWechat(input.inviteCode, input.code));
  },
  'POST /api/auth/staff/wechat': async (event) => {
    await limiterFromEnv().take(['loginPerIp', sourceIp(event)]);
    const input = parseWith(WeChatLoginInputSchema, jsonBody(event));
    return json(200, await workbenchFromEnv().wechatLogin(input.code));
  },
};
