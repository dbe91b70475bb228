import { formatUrl } from '@aws-sdk/core/util';
import { Crc32, Sha256 } from '@smithy/core/checksum';
import { ServiceException } from '@smithy/core/client';
import { extendedEncodeURIComponent, HttpRequest } from '@smithy/core/protocols';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { fromUtf8, toBase64 } from '@smithy/core/serde';
import { createScope, SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { awsHostname, credentialsOf, exchange, retried, type RawReply, type RequestHandler } from './aws-signed.ts';

/**
 * The four S3 operations the photo storage uses (./storage.ts), signed by the AWS SDK's own
 * Signature V4 signer (@smithy/signature-v4) and sent by its Node HTTP handler, with its
 * standard retry strategy and the default credential chain: all parts the DynamoDB client
 * already loads, so a function that handles photos no longer loads @aws-sdk/client-s3 and its
 * presigners (≈140 KB of AWS code, issue #9). Each request is the one the SDK builds for the
 * same call, byte for byte (s3-signed.test.ts signs both with fixed credentials and date):
 *   - presignPost: @aws-sdk/s3-presigned-post's createPresignedPost (fields, policy, signature);
 *   - presignGet: @aws-sdk/s3-request-presigner's getSignedUrl of a GetObject;
 *   - getObject (with a Range) and putObjectTagging: S3Client.send of GetObjectCommand /
 *     PutObjectTaggingCommand, without the SDK's bookkeeping headers (user agent, invocation id,
 *     attempt count) and, for GetObject, without asking for response checksums (a ranged read
 *     has none to check).
 * Errors are the SDK's kind (ServiceException: `name` is S3's error code, `$metadata.httpStatusCode`).
 *
 * Endpoints: virtual-hosted style (`https://<bucket>.s3.<region>.amazonaws.com`, `.com.cn` in
 * China), or path style against a configured endpoint (the local stand-in, infra/s3-local.ts).
 * A bucket name that cannot be a host label, or a region outside the aws and aws-cn partitions,
 * is refused when the client is made.
 */

export interface S3SignedOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint, addressed path-style (the local stand-in); unset in AWS. */
  endpoint?: string;
  /** Fixed keys (the local stand-in); unset in AWS: the default credential chain (Lambda: its role's keys in the environment). */
  credentials?: AwsCredentialIdentity;
  /** The signing clock. */
  now?: () => number;
  /** Attempts per call, as the SDK's `maxAttempts`. */
  maxAttempts?: number;
  /** Sends a signed request (tests capture it); the SDK's Node HTTP handler otherwise. */
  requestHandler?: RequestHandler;
}

/** What an object read answered. */
export interface S3ObjectRead {
  body: Uint8Array;
  contentType?: string;
  contentLength?: number;
  contentRange?: string;
}

/** A presigned POST's form: where to post, and the fields that go before the file. */
export interface S3PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** S3's own rule for a bucket addressed virtual-hosted over HTTPS: one DNS label of 3–63 lowercase letters, digits and hyphens. */
const DNS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const tagXml = (tags: Record<string, string>) =>
  `<?xml version="1.0" encoding="UTF-8"?><Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>${Object.entries(tags)
    .map(([k, v]) => `<Tag><Key>${xmlEscape(k)}</Key><Value>${xmlEscape(v)}</Value></Tag>`)
    .join('')}</TagSet></Tagging>`;
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const xmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export class S3Signed {
  private readonly target: { protocol: string; hostname: string; port?: number; basePath: string };
  private readonly credentials: AwsCredentialIdentityProvider;
  private readonly now: () => number;
  private readonly retry: StandardRetryStrategy;

  constructor(private readonly opts: S3SignedOptions) {
    if (!DNS_BUCKET.test(opts.bucket)) throw new Error(`S3 bucket name "${opts.bucket}" is not DNS-compatible (3–63 lowercase letters, digits and hyphens)`);
    if (opts.endpoint) {
      const url = new URL(opts.endpoint);
      this.target = { protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, basePath: `${url.pathname.replace(/\/$/, '')}/${opts.bucket}` };
    } else {
      this.target = { protocol: 'https:', hostname: awsHostname(`${opts.bucket}.s3`, opts.region), basePath: '' };
    }
    this.credentials = credentialsOf(opts.credentials);
    this.now = opts.now ?? Date.now;
    this.retry = new StandardRetryStrategy(opts.maxAttempts ?? 3);
  }

  private signer(credentials: AwsCredentialIdentity): SignatureV4 {
    // As the SDK's S3 signer: paths escaped once (S3 keys are escaped by the request builder), payload hash header.
    return new SignatureV4({ service: 's3', region: this.opts.region, credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: true });
  }

  /** The request for an object (`/<key>` virtual-hosted, `/<bucket>/<key>` path style), keys escaped as the SDK does. */
  private request(method: string, key: string, init: { query?: Record<string, string>; headers?: Record<string, string>; body?: string } = {}): HttpRequest {
    const { protocol, hostname, port, basePath } = this.target;
    return new HttpRequest({
      method,
      protocol,
      hostname,
      port,
      path: `${basePath}/${key.split('/').map(extendedEncodeURIComponent).join('/')}`,
      query: init.query ?? {},
      headers: { ...init.headers, host: port ? `${hostname}:${port}` : hostname },
      body: init.body,
    });
  }

  /** A presigned POST policy for `key`: `conditions` and `fields` as createPresignedPost takes them. */
  async presignPost(input: { key: string; conditions: unknown[]; fields: Record<string, string>; expiresInSeconds: number }): Promise<S3PresignedPost> {
    const now = new Date(this.now());
    const signingDate = iso8601(now).replace(/[-:]/g, '');
    const credentials = await this.credentials();
    const fields: Record<string, string> = {
      ...input.fields,
      bucket: this.opts.bucket,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `${credentials.accessKeyId}/${createScope(signingDate.slice(0, 8), this.opts.region, 's3')}`,
      'X-Amz-Date': signingDate,
      ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
    };
    const conditions = [...new Set([...input.conditions, ...Object.entries(fields).map(([k, v]) => ({ [k]: v })), { key: input.key }].map((c) => JSON.stringify(c)))].map(
      (c) => JSON.parse(c) as unknown,
    );
    const policy = toBase64(fromUtf8(JSON.stringify({ expiration: iso8601(new Date(now.valueOf() + input.expiresInSeconds * 1000)), conditions })));
    // The policy's signature: HMAC-SHA256 of the base64 policy under the day's signing key (a string to sign, for SigV4).
    const signature = await this.signer(credentials).sign(policy, { signingDate: now });
    const { protocol, hostname, port, basePath } = this.target;
    return { url: formatUrl({ protocol, hostname, port, path: basePath || '/' }), fields: { ...fields, key: input.key, Policy: policy, 'X-Amz-Signature': signature } };
  }

  /** A GET link for `key`, valid `expiresInSeconds` from now. */
  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    const request = this.request('GET', key, {
      query: { 'x-id': 'GetObject' },
      headers: { 'x-amz-checksum-mode': 'ENABLED', 'X-Amz-Content-Sha256': UNSIGNED_PAYLOAD },
    });
    const presigned = await this.signer(await this.credentials()).presign(request, {
      expiresIn: expiresInSeconds,
      signingDate: new Date(this.now()),
      unsignableHeaders: new Set(['content-type']),
      unhoistableHeaders: new Set(),
    });
    return formatUrl(presigned);
  }

  /** GetObject, with a `Range` header when given. */
  async getObject(key: string, range?: string): Promise<S3ObjectRead> {
    const res = await this.send(() => this.request('GET', key, { query: { 'x-id': 'GetObject' }, headers: range ? { range } : {} }));
    const length = res.headers['content-length'];
    return { body: res.body, contentType: res.headers['content-type'], contentLength: length === undefined ? undefined : Number(length), contentRange: res.headers['content-range'] };
  }

  /** PutObjectTagging: replaces the object's tag set with `tags`. */
  async putObjectTagging(key: string, tags: Record<string, string>): Promise<void> {
    const body = tagXml(tags);
    const crc = new Crc32();
    crc.update(fromUtf8(body));
    const checksum = toBase64(await crc.digest());
    await this.send(() =>
      this.request('PUT', key, {
        query: { tagging: '' },
        headers: {
          'content-type': 'application/xml',
          'content-length': String(Buffer.byteLength(body)),
          // S3 requires an integrity checksum on PutObjectTagging; the SDK's default is CRC32.
          'x-amz-sdk-checksum-algorithm': 'CRC32',
          'x-amz-checksum-crc32': checksum,
        },
        body,
      }),
    );
  }

  /** Signs and sends a request (made anew for each attempt), retried as the SDK's standard retry strategy does; S3's error as a ServiceException. */
  private send(make: () => HttpRequest): Promise<RawReply> {
    return retried(this.retry, 's3', () => this.sendOnce(make()));
  }

  private async sendOnce(request: HttpRequest): Promise<RawReply> {
    const signed = await this.signer(await this.credentials()).sign(request, { signingDate: new Date(this.now()) });
    const reply = await exchange(this.opts.requestHandler, signed as HttpRequest);
    const { status, headers, body } = reply;
    if (status >= 200 && status < 300) return reply;
    const xml = Buffer.from(body).toString('utf8');
    const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(xml)?.[1];
    throw new ServiceException({
      name: code ? xmlText(code) : status === 404 ? 'NotFound' : 'UnknownError',
      message: message ? xmlText(message) : `S3 answered ${status}`,
      $fault: status >= 500 ? 'server' : 'client',
      $metadata: { httpStatusCode: status, requestId: headers['x-amz-request-id'], extendedRequestId: headers['x-amz-id-2'] },
    });
  }
}
