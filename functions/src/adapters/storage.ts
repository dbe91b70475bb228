import { S3Signed } from './s3-signed.ts';

/**
 * Photo storage: residents' phones upload straight to S3 with a presigned POST
 * (the policy fixes the key, the content type and a size range, and expires),
 * the backend inspects what arrived before a request may carry it, and pages
 * show photos through short-lived presigned GET links. The bucket is private.
 *
 * Every upload is tagged `attached=no` (a `tagging` field the policy fixes);
 * the bucket's lifecycle rule expires such objects after a day. When a request
 * or a resolution carries a photo the backend re-tags it `attached=yes`; when that fails the
 * dispatcher tags it later (functions/src/app/photos/photo-tags.ts).
 */

/** The tag a presigned upload must carry, and the tag set of a photo a request carries. */
export const UNATTACHED_TAGGING = '<Tagging><TagSet><Tag><Key>attached</Key><Value>no</Value></Tag></TagSet></Tagging>';

/** Where and how a phone uploads one file: a multipart POST of `fields`, then the file. */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** What is stored under a key: its size, declared type and first bytes (to recognise the format). */
export interface StoredObjectInfo {
  size: number;
  contentType?: string;
  head: Uint8Array;
}

export interface PhotoStorage {
  /** A POST policy for exactly this key and content type, between 1 and `maxBytes` bytes, valid `expiresInSeconds`. */
  presignPost(input: { key: string; contentType: string; maxBytes: number; expiresInSeconds: number }): Promise<PresignedPost>;
  /** The object under `key`, or undefined when nothing was uploaded there. */
  inspect(key: string, headBytes: number): Promise<StoredObjectInfo | undefined>;
  /** A link that shows the object for `expiresInSeconds`. */
  viewUrl(key: string, expiresInSeconds: number): Promise<string>;
  /** Tags the object `attached=yes` (replacing its tag set), so the lifecycle rule keeps it; idempotent. */
  markAttached(key: string): Promise<void>;
  /** Tags the object `attached=no` again (a request no longer carries it: personal-data erasure), so the lifecycle rule deletes it; idempotent. */
  markUnattached?(key: string): Promise<void>;
}

export interface S3StorageOptions {
  bucket: string;
  region?: string;
  /** An S3-compatible endpoint (the local stand-in); unset in AWS. */
  endpoint?: string;
  /** Only with `endpoint`: in AWS the function's role signs. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  now?: () => number;
}

/**
 * The real adapter: S3's four calls signed with the AWS SDK's Signature V4 signer (./s3-signed.ts),
 * without the SDK's S3 client (issue #9: its ≈140 KB were most of a photo route's cold load). An
 * invalid bucket name (not DNS-compatible) is refused here, when the storage is made.
 */
export class S3PhotoStorage implements PhotoStorage {
  private readonly s3: S3Signed;
  private readonly now: () => number;

  constructor(opts: S3StorageOptions) {
    this.now = opts.now ?? Date.now;
    this.s3 = new S3Signed({
      bucket: opts.bucket,
      region: opts.region ?? 'cn-northwest-1',
      ...(opts.endpoint ? { endpoint: opts.endpoint, credentials: opts.credentials } : {}),
      now: this.now,
      maxAttempts: 3,
    });
  }

  async presignPost(input: { key: string; contentType: string; maxBytes: number; expiresInSeconds: number }): Promise<PresignedPost> {
    const post = await this.s3.presignPost({
      key: input.key,
      conditions: [
        ['content-length-range', 1, input.maxBytes],
        ['eq', '$Content-Type', input.contentType],
        ['eq', '$tagging', UNATTACHED_TAGGING],
      ],
      fields: { 'Content-Type': input.contentType, tagging: UNATTACHED_TAGGING },
      expiresInSeconds: input.expiresInSeconds,
    });
    return { url: post.url, fields: post.fields, expiresAt: new Date(this.now() + input.expiresInSeconds * 1000).toISOString() };
  }

  async inspect(key: string, headBytes: number): Promise<StoredObjectInfo | undefined> {
    try {
      const res = await this.s3.getObject(key, `bytes=0-${headBytes - 1}`);
      // "bytes 0-11/123456": the total after the slash is the object's size.
      const total = /\/(\d+)$/.exec(res.contentRange ?? '')?.[1];
      return { size: total ? Number(total) : (res.contentLength ?? res.body.length), contentType: res.contentType, head: res.body };
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
      // An empty object has no byte 0: S3 answers 416.
      if (e.name === 'InvalidRange' || e.$metadata?.httpStatusCode === 416) return { size: 0, head: new Uint8Array() };
      throw err;
    }
  }

  async markAttached(key: string): Promise<void> {
    await this.s3.putObjectTagging(key, { attached: 'yes' });
  }

  async markUnattached(key: string): Promise<void> {
    await this.s3.putObjectTagging(key, { attached: 'no' });
  }

  viewUrl(key: string, expiresInSeconds: number): Promise<string> {
    return this.s3.presignGet(key, expiresInSeconds);
  }
}

/** The photo storage of a stage: PHOTO_BUCKET (and S3_ENDPOINT with its keys for the local stand-in). */
export function photoStorageFromEnv(env: NodeJS.ProcessEnv): PhotoStorage | undefined {
  const bucket = env.PHOTO_BUCKET;
  if (!bucket) return undefined;
  const endpoint = env.S3_ENDPOINT || undefined;
  return new S3PhotoStorage({
    bucket,
    region: env.AWS_REGION || 'cn-northwest-1',
    endpoint,
    credentials: endpoint ? { accessKeyId: env.S3_ACCESS_KEY_ID ?? 'local', secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? 'local' } : undefined,
  });
}
