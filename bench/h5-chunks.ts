/**
 * `npx tsx bench/h5-chunks.ts <stats.json> [page]`: what a page of the H5 build loads and why.
 * Reads the webpack stats an H5 build writes with `H5_STATS=<file> npm run build:h5`
 * (miniapp/config/index.ts) and prints, for the entry (what index.html loads) and for the
 * page's chunk group (default `pages/report/index`, the QR landing page), every chunk
 * with its size and its modules grouped by package (node_modules) or source folder, largest
 * first. Sizes are webpack's (minified, before compression). Last line:
 * `h5-chunks: entry_kb=… page_kb=… chunks=…`
 */
import { readFileSync } from 'node:fs';

interface Module {
  name?: string;
  identifier?: string;
  size: number;
  modules?: Module[];
}
interface Chunk {
  id: string | number;
  names: string[];
  files: string[];
  size: number;
  initial: boolean;
  modules?: Module[];
  origins?: { request?: string }[];
}
interface Group {
  chunks: (string | number)[];
}
interface Stats {
  chunks: Chunk[];
  entrypoints: Record<string, Group>;
}

const [file, page = 'pages/report/index'] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/h5-chunks.ts <stats.json> [page]');
  process.exit(2);
}
const stats = JSON.parse(readFileSync(file, 'utf8')) as Stats;
const byId = new Map(stats.chunks.map((c) => [String(c.id), c]));

/** A module's owner: the npm package, or the source folder (two levels) it lives in. */
function owner(m: Module): string {
  // Stats leave out the names of some modules webpack concatenated into others (`hidden modules`).
  const name = m.name ?? m.identifier ?? '(modules the stats do not name)';
  const clean = name.replace(/^.*!/, '').replace(/ \+ \d+ modules$/, '');
  const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(clean);
  if (pkg) return pkg[1]!;
  const src = /(?:^|[\\/])((?:miniapp[\\/])?src|shared[\\/]src)[\\/]([^\\/]+)(?:[\\/]([^\\/]+))?/.exec(clean);
  if (src) return [src[1], src[2], src[3]].filter(Boolean).join('/').replace(/\\/g, '/');
  return clean.slice(0, 60);
}

/** Flattens concatenated modules so each source file counts under its own owner. */
function leaves(ms: Module[] | undefined): Module[] {
  return (ms ?? []).flatMap((m) => (m.modules?.length ? leaves(m.modules) : [m]));
}

function show(title: string, group: Group | undefined, seen: Set<string>): number {
  if (!group) {
    console.log(`${title}: not found in the stats`);
    return 0;
  }
  let total = 0;
  console.log(`\n== ${title}`);
  for (const id of group.chunks) {
    const c = byId.get(String(id));
    if (!c || seen.has(String(id))) continue;
    seen.add(String(id));
    total += c.size;
    console.log(`  chunk ${c.id} ${c.names.join(',') || ''} ${(c.size / 1024).toFixed(1)} KB  ${c.files.filter((f) => f.endsWith('.js')).join(' ')}`);
    const owners = new Map<string, number>();
    for (const m of leaves(c.modules)) owners.set(owner(m), (owners.get(owner(m)) ?? 0) + m.size);
    for (const [o, size] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${(size / 1024).toFixed(1).padStart(7)} KB  ${o}`);
  }
  console.log(`  total ${(total / 1024).toFixed(1)} KB`);
  return total;
}

const seen = new Set<string>();
const entry = show('entry (index.html)', stats.entrypoints['app'], seen);
// Taro's app entry imports each page with a bare import(): the page's chunk group is every chunk
// whose origin is that import.
const pageGroup: Group = { chunks: stats.chunks.filter((c) => c.origins?.some((o) => o.request?.replace(/^\.\//, '') === page)).map((c) => c.id) };
const own = show(`page ${page} (after the entry)`, pageGroup.chunks.length ? pageGroup : undefined, seen);
console.log(`h5-chunks: entry_kb=${(entry / 1024).toFixed(0)} page_kb=${(own / 1024).toFixed(0)} chunks=${seen.size}`);
