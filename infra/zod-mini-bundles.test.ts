import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functionsOf, slsBuildOptions } from '../bench/cold.ts';

/**
 * The schemas are written with `zod/mini` (issue #9): classic zod (its method-chain classes and
 * English locale, ≈ 70 KB and ≈ 3.5 ms of every cold route) must reach no Lambda bundle and no
 * page of the mini-program, not even through a library. `npm run lint:deps` (rule zod-mini-only)
 * forbids the imports; this checks what esbuild actually bundles.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
mkdirSync(join(ROOT, '.artifacts'), { recursive: true }); // absent in a fresh clone
const out = mkdtempSync(join(ROOT, '.artifacts', 'zod-mini-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** zod's classic API: the package root, `zod/v4` and `zod/v3`, and everything under v4/classic/. */
const CLASSIC = /(^|\/)node_modules\/zod\/((v4\/)?index\.|v3\/|v4\/classic\/)/;
const MINI = /(^|\/)node_modules\/zod\/v4\/mini\//;
const inputsOf = (metafile: Metafile) => Object.keys(metafile.inputs);

describe('zod classic in no bundle', () => {
  it('no Lambda function bundle, built as serverless.yml builds it, carries classic zod (and each carries zod/mini)', async () => {
    const fns = functionsOf(yml);
    expect(fns.length).toBeGreaterThan(5);
    for (const fn of fns) {
      const r = await build({ ...slsBuildOptions(yml), entryPoints: { [fn.name]: join(ROOT, fn.entry) }, outdir: join(out, fn.name), absWorkingDir: ROOT });
      const inputs = inputsOf(r.metafile);
      expect(inputs.filter((p) => CLASSIC.test(p)), fn.name).toEqual([]);
      expect(inputs.some((p) => MINI.test(p)), `${fn.name} parses with zod/mini`).toBe(true);
    }
  }, 180_000);

  it("the mini-program's modules, bundled with what they import from shared/ and zod (other packages left out), carry no classic zod", async () => {
    const src = join(ROOT, 'miniapp', 'src');
    const entries = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.(test|d)\.tsx?$/.test(f))
      .map((f) => join(src, f));
    expect(entries.length).toBeGreaterThan(20);
    // Only our own modules, the shared package and zod are followed; Taro, React and styles stay outside.
    const onlyOurs: Plugin = {
      name: 'only-ours',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (a) => (/^(zod(\/|$)|@mashang\/shared(\/|$))/.test(a.path) ? undefined : { path: a.path, external: true }));
        b.onResolve({ filter: /\.(s?css|less|png|jpe?g|svg|gif)$/ }, (a) => ({ path: a.path, external: true }));
      },
    };
    const r = await build({ entryPoints: entries, bundle: true, write: false, splitting: true, format: 'esm', outdir: join(out, 'miniapp'), metafile: true, plugins: [onlyOurs], logLevel: 'silent', absWorkingDir: ROOT, jsx: 'automatic' });
    const inputs = inputsOf(r.metafile);
    expect(inputs.some((p) => p.startsWith('shared/src/'))).toBe(true);
    expect(inputs.some((p) => MINI.test(p)), 'the shared schemas the pages parse with are zod/mini').toBe(true);
    expect(inputs.filter((p) => CLASSIC.test(p))).toEqual([]);
  }, 120_000);
});
