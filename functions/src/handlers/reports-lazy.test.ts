import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';

/**
 * The reports function loads its .xlsx writer (write-excel-file) only when an export is asked
 * for: the bundle built like serverless-esbuild builds it (CommonJS, the writer left external so
 * its loading is visible) does not load it when the function starts.
 */
// Inside the repository (git-ignored), so the bundle resolves the external packages from node_modules.
const artifacts = fileURLToPath(new URL('../../../.artifacts', import.meta.url));
mkdirSync(artifacts, { recursive: true });
const dir = mkdtempSync(join(artifacts, 'lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('does not load the .xlsx writer at cold start of the reports function', async () => {
  const outfile = join(dir, 'reports.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./reports.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['write-excel-file', '@aws-sdk/*', '@node-rs/*'],
    logLevel: 'error',
  });
  const require = createRequire(fileURLToPath(import.meta.url));
  const loaded = () => Object.keys(require.cache).filter((k) => k.includes(`${'/'}write-excel-file${'/'}`));
  const before = loaded().length;
  const mod = require(outfile) as { handler: unknown };
  expect(typeof mod.handler).toBe('function');
  expect(loaded().length).toBe(before);
  expect(before).toBe(0);
});
