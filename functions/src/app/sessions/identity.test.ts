import { describe, expect, it } from 'vitest';
import { WeChatApi } from '../../adapters/wechat.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DEV_SESSION_SECRET, DevWeChatLogin, isLocalStage, sessionSecretFromEnv, LocalSubscribeSender, openidOf, wechatFromEnv, wechatResidentId } from './identity.ts';

describe('the development WeChat identity', () => {
  it.each(['prod', 'staging', 'dev', 'ci', 'Local', '', undefined])('cannot be created in stage %s', (stage) => {
    expect(() => new DevWeChatLogin(stage)).toThrow(/local stages only/);
    expect(() => new LocalSubscribeSender(stage)).toThrow(/local stages only/);
  });

  it.each(['prod', 'dev', undefined])('cannot be forced on with WECHAT_DEV_LOGIN in stage %s', (stage) => {
    expect(() => wechatFromEnv({ STAGE: stage, WECHAT_DEV_LOGIN: '1', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' })).toThrow(/local stages only/);
  });

  it('stands in for WeChat in the local stage when no appid is configured', async () => {
    const wiring = wechatFromEnv({ STAGE: 'local', WECHAT_APP_ID: '', WECHAT_APP_SECRET: '' });
    expect(wiring.real).toBe(false);
    expect(wiring.login).toBeInstanceOf(DevWeChatLogin);
    expect(await wiring.login!.code2Session('dev:alice')).toEqual({ openid: 'dev_alice' });
    // Any real-looking code is the one local user, so DevTools keeps its requests across logins.
    const a = await wiring.login!.code2Session('081abc');
    expect(await wiring.login!.code2Session('0c3xyz')).toEqual(a);
  });

  it('uses the real WeChat adapter in a deployed stage with an appid and secret', () => {
    const wiring = wechatFromEnv({ STAGE: 'prod', WECHAT_APP_ID: 'wx1234', WECHAT_APP_SECRET: 'secret' });
    expect(wiring.real).toBe(true);
    expect(wiring.login).toBeInstanceOf(WeChatApi);
    expect(wiring.sender).toBe(wiring.login);
  });

  it('offers no WeChat sign-in in a deployed stage without WeChat config, rather than a fake one', () => {
    expect(wechatFromEnv({ STAGE: 'prod', WECHAT_APP_ID: '', WECHAT_APP_SECRET: '' })).toEqual({ real: false });
    expect(wechatFromEnv({})).toEqual({ real: false });
  });

  it('knows only the local stage as local: a deployment named test is deployed', () => {
    expect(isLocalStage('local')).toBe(true);
    expect(['test', 'prod', 'ci', 'dev', 'Local', undefined].map(isLocalStage)).toEqual([false, false, false, false, false, false]);
    expect(() => new DevWeChatLogin('test')).toThrow(/local stages only/);
    expect(wechatFromEnv({ STAGE: 'test', WECHAT_APP_ID: '', WECHAT_APP_SECRET: '' })).toEqual({ real: false });
  });

  it('refuses the published development session secret anywhere but the local stage', () => {
    expect(sessionSecretFromEnv({ STAGE: 'local', SESSION_SECRET: DEV_SESSION_SECRET })).toBe(DEV_SESSION_SECRET);
    for (const stage of ['test', 'prod', 'dev', undefined]) {
      expect(() => sessionSecretFromEnv({ STAGE: stage, SESSION_SECRET: DEV_SESSION_SECRET })).toThrow(/local stage only/);
    }
    expect(sessionSecretFromEnv({ STAGE: 'prod', SESSION_SECRET: 'a-real-secret-from-secrets-manager-0123456789' })).toMatch(/^a-real/);
    expect(() => sessionSecretFromEnv({ STAGE: 'prod' })).toThrow(/not set/);
  });

  it('refuses to deploy the local stage (the osls plugin in serverless.yml)', () => {
    const require = createRequire(import.meta.url);
    const Guard = require('../../../../infra/deploy-guard.cjs') as new (sls: unknown, opts: unknown) => { hooks: Record<string, () => void> };
    const hooks = (stage: string) => new Guard({ service: { provider: { stage } } }, { stage }).hooks;
    expect(() => hooks('local')['before:deploy:deploy']!()).toThrow(/developer's machine only/);
    expect(() => hooks('local')['before:deploy:function:initialize']!()).toThrow(/developer's machine only/);
    expect(() => hooks('prod')['before:deploy:deploy']!()).not.toThrow();
    expect(readFileSync(new URL('../../../../serverless.yml', import.meta.url), 'utf8')).toMatch(/^\s+- \.\/infra\/deploy-guard\.cjs$/m);
  });
});

describe('resident ids of WeChat users', () => {
  it('carry the openid, which H5 device identities do not have', () => {
    expect(openidOf(wechatResidentId('oGZUI0egBJY1'))).toBe('oGZUI0egBJY1');
    expect(openidOf('dev-123e4567-e89b-12d3-a456-426614174000')).toBeUndefined();
  });
});
