import { describe, expect, it } from 'vitest';
import { loadFunctionRoles, readServerlessYml, type Statement } from '../tests/support/iam-grants.ts';

/**
 * Every function reads its secrets at run time (functions/src/app/secrets.ts, GetSecretValue
 * through functions/src/adapters/secrets-signed.ts, before each invocation): each function's role
 * must allow secretsmanager:GetSecretValue on exactly the secrets its environment names: the
 * stack's SessionSecret (by ARN) and `mashang/<stage>/wechat` (by name, so its ARN ends in
 * Secrets Manager's random `-XXXXXX`), and on no other stage's secret. Without the grant the
 * request would only fail in AWS, as AccessDeniedException on every cold start.
 */
const yml = readServerlessYml();
const roles = loadFunctionRoles(yml);
const STAGE = 'prod';

/** An IAM resource pattern (`*`, `?`) as a RegExp, CloudFormation's pseudo parameters and serverless' stage put in. */
function arnPattern(resource: unknown): RegExp | undefined {
  const sub = (resource as { 'Fn::Sub'?: unknown })?.['Fn::Sub'];
  if (typeof sub !== 'string') return undefined;
  const arn = sub
    .replace('${AWS::Partition}', 'aws-cn')
    .replace('${AWS::Region}', 'cn-northwest-1')
    .replace('${AWS::AccountId}', '123456789012')
    .replace('${sls:stage}', STAGE);
  return new RegExp(`^${arn.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

const grants = (statements: Statement[]) =>
  statements.filter((s) => s.Effect === 'Allow' && ([] as string[]).concat(s.Action).some((a) => a === 'secretsmanager:GetSecretValue' || a === 'secretsmanager:*')).flatMap((s) => ([] as unknown[]).concat(s.Resource));

describe("the secrets' grant (serverless.yml RuntimeSecretsPolicy)", () => {
  it('the environment names the two secrets by the stage parameters, the session secret being the stack\'s own', () => {
    expect(yml.provider.environment).toMatchObject({ SESSION_SECRET_ID: '${param:sessionSecretId}', WECHAT_SECRET_ID: '${param:wechatSecretId}' });
    expect(yml.params.default).toMatchObject({ sessionSecretId: { Ref: 'SessionSecret' }, wechatSecretId: 'mashang/${sls:stage}/wechat' });
    expect(yml.resources.Resources.SessionSecret.Type).toBe('AWS::SecretsManager::Secret');
    // The local stage names none (plain values; nothing is read from Secrets Manager).
    expect(yml.params.local).toMatchObject({ sessionSecretId: '', wechatSecretId: '' });
  });

  it.each([...roles.keys()])('%s: its role may GetSecretValue on the session secret and on this stage\'s WeChat secret, and on no other stage\'s', (fn) => {
    const resources = grants(roles.get(fn)!.statements);
    expect(resources).toContainEqual({ Ref: 'SessionSecret' });
    const patterns = resources.map(arnPattern).filter((p): p is RegExp => p !== undefined);
    // The ARN Secrets Manager gives a secret created by name: the name, '-', six random characters.
    expect(patterns.some((p) => p.test(`arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:mashang/${STAGE}/wechat-AbCdEf`))).toBe(true);
    expect(patterns.some((p) => p.test('arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:mashang/dev/wechat-AbCdEf'))).toBe(false);
    expect(patterns.some((p) => p.test(`arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:mashang/${STAGE}/other-AbCdEf`))).toBe(false);
  });

  it('grants nothing else of Secrets Manager', () => {
    for (const [fn, { statements }] of roles) {
      const actions = statements.flatMap((s) => ([] as string[]).concat(s.Action)).filter((a) => a.startsWith('secretsmanager:'));
      expect(new Set(actions), fn).toEqual(new Set(['secretsmanager:GetSecretValue']));
    }
  });
});
