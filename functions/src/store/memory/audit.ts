import { randomUUID } from 'node:crypto';
import { auditMonthOf, type AuditChange, type AuditEntry, type AuditLog } from '../../ports/audit.ts';
import { auditEntry } from '../audit.ts';

/**
 * The audit log in memory (the twin of the DynamoDB audit rows: functions/src/store/audit.ts
 * writes them, functions/src/store/admin.ts lists them); functions/src/store/audit-contract.ts
 * holds both to the same behaviour. `record` is what the DynamoDB stores do with an audit
 * event given with a change (the memory twins that write changes call it).
 */
export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  /** Stores one event as the DynamoDB store does (same fields, secrets and store attributes removed). */
  record(change: AuditChange): void {
    this.entries.push(auditEntry(change, randomUUID()));
  }

  async auditMonth(countyId: string, month: string, limit: number): Promise<AuditEntry[]> {
    // The DynamoDB partition is the county and the Beijing month of `at`; its sort key `at#id`, read newest first.
    const sk = (e: AuditEntry) => `${e.at}#${e.id}`;
    return this.entries
      .filter((e) => e.countyId === countyId && auditMonthOf(e.at) === month)
      .sort((a, b) => (sk(a) < sk(b) ? 1 : sk(a) > sk(b) ? -1 : 0))
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }
}
