import { createHash } from 'node:crypto';
import { WeChatApi, type SubscribeSender, type WeChatLogin, type WeChatSession } from '../../adapters/wechat.ts';

/**
 * Which identity provider a stage uses. Deployed stages exchange `wx.login`
 * codes with WeChat (`code2Session`); the local stage (no appid, no internet)
 * swaps in {@link DevWeChatLogin}, which can never run in a deployed stage: the
 * check is here, in code, on the STAGE variable serverless.yml sets.
 */

/**
 * The one stage that runs on a developer's machine (`npm start`). Anything else —
 * `test`, `dev`, no STAGE at all — may be a deployment, so it never gets the
 * development identity, the local notifier or the public default session secret;
 * and the `local` stage itself cannot be deployed (infra/deploy-guard.cjs).
 */
export const LOCAL_STAGES: readonly string[] = ['local'];

/** The session secret `npm start` uses; published in the repository, so valid in the local stage only. */
export const DEV_SESSION_SECRET = 'local-development-secret-not-for-production-use';

/** The session secret of a stage: set, and not the published development one outside the local stage. */
export function sessionSecretFromEnv(env: NodeJS.ProcessEnv): string {
  const secret = env.SESSION_SECRET;
  if (!secret) throw new Error('SESSION_SECRET is not set');
  if (secret === DEV_SESSION_SECRET && !isLocalStage(env.STAGE)) {
    throw new Error(`The development session secret is for the local stage only, not "${env.STAGE ?? '(unset)'}"`);
  }
  return secret;
}

/** True only for a stage named in {@link LOCAL_STAGES}. */
export function isLocalStage(stage: string | undefined): boolean {
  return stage !== undefined && LOCAL_STAGES.includes(stage);
}

/** The resident id of a WeChat user: the prefix tells the notifier it can message them. */
export const wechatResidentId = (openid: string): string => `wx-${openid}`;

/** The openid behind a resident id, or undefined for an H5 device identity. */
export function openidOf(residentId: string): string | undefined {
  return residentId.startsWith('wx-') ? residentId.slice(3) : undefined;
}

/**
 * The local stage's stand-in for code2Session, for WeChat DevTools pointed at a
 * local backend. A code `dev:<name>` is the user `dev_<name>` (tests, several
 * simulated users); any other code is the one local WeChat user, so a developer
 * keeps their requests across logins. Refuses to exist outside a local stage.
 */
export class DevWeChatLogin implements WeChatLogin {
  constructor(stage: string | undefined) {
    if (!isLocalStage(stage)) throw new Error(`The development WeChat identity is for local stages only, not "${stage ?? '(unset)'}"`);
  }

  async code2Session(code: string): Promise<WeChatSession> {
    const named = /^dev:([a-z0-9_-]{1,32})$/i.exec(code);
    if (named) return { openid: `dev_${named[1]}` };
    return { openid: `dev_${createHash('sha256').update('local-wechat-user').digest('hex').slice(0, 20)}` };
  }
}

/** The local stage's notifier: accepts every message (the outbox page shows what would have been sent). */
export class LocalSubscribeSender implements SubscribeSender {
  constructor(stage: string | undefined) {
    if (!isLocalStage(stage)) throw new Error(`The local notifier is for local stages only, not "${stage ?? '(unset)'}"`);
  }
  async send(): Promise<{ status: 'sent' }> {
    return { status: 'sent' };
  }
}

export interface WeChatWiring {
  login?: WeChatLogin;
  sender?: SubscribeSender;
  /** Whether messages go to WeChat for real (only the real adapter may mark a message sent to a person). */
  real: boolean;
}

/**
 * Builds the WeChat adapters of a stage from its environment:
 * - `WECHAT_APP_ID` and `WECHAT_APP_SECRET` set → the real {@link WeChatApi};
 * - otherwise, in a local stage → the development stand-ins;
 * - otherwise (a deployed stage without WeChat config) → none: WeChat sign-in
 *   answers IDENTITY_UNAVAILABLE and residents use the H5 device identity.
 * `WECHAT_DEV_LOGIN=1` forces the stand-ins and throws outside a local stage.
 */
export function wechatFromEnv(env: NodeJS.ProcessEnv): WeChatWiring {
  const stage = env.STAGE;
  if (env.WECHAT_DEV_LOGIN === '1' || env.WECHAT_DEV_LOGIN === 'true') {
    return { login: new DevWeChatLogin(stage), sender: new LocalSubscribeSender(stage), real: false };
  }
  const appId = env.WECHAT_APP_ID?.trim();
  const appSecret = env.WECHAT_APP_SECRET?.trim();
  if (appId && appSecret) {
    const api = new WeChatApi({ appId, appSecret, baseUrl: env.WECHAT_API_BASE || undefined });
    return { login: api, sender: api, real: true };
  }
  if (isLocalStage(stage)) return { login: new DevWeChatLogin(stage), sender: new LocalSubscribeSender(stage), real: false };
  return { real: false };
}
