/**
 * `npx tsx bench/cold-profile.ts tickets workbench …`: where a cold route's load time goes.
 * Builds the functions named as bench/cold.ts does (serverless.yml's custom.esbuild options) but
 * with linked source maps, loads each one's entry and then its heaviest route's dynamic imports
 * in a fresh Node process under `--cpu-prof`, and prints the self time of the samples by package
 * (node_modules/<name>) or our source folder, mapped back through the source maps; `(program)`
 * and `(garbage collector)` are V8's own (compilation on the main thread shows up as
 * `(program)` or as the function whose lazy compile it was). Diagnosis only: the figures of the
 * goal are bench/cold.ts's.
 *
 *   npx tsx bench/cold-profile.ts tickets --rounds 5 [--files]   # --files: by source file, not package
 *     [--self]                  # a sample in Node, a V8 builtin or the GC as such, not charged to the bundle's caller
 *     [--inclusive zod]         # the samples with that package anywhere on the stack
 *     [--toplevel]              # not minified: the chunks' top-level code (the modules' bodies) by source file
 *   npx tsx bench/cold-profile.ts --floor --rounds 11          # a function with no code of its own (with and without S3)
 *   npx tsx bench/cold-profile.ts tickets --schemas              # zod schema instances built at load, by source file
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { REPO_ROOT } from '../infra/stages.ts';
import { functionsOf, heaviestRoute, loadMs, median, slsBuildOptions } from './cold.ts';

interface ProfileNode {
  id: number;
  positionTicks?: { line: number; ticks: number }[];
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 5;
  const byFile = args.includes('--files');
  const self = args.includes('--self');
  const schemas = args.includes('--schemas');
  const toplevel = args.includes('--toplevel');
  const inclusiveOf = args.includes('--inclusive') ? args[args.indexOf('--inclusive') + 1] : undefined;
  const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds' && args[i - 1] !== '--inclusive');
  const yml = readFileSync(join(REPO_ROOT, 'serverless.yml'), 'utf8');
  const out = join(REPO_ROOT, '.artifacts', 'cold-profile');
  if (args.includes('--floor')) return floor(yml, join(out, 'floor'), Number(args[args.indexOf('--rounds') + 1]) || 11);
  for (const fn of functionsOf(yml).filter((f) => names.includes(f.name))) {
    const outdir = join(out, fn.name);
    rmSync(outdir, { recursive: true, force: true });
    const r = await build({
      ...slsBuildOptions(yml),
      entryPoints: { [fn.name]: join(REPO_ROOT, fn.entry) },
      // --toplevel: not minified, so the line ticks of the chunks' top-level code (every bundled module's body, hoisted)
      // map to the source files whose bodies cost them.
      minify: !toplevel,
      sourcemap: 'linked',
      outdir,
      absWorkingDir: REPO_ROOT,
    });
    const entryOut = Object.keys(r.metafile.outputs).find((o) => r.metafile.outputs[o]!.entryPoint === fn.entry)!;
    const route = heaviestRoute(r.metafile, entryOut);
    const urls = [entryOut, ...route.imports].map((o) => pathToFileURL(join(REPO_ROOT, o)).href);
    const script = `(async()=>{for(const u of ${JSON.stringify(urls)})await import(u)})()`;
    writeFileSync(join(outdir, 'route.json'), JSON.stringify(urls));
    if (schemas) {
      // zod's post-processing hook (zod/v4/core $constructor: run once per schema instance built) counts the schemas
      // built while loading, by the first of our source files on the stack (source maps on).
      const count = `const by=new Map();let n=0;Error.stackTraceLimit=80;globalThis.__zod_globalConfig={postProcessor(){n++;const f=new Error().stack.split('\\n').find((l)=>/(functions|shared)\\/src\\//.test(l)&&!/node_modules/.test(l));const k=f?f.replace(/.*\\/((?:functions|shared)\\/src\\/[^:]+).*/,'$1'):'(a library)';by.set(k,(by.get(k)??0)+1)}};(async()=>{for(const u of ${JSON.stringify(urls)})await import(u);process.stdout.write(JSON.stringify([n,[...by].sort((a,b)=>b[1]-a[1])]))})()`;
      const [n, by] = JSON.parse(execFileSync(process.execPath, ['--enable-source-maps', '-e', count], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: process.env.PATH, AWS_REGION: 'cn-northwest-1' } })) as [number, [string, number][]];
      console.log(`${fn.name}: ${n} zod schema instances built loading the entry and its heaviest route`);
      for (const [file, k] of by.slice(0, 25)) console.log(`  ${String(k).padStart(6)}  ${file}`);
      continue;
    }
    const profDir = join(outdir, 'prof');
    mkdirSync(profDir, { recursive: true });
    for (let i = 0; i < rounds; i++) {
      execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profDir, '-e', script], { stdio: 'ignore', env: { PATH: process.env.PATH, AWS_REGION: 'cn-northwest-1' } });
    }
    const consumers = new Map<string, SourceMap | null>();
    const consumer = (url: string) => {
      if (!consumers.has(url)) {
        let c: SourceMap | null = null;
        if (url.startsWith('file:') && url.includes(outdir)) {
          try {
            c = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')) as SourceMapPayload);
          } catch {
            c = null;
          }
        }
        consumers.set(url, c);
      }
      return consumers.get(url)!;
    };
    const totals = new Map<string, number>();
    let all = 0;
    const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    for (const file of files) {
      const p = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile;
      const byId = new Map(p.nodes.map((n) => [n.id, n]));
      const labels = new Map<number, string>();
      for (const n of p.nodes) {
        const { url, lineNumber, columnNumber, functionName } = n.callFrame;
        let label: string;
        if (!url) label = functionName.startsWith('(') ? functionName : `(native ${functionName})`;
        else if (url.startsWith('node:')) label = byFile ? `${url} ${functionName}:${lineNumber}` : 'node: (Node itself)';
        else {
          const c = consumer(url);
          // Zero-based line and column, as the profile's call frames have them.
          const pos = c?.findEntry(lineNumber, columnNumber);
          const source = pos && 'originalSource' in pos ? pos.originalSource.replace(/^file:\/\//, '') : undefined;
          const src = source ? relative(REPO_ROOT, source) : c ? '(esbuild runtime/banner)' : url;
          const m = /node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?/.exec(src);
          if (byFile) label = m ? `${m[1]}${m[2] ?? ''}` : src.replace(/^(\.\.\/)+/, '');
          else label = m ? m[1]! : src.replace(/^(\.\.\/)+/, '').replace(/^((?:functions|shared)\/src\/[^/]+).*$/, '$1');
        }
        labels.set(n.id, label);
      }
      const parent = new Map<number, number>();
      for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      // A sample in Node itself, a V8 builtin or the GC is charged to the nearest caller in the bundle (the package whose
      // code made it), unless --self; V8's (program)/(idle) have no caller.
      const ours = (l: string) => !l.startsWith('(') && !l.startsWith('node:');
      const charged = (id: number): string => {
        const own = labels.get(id)!;
        if (self || ours(own)) return own;
        for (let at = parent.get(id); at !== undefined; at = parent.get(at)) if (ours(labels.get(at)!)) return `${labels.get(at)!} <- ${own.startsWith('(native') ? '(native)' : own}`;
        return own;
      };
      // --inclusive <package>: every sample with that package anywhere on its stack, by the top frame's label.
      const inclusive = (id: number): string => {
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (labels.get(at)!.startsWith(inclusiveOf!)) return `${inclusiveOf} (incl.) top: ${labels.get(id)!.startsWith(inclusiveOf!) ? inclusiveOf : labels.get(id)!}`;
        return '(other)';
      };
      if (toplevel) {
        // The ticks of the chunks' top-level functions (line 0, column 0), by the source file of each line.
        const interval = p.timeDeltas.reduce((a, b) => a + b, 0) / p.timeDeltas.length / 1000;
        for (const n of p.nodes) {
          const c = n.callFrame.url ? consumer(n.callFrame.url) : null;
          if (!c || n.callFrame.lineNumber !== 0 || n.callFrame.columnNumber !== 0) continue;
          for (const t of n.positionTicks ?? []) {
            const pos = c.findEntry(t.line - 1, 0);
            const source = pos && 'originalSource' in pos ? relative(REPO_ROOT, pos.originalSource.replace(/^file:\/\//, '')) : '(unmapped)';
            const label = `top-level ${source.replace(/^.*node_modules\//, '')}`;
            totals.set(label, (totals.get(label) ?? 0) + t.ticks * interval);
            all += t.ticks * interval;
          }
        }
        continue;
      }
      p.samples.forEach((id, i) => {
        const dt = p.timeDeltas[i] ?? 0;
        if (!byId.has(id)) return;
        const label = inclusiveOf ? inclusive(id) : charged(id);
        if (label === '(idle)') return;
        totals.set(label, (totals.get(label) ?? 0) + dt / 1000);
        all += dt / 1000;
      });
    }
    console.log(`${fn.name}: entry + ${route.imports.length} dynamic imports, ${files.length} profiles, mean sampled ${(all / files.length).toFixed(1)} ms (idle excluded, whole process incl. Node's start)`);
    for (const [label, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, byFile ? 40 : 25)) console.log(`  ${(ms / files.length).toFixed(1).padStart(7)} ms  ${label}`);
  }
}

/**
 * `--floor`: what a function would pay with no code of its own, against bench/cold.ts's baseline (the
 * DynamoDB document client alone), in CPU ms of interleaved fresh processes: our entry
 * (lazy-function.ts: the request log, metrics, secrets) with a route module that only creates the
 * document client, and the same with the photo storage (functions/src/adapters/storage.ts and its S3
 * requests, s3-signed.ts) made on its route, as the tickets, workbench and resident functions have. Built as serverless.yml builds.
 */
async function floor(yml: string, dir: string, rounds: number): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const src = (f: string) => JSON.stringify(join(REPO_ROOT, 'functions/src', f));
  writeFileSync(join(dir, 'baseline.ts'), `import { createDocClient, storeConfigFromEnv } from ${src('store/client.ts')};\nexport const db = createDocClient(storeConfigFromEnv({ TABLE_NAME: 'bench-cold' }));\n`);
  const route = `import { createDocClient, storeConfigFromEnv } from ${src('store/client.ts')};\nexport const db = createDocClient(storeConfigFromEnv({ TABLE_NAME: 'bench-cold' }));\nexport const routes = {};\nexport const route = async () => ({ statusCode: 404, headers: {}, body: '' });\n`;
  writeFileSync(join(dir, 'route.ts'), route);
  writeFileSync(join(dir, 'route-s3.ts'), `${route}import { S3PhotoStorage } from ${src('adapters/storage.ts')};\nexport const photos = new S3PhotoStorage({ bucket: 'bench-cold-photos' });\n`);
  writeFileSync(join(dir, 'entry.ts'), `import { lazyHttpFunction } from ${src('handlers/lazy-function.ts')};\nexport const { handler } = lazyHttpFunction(() => import('./route.ts'));\n`);
  writeFileSync(join(dir, 'entry-s3.ts'), `import { lazyHttpFunction } from ${src('handlers/lazy-function.ts')};\nexport const { handler } = lazyHttpFunction(() => import('./route-s3.ts'));\n`);
  const chains: Record<string, string[]> = {};
  for (const name of ['baseline', 'entry', 'entry-s3']) {
    const entry = relative(REPO_ROOT, join(dir, `${name}.ts`));
    const r = await build({ ...slsBuildOptions(yml), entryPoints: { [name]: join(REPO_ROOT, entry) }, outdir: join(dir, 'out', name), absWorkingDir: REPO_ROOT });
    const entryOut = Object.keys(r.metafile.outputs).find((o) => r.metafile.outputs[o]!.entryPoint === entry)!;
    chains[name] = [entryOut, ...heaviestRoute(r.metafile, entryOut).imports].map((o) => join(REPO_ROOT, o));
  }
  const times: Record<string, number[]> = { baseline: [], entry: [], 'entry-s3': [] };
  for (let i = 0; i < rounds; i++) for (const name of Object.keys(times)) times[name]!.push(loadMs(chains[name]![0]!, chains[name]!.slice(1)).cpu);
  const base = median(times.baseline!);
  console.log(`floor: ${rounds} interleaved loads, CPU ms (ratio to the baseline); load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`  baseline (document client)                       ${base.toFixed(1)} (1.00)`);
  console.log(`  entry + a route that only makes the client       ${median(times.entry!).toFixed(1)} (${(median(times.entry!) / base).toFixed(2)})`);
  console.log(`  the same + the photo storage (S3 requests)       ${median(times['entry-s3']!).toFixed(1)} (${(median(times['entry-s3']!) / base).toFixed(2)})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
