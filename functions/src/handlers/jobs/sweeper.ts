import { recordRun, type ScheduledEvent } from '../../app/jobs-runtime.ts';
import { serviceFromEnv } from '../../app/runtime.ts';
import { METRIC, type JobOutcome } from '../../http/observe.ts';

/**
 * Scheduled every minute: records the SLA warnings and breaches that have come.
 * Safe to kill and re-run at any point (see MashangService.sweep). Each finished run
 * leaves a heartbeat (GET /api/health) and the metrics the sweeper alarms watch.
 */
export async function run(event: ScheduledEvent | undefined): Promise<JobOutcome> {
  const started = Date.now();
  const report = await serviceFromEnv().sweep();
  const beat = await recordRun('sweep', event, started, { ...report });
  return {
    counts: { ...report, lagMs: beat.lagMs ?? 0 },
    metrics: [
      { name: METRIC.sweeps, unit: 'Count', value: 1 },
      { name: METRIC.checkpointsRecorded, unit: 'Count', value: report.recorded },
      ...(beat.lagMs === undefined ? [] : [{ name: METRIC.sweepLag, unit: 'Seconds' as const, value: beat.lagMs / 1000 }]),
    ],
  };
}
