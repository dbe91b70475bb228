import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor, UploadTicket } from '@mashang/shared';
import { startLocalS3, type LocalS3 } from '../../../../infra/s3-local.ts';
import { S3PhotoStorage, type PhotoStorage } from '../../adapters/storage.ts';
import { PhotoService } from './photos.ts';

/**
 * Verifying a request's photos marks them attached (so the bucket's lifecycle
 * rule keeps them) before the request is written, with the real adapter
 * against the local S3 stand-in; a tagging failure never fails the request.
 */
let s3: LocalS3;
const creds = { accessKeyId: 'local-photos', secretAccessKey: 'local-photos-secret-0123456789' };
const actor: Actor = { id: 'dev-photos-test', role: 'resident', name: '居民' };
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(1000, 7)]);
const real = () => new S3PhotoStorage({ bucket: 'photos', endpoint: s3.endpoint, credentials: creds });

async function uploaded(service: PhotoService): Promise<string> {
  const slot: UploadTicket = await service.prepareUpload(actor, { contentType: 'image/jpeg', size: JPEG.length });
  const form = new FormData();
  for (const [k, v] of Object.entries(slot.fields)) form.append(k, v);
  form.append('file', new Blob([JPEG], { type: 'image/jpeg' }), 'photo.jpg');
  expect((await fetch(slot.url, { method: 'POST', body: form })).status).toBe(204);
  return slot.key;
}

beforeAll(async () => {
  s3 = await startLocalS3({ bucket: 'photos', ...creds });
});
afterAll(() => s3.stop());

describe('marking verified photos attached', () => {
  it('tags each verified photo attached=yes, once even when listed twice', async () => {
    const service = new PhotoService(real());
    const a = await uploaded(service);
    const b = await uploaded(service);
    expect(await service.verify(actor, [a, b, a])).toEqual({ keys: [a, b], untagged: [] });
    expect(s3.tags(a)).toEqual({ attached: 'yes' });
    expect(s3.tags(b)).toEqual({ attached: 'yes' });
  });

  it('tags nothing when one photo of the request is refused', async () => {
    const service = new PhotoService(real());
    const a = await uploaded(service);
    await expect(service.verify(actor, [a, 'p/0000000000000000/00000000-0000-0000-0000-000000000000.jpg'])).rejects.toMatchObject({ code: 'PHOTO_INVALID' });
    expect(s3.tags(a)).toEqual({ attached: 'no' });
  });

  it('still accepts the photos when tagging fails, logs the key and names it for the retry the write carries', async () => {
    const storage = real();
    const failing: PhotoStorage = {
      presignPost: (i) => storage.presignPost(i),
      inspect: (k, n) => storage.inspect(k, n),
      viewUrl: (k, t) => storage.viewUrl(k, t),
      markAttached: () => Promise.reject(new Error('AccessDenied')),
    };
    const service = new PhotoService(failing);
    const a = await uploaded(service);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await service.verify(actor, [a])).toEqual({ keys: [a], untagged: [a] });
      expect(log).toHaveBeenCalledTimes(1);
      expect(JSON.parse(String(log.mock.calls[0]![0]))).toMatchObject({ level: 'warn', message: 'photo tag failed', key: a, retry: 'photo_tag', error: 'AccessDenied' });
    } finally {
      log.mockRestore();
    }
    expect(s3.tags(a)).toEqual({ attached: 'no' });
  });
});
