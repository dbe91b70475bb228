import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startStack, type Stack, type StackOptions } from '../../infra/stack.ts';

/**
 * One end-to-end file's product: its own table in the run's DynamoDB Local (started once by
 * tests/support/e2e-global-setup.ts, which also builds the H5 pages once), its own API in
 * serverless-offline and its own front door on free ports. `stop()` drops the table and ends
 * the rest; the DynamoDB Local stays for the next file.
 */
export function startE2eStack(opts: Omit<StackOptions, 'dynamoEndpoint' | 'tableName' | 'dataDir' | 'dynamoPort'> = {}): Promise<Stack> {
  return startStack({ quiet: true, ...opts, dynamoEndpoint: inject('e2eDynamoEndpoint'), tableName: `e2e-${randomUUID()}` });
}
