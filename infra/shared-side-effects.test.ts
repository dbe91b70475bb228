import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * shared/package.json says `"sideEffects": false`: esbuild (the Lambda bundles) and webpack (the
 * H5 pages) leave out a shared module whose exports a bundle never uses, and its zod schemas with
 * it. That is only true while loading a shared module does nothing but declare: no top-level
 * call, assignment or registration (`z.config(…)`, a global registry, a polyfill) whose effect
 * some other module relies on. This reads every module's top-level statements (lines starting in
 * column 0) and lets through only declarations, imports and exports.
 */
const root = fileURLToPath(new URL('../shared/src/', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /(?<!\.test|\.fixtures)\.ts$/.test(e.name) ? [join(dir, e.name)] : []));

const DECLARATION = /^(import |export |const |let |function |async function |type |interface |declare |class |abstract class |enum )/;
/** Comments, and the closing lines of a multi-line declaration (`}) satisfies …;`, `] as const;`, `): boolean {`). */
const NOT_A_STATEMENT = /^(\/\*|\*|\/\/|[})\]])/;

describe('shared/ modules', () => {
  it('only declare at the top level (shared/package.json says sideEffects: false)', () => {
    const files = sources(root);
    expect(files.length).toBeGreaterThan(30);
    const offending = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => /^\S/.test(l) && !DECLARATION.test(l) && !NOT_A_STATEMENT.test(l))
        .map((l) => `${relative(root, f)}: ${l}`),
    );
    expect(offending).toEqual([]);
  });

  it('are declared side-effect free to the bundlers', () => {
    const pkg = JSON.parse(readFileSync(new URL('../shared/package.json', import.meta.url), 'utf8')) as { sideEffects?: unknown };
    expect(pkg.sideEffects).toBe(false);
  });
});
