import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Location, Unit } from '@mashang/shared';
import * as z from 'zod/mini';
import { MediatorSchema, type Mediator } from '@mashang/shared/contracts/resident';
import type { AuditChange } from '../../ports/audit.ts';
import { StoreError } from '../../ports/errors.ts';
import { MAX_ORG_CHANGE_ROWS, type OrgAdminPort, type StaffListing, type UnitChange } from '../../ports/org-changes.ts';
import { COUNT_PREFIX } from '../../store/counts.ts';
import { keys } from '../../store/keys.ts';
import { AlertStore } from '../../store/alerts.ts';
import { OrgStore, StaffAccountSchema, type StaffAccount } from '../../store/org.ts';
import { PlaceStore } from '../../store/places.ts';
import { queryAll } from '../../store/query.ts';
import { StaffStore } from '../../store/staff.ts';
import type { TransactItem } from '../../store/tickets.ts';
import { sendTransaction } from '../../store/transact.ts';
import { auditPut } from '../../store/audit.ts';
import { lazySchema } from '@mashang/shared/lazy-schema';

/** The row listing a staff account under its county (pattern 47): what the admin list shows, no secrets (the port's {@link StaffListing}). */
export const StaffListingSchema = lazySchema(() => z.object({
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  roles: z.array(z.string()),
  disabled: z.optional(z.boolean()),
  wechatBound: z.optional(z.boolean()),
}));
export type { StaffListing } from '../../ports/org-changes.ts';

function cancelled(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  return e?.name === 'TransactionCanceledException' && (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
}

/**
 * The writes of the organisation's administration (the {@link OrgAdminPort}): units, staff
 * accounts, QR locations and mediation teams, each change one conditional transaction with its
 * audit event. Reads reuse the reference-data patterns (7, 8, 15, 16) plus the county's staff
 * list (40). Its twin in memory: functions/src/store/memory/org-changes.ts.
 */
export class OrgAdminStore implements OrgAdminPort {
  readonly org: OrgStore;
  private readonly staffStore: StaffStore;
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {
    this.org = new OrgStore(db, table);
    this.staffStore = new StaffStore(db, table);
  }

  /** Every unit, read fresh (not the 60-second reference cache): an admin edits what they just saw. */
  async units(): Promise<Map<string, Unit>> {
    return new Map((await this.org.units()).map((u) => [u.id, u]));
  }

  /** Open requests held by a unit, from its inbox counter row (pattern 15): one GetItem. */
  async openRequests(unitId: string): Promise<number> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.inboxCounts(unitId), ConsistentRead: true }));
    return Object.entries(res.Item ?? {})
      .filter(([k, v]) => k.startsWith(COUNT_PREFIX) && typeof v === 'number')
      .reduce((n, [, v]) => n + (v as number), 0);
  }

  /**
   * Sends one change with its audit event; a failed condition (somebody changed it meanwhile,
   * or the id is taken) is `admin_conflict` and changed nothing.
   */
  private async commit(items: TransactItem[], audit: AuditChange): Promise<void> {
    const all = [...items, auditPut(this.table, audit)];
    if (all.length > MAX_ORG_CHANGE_ROWS) throw new StoreError('org_change_too_large');
    try {
      await sendTransaction(this.db, { TransactItems: all });
    } catch (err) {
      if (cancelled(err)) throw new StoreError('admin_conflict', { cause: err });
      throw err;
    }
  }

  // ---- the changes (the OrgChanges port) --------------------------------------------

  async createUnit(unit: Unit, audit: AuditChange): Promise<void> {
    await this.commit([this.unitCreate(unit)], audit);
  }

  async renameUnit(before: Unit, name: string, audit: AuditChange): Promise<void> {
    await this.commit([this.unitReplace(before, { ...before, name })], audit);
  }

  async moveUnits(moved: UnitChange[], audit: AuditChange): Promise<void> {
    await this.commit(moved.map(({ before, after }) => this.unitReplace(before, after)), audit);
  }

  async deactivateUnit(before: Unit, audit: AuditChange): Promise<void> {
    await this.commit([this.unitReplace(before, { ...before, disabled: true })], audit);
  }

  async createStaff(countyId: string, account: StaffAccount, audit: AuditChange): Promise<void> {
    await this.commit(this.staffCreate(countyId, account), audit);
  }

  async replaceStaff(countyId: string, before: StaffAccount, after: StaffAccount, audit: AuditChange): Promise<void> {
    await this.commit(this.staffReplace(countyId, before, after), audit);
  }

  async createLocation(location: Location, audit: AuditChange): Promise<void> {
    await this.commit(this.locationWrite(undefined, location), audit);
  }

  async updateLocation(before: Location, after: Location, audit: AuditChange): Promise<void> {
    await this.commit(this.locationWrite(before, after), audit);
  }

  async createMediator(countyId: string, mediator: Mediator, audit: AuditChange): Promise<void> {
    await this.commit([this.mediatorCreate(countyId, mediator)], audit);
  }

  async stopMediator(countyId: string, mediator: Mediator, audit: AuditChange): Promise<void> {
    await this.commit([this.mediatorStop(countyId, { ...mediator, disabled: true })], audit);
  }

  // ---- mediators (pattern 48) ------------------------------------------------------

  /** Every mediation team of a county, as stored. */
  async mediators(countyId: string): Promise<Mediator[]> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.mediatorPartition(countyId) },
    });
    return items.map((r) => MediatorSchema.parse(r));
  }

  /** A new team (its id must be new). */
  private mediatorCreate(countyId: string, m: Mediator): TransactItem {
    return { Put: { TableName: this.table, Item: { ...keys.mediator(countyId, m.id), entity: 'mediator', ...m }, ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** A team stopped: only an existing team that was still active. */
  private mediatorStop(countyId: string, after: Mediator): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: { ...keys.mediator(countyId, after.id), entity: 'mediator', ...after },
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(disabled) OR disabled = :f)',
        ExpressionAttributeValues: { ':f': false },
      },
    };
  }

  // ---- units -------------------------------------------------------------------

  private unitCreate(u: Unit): TransactItem {
    return { Put: { TableName: this.table, Item: OrgStore.unitRow(u), ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** Rewrites a unit, only if it is still as it was read (name, path, status). */
  private unitReplace(before: Unit, after: Unit): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: OrgStore.unitRow(after),
        ConditionExpression: '#n = :n AND #p = :p AND ' + (before.disabled ? 'disabled = :t' : '(attribute_not_exists(disabled) OR disabled = :f)'),
        ExpressionAttributeNames: { '#n': 'name', '#p': 'path' },
        ExpressionAttributeValues: { ':n': before.name, ':p': before.path, ...(before.disabled ? { ':t': true } : { ':f': false }) },
      },
    };
  }

  // ---- staff -------------------------------------------------------------------

  async staffOfCounty(countyId: string): Promise<StaffListing[]> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.staffListingPartition(countyId) },
    });
    return items.map((r) => StaffListingSchema.parse(r));
  }

  async staff(username: string): Promise<StaffAccount | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.staff(username), ConsistentRead: true }));
    return res.Item ? StaffAccountSchema.parse(res.Item) : undefined;
  }

  static listingRow(countyId: string, a: StaffAccount): Record<string, unknown> {
    return {
      ...keys.staffListing(countyId, a.username),
      entity: 'staffListing',
      username: a.username,
      name: a.name,
      unitId: a.unitId,
      roles: a.roles,
      disabled: a.disabled === true,
      wechatBound: a.wechatOpenid !== undefined,
    };
  }

  /** A new account and its listing row; refused if the user name is taken anywhere. */
  private staffCreate(countyId: string, a: StaffAccount): TransactItem[] {
    return [
      { Put: { TableName: this.table, Item: OrgStore.staffRow(a), ConditionExpression: 'attribute_not_exists(PK)' } },
      { Put: { TableName: this.table, Item: OrgAdminStore.listingRow(countyId, a) } },
      // The unit's staff row (pattern 37): who the unit's alerts may reach (functions/src/app/notifying/staff-alerts.ts).
      ...(a.disabled === true ? [] : [{ Put: { TableName: this.table, Item: AlertStore.unitStaffRow(a) } }]),
    ];
  }

  /**
   * Rewrites an account and its listing, only if its session version is still the one
   * read (every change that matters for sign-in bumps it, so two admins cannot both win).
   */
  private staffReplace(countyId: string, before: StaffAccount, after: StaffAccount): TransactItem[] {
    const v = before.sessionVersion;
    return [
      {
        Put: {
          TableName: this.table,
          Item: OrgStore.staffRow(after),
          ConditionExpression: v === undefined ? 'attribute_exists(PK) AND attribute_not_exists(sessionVersion)' : 'sessionVersion = :v',
          ...(v === undefined ? {} : { ExpressionAttributeValues: { ':v': v } }),
        },
      },
      { Put: { TableName: this.table, Item: OrgAdminStore.listingRow(countyId, after) } },
      ...this.unitStaffChange(before, after),
    ];
  }

  /** Keeps the unit's staff row (pattern 37) in step: a deactivated account is alerted no more. */
  private unitStaffChange(before: StaffAccount, after: StaffAccount): TransactItem[] {
    const items: TransactItem[] = [];
    if (before.unitId !== after.unitId || after.disabled === true) {
      items.push({ Delete: { TableName: this.table, Key: keys.unitStaff(before.unitId, before.username) } });
    }
    if (after.disabled !== true) items.push({ Put: { TableName: this.table, Item: AlertStore.unitStaffRow(after) } });
    return items;
  }

  // ---- QR locations -------------------------------------------------------------

  locationsOfGrid(gridId: string): Promise<Location[]> {
    return this.staffStore.locationsOfGrid(gridId);
  }

  location(id: string): Promise<Location | undefined> {
    return this.org.location(id);
  }

  /** Which of these location ids exist already (one BatchGet per 100). */
  async existingLocations(wanted: string[]): Promise<Set<string>> {
    const ids = [...new Set(wanted)]; // BatchGet refuses a repeated key
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 100) {
      const res = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.table]: { Keys: ids.slice(i, i + 100).map((id) => keys.location(id)), ProjectionExpression: 'id' } } }),
      );
      for (const r of res.Responses?.[this.table] ?? []) found.add(String(r.id));
    }
    return found;
  }

  /**
   * Every row of a location in one transaction: the location, its listing under its
   * grid, and its search rows (name terms and geohash cells). On an edit, rows the new
   * version no longer has are deleted and the location must still be as it was read.
   */
  private locationWrite(before: Location | undefined, after: Location): TransactItem[] {
    const t = this.table;
    const items: TransactItem[] = [];
    items.push(
      before
        ? {
            Put: {
              TableName: t,
              Item: OrgStore.locationRow(after),
              ConditionExpression: '#n = :n AND gridId = :g AND centreUnitId = :c',
              ExpressionAttributeNames: { '#n': 'name' },
              ExpressionAttributeValues: { ':n': before.name, ':g': before.gridId, ':c': before.centreUnitId },
            },
          }
        : { Put: { TableName: t, Item: OrgStore.locationRow(after), ConditionExpression: 'attribute_not_exists(PK)' } },
    );
    items.push({ Put: { TableName: t, Item: StaffStore.gridLocationRow(after) } });
    if (before && before.gridId !== after.gridId) items.push({ Delete: { TableName: t, Key: keys.gridLocation(before.gridId, before.id) } });
    const fresh = PlaceStore.indexRows(after);
    const keep = new Set(fresh.map((r) => `${String(r.PK)}|${String(r.SK)}`));
    if (before) {
      for (const r of PlaceStore.indexRows(before)) {
        if (!keep.has(`${String(r.PK)}|${String(r.SK)}`)) items.push({ Delete: { TableName: t, Key: { PK: r.PK, SK: r.SK } } });
      }
    }
    for (const r of fresh) items.push({ Put: { TableName: t, Item: r } });
    return items;
  }
}
