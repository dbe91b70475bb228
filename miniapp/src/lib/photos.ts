import { MAX_PHOTO_BYTES, PHOTO_TYPES, sniffPhotoType, type PhotoType } from '@mashang/shared/photos';

/**
 * Choosing photos on the phone, before anything is uploaded: which files are
 * acceptable, which must be shrunk first, and what to tell the resident.
 */

/** A photo the resident picked, as the form keeps it until it is uploaded. */
export interface PickedPhoto {
  /** Local id (for React keys and removal). */
  id: string;
  /** What the page shows: a temp path (weapp) or an object URL (H5). */
  preview: string;
  size: number;
  type: PhotoType;
  status: 'uploading' | 'done' | 'failed';
  /** The storage key once uploaded. */
  key?: string;
  error?: string;
}

const BY_EXTENSION: Record<string, PhotoType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** The photo type from a MIME type or, failing that, a file name or temp path (WeChat gives no MIME type). */
export function photoTypeOf(mime: string | undefined, name: string | undefined): PhotoType | undefined {
  const m = mime?.toLowerCase();
  if (m && (PHOTO_TYPES as readonly string[]).includes(m)) return m as PhotoType;
  if (m === 'image/jpg' || m === 'image/pjpeg') return 'image/jpeg';
  const ext = name?.split(/[?#]/, 1)[0]?.split('.').pop()?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

/** Shrink before upload when larger than this: phone cameras give 3–8 MB, a clear photo of a pothole needs far less. */
export const COMPRESS_ABOVE_BYTES = 1.5 * 1024 * 1024;
/** Longest side after shrinking. */
export const MAX_SIDE_PX = 1600;

/** Whether an H5 photo must be re-encoded first: too big, or a format the backend does not take (HEIC, GIF…). */
export function needsCompression(size: number, type: PhotoType | undefined): boolean {
  return type === undefined || size > COMPRESS_ABOVE_BYTES;
}

/** The message for a photo that cannot be uploaded as it is, or undefined when it is fine. */
export function photoProblem(size: number, type: PhotoType | undefined): string | undefined {
  if (!type) return '只支持 JPG、PNG、WebP 格式的照片';
  if (size <= 0) return '照片是空的，请换一张';
  if (size > MAX_PHOTO_BYTES) return '照片超过5MB，请换一张';
  return undefined;
}

/** Width and height that fit within `max` on the longest side, keeping the aspect ratio. */
export function fitWithin(width: number, height: number, max = MAX_SIDE_PX): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * What the file really is, from its first bytes, checked the moment it is picked: a
 * text file named .jpg is refused at once instead of "uploading" and failing at submit.
 * Returns the real type, or the message for the resident.
 */
export function sniffPicked(head: Uint8Array, name: string): { type: PhotoType } | { problem: string } {
  const type = sniffPhotoType(head);
  return type ? { type } : { problem: `“${name}”不是照片文件（只支持 JPG、PNG、WebP），请换一张` };
}
