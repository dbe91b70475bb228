import type { AlertPolicy, CalendarOverride, Category, RankingPolicy, SynonymGroup } from '@mashang/shared';
import type { AuditChange } from './audit.ts';

/** The most rows one change may write (DynamoDB's transaction limit): more is refused with `too_many_changes`. */
export const MAX_CHANGE_ROWS = 100;

/** A category as stored, with the revision an update of it is conditioned on (0 for a row written before revisions). */
export interface StoredCategory {
  category: Category;
  rev: number;
}

/**
 * The re-derivation job (functions/src/admin/rederive.ts): every calendar change starts a new
 * generation of it, stored with the change.
 */
export interface RederiveJob {
  generation: number;
  /** Optimistic lock of the progress: each step increments it. */
  step: number;
  status: 'running' | 'done';
  reason: string;
  requestedBy: string;
  changedAt: string;
  /** When the current pass over the open requests began (a pass that began too soon after the change is repeated). */
  passStartedAt: string;
  passes: number;
  /** The unit whose open inbox is being read, and where in it (the store's opaque position). */
  unitId?: string;
  cursor?: Record<string, unknown>;
  scanned: number;
  changed: number;
  finishedAt?: string;
}

/** The marker of a year an admin loaded as a whole (its unlisted days are ordinary ones). */
export interface CalendarYearMarker {
  year: number;
  loadedAt: string;
  loadedBy: string;
  dayCount: number;
  source?: string;
}

/** The rows one calendar change writes; a date is in `days` or `removeDays`, never both. */
export interface CalendarChange {
  /** Days stored as holidays or working days, replacing any row of their date. */
  days?: CalendarOverride[];
  /** Days back to the default: their rows removed. */
  removeDays?: string[];
  /** A wholly loaded year's marker, replacing any of that year. */
  loadedYear?: CalendarYearMarker;
  /** The end-of-day cut-off (minutes after midnight). */
  cutoffMinutes?: number;
}

/**
 * The administration's changes to the county's reference data (the calendar, categories, the
 * thesaurus, the alert settings), as the admin use cases (functions/src/admin/) make them. Every change
 * is stored together with its audit event (functions/src/ports/audit.ts): both or neither.
 *
 * Implemented for DynamoDB by functions/src/store/admin.ts (one transaction per change) and in
 * memory by functions/src/store/memory/admin-reference.ts;
 * functions/src/store/admin-reference-contract.ts holds both to the same behaviour.
 *
 * A change that lost a race (the row changed since the admin read it) is refused with
 * `StoreError('admin_conflict')` and writes nothing.
 */
export interface ReferenceChanges {
  /** A category as stored now (strongly consistent), with its revision; undefined when there is none. */
  category(code: string): Promise<StoredCategory | undefined>;
  /** Stores a new category; `admin_conflict` when its code is taken already. */
  createCategory(category: Category, audit: AuditChange): Promise<void>;
  /** Replaces revision `rev` of a category; `admin_conflict` when it changed since or is gone. */
  updateCategory(category: Category, rev: number, audit: AuditChange): Promise<void>;
  /** Stores a thesaurus group as the county has it (added, changed or switched off), replacing any row of its id. */
  saveSynonym(group: SynonymGroup, audit: AuditChange): Promise<void>;
  /** Removes the county's row of a thesaurus group (an added group deleted, or a bundled default restored). */
  deleteSynonym(id: string, audit: AuditChange): Promise<void>;
  /**
   * Stores the alert thresholds and the red/black list rules (both settings, replacing what was
   * stored), each marked as changed by the audit event's actor at its instant.
   */
  saveAlertSettings(alerts: AlertPolicy, ranking: RankingPolicy, audit: AuditChange): Promise<void>;
  /** The re-derivation job as stored now (strongly consistent); undefined before the first calendar change. */
  job(): Promise<RederiveJob | undefined>;
  /**
   * Stores a calendar change together with the job's new generation `job.next` and the audit
   * event. `admin_conflict` when the stored job is no longer `job.previous` (its generation moved
   * on, or a job exists where none was read): another change got there first.
   * `too_many_changes` when it writes more than {@link MAX_CHANGE_ROWS} rows, counting each day
   * stored or removed, the year's marker, the cut-off, the job and the audit event.
   */
  changeCalendar(change: CalendarChange, job: { previous: RederiveJob | undefined; next: RederiveJob }, audit: AuditChange): Promise<void>;
}
