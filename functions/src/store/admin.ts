import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CategorySchema, type AlertPolicy, type Category, type RankingPolicy, type SynonymGroup, type Ticket } from '@mashang/shared';
import { OrgStore } from './org.ts';
import { AlertStore } from './alerts.ts';
import { parseTicket } from './tickets.ts';
import * as z from 'zod/mini';
import { AuditItemSchema } from '@mashang/shared/audit-item';
import { DUE_SHARDS, INDEX, keys, OUTBOX_SHARDS } from './keys.ts';
import { StoreError } from '../ports/errors.ts';
import { queryAll } from './query.ts';
import { sendTransaction } from './transact.ts';
import type { TransactItem } from './transact.ts';
import { auditPut, type AuditChange } from './audit.ts';
import type { AuditLog } from '../ports/audit.ts';
import { MAX_CHANGE_ROWS, type CalendarChange, type CalendarYearMarker, type ReferenceChanges, type RederiveJob, type StoredCategory } from '../ports/admin-reference.ts';
import { lazySchema } from '@mashang/shared/lazy-schema';

/** A stored admin event (audit): the reply's item with before/after as JSON text (functions/src/store/audit.ts). */
export const AuditRowSchema = lazySchema(() => z.extend(AuditItemSchema, { before: z.optional(z.string()), after: z.optional(z.string()) }));
export type AuditRow = z.infer<typeof AuditRowSchema>;

export type { RederiveJob } from '../ports/admin-reference.ts';

/** The resumable re-derivation job's row (see functions/src/admin/rederive.ts; its type: the port's {@link RederiveJob}). */
export const RederiveJobSchema = lazySchema(() => z.object({
  generation: z.int().check(z.gte(1)),
  /** Optimistic lock of the progress: each step increments it. */
  step: z.int().check(z.gte(0)),
  status: z.enum(['running', 'done']),
  reason: z.string(),
  requestedBy: z.string(),
  changedAt: z.string(),
  /** When the current pass over the open requests began (a pass that began too soon after the change is repeated). */
  passStartedAt: z.string(),
  passes: z.int().check(z.gte(1)),
  /** The unit whose open inbox is being read, and where in it (a DynamoDB key). */
  unitId: z.optional(z.string()),
  cursor: z.optional(z.record(z.string(), z.unknown())),
  scanned: z.int().check(z.gte(0)),
  changed: z.int().check(z.gte(0)),
  finishedAt: z.optional(z.string()),
}));

/** A loaded year's marker row. */
export const CalendarYearRowSchema = lazySchema(() => z.object({
  year: z.int(),
  loadedAt: z.string(),
  loadedBy: z.string(),
  dayCount: z.int(),
  source: z.optional(z.string()),
}));
export type CalendarYearRow = CalendarYearMarker;

/** Requests filed with provisional deadlines for a year not loaded (the admin home's alert). */
export const CalendarNeededSchema = lazySchema(() => z.object({ year: z.int(), tickets: z.int(), firstAt: z.string(), lastAt: z.string(), lastTicketId: z.string() }));
export type CalendarNeeded = z.infer<typeof CalendarNeededSchema>;

/**
 * The administration's reads and writes: calendar years and days, categories, the audit
 * log, the re-derivation job and the admin home's health figures. Every change goes
 * through {@link AdminStore.transact} with its audit row; the reference-data changes
 * (categories, thesaurus, alert settings) are made through the {@link ReferenceChanges} port.
 */
export class AdminStore implements AuditLog, ReferenceChanges {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** One TransactWriteItems (≤ 100 items), transaction conflicts retried. */
  async transact(items: TransactItem[]): Promise<void> {
    if (items.length > MAX_CHANGE_ROWS) throw new StoreError('too_many_changes');
    try {
      await sendTransaction(this.db, { TransactItems: items });
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
      if (e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')) {
        throw new StoreError('admin_conflict', { cause: err });
      }
      throw err;
    }
  }

  put(item: Record<string, unknown>, condition?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> }): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: item,
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
              ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
            }
          : {}),
      },
    };
  }

  delete(key: { PK: string; SK: string }): TransactItem {
    return { Delete: { TableName: this.table, Key: key } };
  }

  /** The audit event of a change, to commit in the change's own {@link AdminStore.transact} (store/audit.ts). */
  audit(change: AuditChange): TransactItem {
    return auditPut(this.table, change);
  }

  // ---- reference data: calendar, categories, thesaurus, alert settings (the ReferenceChanges port) ----

  async changeCalendar(change: CalendarChange, job: { previous: RederiveJob | undefined; next: RederiveJob }, audit: AuditChange): Promise<void> {
    const year = change.loadedYear;
    await this.transact([
      ...(change.removeDays ?? []).map((date) => this.delete(keys.calendarDay(date))),
      ...(change.days ?? []).map((day) => this.put(OrgStore.calendarRow(day))),
      ...(year ? [this.put({ ...keys.calendarYear(year.year), entity: 'calendarYear', ...year })] : []),
      ...(change.cutoffMinutes === undefined ? [] : [this.put({ ...keys.calendarSettings(), entity: 'calendarSettings', cutoffMinutes: change.cutoffMinutes })]),
      this.jobStart(job.previous, job.next),
      this.audit(audit),
    ]);
  }

  async saveSynonym(group: SynonymGroup, audit: AuditChange): Promise<void> {
    await this.transact([this.put(OrgStore.synonymRow(group)), this.audit(audit)]);
  }

  async deleteSynonym(id: string, audit: AuditChange): Promise<void> {
    await this.transact([this.delete(keys.synonym(id)), this.audit(audit)]);
  }

  async saveAlertSettings(alerts: AlertPolicy, ranking: RankingPolicy, audit: AuditChange): Promise<void> {
    const { actor, at } = audit;
    await this.transact([this.put(AlertStore.alertPolicyRow(alerts, actor.id, at)), this.put(AlertStore.rankingPolicyRow(ranking, actor.id, at)), this.audit(audit)]);
  }

  async createCategory(category: Category, audit: AuditChange): Promise<void> {
    await this.transact([this.categoryPut(category, undefined), this.audit(audit)]);
  }

  async updateCategory(category: Category, rev: number, audit: AuditChange): Promise<void> {
    await this.transact([this.categoryPut(category, rev), this.audit(audit)]);
  }

  // ---- calendar ---------------------------------------------------------------

  /** The DAY# rows of one year (admin-loaded days or single-day corrections). */
  async calendarDays(year: number): Promise<Array<{ date: string; kind: 'holiday' | 'workday'; note?: string }>> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.calendarPartition, ':p': `${keys.dayPrefix}${year}-` },
    });
    return items.map((r) => z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), note: z.optional(z.string()) }).parse(r));
  }

  async calendarYears(): Promise<CalendarYearRow[]> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.calendarPartition, ':p': keys.calendarYearPrefix },
    });
    return items.map((r) => CalendarYearRowSchema.parse(r));
  }

  async calendarNeeded(): Promise<CalendarNeeded[]> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.calendarPartition, ':p': keys.calendarNeededPrefix },
    });
    return items.map((r) => CalendarNeededSchema.parse(r));
  }

  /** Counts a request filed with provisional deadlines for `year`; true when it is the first one. */
  async countNeeded(year: number, ticketId: string, at: string): Promise<boolean> {
    const res = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.calendarNeeded(year),
        UpdateExpression: 'SET entity = :e, #year = :y, firstAt = if_not_exists(firstAt, :at), lastAt = :at, lastTicketId = :t ADD tickets :one',
        ExpressionAttributeNames: { '#year': 'year' },
        ExpressionAttributeValues: { ':e': 'calendarNeeded', ':y': year, ':at': at, ':t': ticketId, ':one': 1 },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    return res.Attributes?.firstAt === undefined;
  }

  /** An alert for the admins in the outbox (the dispatcher logs staff messages; `/dev/outbox` shows them locally). */
  async alertAdmins(ticketId: string, at: string, text: string, template: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.outbox(at, ticketId, 990), entity: 'outbox', ticketId, createdAt: at, status: 'pending', audience: 'admins', template, text },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  // ---- categories -------------------------------------------------------------

  async category(code: string): Promise<StoredCategory | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.category(code), ConsistentRead: true }));
    if (!res.Item) return undefined;
    return { category: CategorySchema.parse(res.Item), rev: typeof res.Item.rev === 'number' ? res.Item.rev : 0 };
  }

  /** A category row, new (`rev` undefined) or replacing revision `rev`. */
  private categoryPut(category: Category, rev: number | undefined): TransactItem {
    const item = { ...category, ...keys.category(category.code), entity: 'category', rev: (rev ?? -1) + 1 };
    if (rev === undefined) return this.put(item, { expression: 'attribute_not_exists(PK)' });
    return this.put(item, { expression: 'attribute_exists(PK) AND (attribute_not_exists(rev) OR rev = :rev)', values: { ':rev': rev } });
  }

  // ---- audit ------------------------------------------------------------------

  /** A county's admin events of one month (`yyyy-mm`), newest first. */
  async auditMonth(countyId: string, month: string, limit: number): Promise<AuditRow[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditPartition(countyId, month) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((r) => AuditRowSchema.parse(r));
  }

  // ---- the re-derivation job ----------------------------------------------------

  async job(): Promise<RederiveJob | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.rederiveJob(), ConsistentRead: true }));
    return res.Item ? RederiveJobSchema.parse(res.Item) : undefined;
  }

  /** Starts a new generation of the job, conditional on the generation read (or no job yet): goes in the change's transaction. */
  private jobStart(previous: RederiveJob | undefined, next: RederiveJob): TransactItem {
    const item = { ...keys.rederiveJob(), entity: 'job', ...next };
    return previous
      ? this.put(item, { expression: 'generation = :g', values: { ':g': previous.generation } })
      : this.put(item, { expression: 'attribute_not_exists(PK)' });
  }

  /** Saves progress; false when another step or a new generation got there first. */
  async jobProgress(previous: RederiveJob, next: RederiveJob): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.rederiveJob(), entity: 'job', ...next },
          ConditionExpression: 'generation = :g AND #step = :s',
          ExpressionAttributeNames: { '#step': 'step' },
          ExpressionAttributeValues: { ':g': previous.generation, ':s': previous.step },
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /** One page of a unit's open requests (the sparse `inbox` index holds open tickets only). */
  async openTicketsPage(unitId: string, cursor: Record<string, unknown> | undefined, limit: number): Promise<{ items: Ticket[]; next?: Record<string, unknown> }> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX.inbox,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.inboxPartition(unitId) },
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    return { items: (res.Items ?? []).map(parseTicket), ...(res.LastEvaluatedKey ? { next: res.LastEvaluatedKey } : {}) };
  }

  // ---- health -------------------------------------------------------------------

  /** The sweeper's last run (its heartbeat row, pattern 35, written by each sweep), for the admin home's health. */
  async sweepHeartbeat(): Promise<{ at: string } | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.heartbeat('sweep') }));
    return res.Item ? z.object({ at: z.string() }).parse(res.Item) : undefined;
  }

  /** The earliest checkpoint still waiting in the due index at `now` (the sweeper's lag), one item per shard. */
  async oldestDue(now: string): Promise<string | undefined> {
    const firsts = await Promise.all(
      Array.from({ length: DUE_SHARDS }, async (_, shard) => {
        const res = await this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: INDEX.due,
            KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK <= :until',
            ExpressionAttributeValues: { ':pk': keys.duePartition(shard), ':until': keys.dueUntil(now) },
            Limit: 1,
          }),
        );
        const sk = res.Items?.[0]?.GSI3SK;
        return typeof sk === 'string' ? sk.split('#')[0] : undefined;
      }),
    );
    return firsts.filter((x): x is string => x !== undefined).sort()[0];
  }

  /** Notifications still waiting in the outbox (it holds only what is still to send). */
  async outboxWaiting(): Promise<number> {
    const counts = await Promise.all(
      Array.from({ length: OUTBOX_SHARDS }, async (_, shard) => {
        let count = 0;
        let start: Record<string, unknown> | undefined;
        do {
          const res = await this.db.send(
            new QueryCommand({
              TableName: this.table,
              KeyConditionExpression: 'PK = :pk',
              ExpressionAttributeValues: { ':pk': keys.outboxPartition(shard) },
              Select: 'COUNT',
              ExclusiveStartKey: start,
            }),
          );
          count += res.Count ?? 0;
          start = res.LastEvaluatedKey;
        } while (start);
        return count;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** QR locations of these grids (pattern 16), counted. */
  async locationCount(gridIds: string[]): Promise<number> {
    const counts = await Promise.all(
      gridIds.map(async (gridId) => {
        const res = await this.db.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.gridLocationPartition(gridId) },
            Select: 'COUNT',
          }),
        );
        return res.Count ?? 0;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}
