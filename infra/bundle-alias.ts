import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './stages.ts';

/**
 * serverless.yml's `custom.esbuild.alias` (a flow map on one line): a package name and the module
 * of ours the function bundles use in its place (`fflate` → functions/src/adapters/fflate-on-zlib.ts).
 * bench/cold.ts builds with it; vitest.config.ts resolves the same, so the tests run what Lambda runs.
 */
export function aliasOf(yml: string): Record<string, string> {
  const m = /\n {4}alias: \{([^}]*)\}/.exec(yml);
  if (!m) return {};
  return Object.fromEntries(m[1]!.split(',').map((pair) => pair.split(':').map((s) => s.trim()) as [string, string]));
}

/** The aliases of this repository's serverless.yml, as absolute paths. */
export function bundleAliases(): Record<string, string> {
  const alias = aliasOf(readFileSync(join(REPO_ROOT, 'serverless.yml'), 'utf8'));
  return Object.fromEntries(Object.entries(alias).map(([pkg, path]) => [pkg, join(REPO_ROOT, path)]));
}
