import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../infra/local-dynamo.ts';
import { integrationWorkers } from './workers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One in-memory DynamoDB Local per worker of the integration project (`dynamoEndpoint()` picks a file's). */
    dynamoEndpoints: string[];
  }
}

/**
 * One in-memory DynamoDB Local per integration worker; each test file makes its own table in
 * its worker's instance. Not one instance for the run: DynamoDB Local keeps all of an
 * instance's tables in one SQLite database, so one file's bulk writes held the lock while
 * another file's concurrent updates of one item timed out "waiting for a lock" (a CI failure,
 * with both files slowed from 11 and 23 s to 80 s).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const instances = await Promise.all(Array.from({ length: integrationWorkers() }, () => startDynamo()));
  project.provide(
    'dynamoEndpoints',
    instances.map((d) => d.endpoint),
  );
  return async () => {
    await Promise.all(instances.map((d) => d.stop()));
  };
}
