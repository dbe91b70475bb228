import { adminFromEnv } from '../admin/context.ts';
import { runRederive } from '../admin/rederive.ts';

/**
 * Scheduled every minute: advances the deadline re-derivation after a calendar or cut-off
 * correction (functions/src/admin/rederive.ts) for up to 40 s. Safe to kill and re-run.
 */
export async function handler(): Promise<void> {
  const job = await runRederive(adminFromEnv(), { budgetMs: 40_000 });
  if (job) console.log(JSON.stringify({ level: 'info', message: 'rederive', generation: job.generation, status: job.status, scanned: job.scanned, changed: job.changed }));
}
