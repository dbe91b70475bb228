import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';

/**
 * The admin function's routes load qrcode (the poster's fallback URL code) only when a poster
 * falls back to it, not with the route table (issue #9: a cold location import pays the
 * routes and the sheet reader, not the QR code library): the route module bundled like its function
 * (qrcode left external so its loading is visible) does not load qrcode.
 */
// Inside the repository (git-ignored), so the bundle resolves the external packages from node_modules.
const artifacts = fileURLToPath(new URL('../../../.artifacts', import.meta.url));
mkdirSync(artifacts, { recursive: true });
const dir = mkdtempSync(join(artifacts, 'lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("does not load qrcode with the admin function's routes", async () => {
  const outfile = join(dir, 'admin-routes.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./tables/admin.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['qrcode', 'read-excel-file', 'csv-parse', 'pdfkit', '@embedpdf/*', '@aws-sdk/*', '@node-rs/*'],
    logLevel: 'error',
  });
  const require = createRequire(fileURLToPath(import.meta.url));
  const loaded = () => Object.keys(require.cache).filter((k) => k.includes(`${'/'}qrcode${'/'}`));
  const before = loaded().length;
  const mod = require(outfile) as { route: unknown; routes: Record<string, unknown> };
  expect(typeof mod.route).toBe('function');
  expect(Object.keys(mod.routes)).toContain('GET /api/admin/posters');
  expect(loaded().length).toBe(before);
  expect(before).toBe(0);
});
