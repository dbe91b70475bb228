import { randomUUID } from 'node:crypto';
import { fromEpochMs, type Ticket } from '@mashang/shared';
import type { Outbox, OutboxRow } from '../../ports/outbox.ts';
import type { TicketReads } from '../../ports/tickets.ts';
import type { RiskEvaluator } from './risk-evaluation.ts';

/**
 * Risk checks of new requests, off the request path: a create writes a `risk_check` outbox
 * row in its own transaction (functions/src/store/side-writes.ts) instead of reading the
 * person's and the place's history before it. The dispatcher (every minute, functions/src/app/notifying/notifications.ts)
 * claims the row like any message and hands it here: the request is read, the rules are
 * evaluated as of its receipt (history up to then, each query bounded; the task due from
 * then, as if evaluated at filing), and the row is moved to the log together with the
 * warning and its messages in one transaction conditioned on the claim.
 *
 * Exactly once: the warning's id is derived from the request (`<id>-c`) and put only if
 * absent, in the same transaction that removes the check; a dispatcher killed before that
 * transaction leaves the row claimed until its lease runs out, and the next run evaluates
 * again; one killed after it leaves nothing to do. A failure to read or evaluate gives the
 * row back for a later attempt (1, 2, 4 … minutes, at most 16), so a request is never left
 * unchecked for a passing fault; after {@link RISK_CHECK_MAX_ATTEMPTS} the row goes to the
 * log as failed, with the error, and is logged.
 */

export const RISK_CHECK_MAX_ATTEMPTS = 12;
const BACKOFF_CAP_MINUTES = 16;

export interface RiskCheckDeps {
  outbox: Outbox;
  tickets: Pick<TicketReads, 'get'>;
  evaluator: Pick<RiskEvaluator, 'assess'>;
  now: () => number;
  /** Where evaluation failures are reported. */
  log?: (entry: Record<string, unknown>) => void;
  /** Claim lease of {@link RiskChecks.run} (default 2 minutes). */
  leaseMs?: number;
}

/** What one check came to: a warning stored, none due, given back for later, failed for good, or the claim lost. */
export type RiskCheckOutcome = 'warned' | 'none' | 'retry' | 'failed' | 'lost';

export interface RiskCheckReport {
  read: number;
  /** Evaluated and done (a warning stored, or none due). */
  checked: number;
  warned: number;
  retried: number;
  failed: number;
  lostClaims: number;
}

export const isRiskCheck = (row: Pick<OutboxRow, 'kind'>): boolean => row.kind === 'risk_check';

export class RiskChecks {
  constructor(private readonly deps: RiskCheckDeps) {}

  private log(entry: Record<string, unknown>): void {
    (this.deps.log ?? ((e) => console.error(JSON.stringify(e))))(entry);
  }

  /**
   * Works one claimed check. `queued`: the warning's messages (to the assigned unit, and to
   * the supervisors for a high one), already stored as pending outbox rows, which the caller
   * may send at once.
   */
  async handle(claimed: OutboxRow, token: string): Promise<{ outcome: RiskCheckOutcome; queued: OutboxRow[] }> {
    const doneAt = () => fromEpochMs(this.deps.now());
    let ticket: Ticket | undefined;
    let writes;
    try {
      ticket = await this.deps.tickets.get(claimed.ticketId);
      if (!ticket) {
        const ok = await this.deps.outbox.finish(claimed, token, { status: 'failed', reason: '诉求不存在', deliveries: {}, doneAt: doneAt() });
        return { outcome: ok ? 'failed' : 'lost', queued: [] };
      }
      writes = await this.deps.evaluator.assess('created', ticket, [ticket.description], ticket.receivedAt);
    } catch (err) {
      return this.failed(claimed, token, err);
    }
    const warned = writes.length > 0;
    const result = { status: warned ? ('sent' as const) : ('skipped' as const), reason: warned ? '已生成风险预警' : '未触发预警规则', deliveries: {}, doneAt: doneAt() };
    const res = await this.deps.outbox.finishWith(claimed, token, result, writes);
    if (res.ok) return { outcome: warned ? 'warned' : 'none', queued: res.queued };
    if (res.reason === 'lost') return { outcome: 'lost', queued: [] };
    // The warning was stored before (its id is the request's): the check is done, once.
    const ok = await this.deps.outbox.finish(claimed, token, { ...result, reason: '风险预警此前已生成' });
    return { outcome: ok ? 'warned' : 'lost', queued: [] };
  }

  /** Gives the row back with a backoff, or after the last attempt moves it to the log as failed; logged either way. */
  private async failed(claimed: OutboxRow, token: string, err: unknown): Promise<{ outcome: RiskCheckOutcome; queued: OutboxRow[] }> {
    const attempts = claimed.attempts ?? 1;
    const error = err instanceof Error ? err.message : String(err);
    const last = attempts >= RISK_CHECK_MAX_ATTEMPTS;
    this.log({ level: 'error', message: last ? 'risk check failed for good' : 'risk check failed; tried again later', ticketId: claimed.ticketId, attempts, error });
    if (last) {
      const ok = await this.deps.outbox.finish(claimed, token, { status: 'failed', reason: `风险预警未能评估：${error}`, deliveries: {}, doneAt: fromEpochMs(this.deps.now()) });
      return { outcome: ok ? 'failed' : 'lost', queued: [] };
    }
    const backoffMs = 60_000 * Math.min(BACKOFF_CAP_MINUTES, 2 ** (attempts - 1));
    const ok = await this.deps.outbox.release(claimed, token, fromEpochMs(this.deps.now() + backoffMs));
    return { outcome: ok ? 'retry' : 'lost', queued: [] };
  }

  /**
   * One pass over the outbox working only its risk checks (the demo seed, tests); the
   * dispatcher works them in its own pass with everything else. Safe to run concurrently
   * with it and with itself (each row is claimed first).
   */
  async run(): Promise<RiskCheckReport> {
    const report: RiskCheckReport = { read: 0, checked: 0, warned: 0, retried: 0, failed: 0, lostClaims: 0 };
    for await (const page of this.deps.outbox.pending(50)) {
      for (const row of page) {
        if (!isRiskCheck(row)) continue;
        report.read++;
        const now = fromEpochMs(this.deps.now());
        if (row.status === 'pending' && row.notBefore && row.notBefore > now) continue;
        if (row.status === 'claimed' && row.claimUntil && row.claimUntil >= now) continue;
        const token = randomUUID();
        const claimed = await this.deps.outbox.claim(row, token, now, fromEpochMs(this.deps.now() + (this.deps.leaseMs ?? 120_000)));
        if (!claimed) continue;
        count(report, (await this.handle(claimed, token)).outcome);
      }
    }
    return report;
  }
}

/** Adds one check's outcome to a report. */
export function count(report: Omit<RiskCheckReport, 'read'>, outcome: RiskCheckOutcome): void {
  if (outcome === 'lost') report.lostClaims++;
  else if (outcome === 'retry') report.retried++;
  else if (outcome === 'failed') report.failed++;
  else {
    report.checked++;
    if (outcome === 'warned') report.warned++;
  }
}
