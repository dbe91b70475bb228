import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '@mashang/shared';
import { INDEX, keys } from './keys.ts';
import { parseTicket } from './tickets.ts';

/** Open requests near a place (issue 13): pattern 6 without the category, one bounded query per place. */
export class NearStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Open requests at a QR location, any category, at most `limit` (the index is sparse: open requests only). */
  async openAtPlace(locationId: string, limit: number): Promise<Ticket[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.openAtPlace,
        KeyConditionExpression: 'GSI4PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.placePartition(locationId) },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map(parseTicket);
  }
}
