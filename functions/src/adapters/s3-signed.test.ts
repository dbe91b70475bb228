import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { HttpRequest } from '@smithy/core/protocols';
import type { HttpResponse } from '@smithy/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capturing, withoutBookkeeping } from '../../../tests/support/sdk-capture.ts';
import { S3Signed } from './s3-signed.ts';
import { S3PhotoStorage, UNATTACHED_TAGGING } from './storage.ts';

/**
 * ./s3-signed.ts against the AWS SDK itself: with the same credentials and signing date, its
 * presigned POST and GET are the ones @aws-sdk/s3-presigned-post and @aws-sdk/s3-request-presigner
 * make, byte for byte, and its GetObject / PutObjectTagging requests are the ones S3Client.send
 * signs (captured by a request handler), less the SDK's bookkeeping headers; in China regions,
 * another region and against a custom endpoint (path style).
 */
const SIGNED_AT = Date.UTC(2026, 10, 30, 12, 0, 7);
const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token+/=' };
const BUCKET = 'mashang-photos-prod';
const KEYS = ['p/abc123/0f8fad5b-d9cb-469f-a165-70867728950e.jpg', "p/a b+c/(1)~!'*&=.jpg"];

const places = [
  { name: 'cn-northwest-1', region: 'cn-northwest-1', host: `${BUCKET}.s3.cn-northwest-1.amazonaws.com.cn` },
  { name: 'cn-north-1', region: 'cn-north-1', host: `${BUCKET}.s3.cn-north-1.amazonaws.com.cn` },
  { name: 'eu-west-1', region: 'eu-west-1', host: `${BUCKET}.s3.eu-west-1.amazonaws.com` },
  { name: 'a custom endpoint, path style', region: 'cn-northwest-1', endpoint: 'http://127.0.0.1:4569', host: '127.0.0.1:4569' },
] as const;

type Place = (typeof places)[number];
const endpointOf = (p: Place) => ('endpoint' in p ? p.endpoint : undefined);

/** The SDK's client for a place, as it comes (the presigners). */
function sdkPresigner(p: Place, credentials: typeof creds | Omit<typeof creds, 'sessionToken'>) {
  const endpoint = endpointOf(p);
  return new S3Client({ region: p.region, credentials, ...(endpoint ? { endpoint, forcePathStyle: true } : {}) });
}

/** The SDK's client for a place; its requests are captured, not sent, and answered with `answer`. */
function sdkClient(p: Place, credentials: typeof creds | Omit<typeof creds, 'sessionToken'>, captured: HttpRequest[] = [], answer: () => Partial<HttpResponse> = () => ({ statusCode: 200 })) {
  const endpoint = endpointOf(p);
  // The SDK's bookkeeping headers, which s3-signed.ts does not send (and, on GetObject, asking for response checksums),
  // are taken off before it signs.
  return withoutBookkeeping(
    new S3Client({ region: p.region, credentials, ...(endpoint ? { endpoint, forcePathStyle: true } : {}), requestHandler: capturing(captured, answer) }),
    ['x-amz-checksum-mode'],
  );
}

function ours(p: Place, credentials: typeof creds | Omit<typeof creds, 'sessionToken'>, captured: HttpRequest[] = [], answer: () => Partial<HttpResponse> = () => ({ statusCode: 200 })) {
  return new S3Signed({
    bucket: BUCKET,
    region: p.region,
    endpoint: endpointOf(p),
    credentials,
    now: () => SIGNED_AT,
    requestHandler: capturing(captured, answer),
  });
}

/** What a signed request sends: the parts that reach S3. */
const wire = (r: HttpRequest) => ({ method: r.method, protocol: r.protocol, hostname: r.hostname, port: r.port, path: r.path, query: r.query, headers: r.headers, body: r.body as unknown });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe.each(places)('S3 requests signed without the S3 client, as the SDK signs them: $name', (place) => {
  const poster = { 'Content-Type': 'image/jpeg', tagging: UNATTACHED_TAGGING };
  const conditions = [
    ['content-length-range', 1, 5 * 1024 * 1024],
    ['eq', '$Content-Type', 'image/jpeg'],
    ['eq', '$tagging', UNATTACHED_TAGGING],
  ];

  it.each([
    ['with a session token (a Lambda role)', creds],
    ['with long-term keys', { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }],
  ])('presigned POST: the same url and fields (policy and signature included) as createPresignedPost, %s', async (_label, credentials) => {
    vi.useFakeTimers({ toFake: ['Date'], now: SIGNED_AT });
    const sdk = await createPresignedPost(sdkPresigner(place, credentials), { Bucket: BUCKET, Key: KEYS[0]!, Conditions: conditions as never, Fields: poster, Expires: 600 });
    const mine = await ours(place, credentials).presignPost({ key: KEYS[0]!, conditions, fields: poster, expiresInSeconds: 600 });
    expect(mine).toEqual(sdk);
    expect(JSON.stringify(mine.fields)).toBe(JSON.stringify(sdk.fields));
    expect(mine.url).toBe('endpoint' in place ? `${place.endpoint}/${BUCKET}` : `https://${place.host}/`);
  });

  it.each(KEYS)('presigned GET of %s: the same URL as getSignedUrl', async (key) => {
    const sdk = await getSignedUrl(sdkPresigner(place, creds), new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 3600, signingDate: new Date(SIGNED_AT) });
    const mine = await ours(place, creds).presignGet(key, 3600);
    expect(mine).toBe(sdk);
    expect(new URL(mine).host).toBe(place.host);
  });

  it.each(KEYS)('PutObjectTagging of %s: the same signed request (method, URL, headers, XML body) as S3Client.send', async (key) => {
    vi.useFakeTimers({ toFake: ['Date'], now: SIGNED_AT });
    const sdk: HttpRequest[] = [];
    const mine: HttpRequest[] = [];
    for (const value of ['yes', 'no']) {
      await sdkClient(place, creds, sdk).send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: key, Tagging: { TagSet: [{ Key: 'attached', Value: value }] } }));
      await ours(place, creds, mine).putObjectTagging(key, { attached: value });
    }
    expect(mine.map(wire)).toEqual(sdk.map(wire));
    expect(mine[0]!.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/${place.region}/s3/aws4_request, ` +
          'SignedHeaders=content-length;content-type;host;x-amz-checksum-crc32;x-amz-content-sha256;x-amz-date;x-amz-sdk-checksum-algorithm;x-amz-security-token, Signature=[0-9a-f]{64}$',
      ),
    );
    expect(mine[0]!.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>attached</Key><Value>yes</Value></Tag></TagSet></Tagging>',
    );
  });

  it.each(KEYS)('ranged GetObject of %s: the same signed request as S3Client.send, and the same reading of the answer', async (key) => {
    vi.useFakeTimers({ toFake: ['Date'], now: SIGNED_AT });
    const answer = () => ({ statusCode: 206, headers: { 'content-type': 'image/jpeg', 'content-length': '12', 'content-range': 'bytes 0-11/123456' }, body: Readable.from([Buffer.from('0123456789ab')]) });
    const sdk: HttpRequest[] = [];
    const mine: HttpRequest[] = [];
    const res = await sdkClient(place, creds, sdk, answer).send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=0-11' }));
    const read = await ours(place, creds, mine, answer).getObject(key, 'bytes=0-11');
    expect(mine.map(wire)).toEqual(sdk.map(wire));
    expect(read).toEqual({ body: await res.Body!.transformToByteArray(), contentType: res.ContentType, contentLength: res.ContentLength, contentRange: res.ContentRange });
  });
});

describe('the photo storage on AWS (no endpoint): credentials from the default chain, as in Lambda', () => {
  it('signs its upload policy and links with the role keys and session token of the environment, as the SDK does', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', creds.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', creds.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', creds.sessionToken);
    vi.useFakeTimers({ toFake: ['Date'], now: SIGNED_AT });
    const storage = new S3PhotoStorage({ bucket: BUCKET, region: 'cn-northwest-1' });
    const sdk = new S3Client({ region: 'cn-northwest-1' });
    const post = await storage.presignPost({ key: KEYS[0]!, contentType: 'image/png', maxBytes: 1000, expiresInSeconds: 600 });
    const expected = await createPresignedPost(sdk, {
      Bucket: BUCKET,
      Key: KEYS[0]!,
      Conditions: [
        ['content-length-range', 1, 1000],
        ['eq', '$Content-Type', 'image/png'],
        ['eq', '$tagging', UNATTACHED_TAGGING],
      ],
      Fields: { 'Content-Type': 'image/png', tagging: UNATTACHED_TAGGING },
      Expires: 600,
    });
    expect({ url: post.url, fields: post.fields }).toEqual(expected);
    expect(post.fields['X-Amz-Security-Token']).toBe(creds.sessionToken);
    expect(post.expiresAt).toBe(new Date(SIGNED_AT + 600_000).toISOString());
    expect(await storage.viewUrl(KEYS[0]!, 3600)).toBe(await getSignedUrl(sdk, new GetObjectCommand({ Bucket: BUCKET, Key: KEYS[0]! }), { expiresIn: 3600, signingDate: new Date(SIGNED_AT) }));
  });
});

describe('S3 errors and retries', () => {
  const place = places[0];
  const xmlError = (status: number, code: string) => () => ({ statusCode: status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'REQ1' }, body: Readable.from([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>it &amp; failed</Message></Error>`)]) });

  it("an S3 error is the SDK's kind of error: S3's code as its name, the HTTP status in $metadata; not retried when the client is at fault", async () => {
    const sent: HttpRequest[] = [];
    const err = await ours(place, creds, sent, xmlError(404, 'NoSuchKey')).getObject('p/x/1.jpg', 'bytes=0-11').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'NoSuchKey', message: 'it & failed', $fault: 'client', $metadata: { httpStatusCode: 404, requestId: 'REQ1' } });
    const denied = await ours(place, creds, sent, xmlError(403, 'SignatureDoesNotMatch')).putObjectTagging('p/x/1.jpg', { attached: 'yes' }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(sent).toHaveLength(2);
  });

  it('an error without a body is named by its status (404 NotFound)', async () => {
    const err = await ours(place, creds, [], () => ({ statusCode: 404, headers: {}, body: Readable.from([]) })).getObject('p/x/1.jpg').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('S3 having a bad moment (503) is tried 3 times in all, as the SDK does, each attempt signed anew', async () => {
    const sent: HttpRequest[] = [];
    let failures = 2;
    const answer = () => (failures-- > 0 ? xmlError(503, 'ServiceUnavailable')() : { statusCode: 200 });
    await ours(place, creds, sent, answer).putObjectTagging('p/x/1.jpg', { attached: 'yes' });
    expect(sent).toHaveLength(3);
    failures = 3;
    const err = await ours(place, creds, sent, answer).putObjectTagging('p/x/1.jpg', { attached: 'yes' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
    expect(sent).toHaveLength(6);
  });
});

describe('configuration', () => {
  it('refuses a bucket name that is not DNS-compatible (it would be half supported), when made', () => {
    for (const bucket of ['My-Photos', 'photos.example.com', 'ab', 'photos_2026', '-photos', 'photos-', 'a'.repeat(64)]) {
      expect(() => new S3Signed({ bucket, region: 'cn-northwest-1' }), bucket).toThrow(/not DNS-compatible/);
      expect(() => new S3PhotoStorage({ bucket, region: 'cn-northwest-1' }), bucket).toThrow(/not DNS-compatible/);
    }
    expect(() => new S3Signed({ bucket: 'a'.repeat(63), region: 'cn-northwest-1' })).not.toThrow();
  });

  it('refuses a region outside the aws and aws-cn partitions (other domains) unless an endpoint is given', () => {
    expect(() => new S3Signed({ bucket: BUCKET, region: 'us-iso-east-1' })).toThrow(/partitions/);
    expect(() => new S3Signed({ bucket: BUCKET, region: 'us-gov-west-1' })).not.toThrow();
    expect(() => new S3Signed({ bucket: BUCKET, region: 'us-iso-east-1', endpoint: 'http://127.0.0.1:4569' })).not.toThrow();
  });
});
