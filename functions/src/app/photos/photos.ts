import { createHash, randomUUID } from 'node:crypto';
import {
  AppError,
  MAX_PHOTO_BYTES,
  PHOTO_EXTENSIONS,
  PHOTO_KEY,
  PHOTO_TYPES,
  SNIFF_BYTES,
  sniffPhotoType,
  type Actor,
  type FieldError,
  type PhotoType,
  type UploadRequest,
  type UploadTicket,
} from '@mashang/shared';
import type { PhotoStorage } from '../../adapters/storage.ts';

/** How long a phone has to start its upload, and how long a photo link shown on a page works. */
const UPLOAD_TTL_SECONDS = 10 * 60;
const VIEW_TTL_SECONDS = 60 * 60;

/**
 * The photo keys a request (or a resolution) may carry, and those among them whose `attached=yes`
 * tagging failed: the change that stores them carries a retry for these (./photo-tags.ts).
 */
export interface VerifiedPhotos {
  keys: string[];
  untagged: string[];
}

/** The folder of an uploader's photos: a hash, so keys do not reveal who uploaded them. */
export function uploaderFolder(actorId: string): string {
  return createHash('sha256').update(`mashang-photo:${actorId}`).digest('hex').slice(0, 16);
}

/**
 * Photos of requests: hands out presigned uploads, checks what was uploaded
 * before a request may carry it (present, not too big, really a JPEG, PNG or
 * WebP whatever it claimed, uploaded by this person), and turns stored keys
 * into short-lived links for the pages.
 */
export class PhotoService {
  constructor(private readonly storage: PhotoStorage) {}

  /** A presigned POST for one photo, under a fresh key in the uploader's folder. */
  async prepareUpload(actor: Actor, req: UploadRequest): Promise<UploadTicket> {
    const key = `p/${uploaderFolder(actor.id)}/${randomUUID()}.${PHOTO_EXTENSIONS[req.contentType]}`;
    const post = await this.storage.presignPost({ key, contentType: req.contentType, maxBytes: MAX_PHOTO_BYTES, expiresInSeconds: UPLOAD_TTL_SECONDS });
    return { key, url: post.url, fields: post.fields, expiresAt: post.expiresAt, maxBytes: MAX_PHOTO_BYTES };
  }

  /**
   * The photo keys a request may carry, in order and without repeats, and those whose tagging
   * failed. Throws PHOTO_INVALID with one field error per bad photo (`photos.2`: 第3张照片…).
   */
  async verify(actor: Actor, keys: readonly string[]): Promise<VerifiedPhotos> {
    const unique = [...new Set(keys)];
    const folder = uploaderFolder(actor.id);
    const problems = await Promise.all(
      unique.map(async (key, i): Promise<FieldError | undefined> => {
        const nth = `第${i + 1}张照片`;
        if (!PHOTO_KEY.test(key) || key.split('/')[1] !== folder) return { path: `photos.${i}`, message: `${nth}不是本人上传的，请重新选择` };
        const info = await this.storage.inspect(key, SNIFF_BYTES);
        if (!info) return { path: `photos.${i}`, message: `${nth}没有上传成功，请重新上传` };
        if (info.size > MAX_PHOTO_BYTES) return { path: `photos.${i}`, message: `${nth}超过5MB，请换一张` };
        const real = sniffPhotoType(info.head);
        if (!real || !(PHOTO_TYPES as readonly string[]).includes(real)) return { path: `photos.${i}`, message: `${nth}不是 JPG、PNG 或 WebP 图片` };
        // The key's extension is the type the upload declared: a PNG uploaded as "JPEG" is refused too.
        if (PHOTO_EXTENSIONS[real as PhotoType] !== key.split('.').pop()) {
          return { path: `photos.${i}`, message: `${nth}的格式与声明不符，请重新上传` };
        }
        return undefined;
      }),
    );
    const fields = problems.filter((p): p is FieldError => p !== undefined);
    if (fields.length) throw new AppError('PHOTO_INVALID', fields.map((f) => f.message).join('；'), fields);
    return { keys: unique, untagged: await this.markAttached(unique) };
  }

  /**
   * Tags verified photos `attached=yes` so the bucket's lifecycle rule (which
   * expires `attached=no` uploads after a day) keeps them; returns the keys whose
   * tagging failed. Done BEFORE the request is written: if that write then fails,
   * the photo merely lingers; an attached photo is never left tagged for expiry by
   * a crash in between. A tagging failure (after the storage's retries) neither fails
   * nor slows the request: it is logged as `photo tag failed` (a warning) and the
   * write that stores the request carries a `photo_tag` outbox row with the key,
   * which the dispatcher works until the tag is set (./photo-tags.ts).
   */
  private async markAttached(keys: readonly string[]): Promise<string[]> {
    const failed = await Promise.all(
      keys.map((key) =>
        this.storage.markAttached(key).then(
          () => undefined,
          (err: unknown) => {
            console.error(JSON.stringify({ level: 'warn', message: 'photo tag failed', key, retry: 'photo_tag', error: err instanceof Error ? err.message : String(err) }));
            return key;
          },
        ),
      ),
    );
    return failed.filter((k): k is string => k !== undefined);
  }

  /** Links that show these photos for an hour; anything that is not one of our photo keys is left out. */
  viewUrls(keys: readonly string[]): Promise<string[]> {
    return Promise.all(keys.filter((k) => PHOTO_KEY.test(k)).map((k) => this.storage.viewUrl(k, VIEW_TTL_SECONDS)));
  }
}
