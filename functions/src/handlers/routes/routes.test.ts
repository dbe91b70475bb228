import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { externalsOf } from '../../../../bench/cold.ts';
import { routeTable } from '../../../../tests/support/routes.ts';
import type { Routes } from './http-function.ts';

/**
 * Routes are grouped by resource: each module of this folder holds one resource's routes (its
 * tables, one per Lambda that serves part of it), and each Lambda's handler combines exactly the
 * routes serverless.yml gives it.
 */

/** Which paths each resource module holds. */
const RESOURCES: Record<string, RegExp> = {
  tickets: /^\/api\/tickets(\/|$)/,
  sessions: /^\/api\/auth\//,
  me: /^\/api\/(me\/|lookup$)/,
  places: /^\/(api\/places(\/|$)|api\/locations\/|q\/)/,
  reference: /^\/api\/(categories|deadlines|health|client-config)$/,
  uploads: /^\/api\/uploads$/,
  staff: /^\/api\/staff\//,
  units: /^\/api\/units(\/|$)/,
  reports: /^\/api\/reports\//,
  supervision: /^\/api\/(hotspots$|risk\/)/,
  admin: /^\/api\/admin\//,
};

/** Routes that live elsewhere on purpose: Open311 (its own router and error format, functions/src/handlers/open311.ts) and the mediation teams residents read (beside their admin routes, functions/src/admin/org/public-routes.ts). */
const ELSEWHERE = new Set(['ANY /open311/v2/{proxy+}', 'GET /api/mediators']);

const DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The resource modules: `x.ts`, or a folder `x/` when Lambdas with different use cases serve parts of it (admin). */
const MODULES = readdirSync(DIR, { withFileTypes: true })
  .filter((f) => f.isDirectory() || (f.name.endsWith('.ts') && !f.name.endsWith('.test.ts') && f.name !== 'http-function.ts'))
  .map((f) => f.name.replace(/\.ts$/, ''));

/** Every route key a resource module (or each module of its folder) exports: tables, and lists of tables. */
async function routesOf(module: string): Promise<string[]> {
  const files = statSync(join(DIR, module), { throwIfNoEntry: false })?.isDirectory()
    ? readdirSync(join(DIR, module)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(DIR, module, f))
    : [join(DIR, `${module}.ts`)];
  const keys: string[] = [];
  for (const file of files) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, Routes | Routes[]>;
    keys.push(...Object.values(exports).flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((table) => Object.keys(table)));
  }
  return keys;
}

const pathOf = (key: string) => key.slice(key.indexOf(' ') + 1);

describe('routes grouped by resource', () => {
  it('has a resource module for every resource and no other', () => {
    expect(MODULES.sort()).toEqual(Object.keys(RESOURCES).sort());
  });

  it.each(Object.keys(RESOURCES))('%s: holds only its own paths', async (module) => {
    const keys = await routesOf(module);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !RESOURCES[module]!.test(pathOf(k)))).toEqual([]);
  });

  it('every route of serverless.yml is in the resource module its path names', async () => {
    const byModule = new Map<string, Set<string>>();
    for (const m of MODULES) byModule.set(m, new Set(await routesOf(m)));
    const misplaced: string[] = [];
    for (const { routeKey, path } of routeTable()) {
      if (ELSEWHERE.has(routeKey)) continue;
      const owners = Object.keys(RESOURCES).filter((m) => RESOURCES[m]!.test(path));
      if (owners.length !== 1 || !byModule.get(owners[0]!)!.has(routeKey)) misplaced.push(`${routeKey} → ${owners.join(', ') || 'no resource'}`);
    }
    expect(misplaced).toEqual([]);
  });
});

describe('each Lambda serves exactly its routes', () => {
  const byHandler = new Map<string, string[]>();
  for (const r of routeTable()) byHandler.set(r.module, [...(byHandler.get(r.module) ?? []), r.routeKey]);

  it.each([...byHandler.keys()])('%s', async (module) => {
    // The entry loads its routes on the first request (../lazy-function.ts); the table is that module's.
    const { routes } = await ((await import(`../${module}.ts`)) as { loadRoutes: () => Promise<{ routes: Routes }> }).loadRoutes();
    const expected = byHandler.get(module)!.filter((k) => k !== 'ANY /open311/v2/{proxy+}');
    expect(Object.keys(routes).sort()).toEqual(expected.sort());
  });
});

describe('a Lambda bundles only the route tables it serves', () => {
  // A resource module holds tables served by different Lambdas; esbuild leaves out the tables
  // (and their use cases) a Lambda does not import, as long as the module's top level has no side
  // effects. Bundled as serverless.yml bundles them (one build for all), no other Lambda's route
  // key may appear in a bundle.
  it('in every HTTP function', async () => {
    const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
    const table = routeTable().filter((r) => !ELSEWHERE.has(r.routeKey));
    const modules = [...new Set(table.map((r) => r.module))];
    const result = await build({
      entryPoints: Object.fromEntries(modules.map((m) => [m, join(ROOT, `functions/src/handlers/${m}.ts`)])),
      outdir: join(ROOT, '.routes-test-out'),
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      write: false,
      logLevel: 'error',
      external: externalsOf(yml),
    });
    // Keys the HTTP layer itself names in every function (functions/src/http/observe.ts: the filing routes' log fields).
    const http = readFileSync(join(ROOT, 'functions/src/http/observe.ts'), 'utf8');
    const foreign: string[] = [];
    for (const m of modules) {
      const text = result.outputFiles.find((f) => f.path.endsWith(`/${m}.js`))!.text;
      for (const r of table) {
        if (r.module !== m && !http.includes(`'${r.routeKey}'`) && text.includes(JSON.stringify(r.routeKey))) foreign.push(`${m} carries ${r.routeKey} (${r.module})`);
      }
      // Its own routes are there (so the check above can see a key at all).
      for (const r of table.filter((t) => t.module === m)) expect(text, m).toContain(JSON.stringify(r.routeKey));
    }
    expect(foreign).toEqual([]);
  }, 180_000);
});
