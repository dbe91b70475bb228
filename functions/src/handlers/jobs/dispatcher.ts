import { dispatcherFromEnv } from '../../app/resident-runtime.ts';
import { recordRun, type ScheduledEvent } from '../../app/jobs-runtime.ts';
import { METRIC, type JobOutcome } from '../../http/observe.ts';

/**
 * Scheduled every minute: sends the outbox's messages to residents as WeChat
 * subscription messages, and works the system rows (risk checks, photos whose tagging failed).
 * Safe to kill and re-run at any point (see Dispatcher).
 * Each finished run leaves a heartbeat (GET /api/health) and its metrics.
 */
export async function run(event: ScheduledEvent | undefined): Promise<JobOutcome> {
  const started = Date.now();
  const report = await dispatcherFromEnv().run();
  await recordRun('dispatch', event, started, { ...report });
  return {
    counts: { ...report },
    metrics: [
      { name: METRIC.notificationsSent, unit: 'Count', value: report.sent },
      { name: METRIC.notificationsFailed, unit: 'Count', value: report.failed },
      { name: METRIC.photoTagsFailed, unit: 'Count', value: report.photoTagsFailed },
    ],
  };
}
