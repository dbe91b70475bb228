import type { ScheduledEvent } from '../app/jobs-runtime.ts';
import { observeJob } from '../http/observe.ts';
import { lazyModule } from './lazy-function.ts';

// The job's work (its use cases and composition) is ./jobs/sweeper.ts, loaded on the first run (./lazy-function.ts).
const loadJob = lazyModule(() => import('./jobs/sweeper.ts'));

/**
 * Scheduled every minute: records the SLA warnings and breaches that have come.
 * Safe to kill and re-run at any point (see MashangService.sweep). Each finished run
 * leaves a heartbeat (GET /api/health) and the metrics the sweeper alarms watch.
 */
export const handler = observeJob('sweep', async (event: ScheduledEvent | undefined) => (await loadJob()).run(event));
