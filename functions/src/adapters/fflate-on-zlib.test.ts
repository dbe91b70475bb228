import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { FlateError, strFromU8, strToU8, unzip, unzipSync, UNZIPPED_MAX_BYTES, zip, zipSync, ZipTooLargeError } from './fflate-on-zlib.ts';

/**
 * fflate's zip API on Node's zlib, checked against another zip implementation (JSZip, on pako):
 * what it writes JSZip reads, what JSZip writes it reads; damaged archives fail with fflate's
 * numeric codes, and an archive never inflates past the limit.
 */
const te = new TextEncoder();
const FILES = {
  '[Content_Types].xml': te.encode('<?xml version="1.0"?><Types/>'),
  'xl/worksheets/sheet1.xml': te.encode(`<worksheet>${'<row>公交站台顶棚破损漏雨</row>'.repeat(200)}</worksheet>`),
  '中文名称.txt': te.encode('地点'),
  'empty.xml': new Uint8Array(0),
};

async function jszipOf(files: Record<string, Uint8Array>, compression: 'DEFLATE' | 'STORE' = 'DEFLATE'): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data, { createFolders: false });
  return z.generateAsync({ type: 'uint8array', compression });
}

const decoded = (files: Record<string, Uint8Array>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextDecoder().decode(v)]));

/** The error `f` throws. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('zipSync / zip', () => {
  it('writes an archive JSZip reads back entry for entry, UTF-8 names included', async () => {
    const archive = zipSync(FILES);
    const read = await JSZip.loadAsync(archive);
    expect(Object.keys(read.files).sort()).toEqual(Object.keys(FILES).sort());
    for (const [name, data] of Object.entries(FILES)) expect(await read.file(name)!.async('uint8array'), name).toEqual(data);
    // Deflated: the repeated sheet is far smaller than its text.
    expect(archive.length).toBeLessThan(FILES['xl/worksheets/sheet1.xml'].length / 4);
  });

  it('returns an array of its own buffer (write-excel-file reads `.buffer`), even for a small archive', () => {
    const archive = zipSync({ 'a.txt': te.encode('a') });
    expect(archive.byteOffset).toBe(0);
    expect(archive.buffer.byteLength).toBe(archive.length);
  });

  it('writes the modification time it is given', async () => {
    const archive = zipSync({ 'a.txt': te.encode('a') }, { mtime: new Date(2026, 11, 1, 9, 30, 10) });
    const date = (await JSZip.loadAsync(archive)).file('a.txt')!.date;
    // JSZip reads the MS-DOS fields as UTC; they hold the local time given.
    expect([date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]).toEqual([2026, 11, 1, 9, 30, 10]);
  });

  it('zip: the same archive, given to the callback on a later turn', async () => {
    let sync = true;
    const archive = await new Promise<Uint8Array>((resolve, reject) => {
      zip(FILES, { mtime: 0 }, (err, data) => (err ? reject(err) : resolve(data)));
      expect(sync).toBe(true);
      sync = false;
    });
    expect(archive).toEqual(zipSync(FILES, { mtime: 0 }));
  });

  it('refuses nested folders and per-file options, which the spreadsheet writer does not use', () => {
    expect(() => zipSync({ xl: { 'a.xml': te.encode('a') } } as never)).toThrow(TypeError);
  });
});

describe('unzipSync / unzip', () => {
  it('reads what JSZip writes, deflated or stored', async () => {
    expect(decoded(unzipSync(await jszipOf(FILES)))).toEqual(decoded(FILES));
    expect(decoded(unzipSync(await jszipOf(FILES, 'STORE')))).toEqual(decoded(FILES));
  });

  it('reads its own archives, and keeps the entries the filter accepts', () => {
    const archive = zipSync(FILES);
    expect(decoded(unzipSync(archive))).toEqual(decoded(FILES));
    const seen: Array<{ name: string; compression: number; originalSize: number }> = [];
    const only = unzipSync(archive, {
      filter: (f) => {
        seen.push({ name: f.name, compression: f.compression, originalSize: f.originalSize });
        return f.name.endsWith('.xml');
      },
    });
    expect(Object.keys(only).sort()).toEqual(['[Content_Types].xml', 'empty.xml', 'xl/worksheets/sheet1.xml']);
    expect(seen).toContainEqual({ name: '中文名称.txt', compression: 8, originalSize: FILES['中文名称.txt'].length });
  });

  it('unzip: the same entries, or the error, given to the callback on a later turn', async () => {
    const ok = await new Promise<Record<string, Uint8Array>>((resolve, reject) => unzip(zipSync(FILES), (err, data) => (err ? reject(err) : resolve(data))));
    expect(decoded(ok)).toEqual(decoded(FILES));
    const err = await new Promise<unknown>((resolve) => unzip(te.encode('not a zip'), {}, (e) => resolve(e)));
    expect(err).toBeInstanceOf(FlateError);
  });

  it('fails with fflate’s code 13 on what is not a zip, a truncated one, a damaged entry or an encrypted one', async () => {
    const archive = zipSync({ 'a.xml': te.encode('<a>'.repeat(100)) });
    const damaged = (change: (bytes: Uint8Array) => void, from = archive) => {
      const copy = from.slice();
      change(copy);
      return copy;
    };
    const stored = await jszipOf({ 'a.xml': te.encode('<a/>') }, 'STORE');
    const cases: Record<string, Uint8Array> = {
      'not a zip': te.encode('this is definitely not a zip archive'),
      empty: new Uint8Array(0),
      truncated: archive.subarray(0, archive.length - 30),
      // A stored entry's content changed: its CRC-32 no longer matches.
      'bad CRC': damaged((b) => (b[30 + 'a.xml'.length] = 0x3e), stored),
      // The deflate stream itself broken.
      'bad stream': damaged((b) => b.fill(0xff, 30 + 'a.xml'.length, 40 + 'a.xml'.length)),
      // The encryption flag set in the central directory record.
      encrypted: damaged((b) => {
        const central = b.length - 22 - 46 - 'a.xml'.length;
        b[central + 8]! |= 1;
      }),
    };
    for (const [what, bytes] of Object.entries(cases)) {
      const err = thrown(() => unzipSync(bytes));
      expect(err, what).toBeInstanceOf(FlateError);
      expect((err as FlateError).code, what).toBe(13);
    }
    // A compression method other than stored or deflated (12: bzip2) is fflate's code 14.
    const bzip = damaged((b) => (b[b.length - 22 - 46 - 'a.xml'.length + 10] = 12));
    expect((thrown(() => unzipSync(bzip)) as FlateError).code).toBe(14);
  });

  it('refuses an archive that would inflate past the limit, before inflating it (a zip bomb)', () => {
    // 64 MB of zeros deflate to ≈ 64 KB: an upload well under 3 MB.
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200_000);
    const err = thrown(() => unzipSync(bomb));
    expect(err).toBeInstanceOf(ZipTooLargeError);
    expect(err).toMatchObject({ code: 'ZIP_TOO_LARGE', limit: UNZIPPED_MAX_BYTES });
    // The limit counts the whole archive: two entries under it alone, over it together.
    const two = zipSync({ 'a.xml': new Uint8Array(600), 'b.xml': new Uint8Array(600) });
    expect(Object.keys(unzipSync(two, {}, 1200))).toHaveLength(2);
    expect(thrown(() => unzipSync(two, {}, 1000))).toBeInstanceOf(ZipTooLargeError);
  });

  it('stops inflating an entry at its declared size: one that says 10 bytes and holds a megabyte is damaged, not read', () => {
    const big = new Uint8Array(1024 * 1024);
    const archive = zipSync({ 'a.xml': big });
    // Both records' uncompressed size set to 10 (local header at 22, central record at 24).
    const view = new DataView(archive.buffer);
    view.setUint32(22, 10, true);
    view.setUint32(archive.length - 22 - 46 - 'a.xml'.length + 24, 10, true);
    const err = thrown(() => unzipSync(archive));
    expect(err).toBeInstanceOf(FlateError);
    expect((err as Error).message).toMatch(/a\.xml/);
  });
});

describe('strToU8 / strFromU8', () => {
  it('UTF-8 by default, one byte per character with latin1', () => {
    expect(strFromU8(strToU8('码上办 <a/>'))).toBe('码上办 <a/>');
    expect(strToU8('码')).toEqual(new Uint8Array([0xe7, 0xa0, 0x81]));
    expect(strToU8('\u00e9A', true)).toEqual(new Uint8Array([0xe9, 0x41]));
    expect(strFromU8(new Uint8Array([0xe9, 0x41]), true)).toBe('\u00e9A');
  });
});
