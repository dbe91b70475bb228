import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';

/**
 * Staff members' WeChat subscription consent (pattern 39c): each consent a staff member gives
 * on the staff pages (wx.requestSubscribeMessage, one-time messages) lets the dispatcher send
 * one alert. Like residents' consent rows, but per staff member and template, not per request.
 */

/** Consent kept per staff member and template at most (WeChat's one-time consents do not expire). */
export const MAX_STAFF_CREDITS = 100;

const isConditional = (err: unknown) => (err as { name?: string }).name === 'ConditionalCheckFailedException';

export class StaffSubscriptionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async credits(username: string, templateId: string): Promise<number> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.staffSubscription(username, templateId), ConsistentRead: true }));
    return Number(res.Item?.credits ?? 0);
  }

  /** Adds `n` consents (capped at {@link MAX_STAFF_CREDITS}); returns the credits now held. */
  async add(username: string, templateId: string, n: number, at: string): Promise<number> {
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.staffSubscription(username, templateId),
          UpdateExpression: 'SET entity = :e, username = :u, templateId = :t, updatedAt = :at ADD credits :n',
          ConditionExpression: 'attribute_not_exists(credits) OR credits <= :room',
          ExpressionAttributeValues: { ':e': 'staffConsent', ':u': username, ':t': templateId, ':at': at, ':n': n, ':room': MAX_STAFF_CREDITS - n },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Number(res.Attributes?.credits ?? 0);
    } catch (err) {
      if (isConditional(err)) return this.credits(username, templateId);
      throw err;
    }
  }

  /** Uses one consent: true when there was one (conditional decrement, so two senders cannot both use the last). */
  async use(username: string, templateId: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.staffSubscription(username, templateId),
          UpdateExpression: 'SET credits = credits - :one',
          ConditionExpression: 'credits >= :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
      return true;
    } catch (err) {
      if (isConditional(err)) return false;
      throw err;
    }
  }

  /** Gives back a consent a message did not use (WeChat busy, message malformed). */
  async restore(username: string, templateId: string): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: keys.staffSubscription(username, templateId), UpdateExpression: 'ADD credits :one', ExpressionAttributeValues: { ':one': 1 } }));
  }

  /** WeChat refused (43101: the staff member switched the messages off): keep none. */
  async clear(username: string, templateId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({ TableName: this.table, Key: keys.staffSubscription(username, templateId), UpdateExpression: 'SET credits = :zero, refusedAt = :at', ExpressionAttributeValues: { ':zero': 0, ':at': at } }),
    );
  }
}
