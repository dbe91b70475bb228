import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildH5, ROOT } from '../../infra/stack.ts';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the H5 front end unless the build is newer than every source it comes from. */
export async function ensureH5Build(): Promise<void> {
  const index = join(ROOT, 'miniapp/dist/h5/index.html');
  const sources = Math.max(newest(join(ROOT, 'miniapp/src')), newest(join(ROOT, 'miniapp/config')), newest(join(ROOT, 'shared/src')));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  await buildH5(true);
}
