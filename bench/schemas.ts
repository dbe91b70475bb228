/**
 * `npx tsx bench/schemas.ts`: what the API contracts cost a Lambda at load. Each module under
 * shared/src/contracts/ (and the contracts.ts barrel that re-exports them all) is bundled alone
 * as serverless.yml bundles a function (esbuild, CommonJS, minified, node22) and `require`d in
 * a fresh Node process, interleaved with two baselines in the same run: zod/mini alone (one
 * `z.string()`), and the shared domain modules the contracts build on (ticket.ts, sla.ts,
 * org.ts, categories.ts, photos.ts: their own schemas, CommandSchema and the event union among
 * them). A module's figure is its median load time minus the domain baseline's: the cost of
 * building its schemas at load (plus parsing its code). CPU time (user + system) is printed
 * beside wall time: other processes on a shared machine disturb it less.
 *
 * Size: BENCH_SCHEMAS_RUNS loads of each bundle (15; the median is printed).
 * Last line: `schemas: zod_cpu_ms=… domain_cpu_ms=… all_contracts_cpu_ms=… all_contracts_kb=… resident_cpu_ms=… load_avg=…`
 * (the contracts' figures above the domain baseline). Printed, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../infra/stages.ts';

const RUNS = Number(process.env.BENCH_SCHEMAS_RUNS ?? 15);
const SHARED = join(REPO_ROOT, 'shared/src');
const DOMAIN = ['ticket', 'sla', 'org', 'categories', 'photos'].map((m) => `export * from '${join(SHARED, `${m}.ts`)}';`).join('\n');

/** Name → module source: the baselines, then each contract module, then all of them. */
const ENTRIES: [string, string][] = [
  ['zod', `import * as z from 'zod/mini';\nexport const s = z.string();\n`], // what the schemas use
  ['domain', DOMAIN],
  ...['common', 'resident', 'staff', 'reports', 'signals'].map((m): [string, string] => [`contracts/${m}`, `${DOMAIN}\nexport * from '${join(SHARED, 'contracts', `${m}.ts`)}';\n`]),
  ['contracts.ts (all)', `${DOMAIN}\nexport * from '${join(SHARED, 'contracts.ts')}';\n`],
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function loadMs(file: string): { wall: number; cpu: number } {
  const script = `const c=process.cpuUsage();const t=process.hrtime.bigint();require(${JSON.stringify(file)});const w=Number(process.hrtime.bigint()-t)/1e6;const u=process.cpuUsage(c);process.stdout.write(w+' '+(u.user+u.system)/1e3)`;
  const [wall, cpu] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).split(' ').map(Number);
  return { wall: wall!, cpu: cpu! };
}

async function main(): Promise<void> {
  const out = join(REPO_ROOT, '.artifacts', 'schemas');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const bundles: { name: string; file: string; kb: number; wall: number[]; cpu: number[] }[] = [];
  for (const [i, [name, source]] of ENTRIES.entries()) {
    const entry = join(out, `entry-${i}.ts`);
    writeFileSync(entry, source);
    const file = join(out, `bundle-${i}.cjs`);
    const r = await build({ entryPoints: [entry], bundle: true, minify: true, sourcemap: false, target: 'node22', platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile: file, metafile: true, logLevel: 'error' });
    bundles.push({ name, file, kb: Object.values(r.metafile.outputs)[0]!.bytes / 1024, wall: [], cpu: [] });
  }
  const before = loadavg()[0]!;
  // Interleaved: every round loads each bundle once, so load on the machine hits all alike.
  for (let i = 0; i < RUNS; i++) {
    for (const b of bundles) {
      const t = loadMs(b.file);
      b.wall.push(t.wall);
      b.cpu.push(t.cpu);
    }
  }
  const load = (before + loadavg()[0]!) / 2;
  const zod = bundles[0]!;
  const domain = bundles[1]!;
  console.log(`contract schemas at load: ${bundles.length} bundles, ${RUNS} interleaved loads each on Node ${process.version}, load average ${load.toFixed(1)}`);
  console.log(`${'bundle'.padEnd(20)} ${'KB'.padStart(7)} ${'+KB'.padStart(7)} ${'wall ms'.padStart(8)} ${'+wall'.padStart(7)} ${'CPU ms'.padStart(7)} ${'+CPU'.padStart(6)}`);
  const row = (b: (typeof bundles)[number], base?: (typeof bundles)[number]) =>
    console.log(
      `${b.name.padEnd(20)} ${b.kb.toFixed(1).padStart(7)} ${(base ? b.kb - base.kb : 0).toFixed(1).padStart(7)} ${median(b.wall).toFixed(1).padStart(8)} ${(base ? median(b.wall) - median(base.wall) : 0).toFixed(1).padStart(7)} ${median(b.cpu).toFixed(1).padStart(7)} ${(base ? median(b.cpu) - median(base.cpu) : 0).toFixed(1).padStart(6)}`,
    );
  row(zod);
  row(domain, zod);
  for (const b of bundles.slice(2)) row(b, domain);
  const all = bundles.at(-1)!;
  const resident = bundles.find((b) => b.name === 'contracts/resident')!;
  const over = (b: (typeof bundles)[number]) => (median(b.cpu) - median(domain.cpu)).toFixed(1);
  console.log(
    `schemas: zod_cpu_ms=${median(zod.cpu).toFixed(1)} domain_cpu_ms=${(median(domain.cpu) - median(zod.cpu)).toFixed(1)} all_contracts_cpu_ms=${over(all)} all_contracts_kb=${(all.kb - domain.kb).toFixed(0)} resident_cpu_ms=${over(resident)} load_avg=${load.toFixed(1)}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
