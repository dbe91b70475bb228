import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../../../infra/s3-local.ts';
import { GetObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { S3PhotoStorage, UNATTACHED_TAGGING, type PresignedPost } from './storage.ts';

/**
 * The real S3 adapter (AWS SDK v3 presigners and GetObject) against the local
 * S3 stand-in, which checks Signature V4 the way S3 does: this proves the
 * policy the adapter writes is enforced, and that the stand-in is not a pushover.
 */
let s3: LocalS3;
let clock = Date.now();
const creds = { accessKeyId: 'local-photos', secretAccessKey: 'local-photos-secret-0123456789' };
const storage = (over: Partial<typeof creds> = {}) => new S3PhotoStorage({ bucket: 'photos', endpoint: s3.endpoint, credentials: { ...creds, ...over } });

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(2000, 7)]);

async function upload(post: PresignedPost, body: Buffer, opts: { type?: string; fields?: Record<string, string> } = {}): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...post.fields, ...opts.fields })) form.append(k, v);
  form.append('file', new Blob([body], { type: opts.type ?? 'image/jpeg' }), 'photo.jpg');
  return fetch(post.url, { method: 'POST', body: form });
}

const errorCode = async (res: Response) => /<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1];

beforeAll(async () => {
  s3 = await startLocalS3({ bucket: 'photos', ...creds, now: () => clock });
});
afterAll(() => s3.stop());
beforeEach(() => {
  clock = Date.now();
});

describe('uploading with a presigned POST', () => {
  it('stores a photo within the policy, and the backend then sees its size, type and first bytes', async () => {
    const post = await storage().presignPost({ key: 'p/abc/1.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    expect(post.url).toBe(`${s3.endpoint}/photos`);
    const res = await upload(post, JPEG);
    expect(res.status).toBe(204);
    const info = await storage().inspect('p/abc/1.jpg', 12);
    expect(info).toMatchObject({ size: JPEG.length, contentType: 'image/jpeg' });
    expect(Buffer.from(info!.head)).toEqual(JPEG.subarray(0, 12));
  });

  it('refuses a file larger than the policy allows, and stores nothing', async () => {
    const post = await storage().presignPost({ key: 'p/abc/big.jpg', contentType: 'image/jpeg', maxBytes: 1000, expiresInSeconds: 600 });
    const res = await upload(post, JPEG);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('EntityTooLarge');
    expect(await storage().inspect('p/abc/big.jpg', 12)).toBeUndefined();
  });

  it('refuses another content type than the one signed for', async () => {
    const post = await storage().presignPost({ key: 'p/abc/2.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    const res = await upload(post, JPEG, { fields: { 'Content-Type': 'text/html' } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('AccessDenied');
  });

  it('refuses another key than the one signed for', async () => {
    const post = await storage().presignPost({ key: 'p/abc/3.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    const res = await upload(post, JPEG, { fields: { key: 'p/someone-else/3.jpg' } });
    expect(res.status).toBe(403);
    expect(s3.keys().has('p/someone-else/3.jpg')).toBe(false);
  });

  it('refuses a policy after it expired', async () => {
    const post = await storage().presignPost({ key: 'p/abc/4.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 60 });
    clock += 61_000;
    const res = await upload(post, JPEG);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Policy expired');
  });

  it('refuses a policy signed with the wrong secret', async () => {
    const post = await storage({ secretAccessKey: 'not-the-secret' }).presignPost({ key: 'p/abc/5.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    const res = await upload(post, JPEG);
    expect(await errorCode(res)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a policy edited after signing (a bigger size limit)', async () => {
    const post = await storage().presignPost({ key: 'p/abc/6.jpg', contentType: 'image/jpeg', maxBytes: 100, expiresInSeconds: 600 });
    const policy = JSON.parse(Buffer.from(post.fields.Policy!, 'base64').toString()) as { conditions: unknown[] };
    policy.conditions = policy.conditions.map((c) => (Array.isArray(c) && c[0] === 'content-length-range' ? ['content-length-range', 1, 10_000_000] : c));
    const res = await upload({ ...post, fields: { ...post.fields, Policy: Buffer.from(JSON.stringify(policy)).toString('base64') } }, JPEG);
    expect(await errorCode(res)).toBe('SignatureDoesNotMatch');
  });
});

describe('reading photos', () => {
  it('finds nothing under a key nobody uploaded to', async () => {
    expect(await storage().inspect('p/abc/never.jpg', 12)).toBeUndefined();
  });

  it('shows a photo through a presigned link until the link expires', async () => {
    const post = await storage().presignPost({ key: 'p/abc/view.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    await upload(post, JPEG);
    const url = await storage().viewUrl('p/abc/view.jpg', 300);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(JPEG);
    clock += 301_000;
    expect((await fetch(url)).status).toBe(403);
  });

  it('refuses a link whose key was changed after signing', async () => {
    const url = await storage().viewUrl('p/abc/view.jpg', 300);
    const res = await fetch(url.replace('view.jpg', '1.jpg'));
    expect(await errorCode(res)).toBe('SignatureDoesNotMatch');
  });

  it('refuses reads signed with the wrong secret', async () => {
    await expect(storage({ secretAccessKey: 'nope' }).inspect('p/abc/1.jpg', 12)).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });
});

describe('tagging uploads for the lifecycle rule', () => {
  const tagsOf = async (key: string, over: Partial<typeof creds> = {}) => {
    const client = new S3Client({ region: 'cn-northwest-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { ...creds, ...over } });
    return (await client.send(new GetObjectTaggingCommand({ Bucket: 'photos', Key: key }))).TagSet;
  };

  it('signs a policy that fixes the tagging field to attached=no', async () => {
    const post = await storage().presignPost({ key: 'p/tag/0.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    expect(post.fields.tagging).toBe(UNATTACHED_TAGGING);
    expect(UNATTACHED_TAGGING).toBe('<Tagging><TagSet><Tag><Key>attached</Key><Value>no</Value></Tag></TagSet></Tagging>');
    const policy = JSON.parse(Buffer.from(post.fields.Policy!, 'base64').toString()) as { conditions: unknown[] };
    expect(policy.conditions).toContainEqual(['eq', '$tagging', UNATTACHED_TAGGING]);
  });

  it('stores an upload tagged attached=no, readable with GetObjectTagging', async () => {
    const post = await storage().presignPost({ key: 'p/tag/1.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    expect((await upload(post, JPEG)).status).toBe(204);
    expect(s3.tags('p/tag/1.jpg')).toEqual({ attached: 'no' });
    expect(await tagsOf('p/tag/1.jpg')).toEqual([{ Key: 'attached', Value: 'no' }]);
  });

  it('refuses an upload that tags itself attached=yes or drops the tag, and stores nothing', async () => {
    const post = await storage().presignPost({ key: 'p/tag/2.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    const forged = await upload(post, JPEG, { fields: { tagging: '<Tagging><TagSet><Tag><Key>attached</Key><Value>yes</Value></Tag></TagSet></Tagging>' } });
    expect(forged.status).toBe(403);
    expect(await errorCode(forged)).toBe('AccessDenied');
    const { tagging: _dropped, ...withoutTag } = post.fields;
    const untagged = await upload({ ...post, fields: withoutTag }, JPEG);
    expect(untagged.status).toBe(403);
    expect(s3.keys().has('p/tag/2.jpg')).toBe(false);
  });

  it('refuses a tagging field the policy does not name', async () => {
    const post = await createPresignedPost(new S3Client({ region: 'cn-northwest-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: creds }), {
      Bucket: 'photos',
      Key: 'p/tag/3.jpg',
      Conditions: [['content-length-range', 1, 5000]],
      Expires: 600,
    });
    const res = await upload({ ...post, expiresAt: '' }, JPEG, { fields: { tagging: UNATTACHED_TAGGING } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Extra input fields: tagging');
  });

  it('marks a photo attached=yes, idempotently, with PutObjectTagging', async () => {
    const post = await storage().presignPost({ key: 'p/tag/4.jpg', contentType: 'image/jpeg', maxBytes: 5000, expiresInSeconds: 600 });
    await upload(post, JPEG);
    await storage().markAttached('p/tag/4.jpg');
    await storage().markAttached('p/tag/4.jpg');
    expect(await tagsOf('p/tag/4.jpg')).toEqual([{ Key: 'attached', Value: 'yes' }]);
    expect(s3.tags('p/tag/4.jpg')).toEqual({ attached: 'yes' });
    // The photo itself is untouched.
    expect((await storage().inspect('p/tag/4.jpg', 12))?.size).toBe(JPEG.length);
  });

  it('refuses tagging a missing object, or with the wrong secret', async () => {
    await expect(storage().markAttached('p/tag/never.jpg')).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(storage({ secretAccessKey: 'nope' }).markAttached('p/tag/4.jpg')).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(tagsOf('p/tag/4.jpg', { secretAccessKey: 'nope' })).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });
});
