import { Sha256 } from '@smithy/core/checksum';
import { ServiceException } from '@smithy/core/client';
import {
  booleanSelector,
  CONFIG_PREFIX_SEPARATOR,
  loadConfig,
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  SelectorType,
} from '@smithy/core/config';
import { HttpRequest } from '@smithy/core/protocols';
import { NODE_MAX_ATTEMPT_CONFIG_OPTIONS, StandardRetryStrategy } from '@smithy/core/retry';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, StandardRetryBackoffStrategy } from '@smithy/types';
import { awsHostname, credentialsOf, exchange, retried, type RequestHandler } from './aws-signed.ts';

/**
 * Secrets Manager's GetSecretValue (AWS JSON 1.1: `POST /`, `X-Amz-Target:
 * secretsmanager.GetSecretValue`, body `{"SecretId":…}`), signed by the AWS SDK's own Signature V4
 * signer and sent by its Node HTTP handler, with its standard retry strategy and the default
 * credential chain: all parts the DynamoDB client already loads, so no function loads
 * @aws-sdk/client-secrets-manager or Powertools Parameters (≈20 KB and 2–3 ms of every cold start,
 * issue #9). The request is the one SecretsManagerClient.send builds for the same call, byte for
 * byte, less the SDK's bookkeeping headers (user agent, invocation id, attempt count)
 * (secrets-signed.test.ts signs both with fixed credentials and date).
 *
 * What Powertools Parameters' `getSecret(id, { transform: 'json', maxAge })` gave is kept:
 *  - a cache per secret id: a value is reused for `maxAgeS` seconds after it arrived (failures are
 *    not cached);
 *  - the JSON transform of SecretString; a binary secret (SecretBinary) or a SecretString that is not
 *    JSON is refused with an error naming the secret, never quoting the value;
 *  - retries as the SDK's standard retry strategy (3 attempts, or AWS_MAX_ATTEMPTS): throttling,
 *    5xx and network errors are retried, a client error (AccessDenied, ResourceNotFound) is not.
 *
 * Region and endpoint as the SDK resolves them: the region from AWS_REGION (or the shared config
 * file); the endpoint from `endpoint`, else AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL (or
 * the config file's endpoint_url) unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, else
 * `https://secretsmanager.<region>.amazonaws.com` (`.amazonaws.com.cn` in cn-north-1 and
 * cn-northwest-1). Regions outside the aws (GovCloud included) and aws-cn partitions are refused,
 * and so are FIPS and dual-stack endpoints (AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT):
 * not built, not needed here; refused rather than silently sent to the plain endpoint.
 */

export interface SecretsSignedOptions {
  /** Unset: the SDK's region chain (AWS_REGION in Lambda). */
  region?: string;
  /** A Secrets Manager-compatible endpoint (a local stand-in, tests); unset: as the SDK resolves it. */
  endpoint?: string;
  /** Fixed keys (tests); unset: the default credential chain (Lambda: its role's keys in the environment). */
  credentials?: AwsCredentialIdentity;
  /** The clock for signing and for the cache's age (milliseconds, as Date.now). */
  now?: () => number;
  /** Attempts per call, as the SDK's `maxAttempts`; unset: AWS_MAX_ATTEMPTS or 3. */
  maxAttempts?: number;
  /** How long a value is reused, in seconds (Powertools' `maxAge`). 0: never cached. */
  maxAgeS?: number;
  /** Sends a signed request (tests capture it); the SDK's Node HTTP handler otherwise. */
  requestHandler?: RequestHandler;
  /** The retry strategy's backoff (tests: no wait); the SDK's exponential backoff with jitter otherwise. */
  retryBackoff?: StandardRetryBackoffStrategy;
}

/** Why a secret could not be read: `code` is Secrets Manager's error name (or SecretBinary / NotJson / BadReply); the message names the secret, never its value. */
export class SecretReadError extends Error {
  override readonly name = 'SecretReadError';
  constructor(
    readonly secretId: string,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`secret ${secretId}: ${message}`, options);
  }
}

const SERVICE_ID = 'Secrets Manager';

/** The endpoint configured outside the code, as the SDK reads it (@smithy/core/endpoints' getEndpointFromConfig, for "Secrets Manager"). */
const configuredEndpoint = async (): Promise<string | undefined> => {
  const ignore = await loadConfig<boolean>({
    environmentVariableSelector: (env) => booleanSelector(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', SelectorType.ENV),
    configFileSelector: (profile) => booleanSelector(profile, 'ignore_configured_endpoint_urls', SelectorType.CONFIG),
    default: false,
  })();
  if (ignore) return undefined;
  return loadConfig<string | undefined>({
    environmentVariableSelector: (env) => env[`AWS_ENDPOINT_URL_${SERVICE_ID.toUpperCase().replace(/ /g, '_')}`] || env.AWS_ENDPOINT_URL || undefined,
    configFileSelector: (profile, config) => {
      if (profile.services) {
        const section = config?.[['services', profile.services].join(CONFIG_PREFIX_SEPARATOR)];
        if (!section) throw new Error(`The services section "${profile.services}" specified in the profile is not present in the shared configuration file.`);
        const url = section[[SERVICE_ID.toLowerCase().replace(/ /g, '_'), 'endpoint_url'].join(CONFIG_PREFIX_SEPARATOR)];
        if (url) return url;
      }
      return profile.endpoint_url || undefined;
    },
    default: undefined,
  })();
};

interface Target {
  region: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  retry: StandardRetryStrategy;
}

interface Cached {
  value: Promise<unknown>;
  /** Until when (this.now()) the value is reused; Infinity while it is on its way. */
  until: number;
}

export class SecretsManagerSigned {
  private target: Promise<Target> | undefined;
  private readonly credentials: AwsCredentialIdentityProvider;
  private readonly now: () => number;
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly opts: SecretsSignedOptions = {}) {
    this.credentials = credentialsOf(opts.credentials);
    this.now = opts.now ?? Date.now;
  }

  /** Where requests go and how they are retried, resolved once (the SDK reads the environment and the shared config files). */
  private resolve(): Promise<Target> {
    if (this.target) return this.target;
    const target = (async (): Promise<Target> => {
      const region = this.opts.region ?? (await loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS)());
      const endpoint = this.opts.endpoint ?? (await configuredEndpoint());
      const [fips, dualstack] = await Promise.all([loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS)(), loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS)()]);
      if (fips || dualstack) throw new Error('Secrets Manager: FIPS and dual-stack endpoints are not supported (AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT)');
      const maxAttempts = this.opts.maxAttempts ?? (await loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS)());
      const retry = new StandardRetryStrategy({ maxAttempts, ...(this.opts.retryBackoff ? { backoff: this.opts.retryBackoff } : {}) });
      if (endpoint) {
        const url = new URL(endpoint);
        return { region, retry, protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: `${url.pathname.replace(/\/$/, '')}/` };
      }
      return { region, retry, protocol: 'https:', hostname: awsHostname('secretsmanager', region), path: '/' };
    })();
    this.target = target;
    // A configuration that failed is read again next time (the environment may be fixed).
    target.catch(() => this.target === target && (this.target = undefined));
    return target;
  }

  /**
   * The secret's SecretString parsed as JSON, from the cache when it arrived less than `maxAgeS`
   * ago (Powertools' `getSecret(id, { transform: 'json', maxAge })`).
   */
  async getJson(secretId: string): Promise<unknown> {
    const hit = this.cache.get(secretId);
    if (hit && this.now() < hit.until) return hit.value;
    const entry: Cached = { value: this.fetchJson(secretId), until: Infinity };
    this.cache.set(secretId, entry);
    entry.value.then(
      () => (entry.until = this.now() + (this.opts.maxAgeS ?? 0) * 1000),
      () => this.cache.get(secretId) === entry && this.cache.delete(secretId),
    );
    return entry.value;
  }

  private async fetchJson(secretId: string): Promise<unknown> {
    const text = await this.getSecretString(secretId);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON.parse's message: it quotes the text.
      throw new SecretReadError(secretId, 'NotJson', 'its SecretString is not JSON');
    }
  }

  /** GetSecretValue's SecretString (the current version); a binary secret is refused. */
  async getSecretString(secretId: string): Promise<string> {
    let reply: { SecretString?: unknown; SecretBinary?: unknown };
    try {
      reply = (await this.send(secretId)) as typeof reply;
    } catch (err) {
      if (err instanceof SecretReadError) throw err;
      const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
      const status = e.$metadata?.httpStatusCode;
      throw new SecretReadError(secretId, e.name ?? 'Error', `${e.name ?? 'Error'}${status ? ` (HTTP ${status})` : e.code ? ` (${e.code})` : ''}: ${e.message ?? ''}`, { cause: err });
    }
    if (typeof reply.SecretString === 'string') return reply.SecretString;
    if (reply.SecretBinary !== undefined) throw new SecretReadError(secretId, 'SecretBinary', 'it is binary (SecretBinary); a JSON SecretString is expected');
    throw new SecretReadError(secretId, 'BadReply', 'GetSecretValue answered without a SecretString');
  }

  /** The request for GetSecretValue, as the SDK's AWS JSON 1.1 protocol builds it. */
  private request(t: Target, secretId: string): HttpRequest {
    const body = fromUtf8(JSON.stringify({ SecretId: secretId }));
    return new HttpRequest({
      method: 'POST',
      protocol: t.protocol,
      hostname: t.hostname,
      port: t.port,
      path: t.path,
      query: {},
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
        'content-length': String(body.byteLength),
        host: t.port ? `${t.hostname}:${t.port}` : t.hostname,
      },
      body,
    });
  }

  /** Signs and sends GetSecretValue (signed anew for each attempt), retried as the SDK's standard retry strategy does; an error reply as a ServiceException. */
  private async send(secretId: string): Promise<unknown> {
    const t = await this.resolve();
    return retried(t.retry, 'secretsmanager', () => this.sendOnce(t, secretId), (err) => err instanceof SecretReadError);
  }

  private async sendOnce(t: Target, secretId: string): Promise<unknown> {
    const request = this.request(t, secretId);
    const signer = new SignatureV4({ service: 'secretsmanager', region: t.region, credentials: await this.credentials(), sha256: Sha256 });
    const signed = (await signer.sign(request, { signingDate: new Date(this.now()) })) as HttpRequest;
    const { status, headers, body: bytes } = await exchange(this.opts.requestHandler, signed);
    const text = toUtf8(bytes);
    let body: Record<string, unknown> | undefined;
    try {
      const parsed = text ? (JSON.parse(text) as unknown) : {};
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    const $metadata = { httpStatusCode: status, requestId: headers['x-amzn-requestid'] };
    if (status >= 200 && status < 300) {
      if (!body) throw new SecretReadError(secretId, 'BadReply', `GetSecretValue answered ${status} with a body that is not a JSON object`);
      return body;
    }
    // AWS JSON 1.1 errors: the type in X-Amzn-ErrorType or `__type` (`namespace#Name:extra`), the message in `message` or `Message`.
    const type = headers['x-amzn-errortype'] ?? (typeof body?.__type === 'string' ? body.__type : typeof body?.code === 'string' ? body.code : undefined);
    const name = type ? type.split(':')[0]!.split('#').pop()! : 'UnknownError';
    const message = typeof body?.message === 'string' ? body.message : typeof body?.Message === 'string' ? body.Message : `Secrets Manager answered ${status}`;
    throw new ServiceException({ name, message, $fault: status >= 500 ? 'server' : 'client', $metadata });
  }
}
