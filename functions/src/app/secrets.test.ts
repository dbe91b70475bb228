import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('secrets at run time, from Secrets Manager (a local stand-in on 127.0.0.1)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('with no fetch given: GetSecretValue signed with the environment\'s region and keys, cached for SECRET_MAX_AGE_S, errors naming the secret', async () => {
    const secrets: Record<string, string> = {
      'arn:aws-cn:secretsmanager:cn-northwest-1:1:secret:SessionSecret-x': JSON.stringify({ value: 'session-secret-from-the-stand-in-0123456789' }),
      'mashang/prod/wechat': JSON.stringify({ appId: 'wx456', appSecret: 'wechat-secret-from-the-stand-in' }),
    };
    const seen: { target?: string; authorization?: string; id: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const id = (JSON.parse(body) as { SecretId: string }).SecretId;
        seen.push({ target: req.headers['x-amz-target'] as string, authorization: req.headers.authorization, id });
        const headers = { 'content-type': 'application/x-amz-json-1.1' };
        if (id in secrets) res.writeHead(200, headers).end(JSON.stringify({ ARN: id, Name: id, SecretString: secrets[id], VersionStages: ['AWSCURRENT'] }));
        else res.writeHead(400, headers).end(JSON.stringify({ __type: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      vi.stubEnv('AWS_REGION', 'cn-northwest-1');
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
      vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const env = { SESSION_SECRET_ID: 'arn:aws-cn:secretsmanager:cn-northwest-1:1:secret:SessionSecret-x', WECHAT_SECRET_ID: 'mashang/prod/wechat' };
      await loadSecrets(env);
      expect(withSecrets({})).toEqual({ SESSION_SECRET: 'session-secret-from-the-stand-in-0123456789', WECHAT_APP_ID: 'wx456', WECHAT_APP_SECRET: 'wechat-secret-from-the-stand-in' });
      expect(seen.map((s) => s.id).sort()).toEqual([env.SESSION_SECRET_ID, env.WECHAT_SECRET_ID].sort());
      expect(seen.every((s) => s.target === 'secretsmanager.GetSecretValue' && /Credential=AKIDEXAMPLE\/\d{8}\/cn-northwest-1\/secretsmanager\/aws4_request/.test(s.authorization ?? ''))).toBe(true);
      // The next invocations within SECRET_MAX_AGE_S: from memory.
      await loadSecrets(env);
      expect(seen).toHaveLength(2);
      // A session secret that is missing: the error names it (and is not cached: asked again next time).
      await expect(loadSecrets({ SESSION_SECRET_ID: 'mashang/prod/missing' })).rejects.toThrow(/^secret mashang\/prod\/missing: ResourceNotFoundException/);
      await expect(loadSecrets({ SESSION_SECRET_ID: 'mashang/prod/missing' })).rejects.toThrow(/ResourceNotFoundException/);
      expect(seen).toHaveLength(4);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
