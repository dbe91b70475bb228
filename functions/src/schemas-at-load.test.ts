import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

/**
 * Issue #9: a cold route must not build the zod schemas it does not use. Every module-level
 * schema of shared/src and functions/src is a `lazySchema` (shared/src/lazy-schema.ts), built on
 * first use, so importing any module builds none. zod's post-processing hook (run once per schema
 * instance it constructs) counts what each import builds.
 */
const root = join(fileURLToPath(import.meta.url), '../../..');
const modules = ['shared/src', 'functions/src'].flatMap((dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(root, dir, f)),
);

it('importing any module of shared/ or functions/ builds no zod schema', async () => {
  const config = ((globalThis as { __zod_globalConfig?: { postProcessor?: (inst: unknown) => void } }).__zod_globalConfig ??= {});
  const built = new Map<string, number>();
  let current = '';
  config.postProcessor = () => built.set(current, (built.get(current) ?? 0) + 1);
  try {
    for (const file of modules) {
      current = relative(root, file);
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    }
  } finally {
    delete config.postProcessor;
  }
  expect(modules.length).toBeGreaterThan(200);
  // A module listed here built schemas when imported (itself, or a module it imports first): wrap
  // the top-level schema in lazySchema(() => …).
  expect(Object.fromEntries(built)).toEqual({});
}, 120_000);
