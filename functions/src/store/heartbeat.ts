import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';

/** The scheduled jobs that leave a heartbeat. */
export type Job = 'sweep' | 'dispatch';

/** One job's last completed run: counts only, never personal data (GET /api/health shows it). */
export interface Heartbeat {
  job: Job;
  /** When the run finished (ISO). */
  at: string;
  /** The minute EventBridge scheduled it for (ISO), when the run came from the schedule. */
  scheduledAt?: string;
  /** Finish minus scheduled time, ms: how late the job's work was done. */
  lagMs?: number;
  durationMs: number;
  counts: Record<string, number>;
}

/** Heartbeat rows (access pattern 35): one per job, overwritten by each run. */
export class HeartbeatStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(beat: Heartbeat): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.heartbeat(beat.job), ...beat } }));
  }

  async all(): Promise<Partial<Record<Job, Heartbeat>>> {
    const res = await this.db.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.heartbeatPartition } }));
    const out: Partial<Record<Job, Heartbeat>> = {};
    for (const item of res.Items ?? []) {
      if (item.job === 'sweep' || item.job === 'dispatch') out[item.job as Job] = { job: item.job, at: item.at, scheduledAt: item.scheduledAt, lagMs: item.lagMs, durationMs: item.durationMs, counts: item.counts ?? {} };
    }
    return out;
  }
}
