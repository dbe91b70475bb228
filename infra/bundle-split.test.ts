import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { closureOf, externalsOf, functionsOf, heaviestRoute, mainFieldsOf, outputOptionsOf } from '../bench/cold.ts';

/**
 * Cold start (issue #9): serverless.yml bundles each function as ES modules with code splitting,
 * and a function's entry holds only the request log line and a dynamic import of its routes
 * (functions/src/handlers/lazy-function.ts). Built as serverless.yml builds them: what Lambda's
 * init loads (the entry and its static imports) carries no route, no use case and no schema;
 * the S3 client and exceljs are loaded only by the calls that use them.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
mkdirSync(join(ROOT, '.artifacts'), { recursive: true }); // absent in a fresh clone
const out = mkdtempSync(join(ROOT, '.artifacts', 'split-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function bundle(name: string): Promise<{ metafile: Metafile; entry: string }> {
  const fn = functionsOf(yml).find((f) => f.name === name)!;
  const opts = outputOptionsOf(yml);
  const r = await build({
    entryPoints: { [name]: join(ROOT, fn.entry) },
    bundle: true,
    minify: true,
    target: 'node22',
    platform: 'node',
    mainFields: mainFieldsOf(yml),
    format: opts.format,
    splitting: opts.splitting,
    ...(opts.chunkNames ? { chunkNames: opts.chunkNames } : {}),
    ...(opts.banner ? { banner: { js: JSON.parse(`"${opts.banner}"`) as string } } : {}),
    outExtension: { '.js': opts.extension },
    outdir: join(out, name),
    absWorkingDir: ROOT,
    external: externalsOf(yml),
    metafile: true,
    logLevel: 'error',
  });
  const entry = Object.keys(r.metafile.outputs).find((o) => r.metafile.outputs[o]!.entryPoint === fn.entry)!;
  return { metafile: r.metafile, entry };
}

/** The source files (inputs) of these outputs. */
const inputsOf = (metafile: Metafile, outputs: Iterable<string>) => [...outputs].flatMap((o) => Object.keys(metafile.outputs[o]!.inputs));
/** The outputs loaded before any dynamic import of the route module's own: the entry, then the route module, each with its static imports. */
function routeModuleLoad(metafile: Metafile, entry: string, routeModule: string): Set<string> {
  const route = Object.keys(metafile.outputs).find((o) => metafile.outputs[o]!.entryPoint === routeModule)!;
  expect(route, routeModule).toBeTruthy();
  return new Set([...closureOf(metafile, entry), ...closureOf(metafile, route)]);
}

describe('code-split function bundles', () => {
  it('serverless.yml builds ES modules with code splitting', () => {
    const opts = outputOptionsOf(yml);
    expect(opts).toMatchObject({ format: 'esm', splitting: true, extension: '.mjs' });
    expect(opts.banner).toContain('createRequire');
  });

  it.each(['public', 'tickets', 'admin', 'reports', 'sweeper'])('%s: the entry Lambda loads at init carries no route, use case or schema', async (name) => {
    const { metafile, entry } = await bundle(name);
    const init = inputsOf(metafile, closureOf(metafile, entry));
    expect(init.filter((p) => /^functions\/src\/(handlers\/(routes|tables|jobs)\/|app\/(?!secrets\.ts)|admin\/|store\/)|^shared\/src\/(contracts|ticket|calendar)|node_modules\/(zod|exceljs|@aws-sdk\/client-s3|@aws-sdk\/client-dynamodb)\//.test(p))).toEqual([]);
    // What it does load: the HTTP layer's log line and the runtime secrets (functions/src/app/secrets.ts, Secrets Manager).
    expect(init).toContain('functions/src/http/observe.ts');
    // The routes are a chunk of their own, loaded on the first request.
    const all = inputsOf(metafile, Object.keys(metafile.outputs));
    expect(all.some((p) => /^functions\/src\/handlers\/(tables|jobs)\//.test(p))).toBe(true);
  });

  it('tickets: the S3 client is loaded by the first photo call, not with the routes', async () => {
    const { metafile, entry } = await bundle('tickets');
    const routes = inputsOf(metafile, routeModuleLoad(metafile, entry, 'functions/src/handlers/tables/tickets.ts'));
    expect(routes).toContain('functions/src/adapters/storage.ts');
    expect(routes.filter((p) => p.includes('node_modules/@aws-sdk/client-s3/'))).toEqual([]);
    const all = inputsOf(metafile, Object.keys(metafile.outputs));
    expect(all.some((p) => p.includes('node_modules/@aws-sdk/client-s3/'))).toBe(true);
    // The heaviest route's figure counts it (bench/cold.ts): the chain goes on into the S3 chunk.
    const heavy = heaviestRoute(metafile, entry);
    expect(inputsOf(metafile, heavy.outputs).some((p) => p.includes('node_modules/@aws-sdk/client-s3/'))).toBe(true);
  });

  it('admin: exceljs is loaded by the routes that read or write a workbook, not with the routes', async () => {
    const { metafile, entry } = await bundle('admin');
    const routes = inputsOf(metafile, routeModuleLoad(metafile, entry, 'functions/src/handlers/tables/admin.ts'));
    expect(routes.filter((p) => p.includes('node_modules/exceljs/'))).toEqual([]);
    const heavy = heaviestRoute(metafile, entry);
    expect(inputsOf(metafile, heavy.outputs).some((p) => p.includes('node_modules/exceljs/'))).toBe(true);
  });

  it("packages each function with the chunks its entry reaches (infra/esbuild-chunks.cjs), and only those", async () => {
    const { metafile, entry } = await bundle('public');
    const { reachable } = createRequire(import.meta.url)('./esbuild-chunks.cjs') as { reachable: (file: string) => string[] };
    const found = reachable(join(ROOT, entry)).map((f) => relative(ROOT, f)).sort();
    // Every output the metafile says the entry reaches, statically or dynamically.
    const expected = new Set<string>();
    const stack = [entry];
    while (stack.length) {
      const o = stack.pop()!;
      if (expected.has(o)) continue;
      expected.add(o);
      for (const i of metafile.outputs[o]!.imports) if (metafile.outputs[i.path]) stack.push(i.path);
    }
    expect(found).toEqual([...expected].sort());
    expect(found.length).toBeGreaterThan(2);
  });
});
