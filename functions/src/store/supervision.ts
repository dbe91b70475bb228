import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  localDateOf,
  RiskRuleSetSchema,
  RiskWarningSchema,
  type PriorRequest,
  type RiskRuleSet,
  type RiskTaskStatus,
  type RiskWarning,
  type Ticket,
} from '@mashang/shared';
import { StoreError } from '../ports/errors.ts';
import { INDEX, keys } from './keys.ts';
import { queryAll } from './query.ts';
import { monthsBetween } from './stats.ts';
import { parseTicket } from './tickets.ts';
import { riskWarningItems, riskWarningRow } from './side-writes.ts';
import type { TransactItem } from './transact.ts';

/**
 * Reads and writes of hotspots and risk early warning (access patterns 25–30
 * in keys.ts). Warnings are written in the ticket's own transaction
 * (a `risk_warning` side-write of TicketStore.create / save, rows in side-writes.ts);
 * everything else here is a single conditional write or a query — no Scan.
 */

/** Most index items one history query reads (newest first): bounds the cost of evaluating a new request. */
export const HISTORY_LIMIT = 50;

function isConditionalFailure(err: unknown): boolean {
  const e = err as { name?: string };
  return e?.name === 'ConditionalCheckFailedException';
}

/** The ticket id and the trigger suffix of a warning id (`<ticketId>-c`, `<ticketId>-r<n>`). */
export function parseWarningId(id: string): { ticketId: string } | undefined {
  const m = /^([A-Za-z0-9_-]+?)-(c|r\d{1,3})$/.exec(id);
  return m?.[1] ? { ticketId: m[1] } : undefined;
}

const idFromSortKey = (sk: unknown): string => String(sk).split('#').slice(1).join('#');

export class SupervisionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private queryAll(input: QueryCommandInput, cap = Number.POSITIVE_INFINITY): Promise<{ items: Record<string, unknown>[]; truncated: boolean }> {
    return queryAll(this.db, input, cap);
  }

  // ---- hotspots ---------------------------------------------------------------

  /**
   * The requests a street office received in `[from, to]` (pattern 12, byOrigin: one
   * query per local month the window touches), newest first, at most `cap`:
   * a hotspot window is a few days, so this is at most two queries per office.
   */
  async receivedByOffice(officeId: string, from: string, to: string, cap: number): Promise<{ items: Ticket[]; truncated: boolean }> {
    const months = monthsBetween(localDateOf(from), localDateOf(to)).reverse();
    const items: Ticket[] = [];
    for (const month of months) {
      const page = await this.queryAll(
        {
          TableName: this.table,
          IndexName: INDEX.byOrigin,
          KeyConditionExpression: 'GSI6PK = :pk AND GSI6SK BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':pk': keys.originPartition(officeId, month), ':a': from, ':b': `${to}#~` },
          ScanIndexForward: false,
        },
        cap - items.length,
      );
      items.push(...page.items.map(parseTicket));
      if (page.truncated || items.length >= cap) return { items, truncated: true };
    }
    return { items, truncated: false };
  }

  // ---- risk history -----------------------------------------------------------

  /**
   * One page of a history index, newest first, at most `limit` items read:
   * the repeat rules need the few latest requests of a person or place, never
   * all of them (a busy QR location receives hundreds a week).
   */
  private async recent(input: QueryCommandInput, limit: number): Promise<Record<string, unknown>[]> {
    const res = await this.db.send(new QueryCommand({ ...input, ScanIndexForward: false, Limit: limit }));
    return res.Items ?? [];
  }

  /** A resident's latest requests in `[since, until]` (pattern 4; "me too" rows are not requests they filed), at most `limit` read. */
  async byResident(residentId: string, since: string, until: string, limit = HISTORY_LIMIT): Promise<PriorRequest[]> {
    const items = await this.recent(
      {
        TableName: this.table,
        IndexName: INDEX.byResident,
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :a AND :b',
        FilterExpression: 'entity = :ticket',
        ExpressionAttributeValues: { ':pk': keys.residentPartition(residentId), ':a': since, ':b': `${until}#~`, ':ticket': 'ticket' },
      },
      limit,
    );
    return items.map((r) => ({ id: String(r.id), receivedAt: String(r.receivedAt), categoryCode: String(r.categoryCode) }));
  }

  /** The latest requests with the same phone number in `[since, until]` (pattern 28, keys only: no category), at most `limit` read. */
  async byPhone(phone: string, since: string, until: string, limit = HISTORY_LIMIT): Promise<PriorRequest[]> {
    const items = await this.recent(
      {
        TableName: this.table,
        IndexName: INDEX.byPhone,
        KeyConditionExpression: 'GSI10PK = :pk AND GSI10SK BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': keys.phonePartition(phone), ':a': since, ':b': `${until}#~` },
      },
      limit,
    );
    return items.map((r) => ({ id: idFromSortKey(r.GSI10SK), receivedAt: String(r.GSI10SK).split('#')[0]! }));
  }

  /** The latest requests at a QR location in `[since, until]`, any status (pattern 29), at most `limit` read. */
  async byPlace(locationId: string, since: string, until: string, limit = HISTORY_LIMIT): Promise<PriorRequest[]> {
    const items = await this.recent(
      {
        TableName: this.table,
        IndexName: INDEX.byPlace,
        KeyConditionExpression: 'GSI11PK = :pk AND GSI11SK BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': keys.placeHistoryPartition(locationId), ':a': since, ':b': `${until}#~` },
      },
      limit,
    );
    return items.map((r) => ({ id: idFromSortKey(r.GSI11SK), receivedAt: String(r.GSI11SK).split('#')[0]!, categoryCode: String(r.categoryCode) }));
  }

  /** The categories of some tickets (pattern 1, BatchGet of the ticket rows' id and category only; at most 100 ids). */
  async categoriesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let pending: Record<string, unknown>[] = [...new Set(ids)].slice(0, 100).map((id) => keys.ticket(id));
    for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const res = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ProjectionExpression: '#id, categoryCode', ExpressionAttributeNames: { '#id': 'id' } } } }),
      );
      for (const r of res.Responses?.[this.table] ?? []) out.set(String(r.id), String(r.categoryCode));
      pending = (res.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
    }
    return out;
  }

  // ---- rules ------------------------------------------------------------------

  /** The stored rule set, or undefined when admins never saved one (the defaults apply). */
  async rules(): Promise<RiskRuleSet | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.riskRules(), ConsistentRead: true }));
    return res.Item ? RiskRuleSetSchema.parse(res.Item) : undefined;
  }

  /**
   * Stores a rule set, only if the stored version is still `expectedVersion`
   * (0: the defaults, stored or not). A lost race is a 409.
   */
  async saveRules(set: RiskRuleSet, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.riskRules(), entity: 'risk_rules', ...set },
          // Version 0 is the defaults: never saved, or seeded and never edited.
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK) OR version = :v' : 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        }),
      );
    } catch (err) {
      if (isConditionalFailure(err)) throw new StoreError('risk_rules_conflict', { cause: err });
      throw err;
    }
  }

  // ---- warnings and tasks -------------------------------------------------------

  /** The writes of a new warning for the ticket's own transaction (see side-writes.ts; use cases pass a `risk_warning` side-write). */
  warningWrites(w: RiskWarning, text: string, n: number, supervisorText?: string): TransactItem[] {
    return riskWarningItems(this.table, w, text, n, supervisorText);
  }

  async warning(id: string): Promise<RiskWarning | undefined> {
    const parsed = parseWarningId(id);
    if (!parsed) return undefined;
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.riskWarning(parsed.ticketId, id), ConsistentRead: true }));
    return res.Item ? RiskWarningSchema.parse(res.Item) : undefined;
  }

  /** The warnings of one ticket, oldest first (pattern 26). */
  async warningsOfTicket(ticketId: string): Promise<RiskWarning[]> {
    const { items } = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.ticketPartition(ticketId), ':p': keys.riskWarningPrefix },
    });
    return items.map((r) => RiskWarningSchema.parse(r)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Warnings of an office with one status (pattern 27): open ones by due time,
   * done ones by completion time; `from` bounds the sort key from below.
   */
  async warningsOfOffice(officeId: string, status: RiskTaskStatus, from: string | undefined, cap: number): Promise<RiskWarning[]> {
    const { items } = await this.queryAll(
      {
        TableName: this.table,
        IndexName: INDEX.riskByOffice,
        KeyConditionExpression: 'GSI9PK = :pk AND GSI9SK BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': keys.riskByOfficePartition(officeId), ':a': `${status}#${from ?? ''}`, ':b': `${status}#~` },
        ScanIndexForward: status === 'open',
      },
      cap,
    );
    return items.map((r) => RiskWarningSchema.parse(r));
  }

  /**
   * Marks a task done, only if it is still open at the version read; the row is
   * replaced whole so its index key moves from `open#` to `done#`. A lost race is a 409.
   */
  async completeTask(before: RiskWarning, done: { doneAt: string; doneBy: { id: string; name?: string }; note: string }): Promise<RiskWarning> {
    const after: RiskWarning = { ...before, ...done, status: 'done', version: before.version + 1 };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: riskWarningRow(after),
          ConditionExpression: '#s = :open AND version = :v',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ':v': before.version },
        }),
      );
    } catch (err) {
      if (isConditionalFailure(err)) throw new StoreError('risk_task_conflict', { cause: err });
      throw err;
    }
    return after;
  }
}

/** Exported for the seed: writes the default rules only where none are stored, so admins' edits survive a re-seed. */
export async function seedRiskRules(store: SupervisionStore, defaults: RiskRuleSet): Promise<boolean> {
  if (await store.rules()) return false;
  try {
    await store.saveRules(defaults, 0);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return false;
    throw err;
  }
}
