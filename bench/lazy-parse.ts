/**
 * `npx tsx bench/lazy-parse.ts`: does parsing through lazy schemas (shared/src/lazy-schema.ts, a
 * Proxy per module-level schema) cost the request path anything? The same entry is bundled twice
 * with esbuild: as shared/ is, and with `lazySchema` replaced by `(build) => build()` (every
 * schema built at load, no Proxy: the code before issue #9's change). Each bundle runs in a fresh
 * Node process, alternating, and times `safeParse` of request bodies: the resident's new request
 * (`CreateTicketInputSchema`, its nested schemas real ones) and a staff command
 * (`CommandInputSchema`: a lazy discriminated union nested in it, a trap per visit), valid and
 * invalid. Figures: median parses per second of BENCH_LAZY_ROUNDS rounds (7) per variant, and
 * lazy / eager. Last line `lazy-parse: create_ratio=… command_ratio=… invalid_ratio=…`. Printed,
 * never asserted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from '../infra/stages.ts';
import { median } from './cold.ts';

const ROUNDS = Number(process.env.BENCH_LAZY_ROUNDS ?? 7);
const out = join(REPO_ROOT, '.artifacts', 'lazy-parse');

const ENTRY = `
import { CreateTicketInputSchema } from '${join(REPO_ROOT, 'shared/src/contracts/common.ts')}';
import { CommandInputSchema } from '${join(REPO_ROOT, 'shared/src/contracts/staff.ts')}';
const create = { clientToken: 'c-20261130-000001', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '  149路公交早高峰发车间隔太长  ', phone: '13893112345', photos: ['p/1.jpg', 'p/2.jpg'] };
const command = { expectedVersion: 3, command: { type: 'respond', via: 'call' } };
const invalid = { ...create, description: '短', phone: '123' };
const cases = { create: [CreateTicketInputSchema, create, true], command: [CommandInputSchema, command, true], invalid: [CreateTicketInputSchema, invalid, false] };
const res = {};
for (const [name, [schema, input, ok]] of Object.entries(cases)) {
  if (schema.safeParse(input).success !== ok) throw new Error(name);
  for (let i = 0; i < 20000; i++) schema.safeParse(input);
  const n = name === 'invalid' ? 50000 : 200000;
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) schema.safeParse(input);
  res[name] = n / (Number(process.hrtime.bigint() - t) / 1e9);
}
process.stdout.write(JSON.stringify(res));
`;

/** `lazySchema` as the identity on its builder: every schema built at load, as before. */
const eager: Plugin = {
  name: 'eager-schemas',
  setup(b) {
    b.onLoad({ filter: /shared\/src\/lazy-schema\.ts$/ }, () => ({
      contents: 'export const lazySchema = (build) => build(); export const realSchema = (s) => s;',
      loader: 'js',
    }));
  },
};

async function bundle(name: string, plugins: Plugin[]): Promise<string> {
  const file = join(out, `${name}.mjs`);
  await build({ stdin: { contents: ENTRY, resolveDir: REPO_ROOT, loader: 'js' }, bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: true, outfile: file, plugins, logLevel: 'error' });
  return file;
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const files = { lazy: await bundle('lazy', []), eager: await bundle('eager', [eager]) };
  const runs: Record<'lazy' | 'eager', Record<string, number>[]> = { lazy: [], eager: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of r % 2 ? (['eager', 'lazy'] as const) : (['lazy', 'eager'] as const)) {
      runs[v].push(JSON.parse(execFileSync(process.execPath, [files[v]], { encoding: 'utf8' })) as Record<string, number>);
    }
  }
  console.log(`lazy-parse: ${ROUNDS} rounds per variant, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`);
  const ratios: string[] = [];
  for (const name of ['create', 'command', 'invalid']) {
    const l = median(runs.lazy.map((x) => x[name]!));
    const e = median(runs.eager.map((x) => x[name]!));
    console.log(`${name.padEnd(8)} lazy ${Math.round(l).toLocaleString('en')} parses/s   eager ${Math.round(e).toLocaleString('en')} parses/s   lazy/eager ${(l / e).toFixed(3)}`);
    ratios.push(`${name}_ratio=${(l / e).toFixed(3)}`);
  }
  writeFileSync(join(out, 'runs.json'), JSON.stringify(runs));
  console.log(`lazy-parse: ${ratios.join(' ')}`);
}

await main();
