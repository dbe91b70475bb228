import type { ScheduledEvent } from '../app/jobs-runtime.ts';
import { observeJob } from '../http/observe.ts';
import { lazyModule } from './lazy-function.ts';

// The job's work (its use cases and composition) is ./jobs/dispatcher.ts, loaded on the first run (./lazy-function.ts).
const loadJob = lazyModule(() => import('./jobs/dispatcher.ts'));

/**
 * Scheduled every minute: sends the outbox's messages to residents as WeChat
 * subscription messages. Safe to kill and re-run at any point (see Dispatcher).
 * Each finished run leaves a heartbeat (GET /api/health) and its metrics.
 */
export const handler = observeJob('dispatch', async (event: ScheduledEvent | undefined) => (await loadJob()).run(event));
