import type { AlertPolicy, Category, RankingPolicy, SynonymGroup } from '@mashang/shared';
import type { AuditChange } from './audit.ts';

/** A category as stored, with the revision an update of it is conditioned on (0 for a row written before revisions). */
export interface StoredCategory {
  category: Category;
  rev: number;
}

/**
 * The administration's changes to the county's reference data (categories, the thesaurus,
 * the alert settings), as the admin use cases (functions/src/admin/) make them. Every change
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
}
