import { expect } from 'vitest';
import { UploadTicketSchema } from '@mashang/shared/contracts/resident';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { httpEvent, replyBody } from './http.ts';

/** A small JPEG as a phone would upload it (the magic bytes the photo check sniffs, then filler). */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(2048, 7)]);

/**
 * Uploads {@link JPEG} as the resident function hands it out: a presigned POST slot from
 * `POST /api/uploads` (the resident function's handler), then the multipart POST to the S3
 * stand-in. Returns the photo's key.
 */
export async function uploadPhoto(residentApi: (e: HttpEvent) => Promise<HttpResult>, token: string): Promise<string> {
  const res = await residentApi(httpEvent('POST /api/uploads', { token, body: { contentType: 'image/jpeg', size: JPEG.length } }));
  expect(res.statusCode, res.body).toBe(201);
  const slot = UploadTicketSchema.parse(replyBody(res));
  const form = new FormData();
  for (const [k, v] of Object.entries(slot.fields)) form.append(k, v);
  form.append('file', new Blob([JPEG], { type: 'image/jpeg' }), 'photo');
  expect((await fetch(slot.url, { method: 'POST', body: form })).status).toBe(204);
  return slot.key;
}
