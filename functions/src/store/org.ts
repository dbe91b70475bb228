import { BatchWriteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  CalendarOverrideSchema,
  CategorySchema,
  CutoffMinutesSchema,
  LocationSchema,
  STAFF_ROLES,
  SynonymGroupSchema,
  type SynonymGroup,
  UnitSchema,
  type CalendarOverride,
  type Category,
  type Location,
  type Unit,
} from '@mashang/shared';
import * as z from 'zod/mini';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';
import { lazySchema } from '@mashang/shared/lazy-schema';

export const StaffAccountSchema = lazySchema(() => z.object({
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)).check(z.minLength(1)),
  /** scrypt hash, `scrypt$N$r$p$salt$hash` (see functions/src/app/sessions/passwords.ts). */
  passwordHash: z.string(),
  phone: z.optional(z.string()),
  disabled: z.optional(z.boolean()),
  /** The WeChat identity bound with an admin's invite code (see functions/src/store/staff.ts). */
  wechatOpenid: z.optional(z.string()),
  /** Bumped when an admin deactivates the account, resets its password or changes its roles or unit: older sessions stop working. */
  sessionVersion: z.optional(z.number().check(z.int())),
}));
export type StaffAccount = z.infer<typeof StaffAccountSchema>;

/** The stored calendar setting; its range is the calendar's own (one range, CutoffMinutesSchema). */
export const CalendarSettingsSchema = lazySchema(() => z.object({ cutoffMinutes: CutoffMinutesSchema }));

/**
 * Reference data: QR locations, the unit tree, categories, the thesaurus rows
 * of hotspots, staff accounts and the calendar overrides. Rows are parsed on the way out like every other row.
 */
export class OrgStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async queryAll(pk: string, prefix?: string): Promise<Record<string, unknown>[]> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: prefix ? 'PK = :pk AND begins_with(SK, :p)' : 'PK = :pk',
      ExpressionAttributeValues: prefix ? { ':pk': pk, ':p': prefix } : { ':pk': pk },
    });
    return items;
  }

  async location(id: string): Promise<Location | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.location(id) }));
    return res.Item ? LocationSchema.parse(res.Item) : undefined;
  }

  async units(): Promise<Unit[]> {
    return (await this.queryAll(keys.orgPartition, keys.unitPrefix)).map((r) => UnitSchema.parse(r));
  }

  async categories(): Promise<Category[]> {
    return (await this.queryAll(keys.catalogPartition, keys.categoryPrefix)).map((r) => CategorySchema.parse(r));
  }

  /** The thesaurus rows admins added or changed (pattern 31); the bundled default applies under them. */
  async synonyms(): Promise<SynonymGroup[]> {
    return (await this.queryAll(keys.catalogPartition, keys.synonymPrefix)).map((r) => SynonymGroupSchema.parse(r));
  }

  async staff(username: string): Promise<StaffAccount | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.staff(username) }));
    return res.Item ? StaffAccountSchema.parse(res.Item) : undefined;
  }

  /**
   * What every staff request checks (see MashangService.authenticate): one strongly
   * consistent GetItem of two attributes, so a deactivation takes effect at once.
   */
  async staffStatus(username: string): Promise<{ disabled: boolean; sessionVersion: number } | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.staff(username), ConsistentRead: true, ProjectionExpression: 'username, disabled, sessionVersion' }),
    );
    if (!res.Item) return undefined;
    return { disabled: res.Item.disabled === true, sessionVersion: typeof res.Item.sessionVersion === 'number' ? res.Item.sessionVersion : 0 };
  }

  /** Overrides, the years an admin loaded as a whole (rows `YEAR#yyyy`) and the cut-off: one query. */
  async calendar(): Promise<{ overrides: CalendarOverride[]; cutoffMinutes?: number; loadedYears: number[] }> {
    const rows = await this.queryAll(keys.calendarPartition);
    const overrides = rows.filter((r) => String(r.SK).startsWith(keys.dayPrefix)).map((r) => CalendarOverrideSchema.parse(r));
    const loadedYears = rows.filter((r) => String(r.SK).startsWith(keys.calendarYearPrefix)).map((r) => z.int().parse(r.year));
    const settings = rows.find((r) => r.SK === keys.calendarSettings().SK);
    return { overrides, loadedYears, cutoffMinutes: settings ? CalendarSettingsSchema.parse(settings).cutoffMinutes : undefined };
  }

  /**
   * Bulk upsert used by the seed, imports and benchmarks: 25 rows a batch,
   * `concurrency` batches in flight, unprocessed rows retried with backoff.
   */
  async putAll(rows: Record<string, unknown>[], concurrency = 4): Promise<void> {
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < rows.length; i += 25) batches.push(rows.slice(i, i + 25));
    const worker = async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) await this.writeBatch(batch);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  }

  private async writeBatch(rows: Record<string, unknown>[]): Promise<void> {
    let requests = rows.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('BatchWrite kept returning unprocessed items');
      const res = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } }));
      requests = (res.UnprocessedItems?.[this.table] ?? []) as typeof requests;
      if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }

  static locationRow(l: Location): Record<string, unknown> {
    return { ...l, ...keys.location(l.id), entity: 'location' };
  }
  static unitRow(u: Unit): Record<string, unknown> {
    return { ...u, ...keys.unit(u.id), entity: 'unit' };
  }
  static categoryRow(c: Category): Record<string, unknown> {
    return { ...c, ...keys.category(c.code), entity: 'category' };
  }
  static synonymRow(g: SynonymGroup): Record<string, unknown> {
    return { ...g, ...keys.synonym(g.id), entity: 'synonym' };
  }
  static staffRow(s: StaffAccount): Record<string, unknown> {
    return { ...keys.staff(s.username), entity: 'staff', ...s };
  }
  static calendarRow(o: CalendarOverride): Record<string, unknown> {
    return { ...keys.calendarDay(o.date), entity: 'calendar', ...o };
  }
}
