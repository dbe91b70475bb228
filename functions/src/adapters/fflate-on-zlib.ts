import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The part of fflate's API that the spreadsheet libraries call (read-excel-file's `unzip` and
 * `strFromU8`; write-excel-file's `zip`, `zipSync` and `strToU8`), on Node's own zlib. The
 * function bundles resolve `fflate` to this module (serverless.yml `custom.esbuild.alias`; the
 * tests do the same, vitest.config.ts), for two reasons:
 *
 * - **Cold start** (issue #9): fflate's module body builds its Huffman and bit-reversal tables in
 *   ≈ 67,000 interpreted loop iterations whatever is imported from it (≈ 7 ms of CPU at load, a
 *   fifth of a function's baseline), where zlib is native code. yauzl and yazl, the zip libraries on
 *   zlib, were measured too: ≈ 4 ms more to load than this module, and neither has a synchronous
 *   API (write-excel-file's universal build imports `zipSync`).
 * - **A bounded unzip**: fflate inflates whatever an archive holds. A 3 MB upload can hold a
 *   deflate stream that inflates a thousand-fold; this module inflates at most
 *   {@link UNZIPPED_MAX_BYTES} per archive (zlib's `maxOutputLength`, so the memory is never
 *   taken) and refuses more with a {@link ZipTooLargeError}.
 *
 * Only what an .xlsx needs: one disk, no ZIP64, stored or deflated entries, no encryption. Every
 * entry's size and CRC-32 are checked against its central directory record. Errors about the
 * archive carry a numeric `code` as fflate's do (read-excel-file tells them apart by that).
 */

/** What one archive may inflate to in all (an import of 500 rows is ≈ 0.1 MB of XML). */
export const UNZIPPED_MAX_BYTES = 32 * 1024 * 1024;

/** fflate's error codes used here: 13 invalid zip data, 14 unknown compression type. */
export class FlateError extends Error {
  constructor(
    readonly code: 13 | 14,
    message: string,
  ) {
    super(message);
    this.name = 'FlateError';
  }
}

/** An archive that would inflate to more than {@link UNZIPPED_MAX_BYTES}. */
export class ZipTooLargeError extends Error {
  readonly code = 'ZIP_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`the archive inflates to more than ${limit} bytes`);
    this.name = 'ZipTooLargeError';
  }
}

/** An entry as fflate's `filter` option sees it. */
export interface UnzipFileInfo {
  name: string;
  /** Compressed size. */
  size: number;
  originalSize: number;
  /** 0 stored, 8 deflated. */
  compression: number;
}
export interface UnzipOptions {
  filter?: (file: UnzipFileInfo) => boolean;
}
export type Unzipped = Record<string, Uint8Array>;
export type FlateCallback<T> = (err: Error | null, data: T) => void;
/** fflate's `AsyncTerminable`: stops a pending operation (its callback is then never called). */
export type AsyncTerminable = () => void;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const UTF8_NAMES = 0x0800;

const bad = (message: string) => new FlateError(13, `invalid zip data: ${message}`);

/** The entries of a zip archive (stored or deflated), each inflated, checked and at most the limit in all. */
export function unzipSync(data: Uint8Array, opts: UnzipOptions = {}, limit = UNZIPPED_MAX_BYTES): Unzipped {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const need = (at: number, n: number, what: string) => {
    if (at < 0 || at + n > data.length) throw bad(`${what} lies outside the file`);
  };

  // The end-of-central-directory record: 22 bytes and a comment of up to 65,535, at the end.
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (u32(at) === SIG_END) {
      end = at;
      break;
    }
  }
  if (end < 0) throw bad('no end of central directory');
  const count = u16(end + 10);
  const dirOffset = u32(end + 16);
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== count) throw bad('archives split over disks are not supported');
  if (count === 0xffff || dirOffset === 0xffffffff) throw bad('ZIP64 archives are not supported');

  const files: Unzipped = {};
  let inflated = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    need(at, 46, 'a central directory record');
    if (u32(at) !== SIG_CENTRAL) throw bad('central directory record expected');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const size = u32(at + 20);
    const originalSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    need(at + 46, nameLength, 'a file name');
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
    // As fflate: UTF-8 when the entry says so, otherwise each byte a character.
    const name = flags & UTF8_NAMES ? new TextDecoder().decode(nameBytes) : Buffer.from(nameBytes).toString('latin1');
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);

    if (size === 0xffffffff || originalSize === 0xffffffff) throw bad('ZIP64 entries are not supported');
    if (flags & 1) throw bad(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new FlateError(14, `unknown compression type ${method}`);
    if (opts.filter && !opts.filter({ name, size, originalSize, compression: method })) continue;

    need(local, 30, 'a local file header');
    if (u32(local) !== SIG_LOCAL) throw bad('local file header expected');
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    need(start, size, `the data of ${name}`);
    if (originalSize > limit - inflated) throw new ZipTooLargeError(limit);
    const packed = data.subarray(start, start + size);
    let out: Uint8Array;
    if (method === 0) {
      if (size !== originalSize) throw bad(`${name}: stored sizes differ`);
      out = packed.slice();
    } else {
      try {
        // One byte more than declared: an entry that inflates past its declared size is caught here, not after.
        out = inflateRawSync(packed, { maxOutputLength: originalSize + 1 });
      } catch (err) {
        throw bad(`${name} does not inflate (${(err as Error).message})`);
      }
    }
    if (out.length !== originalSize) throw bad(`${name} inflates to ${out.length} bytes, not the ${originalSize} declared`);
    if (crc32(out) !== crc) throw bad(`${name} fails its CRC-32 check`);
    inflated += out.length;
    // Each entry a Uint8Array of its own ArrayBuffer, as fflate's (zlib's result can be a view of a larger one).
    files[name] = out.byteLength === out.buffer.byteLength ? out : out.slice();
  }
  return files;
}

/** fflate's `unzip`: the same as {@link unzipSync}, its result given to the callback on a later turn. */
export function unzip(data: Uint8Array, cb: FlateCallback<Unzipped>): AsyncTerminable;
export function unzip(data: Uint8Array, opts: UnzipOptions, cb: FlateCallback<Unzipped>): AsyncTerminable;
export function unzip(data: Uint8Array, a: UnzipOptions | FlateCallback<Unzipped>, b?: FlateCallback<Unzipped>): AsyncTerminable {
  const [opts, cb] = typeof a === 'function' ? [{}, a] : [a, b!];
  return later(() => unzipSync(data, opts), cb);
}

/** What fflate's `zip` takes: a flat map of paths to contents (folders as paths with '/'). */
export type Zippable = Record<string, Uint8Array>;
export interface ZipOptions {
  /** The modification time written for every entry (default now); fflate's option of the same name. */
  mtime?: Date | number | string;
  /** Deflate level 0–9 (default 6, as fflate's). */
  level?: number;
}

/** MS-DOS date and time fields of a local time (the zip format's). */
function dosTime(mtime: Date | number | string | undefined): { time: number; date: number } {
  const d = new Date(mtime ?? Date.now());
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A zip archive of the files, each deflated, names in UTF-8. */
export function zipSync(files: Zippable, opts: ZipOptions = {}): Uint8Array {
  const { time, date } = dosTime(opts.mtime);
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [path, content] of Object.entries(files)) {
    if (!(content instanceof Uint8Array)) throw new TypeError(`zip: ${path} is not a Uint8Array (nested folders and per-file options are not supported)`);
    const name = encoder.encode(path);
    const packed = deflateRawSync(content, { level: opts.level ?? 6 });
    const header = (sig: number, length: number) => {
      const h = new Uint8Array(length + name.length);
      const v = new DataView(h.buffer);
      v.setUint32(0, sig, true);
      return { h, v };
    };
    // Fields both headers share, at their offsets in each: version needed 2.0, UTF-8 names, deflate, time, date, CRC-32, sizes, name length.
    const common = (v: DataView, at: number) => {
      v.setUint16(at, 20, true);
      v.setUint16(at + 2, UTF8_NAMES, true);
      v.setUint16(at + 4, 8, true);
      v.setUint16(at + 6, time, true);
      v.setUint16(at + 8, date, true);
      v.setUint32(at + 10, crc32(content), true);
      v.setUint32(at + 14, packed.length, true);
      v.setUint32(at + 18, content.length, true);
      v.setUint16(at + 22, name.length, true);
    };
    const local = header(SIG_LOCAL, 30);
    common(local.v, 4);
    local.h.set(name, 30);
    const central = header(SIG_CENTRAL, 46);
    central.v.setUint16(4, 20, true); // version made by: 2.0, MS-DOS attributes
    common(central.v, 6);
    central.v.setUint32(42, offset, true);
    central.h.set(name, 46);
    locals.push(local.h, packed);
    centrals.push(central.h);
    offset += local.h.length + packed.length;
  }
  const count = centrals.length;
  if (count >= 0xffff || offset >= 0xffffffff) throw new RangeError('zip: too large for an archive without ZIP64');
  const dirSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, SIG_END, true);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, dirSize, true);
  v.setUint32(16, offset, true);
  // A Uint8Array of its own ArrayBuffer, as fflate's (write-excel-file reads `.buffer`, which for a small Buffer is a shared pool).
  const parts = [...locals, ...centrals, end];
  const archive = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    archive.set(p, at);
    at += p.length;
  }
  return archive;
}

/** fflate's `zip`: the same as {@link zipSync}, its result given to the callback on a later turn. */
export function zip(files: Zippable, cb: FlateCallback<Uint8Array>): AsyncTerminable;
export function zip(files: Zippable, opts: ZipOptions, cb: FlateCallback<Uint8Array>): AsyncTerminable;
export function zip(files: Zippable, a: ZipOptions | FlateCallback<Uint8Array>, b?: FlateCallback<Uint8Array>): AsyncTerminable {
  const [opts, cb] = typeof a === 'function' ? [{}, a] : [a, b!];
  return later(() => zipSync(files, opts), cb);
}

/** Runs `work` on a later turn of the event loop and gives its result or error to `cb` (fflate's callbacks are never called synchronously). */
function later<T>(work: () => T, cb: FlateCallback<T>): AsyncTerminable {
  const timer = setImmediate(() => {
    let result: T;
    try {
      result = work();
    } catch (err) {
      cb(err as Error, undefined as T);
      return;
    }
    cb(null, result);
  });
  return () => clearImmediate(timer);
}

/** fflate's `strToU8`: UTF-8, or with `latin1` one byte per character. */
export function strToU8(str: string, latin1?: boolean): Uint8Array {
  return latin1 ? Uint8Array.from(str, (c) => c.charCodeAt(0) & 0xff) : new TextEncoder().encode(str);
}

/** fflate's `strFromU8`: UTF-8, or with `latin1` one character per byte. */
export function strFromU8(data: Uint8Array, latin1?: boolean): string {
  return latin1 ? Buffer.from(data).toString('latin1') : new TextDecoder().decode(data);
}
