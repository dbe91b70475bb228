import type { AlertPolicy, CalendarOverride, Category, RankingPolicy, SynonymGroup } from '@mashang/shared';
import { MAX_CHANGE_ROWS, type CalendarChange, type CalendarYearMarker, type ReferenceChanges, type RederiveJob, type StoredCategory } from '../../ports/admin-reference.ts';
import type { AuditChange } from '../../ports/audit.ts';
import { StoreError } from '../../ports/errors.ts';
import { MemoryAuditLog } from './audit.ts';

type Setting<P> = { policy: P; updatedBy?: string; updatedAt?: string };

/**
 * The administration's reference-data changes in memory (the twin of functions/src/store/admin.ts
 * as a {@link ReferenceChanges}); functions/src/store/admin-reference-contract.ts holds both to the
 * same behaviour. Each change and its audit event (recorded in `audit`) are stored together, or
 * neither is. The reads the use cases and the contract need are here too, with the signatures of
 * the DynamoDB stores' (OrgStore.categories, .synonyms and .calendar, AdminStore.calendarDays,
 * AlertStore.settings), so a unit test can hand this object to a use case as its `org` or
 * `alerts` as well.
 */
export class MemoryReferenceChanges implements ReferenceChanges {
  /** Categories by code; `rev` undefined for a row stored without one (seeded), as the table may hold. */
  private readonly cats = new Map<string, { category: Category; rev?: number }>();
  private readonly groups = new Map<string, SynonymGroup>();
  private alerts?: Setting<AlertPolicy>;
  private ranking?: Setting<RankingPolicy>;
  private readonly days = new Map<string, CalendarOverride>();
  private readonly years = new Map<number, CalendarYearMarker>();
  private cutoffMinutes?: number;
  private rederiveJob?: RederiveJob;

  constructor(readonly audit: MemoryAuditLog = new MemoryAuditLog()) {}

  /** Stores reference rows as the seed does: categories without a revision, no audit events. */
  seed(data: { categories?: Category[]; synonyms?: SynonymGroup[] }): this {
    for (const c of data.categories ?? []) this.cats.set(c.code, { category: structuredClone(c) });
    for (const g of data.synonyms ?? []) this.groups.set(g.id, structuredClone(g));
    return this;
  }

  // ---- reads --------------------------------------------------------------------

  async category(code: string): Promise<StoredCategory | undefined> {
    const row = this.cats.get(code);
    return row ? { category: structuredClone(row.category), rev: row.rev ?? 0 } : undefined;
  }

  async categories(): Promise<Category[]> {
    return [...this.cats.values()].map((r) => structuredClone(r.category)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async synonyms(): Promise<SynonymGroup[]> {
    return [...this.groups.values()].map((g) => structuredClone(g)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async settings(): Promise<{ alerts?: Setting<AlertPolicy>; ranking?: Setting<RankingPolicy> }> {
    return structuredClone({ ...(this.alerts ? { alerts: this.alerts } : {}), ...(this.ranking ? { ranking: this.ranking } : {}) });
  }

  async calendar(): Promise<{ overrides: CalendarOverride[]; cutoffMinutes?: number; loadedYears: number[] }> {
    const overrides = [...this.days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)).map((d) => structuredClone(d));
    return { overrides, loadedYears: [...this.years.keys()].sort((a, b) => a - b), ...(this.cutoffMinutes === undefined ? {} : { cutoffMinutes: this.cutoffMinutes }) };
  }

  /** The stored days of one year (admin-loaded days or single-day corrections). */
  async calendarDays(year: number): Promise<CalendarOverride[]> {
    return (await this.calendar()).overrides.filter((d) => d.date.startsWith(`${year}-`));
  }

  async calendarYears(): Promise<CalendarYearMarker[]> {
    return [...this.years.values()].sort((a, b) => a.year - b.year).map((y) => structuredClone(y));
  }

  async job(): Promise<RederiveJob | undefined> {
    return this.rederiveJob ? structuredClone(this.rederiveJob) : undefined;
  }

  // ---- changes, each with its audit event ------------------------------------------

  async createCategory(category: Category, audit: AuditChange): Promise<void> {
    if (this.cats.has(category.code)) throw new StoreError('admin_conflict');
    this.cats.set(category.code, { category: structuredClone(category), rev: 0 });
    this.audit.record(audit);
  }

  async updateCategory(category: Category, rev: number, audit: AuditChange): Promise<void> {
    const row = this.cats.get(category.code);
    // As the DynamoDB condition: the row exists and holds revision `rev` (or none yet).
    if (!row || (row.rev !== undefined && row.rev !== rev)) throw new StoreError('admin_conflict');
    this.cats.set(category.code, { category: structuredClone(category), rev: rev + 1 });
    this.audit.record(audit);
  }

  async saveSynonym(group: SynonymGroup, audit: AuditChange): Promise<void> {
    this.groups.set(group.id, structuredClone(group));
    this.audit.record(audit);
  }

  async deleteSynonym(id: string, audit: AuditChange): Promise<void> {
    this.groups.delete(id);
    this.audit.record(audit);
  }

  async changeCalendar(change: CalendarChange, job: { previous: RederiveJob | undefined; next: RederiveJob }, audit: AuditChange): Promise<void> {
    // The rows the DynamoDB transaction would hold: each day, the marker, the cut-off, the job and the audit event.
    const rows = (change.days?.length ?? 0) + (change.removeDays?.length ?? 0) + (change.loadedYear ? 1 : 0) + (change.cutoffMinutes === undefined ? 0 : 1) + 2;
    if (rows > MAX_CHANGE_ROWS) throw new StoreError('too_many_changes');
    const stored = this.rederiveJob;
    if (job.previous ? stored?.generation !== job.previous.generation : stored !== undefined) throw new StoreError('admin_conflict');
    for (const date of change.removeDays ?? []) this.days.delete(date);
    for (const day of change.days ?? []) this.days.set(day.date, structuredClone(day));
    if (change.loadedYear) this.years.set(change.loadedYear.year, structuredClone(change.loadedYear));
    if (change.cutoffMinutes !== undefined) this.cutoffMinutes = change.cutoffMinutes;
    this.rederiveJob = structuredClone(job.next);
    this.audit.record(audit);
  }

  async saveAlertSettings(alerts: AlertPolicy, ranking: RankingPolicy, audit: AuditChange): Promise<void> {
    const meta = { updatedBy: audit.actor.id, updatedAt: audit.at };
    this.alerts = { policy: structuredClone(alerts), ...meta };
    this.ranking = { policy: structuredClone(ranking), ...meta };
    this.audit.record(audit);
  }
}
