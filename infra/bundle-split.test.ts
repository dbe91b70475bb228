import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { closureOf, functionsOf, heaviestRoute, outputOptionsOf, slsBuildOptions } from '../bench/cold.ts';

/**
 * Cold start (issue #9): serverless.yml bundles each function as ES modules with code splitting,
 * and a function's entry holds only the request log line and a dynamic import of its routes
 * (functions/src/handlers/lazy-function.ts). Built as serverless.yml builds them: what Lambda's
 * init loads (the entry and its static imports) carries no route, no use case and no schema;
 * the spreadsheet libraries are loaded only by the calls that use them, and no function carries
 * the SDK's S3 client, nor its Secrets Manager client or Powertools Parameters.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
mkdirSync(join(ROOT, '.artifacts'), { recursive: true }); // absent in a fresh clone
const out = mkdtempSync(join(ROOT, '.artifacts', 'split-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function bundle(name: string): Promise<{ metafile: Metafile; entry: string }> {
  const fn = functionsOf(yml).find((f) => f.name === name)!;
  const r = await build({ ...slsBuildOptions(yml), entryPoints: { [name]: join(ROOT, fn.entry) }, outdir: join(out, name), absWorkingDir: ROOT });
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
    expect(init.filter((p) => /^functions\/src\/(handlers\/(routes|tables|jobs)\/|app\/(?!secrets\.ts)|admin\/|store\/)|^functions\/src\/adapters\/(storage|s3-signed)\.ts|^shared\/src\/(contracts|ticket|calendar)|node_modules\/(zod|write-excel-file|read-excel-file|csv-parse|@aws-sdk\/client-s3|@aws-sdk\/client-dynamodb)\//.test(p))).toEqual([]);
    // What it does load: the HTTP layer's log line and the runtime secrets (functions/src/app/secrets.ts, Secrets Manager).
    expect(init).toContain('functions/src/http/observe.ts');
    // The routes are a chunk of their own, loaded on the first request.
    const all = inputsOf(metafile, Object.keys(metafile.outputs));
    expect(all.some((p) => /^functions\/src\/handlers\/(tables|jobs)\//.test(p))).toBe(true);
  });

  it("tickets: the photo storage's S3 requests come with the routes, and neither the routes nor any chunk carries the SDK's S3 client", async () => {
    const { metafile, entry } = await bundle('tickets');
    const routes = inputsOf(metafile, routeModuleLoad(metafile, entry, 'functions/src/handlers/tables/tickets.ts'));
    expect(routes).toContain('functions/src/adapters/storage.ts');
    expect(routes).toContain('functions/src/adapters/s3-signed.ts');
    expect(inputsOf(metafile, Object.keys(metafile.outputs)).filter((p) => /node_modules\/@aws-sdk\/(client-s3|s3-presigned-post|s3-request-presigner)\//.test(p))).toEqual([]);
  });

  it("dispatcher: the photo tagging retried (functions/src/app/photos/photo-tags.ts) without the SDK's S3 client", async () => {
    const { metafile, entry } = await bundle('dispatcher');
    const job = inputsOf(metafile, routeModuleLoad(metafile, entry, 'functions/src/handlers/jobs/dispatcher.ts'));
    expect(job).toContain('functions/src/app/photos/photo-tags.ts');
    expect(job).toContain('functions/src/adapters/s3-signed.ts');
    expect(inputsOf(metafile, Object.keys(metafile.outputs)).filter((p) => p.includes('node_modules/@aws-sdk/client-s3/'))).toEqual([]);
  });

  it("no function carries the SDK's Secrets Manager client or Powertools Parameters: the runtime secrets are read by adapters/secrets-signed.ts, loaded at init", async () => {
    const fns = functionsOf(yml);
    expect(fns.length).toBeGreaterThan(10);
    // All entries in one build: the modules each reaches are the same as in its own build.
    const r = await build({ ...slsBuildOptions(yml), entryPoints: Object.fromEntries(fns.map((f) => [f.name, join(ROOT, f.entry)])), outdir: join(out, 'all'), absWorkingDir: ROOT });
    const forbidden = /node_modules\/(@aws-sdk\/client-secrets-manager|@aws-lambda-powertools\/parameters)\//;
    for (const fn of fns) {
      const entry = Object.keys(r.metafile.outputs).find((o) => r.metafile.outputs[o]!.entryPoint === fn.entry)!;
      expect(entry, fn.name).toBeTruthy();
      expect(inputsOf(r.metafile, closureOf(r.metafile, entry, { dynamic: true })).filter((p) => forbidden.test(p)), fn.name).toEqual([]);
      expect(inputsOf(r.metafile, closureOf(r.metafile, entry)), fn.name).toContain('functions/src/adapters/secrets-signed.ts');
    }
  }, 120_000);

  it('admin: the .xlsx and CSV readers are loaded by a location import of that format, not with the routes', async () => {
    const { metafile, entry } = await bundle('admin');
    const routes = inputsOf(metafile, routeModuleLoad(metafile, entry, 'functions/src/handlers/tables/admin.ts'));
    expect(routes).toContain('functions/src/admin/org/locations.ts');
    expect(routes.filter((p) => /node_modules\/(read-excel-file|csv-parse|fflate)\//.test(p))).toEqual([]);
    // Each a chunk of its own: a CSV import does not load the .xlsx reader, nor the other way round.
    const chunkOf = (lib: string) => Object.keys(metafile.outputs).filter((o) => Object.keys(metafile.outputs[o]!.inputs).some((p) => p.includes(`node_modules/${lib}/`)));
    const [xlsx, csv] = [chunkOf('read-excel-file'), chunkOf('csv-parse')];
    expect(xlsx).toHaveLength(1);
    expect(csv).toHaveLength(1);
    expect(closureOf(metafile, xlsx[0]!).has(csv[0]!)).toBe(false);
    expect(closureOf(metafile, csv[0]!).has(xlsx[0]!)).toBe(false);
  });

  it('reports: the .xlsx writer is loaded by an export, not with the routes', async () => {
    const { metafile, entry } = await bundle('reports');
    const routes = inputsOf(metafile, routeModuleLoad(metafile, entry, 'functions/src/handlers/tables/reports.ts'));
    expect(routes.filter((p) => /node_modules\/(write-excel-file|fflate)\//.test(p))).toEqual([]);
    const heavy = heaviestRoute(metafile, entry);
    expect(inputsOf(metafile, heavy.outputs).some((p) => p.includes('node_modules/write-excel-file/'))).toBe(true);
  });

  it.each([
    ['admin', 'read-excel-file'],
    ['reports', 'write-excel-file'],
  ])("%s: %s zips with Node's zlib (fflate-on-zlib.ts), and fflate is in no chunk", async (name, lib) => {
    const { metafile } = await bundle(name);
    const all = inputsOf(metafile, Object.keys(metafile.outputs));
    expect(all.filter((p) => p.includes('node_modules/fflate/'))).toEqual([]);
    const chunk = Object.keys(metafile.outputs).find((o) => Object.keys(metafile.outputs[o]!.inputs).some((p) => p.includes(`node_modules/${lib}/`)))!;
    expect(inputsOf(metafile, closureOf(metafile, chunk))).toContain('functions/src/adapters/fflate-on-zlib.ts');
  });

  it('reports: an export and the routes share no chunk beyond what init loads (the code they share is not cut into one more file)', async () => {
    // The export loads only functions/src/app/reporting/xlsx-writer.ts, which re-exports the library and imports
    // nothing of ours: a module loaded on demand that imported shared/src/time.ts made esbuild put it,
    // zod with it, in a chunk of its own that every report route then loaded.
    const { metafile, entry } = await bundle('reports');
    const output = (source: string) => Object.keys(metafile.outputs).find((o) => metafile.outputs[o]!.entryPoint === source)!;
    const init = closureOf(metafile, entry);
    const routes = closureOf(metafile, output('functions/src/handlers/tables/reports.ts'));
    const exporter = closureOf(metafile, output('functions/src/app/reporting/xlsx-writer.ts'));
    // Chunks both load that Lambda's init has not loaded already: none.
    expect([...exporter].filter((o) => routes.has(o) && !init.has(o))).toEqual([]);
    expect(exporter.size).toBeGreaterThan(1);
  });

  it("carries Open311's XML builder only where Open311 is served (interop): the dispatcher maps requests for webhooks as JSON, tickets none", async () => {
    const xmlBuilder = (paths: string[]) => paths.filter((p) => p === 'functions/src/open311/xml.ts' || /node_modules\/(fast-xml-parser|fast-xml-builder)\//.test(p));
    for (const name of ['tickets', 'dispatcher']) {
      const { metafile } = await bundle(name);
      const all = inputsOf(metafile, Object.keys(metafile.outputs));
      if (name === 'dispatcher') expect(all).toContain('functions/src/open311/format.ts');
      expect(xmlBuilder(all), name).toEqual([]);
    }
    const { metafile } = await bundle('interop');
    expect(xmlBuilder(inputsOf(metafile, Object.keys(metafile.outputs)))).toContain('functions/src/open311/xml.ts');
  }, 120_000);

  it('interop: Open311 and the integration keys are one route module, so the code they share is not split into more chunks', async () => {
    // Both use the interop service (functions/src/open311/runtime.ts). Loaded apart, that shared code
    // was cut into two more chunks on an Open311 call (13 outputs instead of 11).
    const { metafile, entry } = await bundle('interop');
    const dynamic = metafile.outputs[entry]!.imports.filter((i) => i.kind === 'dynamic-import').map((i) => metafile.outputs[i.path]?.entryPoint);
    expect(dynamic).toEqual(['functions/src/handlers/tables/interop.ts']);
    const route = heaviestRoute(metafile, entry);
    expect(inputsOf(metafile, route.outputs)).toEqual(expect.arrayContaining(['functions/src/handlers/open311.ts', 'functions/src/handlers/routes/admin/integrations.ts']));
  }, 120_000);

  it('leaves the risk rules out of the functions that reopen no request, and the bundled thesaurus out of those that cluster no hotspot', async () => {
    /** Bytes each source adds to all of a function's outputs (what its package holds). */
    const bytesOf = async (name: string) => {
      const { metafile } = await bundle(name);
      const bytes = new Map<string, number>();
      for (const o of Object.values(metafile.outputs)) for (const [p, i] of Object.entries(o.inputs)) bytes.set(p, (bytes.get(p) ?? 0) + i.bytesInOutput);
      return (path: string) => bytes.get(path) ?? 0;
    };
    // The workbench files requests but reopens none: a new request's risk check is queued with it
    // (functions/src/app/supervision/risk-check-queue.ts) and the dispatcher evaluates it. The resident function does neither.
    // Neither clusters hotspots: the thesaurus is read by the hotspots alone (functions/src/app/supervision/thesaurus.ts).
    for (const name of ['workbench', 'resident']) {
      const b = await bytesOf(name);
      expect([b('shared/src/risk.ts'), b('functions/src/app/supervision/risk.ts'), b('functions/src/app/supervision/risk-evaluation.ts')], name).toEqual([0, 0, 0]);
      expect([b('shared/src/hotspots.ts'), b('functions/src/app/supervision/thesaurus.ts')], name).toEqual([0, 0]);
      // What is left of synonyms.ts is the schema of the rows, parsed by the reference store (functions/src/store/org.ts).
      expect(b('shared/src/synonyms.ts'), name).toBeLessThan(2048);
    }
    // Tickets works requests (a resident reopens one: evaluated with the change), but clusters no hotspot either.
    const tickets = await bytesOf('tickets');
    expect(tickets('shared/src/risk.ts')).toBeGreaterThan(8192);
    expect(tickets('shared/src/synonyms.ts')).toBeLessThan(2048);
    expect(tickets('shared/src/hotspots.ts')).toBe(0);
    const supervision = await bytesOf('supervision');
    expect(supervision('shared/src/synonyms.ts')).toBeGreaterThan(8192);
    expect(supervision('functions/src/app/supervision/thesaurus.ts')).toBeGreaterThan(0);
  }, 120_000);

  it('leaves the ticket service (filing, commands, reads) out of the functions that only read the reference data: supervision and alerts', async () => {
    // Hotspots, risk warnings and staff alerts read units and categories from the core's cache
    // (functions/src/app/runtime.ts coreFromEnv), not through the service that files and works requests.
    const sources = ['functions/src/app/service.ts', 'functions/src/app/commands/command.ts', 'functions/src/app/filing/filing.ts'];
    const carried = async (name: string) => {
      const { metafile } = await bundle(name);
      // Sources that add bytes to any output (a module esbuild left out entirely may still be listed, with none).
      const bytes = (source: string) => Object.values(metafile.outputs).reduce((n, o) => n + (o.inputs[source]?.bytesInOutput ?? 0), 0);
      return sources.filter((s) => bytes(s) > 0);
    };
    for (const name of ['supervision', 'alerts']) expect(await carried(name), name).toEqual([]);
    // The tickets function files and works requests: it carries them (so the check above can see them).
    expect(await carried('tickets')).toEqual(sources);
  }, 120_000);

  it("packages each function with the chunks its entry reaches (infra/esbuild-chunks.cjs), and only those", async () => {
    const { metafile, entry } = await bundle('public');
    const { reachable } = createRequire(import.meta.url)('./esbuild-chunks.cjs') as { reachable: (file: string) => string[] };
    const found = reachable(join(ROOT, entry)).map((f) => relative(ROOT, f)).sort();
    // Every output the metafile says the entry reaches, statically or dynamically.
    expect(found).toEqual([...closureOf(metafile, entry, { dynamic: true })].sort());
    expect(found.length).toBeGreaterThan(2);
  });
});
