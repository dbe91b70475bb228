import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local-dynamo.ts';
import { bundleFunctions, ROOT } from '../../infra/stack.ts';
import { ensureH5Build } from './h5-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The end-to-end run's one DynamoDB Local; each file's stack makes its own table there. */
    e2eDynamoEndpoint: string;
    /** The run's function bundles (a work folder relative to the repo), built once; every file's API serves them. */
    e2eBundles: string;
  }
}

/**
 * Once per end-to-end run, before any file: the H5 build (when its sources changed since the
 * last one), the functions' bundles (always, from the current sources, into a folder of this run's
 * own) and one DynamoDB Local. Each file still starts its own API, front door and browser on its
 * own table (tests/support/e2e.ts), so no file sees another's data; the APIs only read the bundles.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bundles = `.esbuild/e2e-${process.pid}`;
  await Promise.all([ensureH5Build(), bundleFunctions(bundles, true)]);
  const dynamo = await startDynamo();
  project.provide('e2eDynamoEndpoint', dynamo.endpoint);
  project.provide('e2eBundles', bundles);
  return async () => {
    await dynamo.stop();
    rmSync(join(ROOT, bundles), { recursive: true, force: true });
  };
}
