import { describe, expect, it } from 'vitest';
import { loadSecrets, withSecrets } from './secrets.ts';

const store: Record<string, unknown> = {
  'arn:aws-cn:secretsmanager:cn-northwest-1:1:secret:SessionSecret-x': { value: 'session-secret-from-secrets-manager-0123456789' },
  'mashang/prod/wechat': { appId: 'wx123', appSecret: 'wechat-secret' },
};
const calls: string[] = [];
const fetch = async (id: string) => {
  calls.push(id);
  if (!(id in store)) throw new Error(`ResourceNotFoundException: ${id}`);
  return store[id];
};

describe('secrets at run time', () => {
  it('reads the session and WeChat secrets named by the environment into a copy of it', async () => {
    const env = { STAGE: 'prod', SESSION_SECRET_ID: 'arn:aws-cn:secretsmanager:cn-northwest-1:1:secret:SessionSecret-x', WECHAT_SECRET_ID: 'mashang/prod/wechat' };
    await loadSecrets(env, fetch);
    const seen = withSecrets(env);
    expect(seen).toMatchObject({ SESSION_SECRET: 'session-secret-from-secrets-manager-0123456789', WECHAT_APP_ID: 'wx123', WECHAT_APP_SECRET: 'wechat-secret', STAGE: 'prod' });
    expect(env).not.toHaveProperty('SESSION_SECRET');
    expect(process.env.WECHAT_APP_SECRET).toBeUndefined();
  });

  it('leaves WeChat unconfigured when its secret is missing, but fails without the session secret', async () => {
    await loadSecrets({ SESSION_SECRET_ID: 'arn:aws-cn:secretsmanager:cn-northwest-1:1:secret:SessionSecret-x', WECHAT_SECRET_ID: 'mashang/dev/wechat' }, fetch);
    expect(withSecrets({})).not.toHaveProperty('WECHAT_APP_SECRET');
    await expect(loadSecrets({ SESSION_SECRET_ID: 'missing' }, fetch)).rejects.toThrow(/ResourceNotFound/);
  });

  it('changes nothing for the local stage, which sets no secret ids', async () => {
    calls.length = 0;
    await loadSecrets({ SESSION_SECRET: 'local-value' }, fetch);
    const env = { SESSION_SECRET: 'local-value' };
    expect(withSecrets(env)).toBe(env);
    expect(calls).toEqual([]);
  });
});
