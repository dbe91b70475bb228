/**
 * `npm run bench:size`: builds the weapp and H5 front ends and the function
 * bundles, and prints their sizes. Last line:
 * `size: weapp_main_kb=… weapp_total_kb=… h5_initial_js_gzip_kb=… functions_max_kb=…`
 * The baseline is WeChat's 2 MB main-package limit (ratio = main / limit).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROOT } from '../infra/stack.ts';

const WECHAT_MAIN_LIMIT_KB = 2048;

function files(dir: string): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : [{ path: p, bytes: statSync(p).size }];
  });
}

const kb = (bytes: number) => bytes / 1024;
const ESBUILD_EXTERNAL = JSON.parse(/external: (\[[^\]]*\])/.exec(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'))![1]!.replace(/'/g, '"')) as string[];
const run = (args: string[]) => execFileSync('npm', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

if (!process.argv.includes('--no-build')) {
  run(['run', 'build:weapp']);
  run(['run', 'build:h5']);
}

const weappDir = join(ROOT, 'miniapp/dist/weapp');
const weapp = files(weappDir).map((f) => ({ ...f, rel: relative(weappDir, f.path) }));
// The subpackages the build declares (staff, supervisor, admin pages): everything else is the main package.
const appJson = JSON.parse(readFileSync(join(weappDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
const SUBPACKAGE_ROOTS = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => (p.root.endsWith('/') ? p.root : `${p.root}/`));
const main = weapp.filter((f) => !SUBPACKAGE_ROOTS.some((r) => f.rel.startsWith(r)));
const mainBytes = main.reduce((s, f) => s + f.bytes, 0);
const totalBytes = weapp.reduce((s, f) => s + f.bytes, 0);
console.log('largest weapp files:');
for (const f of [...weapp].sort((a, b) => b.bytes - a.bytes).slice(0, 8)) console.log(`  ${kb(f.bytes).toFixed(1).padStart(7)} KB  ${f.rel}`);

// The H5 page's initial JS: the scripts index.html loads before any route chunk.
const h5Dir = join(ROOT, 'miniapp/dist/h5');
const html = readFileSync(join(h5Dir, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
const h5Gzip = scripts.reduce((s, src) => s + gzipSync(readFileSync(join(h5Dir, src))).length, 0);

// One esbuild bundle per function, built as serverless.yml builds them.
const functionsDir = join(ROOT, 'functions/src/handlers');
const bundles: Record<string, number> = {};
for (const file of readdirSync(functionsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
  // What serverless.yml keeps outside the bundle (a native addon, the PDF library and its font) stays outside here too.
  const out = await build({ entryPoints: [join(functionsDir, file)], bundle: true, minify: true, platform: 'node', target: 'node22', format: 'cjs', write: false, logLevel: 'error', external: ESBUILD_EXTERNAL });
  bundles[file.replace(/\.ts$/, '')] = out.outputFiles[0]!.contents.length;
}
console.log('function bundles (minified):');
for (const [name, bytes] of Object.entries(bundles)) console.log(`  ${kb(bytes).toFixed(0).padStart(5)} KB  ${name}`);
const functionsMax = Math.max(...Object.values(bundles));

console.log(`weapp main package ${kb(mainBytes).toFixed(0)} KB = ${((kb(mainBytes) / WECHAT_MAIN_LIMIT_KB) * 100).toFixed(1)} % of WeChat's ${WECHAT_MAIN_LIMIT_KB} KB limit`);
console.log(
  `size: weapp_main_kb=${kb(mainBytes).toFixed(0)} weapp_total_kb=${kb(totalBytes).toFixed(0)} h5_initial_js_gzip_kb=${kb(h5Gzip).toFixed(0)} functions_max_kb=${kb(functionsMax).toFixed(0)} main_to_limit_ratio=${(kb(mainBytes) / WECHAT_MAIN_LIMIT_KB).toFixed(3)}`,
);
