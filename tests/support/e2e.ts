import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startStack, type Stack, type StackOptions } from '../../infra/stack.ts';

/**
 * One end-to-end file's product: its own table in the run's DynamoDB Local (started once by
 * tests/support/e2e-global-setup.ts, which also builds the H5 pages and bundles the functions once),
 * its own API in serverless-offline serving the run's bundles, and its own front door on free ports. `stop()` drops the table and ends
 * the rest; the DynamoDB Local stays for the next file.
 *
 * The API's ports are looked up free and bound by serverless-offline once it has bundled the
 * functions, tens of seconds later: with two files starting side by side (E2E_WORKERS=2) or other
 * programs on the machine one of them can be taken meanwhile, and serverless-offline then exits. Such
 * a start is tried again on new ports, twice at most; any other failure fails the file.
 */
export async function startE2eStack(opts: Omit<StackOptions, 'dynamoEndpoint' | 'tableName' | 'dataDir' | 'dynamoPort'> = {}): Promise<Stack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStack({ quiet: true, ...opts, dynamoEndpoint: inject('e2eDynamoEndpoint'), tableName: `e2e-${randomUUID()}`, prebuiltBundles: inject('e2eBundles') });
    } catch (err) {
      const portTaken = /EADDRINUSE|serverless-offline exited/.test(String((err as Error).message));
      if (!portTaken || attempt === 3) throw err;
      console.warn(`startE2eStack: attempt ${attempt} lost a port (${(err as Error).message}); starting again on new ports`);
    }
  }
}
