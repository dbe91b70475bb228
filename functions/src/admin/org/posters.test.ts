import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { formUrl } from './poster-links.ts';
import { qrImage, renderPosters, type PosterItem } from './posters.ts';

/**
 * The posters as a person would check them: the PDF is rendered to images by poppler's
 * pdftoppm and each QR code is read back by a real decoder (jsQR).
 */
const dir = mkdtempSync(join(tmpdir(), 'posters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = 'https://mashang.example.cn';
const item = (n: number): PosterItem => ({
  location: { id: `loc-test-${n}`, name: `测试地点${n}号公交站`, gridName: '东街第一网格', centreName: '皋兰路街道综治中心' },
  url: formUrl(BASE, `loc-test-${n}`),
  hotline: '12345',
});

/** Renders every page of a PDF at `dpi` and returns the decoded text of the QR code found on each. */
function decodePages(pdf: Buffer, name: string, dpi = 110): Array<string | undefined> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, name)]);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new Error('pdftoppm not found: install it with `apt-get install -y poppler-utils` (.ci/run does)');
    throw err;
  }
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => {
      const png = PNG.sync.read(readFileSync(join(dir, f)));
      return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
    });
}

describe('posters', { timeout: 60_000 }, () => {
  it('prints A4 sheets of six codes; the code on the second sheet opens its own location form', async () => {
    const pdf = await renderPosters([1, 2, 3, 4, 5, 6, 7].map(item), 'a4');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = decodePages(pdf, 'a4');
    expect(pages).toHaveLength(2);
    // The second sheet holds only the seventh poster, so the decoder sees exactly that code.
    expect(pages[1]).toBe(`${BASE}/q/loc-test-7`);
  });

  it('embeds a subset of the CJK font, not the whole 8 MB file', async () => {
    const pdf = await renderPosters([item(1)], 'a4');
    const text = pdf.toString('latin1');
    // Subset fonts are named with a six-letter tag: ABCDEF+NotoSans…
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans/);
    // The code is drawn as vector shapes (sharp at any print size), not embedded as a picture.
    expect(text).not.toContain('/Subtype /Image');
    expect(pdf.length).toBeLessThan(300_000);
    expect(decodePages(pdf, 'one')[0]).toBe(`${BASE}/q/loc-test-1`);
  });

  it('prints one A3 poster per location with a code that decodes to its form', async () => {
    const pdf = await renderPosters([item(8)], 'a3');
    expect(decodePages(pdf, 'a3', 60)).toEqual([`${BASE}/q/loc-test-8`]);
  });

  it('gives single codes as SVG and PNG', async () => {
    const svg = (await qrImage(formUrl(BASE, 'loc-x'), 'svg')).toString();
    expect(svg).toMatch(/^<svg/);
    const png = PNG.sync.read(await qrImage(formUrl(BASE, 'loc-x'), 'png'));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`${BASE}/q/loc-x`);
    // About 1024 pixels square: whole pixels per module, the quiet zone included.
    expect(png.width).toBe(png.height);
    expect(png.width).toBeGreaterThan(900);
    expect(png.width).toBeLessThanOrEqual(1024);
  });
});
