import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** Every page of a Query, with the SDK's paginator, stopping once `cap` items are in. */
export async function queryAll(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  cap = Number.POSITIVE_INFINITY,
): Promise<{ items: Record<string, unknown>[]; read: number; truncated: boolean }> {
  const items: Record<string, unknown>[] = [];
  let read = 0;
  for await (const page of paginateQuery({ client: db }, input)) {
    items.push(...(page.Items ?? []));
    read += page.ScannedCount ?? 0;
    if (items.length >= cap) return { items: items.slice(0, cap), read, truncated: page.LastEvaluatedKey !== undefined || items.length > cap };
  }
  return { items, read, truncated: false };
}
