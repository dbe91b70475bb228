import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface StoreConfig {
  tableName: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string;
  region?: string;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return { tableName, endpoint: env.DYNAMO_ENDPOINT || undefined, region: env.AWS_REGION || 'cn-northwest-1' };
}

/**
 * The SDK's logger middleware: after every call it builds copies of the command's input and output with
 * sensitive members masked and hands them to the client's logger — a no-op logger here (no client is given
 * one), so each call walked its whole input and output schema for nothing (bench:api's CPU profile).
 */
export const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/** A document client; local endpoints get dummy credentials so no AWS profile is needed. */
export function createDocClient(config: StoreConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region ?? 'cn-northwest-1',
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
