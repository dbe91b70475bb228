import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransferCode, TransferCodes } from '../ports/carry.ts';
import { keys } from './keys.ts';
import { TRANSFER_GRACE_DAYS, ttlAfter } from './ttl.ts';

export interface TransferRecord {
  residentId: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  /** DynamoDB TTL (epoch seconds): the row goes TRANSFER_GRACE_DAYS after the code expired (store/ttl.ts). */
  ttl?: number;
}

function isConditionalFailure(err: unknown): boolean {
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/**
 * A resident's requests on another device (access pattern 42 in keys.ts): one-time transfer
 * codes, kept as hashes. Lookups by number and phone are limited by the shared rate limiter.
 */
export class CarryStore implements TransferCodes {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The row goes TRANSFER_GRACE_DAYS after the code expired (DynamoDB TTL). */
  async putTransfer(codeHash: string, code: TransferCode): Promise<void> {
    const record: TransferRecord = { ...code, ttl: ttlAfter(code.expiresAt, TRANSFER_GRACE_DAYS) };
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.transfer(codeHash), entity: 'transfer', ...record }, ConditionExpression: 'attribute_not_exists(PK)' }));
  }

  /** Marks the code used, once and only before it expires; the resident it carries, or undefined. */
  async useTransfer(codeHash: string, now: string): Promise<string | undefined> {
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.transfer(codeHash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return typeof res.Attributes?.residentId === 'string' ? res.Attributes.residentId : undefined;
    } catch (err) {
      if (isConditionalFailure(err)) return undefined;
      throw err;
    }
  }

  async transfer(codeHash: string): Promise<TransferRecord | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.transfer(codeHash) }));
    return res.Item as TransferRecord | undefined;
  }
}
