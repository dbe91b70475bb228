import { describe, expect, it } from 'vitest';
import { fitWithin, needsCompression, photoProblem, photoTypeOf, sniffPicked } from './photos.ts';

describe('photo type', () => {
  it.each([
    ['image/jpeg', undefined, 'image/jpeg'],
    ['image/jpg', undefined, 'image/jpeg'],
    [undefined, 'wxfile://tmp_1a2b3c.jpg', 'image/jpeg'],
    [undefined, 'http://tmp/abc.PNG?x=1', 'image/png'],
    ['', 'photo.webp', 'image/webp'],
    ['image/heic', 'IMG_0001.HEIC', undefined],
    ['image/gif', 'a.gif', undefined],
    [undefined, undefined, undefined],
  ])('of %s / %s is %s', (mime, name, expected) => {
    expect(photoTypeOf(mime, name)).toBe(expected);
  });
});

describe('before uploading', () => {
  it('shrinks big photos and converts formats the backend does not take', () => {
    expect(needsCompression(4_000_000, 'image/jpeg')).toBe(true);
    expect(needsCompression(800_000, 'image/jpeg')).toBe(false);
    expect(needsCompression(100_000, undefined)).toBe(true);
  });

  it('says in Chinese what is wrong with a photo', () => {
    expect(photoProblem(1000, undefined)).toContain('JPG');
    expect(photoProblem(6 * 1024 * 1024, 'image/png')).toContain('5MB');
    expect(photoProblem(0, 'image/png')).toContain('空');
    expect(photoProblem(1000, 'image/webp')).toBeUndefined();
  });

  it('fits the longest side within 1600 px and keeps the aspect ratio', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});

describe('sniffPicked', () => {
  it('takes the real format from the first bytes, whatever the name says', () => {
    expect(sniffPicked(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0]), 'a.png')).toEqual({ type: 'image/jpeg' });
  });
  it('refuses a text file named .jpg with a message that names it', () => {
    const head = new TextEncoder().encode('hello, world');
    expect(sniffPicked(head, 'fake.jpg')).toEqual({ problem: '“fake.jpg”不是照片文件（只支持 JPG、PNG、WebP），请换一张' });
  });
});
