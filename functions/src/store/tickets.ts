import {
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { decodeIndexCursor, encodeCursor } from './cursor.ts';
import {
  CLOCKS,
  isOpen,
  localDateOf,
  nextCheckpoint,
  nextDue,
  statDeltas,
  TicketEventSchema,
  TicketSchema,
  type Decision,
  type Effect,
  type Ticket,
  type TicketEvent,
} from '@mashang/shared';
import { inboxCountUpdates } from './counts.ts';
import { DUE_SHARDS, INDEX, keys } from './keys.ts';
import { IDEMPOTENCY_GRACE_DAYS, TTL_ATTRIBUTE, ttlAfter } from './ttl.ts';
import { queryAll } from './query.ts';
import { isTransactionConflict, sendTransaction, type TransactItem } from './transact.ts';
import { webhookOutboxItems } from './outbox.ts';
import { sideWriteItems } from './side-writes.ts';
import { RateCountRefusedError, StoreError, TicketIdTakenError, VersionConflictError } from '../ports/errors.ts';
import type { DuePage, Page, SideWrite, TicketRepository } from '../ports/tickets.ts';

/** One item of a DynamoDB transaction (the admin and staff stores build their own). */
export type { TransactItem } from './transact.ts';
export type { Page } from '../ports/tickets.ts';

export interface OutboxMessage extends Omit<Effect, 'type'> {
  ticketId: string;
  createdAt: string;
  status: 'pending' | 'sent' | 'failed';
}

/** The stored row of a ticket: the ticket itself plus the index keys its state calls for. */
export function ticketItem(ticket: Ticket): Record<string, unknown> {
  const open = isOpen(ticket.status);
  const checkpoint = open ? nextCheckpoint(ticket.clocks) : undefined;
  // The earliest red card of a clock still unmet: the ticket is on the breach list until it is met.
  const firstOpenBreach = CLOCKS.map((c) => ticket.clocks[c])
    .filter((c) => c.breachedAt && !c.metAt)
    .map((c) => c.breachedAt!)
    .sort()[0];
  return {
    ...keys.ticket(ticket.id),
    entity: 'ticket',
    ...ticket,
    ...(open ? keys.inbox(ticket.currentUnitId, ticket.receivedAt, ticket.id) : {}),
    ...(open ? keys.inboxByDeadline(ticket.currentUnitId, nextDue(ticket.clocks)?.dueAt, ticket.id) : {}),
    ...(ticket.residentId ? keys.resident(ticket.residentId, ticket.receivedAt, ticket.id) : {}),
    ...(checkpoint ? keys.due(ticket.id, checkpoint.at) : {}),
    ...(open && ticket.locationId ? keys.place(ticket.locationId, ticket.categoryCode, ticket.receivedAt, ticket.id) : {}),
    ...keys.origin(ticket.originUnitId ?? ticket.coordinatorUnitId, ticket.receivedAt, localDateOf(ticket.receivedAt).slice(0, 7), ticket.id),
    ...(open && firstOpenBreach ? keys.breach(ticket.currentUnitId, firstOpenBreach, ticket.id) : {}),
    // Risk history (functions/src/app/supervision/risk.ts): earlier requests by the same phone number or at the same place.
    ...(ticket.phone ? keys.phoneHistory(ticket.phone, ticket.receivedAt, ticket.id) : {}),
    ...(ticket.locationId ? keys.placeHistory(ticket.locationId, ticket.receivedAt, ticket.id) : {}),
  };
}

/** Parses a stored row back into a ticket; a malformed row is a server fault, not a client's. */
export function parseTicket(row: Record<string, unknown>): Ticket {
  const parsed = TicketSchema.safeParse(row);
  if (!parsed.success) throw new Error(`Malformed ticket row ${String(row.PK)}: ${parsed.error.message}`);
  return parsed.data;
}

function isConditionalFailure(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name === 'ConditionalCheckFailedException') return true;
  return e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
}

/**
 * Tickets, their events and their outbox messages. Every state change is one
 * transaction: the ticket put conditioned on the version read, the new event
 * rows (which must not exist) and the outbox rows.
 */
export class TicketStore implements TicketRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    /** The table's name, for rows another module adds to a ticket's transaction. */
    readonly table: string,
  ) {}

  private eventItems(ticketId: string, fromSeq: number, events: Decision['events']): Record<string, unknown>[] {
    return events.map((e, i) => ({ ...keys.event(ticketId, fromSeq + i), entity: 'event', ticketId, seq: fromSeq + i, ...e }));
  }

  /** Report counters moved by this change, as ADD updates in the same transaction (see shared/src/stats.ts). */
  private statUpdates(before: Ticket | undefined, after: Ticket) {
    return statDeltas(before, after).map((d) => {
      const names = Object.keys(d.counters);
      return {
        Update: {
          TableName: this.table,
          Key: keys.stat(d.unitId, d.day, d.role, d.categoryCode),
          UpdateExpression: `SET entity = :e, unitId = :u, #day = :d, categoryCode = :c, #role = :r ADD ${names.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: { '#day': 'day', '#role': 'role', ...Object.fromEntries(names.map((n, i) => [`#c${i}`, n])) },
          ExpressionAttributeValues: {
            ':e': 'stat',
            ':u': d.unitId,
            ':d': d.day,
            ':c': d.categoryCode,
            ':r': d.role,
            ...Object.fromEntries(names.map((n, i) => [`:c${i}`, d.counters[n as keyof typeof d.counters]])),
          },
        },
      };
    });
  }

  private outboxItems(ticketId: string, at: string, seqBase: number, effects: Effect[]): Record<string, unknown>[] {
    return effects.map((e, i) => {
      const { type: _type, notBeforeMinutes, ...message } = e;
      // A delayed check (e.g. "still not responded after 15 minutes") waits in the outbox until it is due.
      const notBefore = notBeforeMinutes ? { notBefore: new Date(Date.parse(at) + notBeforeMinutes * 60_000).toISOString() } : {};
      return { ...keys.outbox(at, ticketId, seqBase * 10 + i), entity: 'outbox', ticketId, createdAt: at, status: 'pending', ...message, ...notBefore };
    });
  }

  /**
   * Stores a new ticket exactly once per client token. Returns `created: false`
   * with the existing ticket id when the token was used before.
   */
  async create(decision: Decision, clientToken: string | undefined, sideWrites: readonly SideWrite[] = []): Promise<{ created: boolean; ticketId: string }> {
    const t = decision.ticket;
    // Rate-limit hits go first, one item each, so a cancellation's reasons name the one used up.
    const rates = sideWrites.filter((w): w is Extract<SideWrite, { kind: 'rate_count' }> => w.kind === 'rate_count');
    const items: TransactItem[] = [
      ...this.sideItems(sideWrites.filter((w) => w.kind !== 'rate_count')),
      { Put: { TableName: this.table, Item: ticketItem(t), ConditionExpression: 'attribute_not_exists(PK)' } },
      ...this.eventItems(t.id, 1, decision.events).map((Item) => ({
        Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(PK)' },
      })),
      ...this.outboxItems(t.id, t.receivedAt, 1, decision.effects).map((Item) => ({ Put: { TableName: this.table, Item } })),
      ...this.statUpdates(undefined, t),
      ...inboxCountUpdates(this.table, undefined, t),
    ];
    if (clientToken) {
      items.unshift({
        Put: {
          TableName: this.table,
          Item: { ...keys.idempotency(clientToken), entity: 'idempotency', ticketId: t.id, residentId: t.residentId, createdAt: t.receivedAt, [TTL_ATTRIBUTE]: ttlAfter(t.receivedAt, IDEMPOTENCY_GRACE_DAYS) },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    }
    items.unshift(...this.sideItems(rates));
    try {
      await sendTransaction(this.db, { TransactItems: items });
      return { created: true, ticketId: t.id };
    } catch (err) {
      if (!isConditionalFailure(err)) throw err;
      const reasons = (err as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
      const usedUp = rates.find((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed');
      if (usedUp) throw new RateCountRefusedError(usedUp.rule, usedUp.subject, { cause: err });
      if (clientToken) {
        const existing = await this.findByClientToken(clientToken);
        if (existing) {
          if (existing.residentId !== t.residentId) throw new StoreError('client_token_taken');
          return { created: false, ticketId: existing.ticketId };
        }
      }
      // A ticket id collision: the caller retries with a new id.
      throw new TicketIdTakenError({ cause: err });
    }
  }

  async findByClientToken(token: string): Promise<{ ticketId: string; residentId?: string } | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.idempotency(token), ConsistentRead: true }));
    if (!res.Item) return undefined;
    return { ticketId: String(res.Item.ticketId), residentId: res.Item.residentId as string | undefined };
  }

  /** Applies a decision made on `before`: fails with 409 if anybody changed the ticket since. */
  async save(before: Ticket, decision: Decision, sideWrites: readonly SideWrite[] = []): Promise<void> {
    const after = decision.ticket;
    const firstSeq = before.eventCount + 1;
    try {
      await sendTransaction(this.db, {
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: ticketItem(after),
              ConditionExpression: 'version = :v AND #s = :s',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':v': before.version, ':s': before.status },
            },
          },
          ...this.eventItems(after.id, firstSeq, decision.events).map((Item) => ({
            Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(PK)' },
          })),
          ...this.outboxItems(after.id, after.updatedAt, after.version, decision.effects).map((Item) => ({
            Put: { TableName: this.table, Item },
          })),
          ...this.statUpdates(before, after),
          ...inboxCountUpdates(this.table, before, after),
          // Webhook event for a status change of a request another system entered (integrations/webhooks.ts).
          ...webhookOutboxItems(this.table, before, after),
          ...this.sideItems(sideWrites),
        ],
      });
    } catch (err) {
      if (isConditionalFailure(err) || isTransactionConflict(err)) throw new VersionConflictError({ cause: err });
      throw err;
    }
  }

  /** The items of side-writes given as domain values (functions/src/ports/tickets.ts). */
  private sideItems(writes: readonly SideWrite[]): TransactItem[] {
    return writes.flatMap((w) => (w.kind === 'linked_change' ? this.linkedChange(w.before, w.decision) : sideWriteItems(this.table, w)));
  }

  /**
   * The writes of a change to a second ticket in the same transaction (a `linked_change`
   * side-write: merging a duplicate into its target): the put conditioned on the version
   * read, its events, outbox rows and counters.
   */
  private linkedChange(before: Ticket, decision: Decision): TransactItem[] {
    const after = decision.ticket;
    return [
      {
        Put: {
          TableName: this.table,
          Item: ticketItem(after),
          ConditionExpression: 'version = :v AND #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':v': before.version, ':s': before.status },
        },
      },
      ...this.eventItems(after.id, before.eventCount + 1, decision.events).map((Item) => ({
        Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(PK)' },
      })),
      ...this.outboxItems(after.id, after.updatedAt, after.version, decision.effects).map((Item) => ({ Put: { TableName: this.table, Item } })),
      ...this.statUpdates(before, after),
      ...inboxCountUpdates(this.table, before, after),
      ...webhookOutboxItems(this.table, before, after),
    ];
  }

  async get(id: string): Promise<Ticket | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.ticket(id), ConsistentRead: true }));
    return res.Item ? parseTicket(res.Item) : undefined;
  }

  /** The ticket and its whole history in one query (access pattern 1). */
  async getWithEvents(id: string): Promise<{ ticket: Ticket; events: TicketEvent[] } | undefined> {
    const { items: rows } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.ticketPartition(id) },
      ConsistentRead: true,
    });
    const ticketRow = rows.find((r) => r.SK === 'T');
    if (!ticketRow) return undefined;
    const events = rows.filter((r) => r.entity === 'event').map((r) => TicketEventSchema.parse(r));
    return { ticket: parseTicket(ticketRow), events };
  }

  private async queryIndex(index: string, pkName: string, pk: string, cursor: string | undefined, limit: number): Promise<Page<Ticket>> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: `${pkName} = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeIndexCursor(cursor, { pk: pkName, sk: pkName.replace(/PK$/, 'SK'), partition: pk }),
      }),
    );
    return { items: (res.Items ?? []).map(parseTicket), nextCursor: encodeCursor(res.LastEvaluatedKey) };
  }

  /** A unit's open tickets, newest first (access pattern 3). */
  inbox(unitId: string, cursor: string | undefined, limit: number): Promise<Page<Ticket>> {
    return this.queryIndex(INDEX.inbox, 'GSI1PK', keys.inboxPartition(unitId), cursor, limit);
  }

  /** A resident's own tickets, newest first (access pattern 4). */
  byResident(residentId: string, cursor: string | undefined, limit: number): Promise<Page<Ticket>> {
    return this.queryIndex(INDEX.byResident, 'GSI2PK', keys.residentPartition(residentId), cursor, limit);
  }

  /** Due tickets as one lane per due shard, each read page after page (access pattern 5). */
  due(now: string, pageSize: number): AsyncIterable<DuePage>[] {
    return Array.from({ length: DUE_SHARDS }, (_, shard) => this.dueLane(shard, now, pageSize));
  }

  private async *dueLane(shard: number, now: string, pageSize: number): AsyncGenerator<DuePage> {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.dueInShard(shard, now, pageSize, cursor);
      yield { items: page.items, read: page.read };
      cursor = page.next;
    } while (cursor);
  }

  /** Tickets of one due shard whose next checkpoint is at or before `now` (access pattern 5). */
  async dueInShard(shard: number, now: string, limit: number, cursor?: Record<string, unknown>): Promise<{ items: Ticket[]; next?: Record<string, unknown>; read: number }> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.due,
        KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK <= :until',
        ExpressionAttributeValues: { ':pk': keys.duePartition(shard), ':until': keys.dueUntil(now) },
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    return { items: (res.Items ?? []).map(parseTicket), next: res.LastEvaluatedKey, read: res.ScannedCount ?? 0 };
  }

  /** Recent outbox messages of every shard, newest first (the local dev page and tests). */
  async recentOutbox(shards: number, limit: number): Promise<OutboxMessage[]> {
    const pages = await Promise.all(
      Array.from({ length: shards }, (_, shard) =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.outboxPartition(shard) },
            ScanIndexForward: false,
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((p) => p.Items ?? [])
      .map((r) => r as unknown as OutboxMessage)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
  }
}
