import { adminFromEnv } from '../../admin/context.ts';
import { runRederive } from '../../admin/rederive.ts';
import type { JobOutcome } from '../../http/observe.ts';

/**
 * Scheduled every minute: advances the deadline re-derivation after a calendar or cut-off
 * correction (functions/src/admin/rederive.ts) for up to 40 s. Safe to kill and re-run.
 */
export async function run(): Promise<JobOutcome> {
  const job = await runRederive(adminFromEnv(), { budgetMs: 40_000 });
  const counts: Record<string, number> = job ? { generation: job.generation, scanned: job.scanned, changed: job.changed } : {};
  return { counts, metrics: [] };
}
