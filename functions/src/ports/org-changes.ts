import type { Location, Unit } from '@mashang/shared';
import type { Mediator } from '@mashang/shared/contracts/resident';
import type { StaffAccount } from '../store/org.ts';
import type { AuditChange } from './audit.ts';
import { MAX_CHANGE_ROWS } from './admin-reference.ts';

/**
 * The most rows one organisation change may write (DynamoDB's transaction limit, the same as
 * the reference data's): more is refused with `org_change_too_large`. Only a move of a large
 * subtree can reach it (each unit moved is a row, plus the audit event).
 */
export const MAX_ORG_CHANGE_ROWS = MAX_CHANGE_ROWS;

/** A staff account as the county's admin list shows it (no secrets). */
export interface StaffListing {
  username: string;
  name: string;
  unitId: string;
  roles: string[];
  disabled?: boolean;
  wechatBound?: boolean;
}

/** One unit rewritten: as the admin read it, and as it is to be stored. */
export interface UnitChange {
  before: Unit;
  after: Unit;
}

/**
 * What the organisation's administration (functions/src/admin/org/: units, staff accounts, QR
 * locations, mediation teams) reads to decide a change.
 */
export interface OrgReads {
  /** Every unit, read fresh (not the reference cache): an admin edits what they just saw. */
  units(): Promise<Map<string, Unit>>;
  /** Open requests a unit holds (its inbox counters). */
  openRequests(unitId: string): Promise<number>;
  /** The accounts listed under a county. */
  staffOfCounty(countyId: string): Promise<StaffListing[]>;
  /** An account as stored now (strongly consistent). */
  staff(username: string): Promise<StaffAccount | undefined>;
  /** The QR locations listed under a grid. */
  locationsOfGrid(gridId: string): Promise<Location[]>;
  location(id: string): Promise<Location | undefined>;
  /** Which of these location ids are taken already. */
  existingLocations(ids: string[]): Promise<Set<string>>;
  /** Every mediation team of a county, as stored. */
  mediators(countyId: string): Promise<Mediator[]>;
}

/**
 * The organisation's changes as its admin use cases make them. Each change is stored together
 * with its audit event (functions/src/ports/audit.ts): both or neither. What else a change
 * writes with it is the store's business: an account's listing under its county and its row
 * among its unit's staff (who the unit's alerts reach), a location's listing under its grid and
 * its search rows (name terms, nearby cells).
 *
 * Implemented for DynamoDB by functions/src/admin/org/store.ts (one transaction per change) and
 * in memory by functions/src/store/memory/org-changes.ts; functions/src/store/org-changes-contract.ts
 * holds both to the same behaviour.
 *
 * A change whose condition fails (an id taken, or the row changed since the admin read it, or
 * is gone) is refused with `StoreError('admin_conflict')` and writes nothing; one that would
 * write more than {@link MAX_ORG_CHANGE_ROWS} rows with `StoreError('org_change_too_large')`.
 */
export interface OrgChanges {
  /** A new unit; `admin_conflict` when its id is taken. */
  createUnit(unit: Unit, audit: AuditChange): Promise<void>;
  /** Renames a unit still as read (name, path, status). */
  renameUnit(before: Unit, name: string, audit: AuditChange): Promise<void>;
  /**
   * Moves a unit and everything below it: each unit rewritten only if still as read (name,
   * path, status). `org_change_too_large` past {@link MAX_ORG_CHANGE_ROWS} rows (each unit and
   * the audit event).
   */
  moveUnits(moved: UnitChange[], audit: AuditChange): Promise<void>;
  /** Deactivates a unit still as read (name, path, active). */
  deactivateUnit(before: Unit, audit: AuditChange): Promise<void>;

  /** A new account, listed under `countyId` (and among its unit's staff unless disabled); `admin_conflict` when the user name is taken. */
  createStaff(countyId: string, account: StaffAccount, audit: AuditChange): Promise<void>;
  /**
   * Rewrites an account (and its listing and unit staff row: a disabled account is alerted no
   * more), only if its session version is still the one read: every change that matters for
   * sign-in bumps it, so two admins cannot both win.
   */
  replaceStaff(countyId: string, before: StaffAccount, after: StaffAccount, audit: AuditChange): Promise<void>;

  /** A new QR location with its grid listing and search rows; `admin_conflict` when its id is taken. */
  createLocation(location: Location, audit: AuditChange): Promise<void>;
  /**
   * Rewrites a location still as read (name, grid, street office), with its grid listing and
   * search rows: rows the new version no longer has are removed.
   */
  updateLocation(before: Location, after: Location, audit: AuditChange): Promise<void>;

  /** A new mediation team of a county; `admin_conflict` when its id is taken. */
  createMediator(countyId: string, mediator: Mediator, audit: AuditChange): Promise<void>;
  /** Stops a team of a county (stored with `disabled: true`): only an existing team still active. */
  stopMediator(countyId: string, mediator: Mediator, audit: AuditChange): Promise<void>;
}

/** What the organisation's use cases are given: the reads and the changes. */
export type OrgAdminPort = OrgReads & OrgChanges;
