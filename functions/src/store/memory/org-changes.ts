import { normaliseName, type Location, type StaffMember, type Unit } from '@mashang/shared';
import type { Mediator } from '@mashang/shared/contracts/resident';
import type { AuditChange } from '../../ports/audit.ts';
import { StoreError } from '../../ports/errors.ts';
import { MAX_ORG_CHANGE_ROWS, type OrgAdminPort, type StaffListing, type UnitChange } from '../../ports/org-changes.ts';
import type { StaffAccount } from '../org.ts';
import { PlaceStore } from '../places.ts';
import { MemoryAuditLog } from './audit.ts';

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The organisation's administration in memory (the twin of functions/src/admin/org/store.ts as
 * an {@link OrgAdminPort}); functions/src/store/org-changes-contract.ts holds both to the same
 * behaviour. Each change and its audit event (recorded in `audit`) are stored together, or
 * neither is; conditions and the row limit are those of the DynamoDB transactions. A few reads
 * beyond the port (`unitStaff`, `placesNamed`) show what the DynamoDB store writes beside a
 * change: the unit's staff row and a location's search rows.
 */
export class MemoryOrgChanges implements OrgAdminPort {
  private readonly unitRows = new Map<string, Unit>();
  private readonly inboxes = new Map<string, number>();
  /** Accounts by lower-cased user name, as the table keys them. */
  private readonly accounts = new Map<string, StaffAccount>();
  /** County → lower-cased user name → listing row. */
  private readonly listings = new Map<string, Map<string, StaffListing>>();
  /** Unit → lower-cased user name → who the unit's alerts may reach. */
  private readonly unitStaffRows = new Map<string, Map<string, StaffMember>>();
  private readonly locations = new Map<string, Location>();
  /** County → team id → team. */
  private readonly teams = new Map<string, Map<string, Mediator>>();

  constructor(readonly audit: MemoryAuditLog = new MemoryAuditLog()) {}

  /**
   * Stores rows as the seed does, without audit events: units, QR locations, accounts (listed
   * under `countyId`, and among their unit's staff unless disabled), mediation teams of a county
   * and each unit's open requests.
   */
  seed(data: { units?: Unit[]; locations?: Location[]; staff?: { countyId: string; accounts: StaffAccount[] }; mediators?: { countyId: string; teams: Mediator[] }; openRequests?: Record<string, number> }): this {
    for (const u of data.units ?? []) this.unitRows.set(u.id, structuredClone(u));
    for (const l of data.locations ?? []) this.locations.set(l.id, structuredClone(l));
    for (const a of data.staff?.accounts ?? []) this.putStaff(data.staff!.countyId, undefined, a);
    for (const m of data.mediators?.teams ?? []) this.teamsOf(data.mediators!.countyId).set(m.id, structuredClone(m));
    for (const [unitId, n] of Object.entries(data.openRequests ?? {})) this.inboxes.set(unitId, n);
    return this;
  }

  // ---- reads (the OrgReads port) ------------------------------------------------------

  async units(): Promise<Map<string, Unit>> {
    return new Map([...this.unitRows.values()].map((u) => [u.id, structuredClone(u)]));
  }

  async openRequests(unitId: string): Promise<number> {
    return this.inboxes.get(unitId) ?? 0;
  }

  async staffOfCounty(countyId: string): Promise<StaffListing[]> {
    return [...(this.listings.get(countyId)?.entries() ?? [])].sort(byKey(([k]) => k)).map(([, r]) => structuredClone(r));
  }

  async staff(username: string): Promise<StaffAccount | undefined> {
    const a = this.accounts.get(username.toLowerCase());
    return a ? structuredClone(a) : undefined;
  }

  async locationsOfGrid(gridId: string): Promise<Location[]> {
    return [...this.locations.values()].filter((l) => l.gridId === gridId).sort(byKey((l) => l.id)).map((l) => structuredClone(l));
  }

  async location(id: string): Promise<Location | undefined> {
    const l = this.locations.get(id);
    return l ? structuredClone(l) : undefined;
  }

  async existingLocations(ids: string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.locations.has(id)));
  }

  async mediators(countyId: string): Promise<Mediator[]> {
    return [...(this.teams.get(countyId)?.values() ?? [])].sort(byKey((m) => m.id)).map((m) => structuredClone(m));
  }

  /** Who a unit's alerts may reach (AlertStore.unitStaff's answer). */
  async unitStaff(unitId: string): Promise<StaffMember[]> {
    return [...(this.unitStaffRows.get(unitId)?.entries() ?? [])].sort(byKey(([k]) => k)).map(([, s]) => structuredClone(s));
  }

  /** The ids of the locations whose name contains `query` (what PlaceStore.search finds through the search rows), best first. */
  async placesNamed(query: string): Promise<string[]> {
    const q = normaliseName(query);
    if ([...q].length < 2) return [];
    return [...this.locations.values()]
      .map((l) => ({ id: l.id, nameKey: normaliseName(l.name) }))
      .filter((p) => p.nameKey.includes(q))
      .sort((a, b) => Number(b.nameKey.startsWith(q)) - Number(a.nameKey.startsWith(q)) || a.nameKey.length - b.nameKey.length || a.nameKey.localeCompare(b.nameKey))
      .map((p) => p.id);
  }

  // ---- changes, each with its audit event (the OrgChanges port) -------------------------

  async createUnit(unit: Unit, audit: AuditChange): Promise<void> {
    this.limit(1);
    if (this.unitRows.has(unit.id)) throw new StoreError('admin_conflict');
    this.unitRows.set(unit.id, structuredClone(unit));
    this.audit.record(audit);
  }

  async renameUnit(before: Unit, name: string, audit: AuditChange): Promise<void> {
    await this.moveUnits([{ before, after: { ...before, name } }], audit);
  }

  async moveUnits(moved: UnitChange[], audit: AuditChange): Promise<void> {
    this.limit(moved.length);
    for (const { before } of moved) this.unitAsRead(before);
    for (const { after } of moved) this.unitRows.set(after.id, structuredClone(after));
    this.audit.record(audit);
  }

  async deactivateUnit(before: Unit, audit: AuditChange): Promise<void> {
    await this.moveUnits([{ before, after: { ...before, disabled: true } }], audit);
  }

  async createStaff(countyId: string, account: StaffAccount, audit: AuditChange): Promise<void> {
    // The account, its listing, its unit staff row unless disabled.
    this.limit(account.disabled === true ? 2 : 3);
    if (this.accounts.has(account.username.toLowerCase())) throw new StoreError('admin_conflict');
    this.putStaff(countyId, undefined, account);
    this.audit.record(audit);
  }

  async replaceStaff(countyId: string, before: StaffAccount, after: StaffAccount, audit: AuditChange): Promise<void> {
    this.limit(2 + (before.unitId !== after.unitId || after.disabled === true ? 1 : 0) + (after.disabled === true ? 0 : 1));
    const stored = this.accounts.get(before.username.toLowerCase());
    // As the DynamoDB condition: the session version read (or, read without one, an existing account still without one).
    if (!stored || stored.sessionVersion !== before.sessionVersion) throw new StoreError('admin_conflict');
    this.putStaff(countyId, before, after);
    this.audit.record(audit);
  }

  async createLocation(location: Location, audit: AuditChange): Promise<void> {
    this.limit(locationRows(undefined, location));
    if (this.locations.has(location.id)) throw new StoreError('admin_conflict');
    this.locations.set(location.id, structuredClone(location));
    this.audit.record(audit);
  }

  async updateLocation(before: Location, after: Location, audit: AuditChange): Promise<void> {
    this.limit(locationRows(before, after));
    const stored = this.locations.get(before.id);
    if (!stored || stored.name !== before.name || stored.gridId !== before.gridId || stored.centreUnitId !== before.centreUnitId) throw new StoreError('admin_conflict');
    this.locations.set(after.id, structuredClone(after));
    this.audit.record(audit);
  }

  async createMediator(countyId: string, mediator: Mediator, audit: AuditChange): Promise<void> {
    this.limit(1);
    if (this.teamsOf(countyId).has(mediator.id)) throw new StoreError('admin_conflict');
    this.teamsOf(countyId).set(mediator.id, structuredClone(mediator));
    this.audit.record(audit);
  }

  async stopMediator(countyId: string, mediator: Mediator, audit: AuditChange): Promise<void> {
    this.limit(1);
    const stored = this.teamsOf(countyId).get(mediator.id);
    if (!stored || stored.disabled === true) throw new StoreError('admin_conflict');
    this.teamsOf(countyId).set(mediator.id, { ...structuredClone(mediator), disabled: true });
    this.audit.record(audit);
  }

  // ---- the rows behind the changes ------------------------------------------------------

  /** `rows` written besides the audit event: refused past the transaction's limit, before anything is checked or written. */
  private limit(rows: number): void {
    if (rows + 1 > MAX_ORG_CHANGE_ROWS) throw new StoreError('org_change_too_large');
  }

  /** As the DynamoDB condition on a unit's rewrite: it exists with the name, path and status read. */
  private unitAsRead(before: Unit): void {
    const stored = this.unitRows.get(before.id);
    if (!stored || stored.name !== before.name || !samePath(stored.path, before.path) || (stored.disabled === true) !== (before.disabled === true)) {
      throw new StoreError('admin_conflict');
    }
  }

  private teamsOf(countyId: string): Map<string, Mediator> {
    let teams = this.teams.get(countyId);
    if (!teams) this.teams.set(countyId, (teams = new Map()));
    return teams;
  }

  /** An account with its listing row and its unit's staff row (removed when it moved or was deactivated). */
  private putStaff(countyId: string, before: StaffAccount | undefined, a: StaffAccount): void {
    const key = a.username.toLowerCase();
    this.accounts.set(key, structuredClone(a));
    let listing = this.listings.get(countyId);
    if (!listing) this.listings.set(countyId, (listing = new Map()));
    listing.set(key, { username: a.username, name: a.name, unitId: a.unitId, roles: [...a.roles], disabled: a.disabled === true, wechatBound: a.wechatOpenid !== undefined });
    if (before && (before.unitId !== a.unitId || a.disabled === true)) this.unitStaffRows.get(before.unitId)?.delete(before.username.toLowerCase());
    if (a.disabled !== true) {
      let staff = this.unitStaffRows.get(a.unitId);
      if (!staff) this.unitStaffRows.set(a.unitId, (staff = new Map()));
      staff.set(key, { id: a.username, name: a.name, roles: [...a.roles] });
    }
  }
}

/**
 * The rows the DynamoDB store writes for a location (functions/src/admin/org/store.ts,
 * `locationWrite`): the location, its grid listing (and the old one's removal when the grid
 * changed), its search rows, and the removal of the search rows the new version no longer has.
 */
function locationRows(before: Location | undefined, after: Location): number {
  const key = (r: Record<string, unknown>) => `${String(r.PK)}|${String(r.SK)}`;
  const fresh = PlaceStore.indexRows(after);
  const keep = new Set(fresh.map(key));
  const stale = before ? PlaceStore.indexRows(before).filter((r) => !keep.has(key(r))).length : 0;
  return 2 + (before && before.gridId !== after.gridId ? 1 : 0) + stale + fresh.length;
}
