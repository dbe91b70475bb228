import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '@mashang/shared';
import { decodeIndexCursor, encodeCursor } from './cursor.ts';
import { INDEX, keys } from './keys.ts';
import { queryAll } from './query.ts';
import { parseTicket } from './tickets.ts';
import { consentUpdates } from './side-writes.ts';
import type { Consent, NotificationConsents, ResidentPage, ResidentRequests } from '../ports/residents.ts';

/**
 * The resident ports (functions/src/ports/residents.ts) on DynamoDB: joining a ticket ("me too",
 * pattern 20) and consent to be messaged about it (pattern 21). Follower rows
 * live on the ticket's partition and, through their GSI2 keys, in the
 * resident's own list, so "my requests" stays one query. The rows a ticket change writes
 * with them are built in side-writes.ts (followerPut, consentUpdates).
 */
export class ResidentStore implements ResidentRequests, NotificationConsents {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Whether `residentId` follows the ticket: joined it ("me too"), or had a
   * duplicate merged into it (the workbench's `FOL#merged#source` link rows,
   * which name the duplicate's resident; few per ticket).
   */
  async isFollower(ticketId: string, residentId: string): Promise<boolean> {
    const own = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.follower(ticketId, residentId), ConsistentRead: true }));
    if (own.Item) return true;
    const merged = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        FilterExpression: 'residentId = :r',
        ExpressionAttributeValues: { ':pk': keys.ticketPartition(ticketId), ':p': keys.follower(ticketId, 'merged#').SK, ':r': residentId },
        ConsistentRead: true,
      }),
    );
    return (merged.Items ?? []).length > 0;
  }

  /** Which of these tickets the resident has joined (one BatchGet). */
  async joined(ticketIds: string[], residentId: string): Promise<Set<string>> {
    if (ticketIds.length === 0) return new Set();
    const res = await this.db.send(
      new BatchGetCommand({ RequestItems: { [this.table]: { Keys: [...new Set(ticketIds)].map((id) => keys.follower(id, residentId)), ProjectionExpression: 'ticketId' } } }),
    );
    return new Set((res.Responses?.[this.table] ?? []).map((r) => String(r.ticketId)));
  }

  /** Adds consents outside a ticket change (the resident tapped "notify me" later); returns the credits now held. */
  async addConsents(ticketId: string, residentId: string, templateIds: string[], at: string): Promise<Record<string, number>> {
    const credits: Record<string, number> = {};
    for (const item of consentUpdates(this.table, ticketId, residentId, templateIds, at)) {
      const u = item.Update!;
      const res = await this.db.send(new UpdateCommand({ TableName: u.TableName, Key: u.Key, UpdateExpression: u.UpdateExpression, ExpressionAttributeValues: u.ExpressionAttributeValues, ReturnValues: 'ALL_NEW' }));
      credits[String(res.Attributes?.templateId)] = Number(res.Attributes?.credits ?? 0);
    }
    return credits;
  }

  /** Every consent row of a ticket (pattern 21). */
  async consents(ticketId: string): Promise<Consent[]> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.ticketPartition(ticketId), ':p': keys.subscriptionPrefix },
      ConsistentRead: true,
    });
    return items.map((r) => ({ residentId: String(r.residentId), templateId: String(r.templateId), credits: Number(r.credits ?? 0) }));
  }

  /** Uses one consent: true when there was one to use (conditional decrement, so two senders cannot both use the last). */
  async useCredit(ticketId: string, residentId: string, templateId: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.subscription(ticketId, residentId, templateId),
          UpdateExpression: 'SET credits = credits - :one',
          ConditionExpression: 'credits >= :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /**
   * Gives back a consent a message did not use (WeChat busy, message malformed). A consent row
   * that is gone (erased meanwhile) stays gone: an update would create a row of credits alone.
   */
  async restoreCredit(ticketId: string, residentId: string, templateId: string): Promise<void> {
    await this.updateExisting({ Key: keys.subscription(ticketId, residentId, templateId), UpdateExpression: 'ADD credits :one', ExpressionAttributeValues: { ':one': 1 } });
  }

  /** The resident refused messages (WeChat 43101): keep none of their consents for this template (a row that is gone stays gone). */
  async clearCredits(ticketId: string, residentId: string, templateId: string, at: string): Promise<void> {
    await this.updateExisting({
      Key: keys.subscription(ticketId, residentId, templateId),
      UpdateExpression: 'SET credits = :zero, refusedAt = :at',
      ExpressionAttributeValues: { ':zero': 0, ':at': at },
    });
  }

  /** An update of a row that exists; none when it does not. */
  private async updateExisting(update: Pick<UpdateCommandInput, 'Key' | 'UpdateExpression' | 'ExpressionAttributeValues'>): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({ TableName: this.table, ...update, ConditionExpression: 'attribute_exists(PK)' }));
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  /** Open requests at a place in one category, newest first (pattern 6). */
  async openAt(locationId: string, categoryCode: string, limit: number): Promise<Ticket[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.openAtPlace,
        KeyConditionExpression: 'GSI4PK = :pk AND begins_with(GSI4SK, :c)',
        ExpressionAttributeValues: { ':pk': keys.placePartition(locationId), ':c': `${categoryCode}#` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map(parseTicket);
  }

  /**
   * "My requests": one query of the byResident index returns the resident's
   * tickets and their follower rows in time order; joined tickets are then read
   * with one BatchGet. A ticket no longer there is left out.
   */
  async residentTickets(residentId: string, cursor: string | undefined, limit: number): Promise<ResidentPage> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.byResident,
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.residentPartition(residentId) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeIndexCursor(cursor, { pk: 'GSI2PK', sk: 'GSI2SK', partition: keys.residentPartition(residentId) }),
      }),
    );
    const rows = res.Items ?? [];
    const joinedIds = rows.filter((r) => r.entity === 'follower').map((r) => String(r.ticketId));
    const joined = new Map<string, Ticket>();
    if (joinedIds.length) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
        [this.table]: { Keys: joinedIds.map((id) => keys.ticket(id)), ConsistentRead: true },
      };
      for (let attempt = 0; request && Object.keys(request).length && attempt < 5; attempt++) {
        const got = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const r of got.Responses?.[this.table] ?? []) {
          const t = parseTicket(r);
          joined.set(t.id, t);
        }
        request = got.UnprocessedKeys as typeof request;
        if (request && Object.keys(request).length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
    const items: Ticket[] = [];
    for (const r of rows) {
      if (r.entity === 'ticket') items.push(parseTicket(r));
      else if (r.entity === 'follower') {
        const t = joined.get(String(r.ticketId));
        if (t) items.push(t);
      }
    }
    return { items, followed: new Set(joinedIds), nextCursor: encodeCursor(res.LastEvaluatedKey) };
  }
}
