/**
 * Secrets read at run time from Secrets Manager and cached (functions/src/adapters/secrets-signed.ts:
 * GetSecretValue signed with the SDK parts the DynamoDB client already loads, without the Secrets
 * Manager client or Powertools Parameters), so that
 * no secret value sits in a function's configuration. The environment carries only the
 * secrets' ids:
 *
 *  - SESSION_SECRET_ID: the stack's SessionSecret (`{"value": "…"}`) → SESSION_SECRET
 *  - WECHAT_SECRET_ID: `mashang/<stage>/wechat` (`{"appId": "wx…", "appSecret": "…"}`) →
 *    WECHAT_APP_ID, WECHAT_APP_SECRET
 *
 * The local stage sets no ids and keeps SESSION_SECRET / WECHAT_* as plain values.
 * `loadSecrets()` runs before every invocation (functions/src/http/observe.ts); within
 * SECRET_MAX_AGE_S it is answered from memory. The runtime builders read the values through
 * `withSecrets(env)`, which returns a copy: process.env is never written.
 */
import { SecretsManagerSigned } from '../adapters/secrets-signed.ts';

/** How long a fetched secret is reused before Secrets Manager is asked again. */
export const SECRET_MAX_AGE_S = 300;

type Fetch = (id: string) => Promise<unknown>;
let secretsManager: SecretsManagerSigned | undefined;
/** The secret's SecretString as JSON, cached for SECRET_MAX_AGE_S (the region, endpoint and credentials as the SDK resolves them). */
const fetchFromSecretsManager: Fetch = (id) => (secretsManager ??= new SecretsManagerSigned({ maxAgeS: SECRET_MAX_AGE_S })).getJson(id);

let loaded: Record<string, string> = {};

/** Fetches (or takes from the cache) the secrets named by the environment. A missing WeChat secret leaves WeChat unconfigured; a missing session secret fails. */
export async function loadSecrets(env: NodeJS.ProcessEnv = process.env, fetch: Fetch = fetchFromSecretsManager): Promise<void> {
  const next: Record<string, string> = {};
  const [session, wechat] = await Promise.all([
    env.SESSION_SECRET_ID ? fetch(env.SESSION_SECRET_ID) : undefined,
    env.WECHAT_SECRET_ID ? fetch(env.WECHAT_SECRET_ID).catch(() => undefined) : undefined,
  ]);
  if (env.SESSION_SECRET_ID) {
    const value = (session as { value?: unknown } | undefined)?.value;
    if (typeof value !== 'string' || !value) throw new Error(`secret ${env.SESSION_SECRET_ID} has no "value"`);
    next.SESSION_SECRET = value;
  }
  const w = wechat as { appId?: unknown; appSecret?: unknown } | undefined;
  if (typeof w?.appId === 'string' && typeof w.appSecret === 'string') {
    next.WECHAT_APP_ID = w.appId;
    next.WECHAT_APP_SECRET = w.appSecret;
  }
  loaded = next;
}

/** The environment with the loaded secrets' values added (a copy; the input is not changed). */
export function withSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.keys(loaded).length ? { ...env, ...loaded } : env;
}
