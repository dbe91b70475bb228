import { describe, expect, it } from 'vitest';
import { PHOTO_KEY, sniffPhotoType } from './photos.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe('recognising a photo by its first bytes', () => {
  it.each([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), 'image/png'],
    ['WebP', text('RIFF\u0010\u0000\u0000\u0000WEBP'), 'image/webp'],
  ])('knows %s', (_name, head, type) => {
    expect(sniffPhotoType(head)).toBe(type);
  });

  it.each([
    ['a GIF', text('GIF89a......')],
    ['an HTML page renamed .jpg', text('<html><body>')],
    ['a RIFF file that is not WebP (WAV)', text('RIFF\u0010\u0000\u0000\u0000WAVE')],
    ['an empty file', bytes()],
    ['a truncated PNG header', bytes(0x89, 0x50, 0x4e)],
  ])('refuses %s', (_name, head) => {
    expect(sniffPhotoType(head)).toBeUndefined();
  });
});

describe('photo keys', () => {
  it('accepts only keys the upload endpoint hands out', () => {
    expect(PHOTO_KEY.test('p/0123456789abcdef/123e4567-e89b-12d3-a456-426614174000.jpg')).toBe(true);
    expect(PHOTO_KEY.test('p/0123456789abcdef/../../etc/passwd.jpg')).toBe(false);
    expect(PHOTO_KEY.test('https://evil.example/x.jpg')).toBe(false);
    expect(PHOTO_KEY.test('p/0123456789abcdef/123e4567-e89b-12d3-a456-426614174000.gif')).toBe(false);
  });
});
