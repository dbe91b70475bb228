import { describe, expect, it } from 'vitest';
import { WeChatApi } from '../adapters/wechat.ts';
import { DevWeChatLogin, isLocalStage, LocalSubscribeSender, openidOf, wechatFromEnv, wechatResidentId } from './identity.ts';

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

  it('knows only local and test as local stages', () => {
    expect(['local', 'test'].map(isLocalStage)).toEqual([true, true]);
    expect(['prod', 'ci', undefined].map(isLocalStage)).toEqual([false, false, false]);
  });
});

describe('resident ids of WeChat users', () => {
  it('carry the openid, which H5 device identities do not have', () => {
    expect(openidOf(wechatResidentId('oGZUI0egBJY1'))).toBe('oGZUI0egBJY1');
    expect(openidOf('dev-123e4567-e89b-12d3-a456-426614174000')).toBeUndefined();
  });
});
