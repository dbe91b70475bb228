import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Ticket } from '@mashang/shared';
import { keys } from '../store/keys.ts';
import { RateStore, type RateDecision } from '../store/rate.ts';
import { queryAll } from '../store/query.ts';
import { parseTicket, type TransactItem } from '../store/tickets.ts';
import { sendTransaction } from '../store/transact.ts';
import { externalRequestPut } from '../store/side-writes.ts';

import type { IntegrationChannel } from '@mashang/shared/integration-contracts';

/** An integration key as stored: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  keyId: string;
  keyHash: string;
  /** The external system, e.g. `hotline-12345`: its requests, references and webhooks belong to it, across key rotations. */
  system: string;
  name: string;
  channel: IntegrationChannel;
  /** The issuing admin's unit: requests must be located inside it. */
  unitId: string;
  /** Where a request with only a free-text address goes (a grid of the unit). */
  defaultGridId?: string;
  /** Requests per fixed 60-second window. */
  ratePerMinute: number;
  createdBy: string;
  createdAt: string;
  revokedAt?: string;
  revokedBy?: string;
  lastFour: string;
}

export interface WebhookSubscription {
  system: string;
  subscriptionId: string;
  url: string;
  /** The HMAC secret, needed in plain to sign; shown once to the subscriber. */
  secret: string;
  createdAt: string;
  keyId: string;
  deletedAt?: string;
}

const isConditional = (err: unknown) => (err as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * Integration keys, their rate counters, the requests each external system entered and
 * its webhook subscriptions (access patterns 31–35 in store/keys.ts).
 */
export class IntegrationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Stores a new key: the lookup row by hash and the admin's listing row, in one transaction. */
  async putKey(rec: ApiKeyRecord): Promise<void> {
    await sendTransaction(this.db, {
      TransactItems: [
        { Put: { TableName: this.table, Item: { ...keys.apiKey(rec.keyHash), entity: 'apikey', ...rec }, ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: this.table, Item: { ...keys.apiKeyListing(rec.unitId, rec.keyId), entity: 'apikey-listing', ...rec }, ConditionExpression: 'attribute_not_exists(PK)' } },
      ],
    });
  }

  async keyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.apiKey(keyHash), ConsistentRead: true }));
    return res.Item ? strip<ApiKeyRecord>(res.Item) : undefined;
  }

  async keysOfUnit(unitId: string): Promise<ApiKeyRecord[]> {
    const { items } = await queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.apiKeyListingPartition(unitId) } });
    return items.map((i) => strip<ApiKeyRecord>(i));
  }

  async keyListing(unitId: string, keyId: string): Promise<ApiKeyRecord | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.apiKeyListing(unitId, keyId), ConsistentRead: true }));
    return res.Item ? strip<ApiKeyRecord>(res.Item) : undefined;
  }

  /** Revokes both rows at once; the next call with the key finds `revokedAt`. */
  async revokeKey(rec: ApiKeyRecord, by: string, at: string): Promise<void> {
    const update = (Key: Record<string, string>) => ({
      Update: {
        TableName: this.table,
        Key,
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at), revokedBy = if_not_exists(revokedBy, :by)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': at, ':by': by },
      },
    });
    await sendTransaction(this.db, { TransactItems: [update(keys.apiKey(rec.keyHash)), update(keys.apiKeyListing(rec.unitId, rec.keyId))] });
  }

  /**
   * Counts one call of a key in its current fixed minute with the shared rate counter
   * (functions/src/store/rate.ts); refused past the key's own `limit` calls per minute.
   */
  async hit(keyId: string, limit: number, nowMs: number): Promise<RateDecision> {
    return new RateStore(this.db, this.table).hit('integrationKey', keyId, { limit, windowSeconds: 60 }, nowMs);
  }

  /** The listing row of a request an external system entered: pass it to the ticket's create transaction. */
  externalRequestItem(system: string, ticket: Pick<Ticket, 'id' | 'receivedAt' | 'categoryCode'>, ref: string | undefined): TransactItem {
    return externalRequestPut(this.table, system, ticket, ref);
  }

  /** Ids of the requests a system entered between `from` and `to` (inclusive), newest first, at most `cap`. */
  async externalRequestIds(system: string, from: string, to: string, cap: number): Promise<string[]> {
    const { items } = await queryAll(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.externalRequestPartition(system), ':from': from, ':to': `${to}#~` },
        ScanIndexForward: false,
      },
      cap,
    );
    return items.map((i) => String(i.ticketId));
  }

  /** Tickets by id, 100 per BatchGet, unprocessed keys retried; missing ids are left out. */
  async tickets(ids: readonly string[]): Promise<Ticket[]> {
    const found = new Map<string, Ticket>();
    for (let i = 0; i < ids.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((id) => keys.ticket(id));
      for (let attempt = 0; pending && pending.length > 0 && attempt < 5; attempt++) {
        const res: { Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, { Keys?: Record<string, unknown>[] }> } = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const row of res.Responses?.[this.table] ?? []) {
          const t = parseTicket(row);
          found.set(t.id, t);
        }
        pending = res.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return ids.map((id) => found.get(id)).filter((t): t is Ticket => t !== undefined);
  }

  async putSubscription(sub: WebhookSubscription): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.webhookSubscription(sub.system, sub.subscriptionId), entity: 'webhook', ...sub }, ConditionExpression: 'attribute_not_exists(PK)' }));
  }

  async subscriptions(system: string): Promise<WebhookSubscription[]> {
    const res = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.webhookSubscriptionPartition(system) }, ConsistentRead: true }),
    );
    return (res.Items ?? []).map((i) => strip<WebhookSubscription>(i));
  }

  async deleteSubscription(system: string, subscriptionId: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.webhookSubscription(system, subscriptionId),
          UpdateExpression: 'SET deletedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (err) {
      if (isConditional(err)) return false;
      throw err;
    }
  }
}

function strip<T>(item: Record<string, unknown>): T {
  const { PK: _pk, SK: _sk, entity: _e, ...rest } = item;
  return rest as T;
}
