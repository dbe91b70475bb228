import { fromEpochMs } from '@mashang/shared';
import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { HeartbeatStore, type Heartbeat, type Job } from '../store/heartbeat.ts';
import { healthReport, type HealthReport } from './health.ts';
import { serviceFromEnv } from './runtime.ts';

let heartbeats: HeartbeatStore | undefined;

/** The heartbeat rows of a warm Lambda. */
export function heartbeatsFromEnv(env: NodeJS.ProcessEnv = process.env): HeartbeatStore {
  if (heartbeats) return heartbeats;
  const config = storeConfigFromEnv(env);
  heartbeats = new HeartbeatStore(createDocClient(config), config.tableName);
  return heartbeats;
}

/** What EventBridge passes a scheduled function (the minute it was scheduled for). */
export interface ScheduledEvent {
  time?: string;
}

/** Records a finished run of a scheduled job; returns the heartbeat (for the job's log line and metrics). */
export async function recordRun(job: Job, event: ScheduledEvent | undefined, startedMs: number, counts: Record<string, number>, now: () => number = Date.now): Promise<Heartbeat> {
  const at = now();
  const scheduled = event?.time ? Date.parse(event.time) : Number.NaN;
  const beat: Heartbeat = {
    job,
    at: fromEpochMs(at),
    ...(Number.isFinite(scheduled) ? { scheduledAt: fromEpochMs(scheduled), lagMs: Math.max(0, at - scheduled) } : {}),
    durationMs: at - startedMs,
    counts,
  };
  await heartbeatsFromEnv().record(beat);
  return beat;
}

/** GET /api/health from the heartbeats and the cached calendar. */
export async function healthFromEnv(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): Promise<HealthReport> {
  const [beats, ref] = await Promise.all([heartbeatsFromEnv(env).all(), serviceFromEnv(env).ref()]);
  return healthReport({ now: now(), beats, calendar: ref.calendar, sweepEnabled: env.SWEEP_ENABLED !== 'false', dispatchEnabled: env.DISPATCH_ENABLED !== 'false' });
}
