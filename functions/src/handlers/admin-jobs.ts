import { observeJob } from '../http/observe.ts';
import { lazyModule } from './lazy-function.ts';

// The job's work (its use cases and composition) is ./jobs/admin-jobs.ts, loaded on the first run (./lazy-function.ts).
const loadJob = lazyModule(() => import('./jobs/admin-jobs.ts'));

/**
 * Scheduled every minute: advances the deadline re-derivation after a calendar or cut-off
 * correction (functions/src/admin/rederive.ts) for up to 40 s. Safe to kill and re-run.
 */
export const handler = observeJob('rederive', async () => (await loadJob()).run());
