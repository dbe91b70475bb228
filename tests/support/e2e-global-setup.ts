import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local-dynamo.ts';
import { ensureH5Build } from './h5-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The end-to-end run's one DynamoDB Local; each file's stack makes its own table there. */
    e2eDynamoEndpoint: string;
  }
}

/**
 * Once per end-to-end run, before any file: the H5 build (when its sources changed since the
 * last one) and one DynamoDB Local. Each file still starts its own API, front door and browser
 * on its own table (tests/support/e2e.ts), so no file sees another's data.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureH5Build();
  const dynamo = await startDynamo();
  project.provide('e2eDynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
