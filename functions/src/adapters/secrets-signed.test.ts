import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { HttpRequest } from '@smithy/core/protocols';
import type { HttpResponse } from '@smithy/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { capturing, withoutBookkeeping } from '../../../tests/support/sdk-capture.ts';
import { SecretReadError, SecretsManagerSigned, type SecretsSignedOptions } from './secrets-signed.ts';

/**
 * ./secrets-signed.ts against the AWS SDK itself (its GetSecretValue request, byte for byte, with
 * the same credentials and signing date; its reading of Secrets Manager's error replies), then
 * against a local server on 127.0.0.1 answering with the reply shapes of Secrets Manager's
 * documentation (fixtures/secretsmanager): SecretString, SecretBinary, errors, retries, the cache.
 */
const SIGNED_AT = Date.UTC(2026, 11, 1, 2, 30, 7);
const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token+/=' };
const IDS = ['arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:mashang-prod-SessionSecret-AbCdEf', 'mashang/prod/wechat'];
const fixture = (name: string) => readFileSync(new URL(`./fixtures/secretsmanager/${name}.json`, import.meta.url), 'utf8');

const places = [
  { name: 'cn-northwest-1', region: 'cn-northwest-1', host: 'secretsmanager.cn-northwest-1.amazonaws.com.cn' },
  { name: 'cn-north-1', region: 'cn-north-1', host: 'secretsmanager.cn-north-1.amazonaws.com.cn' },
  { name: 'eu-west-1', region: 'eu-west-1', host: 'secretsmanager.eu-west-1.amazonaws.com' },
  { name: 'us-gov-west-1', region: 'us-gov-west-1', host: 'secretsmanager.us-gov-west-1.amazonaws.com' },
  { name: 'a custom endpoint', region: 'cn-northwest-1', endpoint: 'http://127.0.0.1:4566', host: '127.0.0.1:4566' },
] as const;
type Place = (typeof places)[number];
const endpointOf = (p: Place) => ('endpoint' in p ? p.endpoint : undefined);
type Creds = typeof creds | Omit<typeof creds, 'sessionToken'>;

const okReply = (): Partial<HttpResponse> => ({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: Readable.from([Buffer.from(fixture('get-secret-value'))]) });

/** The SDK's client; its requests are captured, not sent, and answered with `answer`. */
function sdkClient(config: { region?: string; endpoint?: string; credentials?: Creds; maxAttempts?: number }, captured: HttpRequest[] = [], answer: () => Partial<HttpResponse> = okReply) {
  // The SDK's bookkeeping headers, which secrets-signed.ts does not send, are taken off before it signs.
  return withoutBookkeeping(new SecretsManagerClient({ ...config, requestHandler: capturing(captured, answer) }));
}

function ours(opts: SecretsSignedOptions, captured: HttpRequest[] = [], answer: () => Partial<HttpResponse> = okReply) {
  return new SecretsManagerSigned({ now: () => SIGNED_AT, ...opts, requestHandler: capturing(captured, answer) });
}

/** What a signed request sends: the parts that reach Secrets Manager, the body as bytes. */
const wire = (r: HttpRequest) => ({
  method: r.method,
  protocol: r.protocol,
  hostname: r.hostname,
  port: r.port,
  path: r.path,
  query: r.query,
  headers: r.headers,
  body: (typeof r.body === 'string' ? Buffer.from(r.body) : Buffer.from((r.body as Uint8Array).buffer, (r.body as Uint8Array).byteOffset, (r.body as Uint8Array).byteLength)).toString('hex'),
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe.each(places)('GetSecretValue signed without the Secrets Manager client, as the SDK signs it: $name', (place) => {
  it.each([
    ['with a session token (a Lambda role)', creds],
    ['with long-term keys', { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }],
  ])('the same signed request (method, URL, headers, JSON body) as SecretsManagerClient.send, %s', async (_label, credentials) => {
    vi.useFakeTimers({ toFake: ['Date'], now: SIGNED_AT });
    const sdk: HttpRequest[] = [];
    const mine: HttpRequest[] = [];
    for (const id of IDS) {
      const out = await sdkClient({ region: place.region, endpoint: endpointOf(place), credentials }, sdk).send(new GetSecretValueCommand({ SecretId: id }));
      const text = await ours({ region: place.region, endpoint: endpointOf(place), credentials }, mine).getSecretString(id);
      expect(text).toBe(out.SecretString);
    }
    expect(mine.map(wire)).toEqual(sdk.map(wire));
    expect(mine[0]!.hostname + (mine[0]!.port ? `:${mine[0]!.port}` : '')).toBe(place.host);
    expect(mine[0]!.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/${place.region}/secretsmanager/aws4_request, ` +
          `SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;${'sessionToken' in credentials ? 'x-amz-security-token;' : ''}x-amz-target, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(Buffer.from(mine[1]!.body as Uint8Array).toString('utf8')).toBe('{"SecretId":"mashang/prod/wechat"}');
  });
});

describe('region and endpoint as the SDK resolves them from the environment', () => {
  it('AWS_REGION (as in Lambda): the same request as the SDK without a region in its config', async () => {
    vi.stubEnv('AWS_REGION', 'cn-north-1');
    vi.useFakeTimers({ toFake: ['Date'], now: SIGNED_AT });
    const sdk: HttpRequest[] = [];
    const mine: HttpRequest[] = [];
    await sdkClient({ credentials: creds }, sdk).send(new GetSecretValueCommand({ SecretId: IDS[1] }));
    await ours({ credentials: creds }, mine).getSecretString(IDS[1]!);
    expect(mine.map(wire)).toEqual(sdk.map(wire));
    expect(mine[0]!.hostname).toBe('secretsmanager.cn-north-1.amazonaws.com.cn');
  });

  it.each([
    ['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'http://127.0.0.1:4566'],
    ['AWS_ENDPOINT_URL', 'http://localhost:4599'],
  ])('%s: the same request as the SDK sends to that endpoint', async (name, url) => {
    vi.stubEnv(name, url);
    vi.useFakeTimers({ toFake: ['Date'], now: SIGNED_AT });
    const sdk: HttpRequest[] = [];
    const mine: HttpRequest[] = [];
    await sdkClient({ region: 'cn-northwest-1', credentials: creds }, sdk).send(new GetSecretValueCommand({ SecretId: IDS[0] }));
    await ours({ region: 'cn-northwest-1', credentials: creds }, mine).getSecretString(IDS[0]!);
    expect(mine.map(wire)).toEqual(sdk.map(wire));
    expect(`${mine[0]!.protocol}//${mine[0]!.hostname}:${mine[0]!.port}`).toBe(url);
    // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: the region's endpoint again.
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'true');
    await ours({ region: 'cn-northwest-1', credentials: creds }, mine).getSecretString(IDS[0]!);
    expect(mine[1]!.hostname).toBe('secretsmanager.cn-northwest-1.amazonaws.com.cn');
  });

  it('refuses FIPS and dual-stack endpoints (not built) and regions outside the aws and aws-cn partitions, naming why', async () => {
    vi.stubEnv('AWS_USE_FIPS_ENDPOINT', 'true');
    await expect(ours({ region: 'us-east-1', credentials: creds }).getSecretString('x')).rejects.toThrow(/FIPS and dual-stack/);
    vi.stubEnv('AWS_USE_FIPS_ENDPOINT', 'false');
    vi.stubEnv('AWS_USE_DUALSTACK_ENDPOINT', 'true');
    await expect(ours({ region: 'cn-northwest-1', credentials: creds }).getSecretString('x')).rejects.toThrow(/FIPS and dual-stack/);
    vi.stubEnv('AWS_USE_DUALSTACK_ENDPOINT', 'false');
    for (const region of ['us-iso-east-1', 'eusc-de-east-1', 'not a region']) {
      await expect(ours({ region, credentials: creds }).getSecretString('x'), region).rejects.toThrow(/not one of the aws or aws-cn partitions/);
    }
  });
});

describe('configuration read once, and again after it failed', () => {
  it('a refused configuration is read again on the next call (the environment fixed), a good one is kept', async () => {
    const sent: HttpRequest[] = [];
    const c = ours({ credentials: creds }, sent);
    vi.stubEnv('AWS_REGION', 'us-iso-east-1');
    await expect(c.getSecretString('x')).rejects.toThrow(/partitions/);
    vi.stubEnv('AWS_REGION', 'cn-north-1');
    await c.getSecretString('x');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    await c.getSecretString('x');
    expect(sent.map((r) => r.hostname)).toEqual(['secretsmanager.cn-north-1.amazonaws.com.cn', 'secretsmanager.cn-north-1.amazonaws.com.cn']);
  });
});

describe("Secrets Manager's error replies, read as the SDK reads them", () => {
  const reply = (status: number, name: string) => () => ({
    statusCode: status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': '7f1b0a5e-0000-4c1e-9e55-EXAMPLE' },
    body: Readable.from([Buffer.from(fixture(name))]),
  });
  it.each([
    [400, 'resource-not-found', 'ResourceNotFoundException'],
    [400, 'access-denied', 'AccessDeniedException'],
    [400, 'throttling', 'ThrottlingException'],
    [500, 'internal-service-error', 'InternalServiceError'],
  ])('%i %s: the same error name, fault, status, request id and message as the SDK', async (status, name, code) => {
    const sdkErr = (await sdkClient({ region: 'cn-northwest-1', credentials: creds, maxAttempts: 1 }, [], reply(status, name))
      .send(new GetSecretValueCommand({ SecretId: IDS[1] }))
      .catch((e: unknown) => e)) as { name: string; message: string; $fault: string; $metadata: { httpStatusCode: number; requestId: string } };
    const err = (await ours({ region: 'cn-northwest-1', credentials: creds, maxAttempts: 1 }, [], reply(status, name))
      .getSecretString(IDS[1]!)
      .catch((e: unknown) => e)) as SecretReadError;
    expect(err).toBeInstanceOf(SecretReadError);
    expect(err).toMatchObject({ code: code, secretId: IDS[1] });
    expect(sdkErr.name).toBe(code);
    const cause = err.cause as typeof sdkErr;
    expect({ name: cause.name, message: cause.message, $fault: cause.$fault, status: cause.$metadata.httpStatusCode, requestId: cause.$metadata.requestId }).toEqual({
      name: sdkErr.name,
      message: sdkErr.message,
      $fault: sdkErr.$fault,
      status: sdkErr.$metadata.httpStatusCode,
      requestId: sdkErr.$metadata.requestId,
    });
    expect(err.message).toBe(`secret ${IDS[1]}: ${code} (HTTP ${status}): ${sdkErr.message}`);
  });
});

/** A stand-in for Secrets Manager on 127.0.0.1: answers each request with the next queued reply (the last repeats); `reset` drops the connection. */
type Reply = { status: number; body: string } | 'reset';
class LocalSecretsManager {
  readonly requests: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  private replies: Reply[] = [];
  private server: Server | undefined;
  url = '';

  answer(...replies: Reply[]): this {
    this.replies = replies;
    this.requests.length = 0;
    return this;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const reply = this.replies.length > 1 ? this.replies.shift()! : this.replies[0]!;
        if (reply === 'reset') {
          req.socket.destroy();
          return;
        }
        res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': `req-${this.requests.length}` }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('against a local Secrets Manager on 127.0.0.1 (recorded reply shapes)', () => {
  const server = new LocalSecretsManager();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  const ok = { status: 200, body: fixture('get-secret-value') };
  const err = (status: number, name: string) => ({ status, body: fixture(name) });
  /** The retry backoff's delay base per retry (the SDK: 1000 ms for throttling, 50 ms otherwise), and no wait. */
  const bases: number[] = [];
  const backoff = { setDelayBase: (ms: number) => void bases.push(ms), computeNextBackoffDelay: () => 0 };
  let clock = SIGNED_AT;
  const client = (opts: SecretsSignedOptions = {}) => new SecretsManagerSigned({ region: 'cn-northwest-1', endpoint: server.url, credentials: creds, now: () => clock, retryBackoff: backoff, maxAgeS: 300, ...opts });
  beforeEach(() => {
    bases.length = 0;
    clock = SIGNED_AT;
  });

  it('SecretString JSON: parsed; the request is a signed POST / of AWS JSON 1.1 with the secret id', async () => {
    server.answer(ok);
    expect(await client().getJson('mashang/prod/wechat')).toEqual({ appId: 'wx0123456789abcdef', appSecret: 'EXAMPLE-wechat-app-secret-0123456789' });
    expect(server.requests).toHaveLength(1);
    const [r] = server.requests;
    expect(r).toMatchObject({ method: 'POST', url: '/', body: '{"SecretId":"mashang/prod/wechat"}' });
    expect(r!.headers).toMatchObject({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue', 'x-amz-security-token': creds.sessionToken, 'x-amz-date': '20261201T023007Z' });
    expect(r!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261201\/cn-northwest-1\/secretsmanager\/aws4_request, /);
  });

  it.each([
    ['a binary secret (SecretBinary)', 'get-secret-value-binary', 'SecretBinary', /is binary/, 'EXAMPLE-binary-secret'],
    ['a SecretString that is not JSON', 'get-secret-value-not-json', 'NotJson', /is not JSON/, 'EXAMPLE-plain-text-secret-value'],
  ])('%s: a clear error naming the secret, never its value; not retried', async (_label, name, code, message, value) => {
    server.answer({ status: 200, body: fixture(name) });
    const e = (await client().getJson('mashang/prod/wechat').catch((x: unknown) => x)) as SecretReadError;
    expect(e).toBeInstanceOf(SecretReadError);
    expect(e).toMatchObject({ code, secretId: 'mashang/prod/wechat' });
    expect(e.message).toMatch(message);
    expect(e.message).toContain('mashang/prod/wechat');
    expect(`${e.message}\n${e.stack}\n${JSON.stringify(e)}`).not.toContain(value);
    expect(server.requests).toHaveLength(1);
  });

  it('ResourceNotFoundException: fails at once, naming the secret', async () => {
    server.answer(err(400, 'resource-not-found'), ok);
    await expect(client().getJson('mashang/prod/missing')).rejects.toThrow(/^secret mashang\/prod\/missing: ResourceNotFoundException \(HTTP 400\): Secrets Manager can't find the specified secret\.$/);
    expect(server.requests).toHaveLength(1);
  });

  it('AccessDeniedException: not retried (a client error)', async () => {
    server.answer(err(400, 'access-denied'), ok);
    const e = (await client().getJson('mashang/prod/wechat').catch((x: unknown) => x)) as SecretReadError;
    expect(e).toMatchObject({ code: 'AccessDeniedException', secretId: 'mashang/prod/wechat' });
    expect(server.requests).toHaveLength(1);
    expect(bases).toEqual([]);
  });

  it("ThrottlingException then success: retried after the SDK's throttling backoff, each attempt signed anew", async () => {
    server.answer(err(400, 'throttling'), ok);
    // A clock that moves one second each time it is read: each attempt is signed at its own time.
    let tick = SIGNED_AT - 1000;
    expect(await client({ now: () => (tick += 1000) }).getJson('mashang/prod/wechat')).toMatchObject({ appId: 'wx0123456789abcdef' });
    expect(server.requests).toHaveLength(2);
    expect(bases).toEqual([1000]);
    expect(server.requests.map((r) => r.headers['x-amz-date'])).toEqual(['20261201T023007Z', '20261201T023008Z']);
    expect(server.requests[0]!.headers.authorization).not.toBe(server.requests[1]!.headers.authorization);
  });

  it('500 then success: retried after the transient backoff', async () => {
    server.answer(err(500, 'internal-service-error'), ok);
    expect(await client().getJson('mashang/prod/wechat')).toMatchObject({ appId: 'wx0123456789abcdef' });
    expect(server.requests).toHaveLength(2);
    expect(bases).toEqual([50]);
  });

  it('a dropped connection then success: retried (a network error)', async () => {
    server.answer('reset', ok);
    expect(await client().getJson('mashang/prod/wechat')).toMatchObject({ appId: 'wx0123456789abcdef' });
    expect(server.requests).toHaveLength(2);
    expect(bases).toEqual([50]);
  });

  it('500 every time: 3 attempts in all, as the SDK; AWS_MAX_ATTEMPTS=1: one', async () => {
    server.answer(err(500, 'internal-service-error'));
    await expect(client().getJson('a')).rejects.toMatchObject({ code: 'InternalServiceError', secretId: 'a' });
    expect(server.requests).toHaveLength(3);
    vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
    server.answer(err(500, 'internal-service-error'));
    await expect(client().getJson('a')).rejects.toMatchObject({ code: 'InternalServiceError' });
    expect(server.requests).toHaveLength(1);
  });

  it('a refused connection: retried, then an error naming the secret and the network code', async () => {
    const closed = client({ endpoint: 'http://127.0.0.1:1' });
    const e = (await closed.getJson('mashang/prod/wechat').catch((x: unknown) => x)) as SecretReadError;
    expect(e).toBeInstanceOf(SecretReadError);
    expect(e.message).toMatch(/^secret mashang\/prod\/wechat: .*ECONNREFUSED/);
    expect(bases).toEqual([50, 50]);
  });

  describe('the cache (maxAge, as Powertools)', () => {
    it('a second read within maxAge makes no request; after maxAge it does', async () => {
      server.answer(ok);
      const c = client({ maxAgeS: 300 });
      const first = await c.getJson('mashang/prod/wechat');
      clock += 299_999;
      expect(await c.getJson('mashang/prod/wechat')).toEqual(first);
      expect(server.requests).toHaveLength(1);
      clock += 1;
      expect(await c.getJson('mashang/prod/wechat')).toEqual(first);
      expect(server.requests).toHaveLength(2);
      // Each secret has its own entry.
      await c.getJson('mashang/prod/other');
      expect(server.requests).toHaveLength(3);
    });

    it('concurrent reads share one request; a failure is not cached', async () => {
      server.answer(err(400, 'access-denied'), ok);
      const c = client();
      const both = await Promise.allSettled([c.getJson('s'), c.getJson('s')]);
      expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(server.requests).toHaveLength(1);
      expect(await c.getJson('s')).toMatchObject({ appId: 'wx0123456789abcdef' });
      expect(server.requests).toHaveLength(2);
      await c.getJson('s');
      expect(server.requests).toHaveLength(2);
    });

    it('maxAge 0: every read asks', async () => {
      server.answer(ok);
      const c = client({ maxAgeS: 0 });
      await c.getJson('s');
      await c.getJson('s');
      expect(server.requests).toHaveLength(2);
    });
  });
});
