/**
 * Photos residents attach to a request: what is accepted, and how a stored
 * photo is recognised. Pure; the backend's storage adapter does the I/O.
 */

/** The formats accepted, as the upload's declared content type. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Largest photo accepted: 5 MiB (a phone photo compressed by WeChat or the H5 page is far below it). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Most photos on one request. */
export const MAX_PHOTOS = 6;

export const PHOTO_EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Storage keys of uploaded photos: `p/<uploader>/<uuid>.<ext>`, where `<uploader>`
 * is a hash of the uploader's id, so a request can only carry its own uploader's photos.
 */
export const PHOTO_KEY = /^p\/[0-9a-f]{16}\/[0-9a-f-]{36}\.(jpg|png|webp)$/;

/** How many leading bytes {@link sniffPhotoType} needs. */
export const SNIFF_BYTES = 12;

/**
 * The real format of a file from its first bytes (its "magic number"), whatever
 * its name or declared type says; undefined when it is none of the accepted ones.
 */
export function sniffPhotoType(head: Uint8Array): PhotoType | undefined {
  const at = (i: number) => head[i];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}
