import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** What is worth compressing: text assets of the H5 build (images and fonts are compressed already). */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;
/** Below this a compressed reply saves nothing worth a header (CloudFront's own floor is 1,000 bytes). */
const MIN_BYTES = 1024;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * Writes `<file>.br` (brotli, best) and `<file>.gz` (gzip, best) beside every text asset of
 * the H5 build, so the local front door (infra/web.ts, sirv) sends them to a browser that
 * accepts them, with `Content-Encoding` and `Vary: Accept-Encoding`, at no CPU cost per
 * request. A file whose compressed copies are newer than it is skipped, so this runs on
 * every start. Returns how many files were compressed. (In AWS, CloudFront compresses:
 * infra/hosting.yml, `Compress: true`.)
 */
export function precompress(dir: string): number {
  let n = 0;
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const stats = statSync(file);
    if (stats.size < MIN_BYTES) continue;
    const fresh = (copy: string) => {
      try {
        return statSync(copy).mtimeMs >= stats.mtimeMs;
      } catch {
        return false;
      }
    };
    if (fresh(`${file}.br`) && fresh(`${file}.gz`)) continue;
    const body = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    writeFileSync(`${file}.gz`, gzipSync(body, { level: constants.Z_BEST_COMPRESSION }));
    n++;
  }
  return n;
}
