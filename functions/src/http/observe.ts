/**
 * Observability of every Lambda invocation, kept apart from the routing in http.ts:
 *
 *  - one structured JSON log line per HTTP request (Powertools Logger): request id, route,
 *    status, latency, cold start, the actor's role. Never the body, headers, query, path
 *    parameters, a phone number, a token or a request's text: the line is built from an
 *    allow-list of fields, not from the event.
 *  - one log line per scheduled job run with its counts;
 *  - metrics in CloudWatch embedded metric format (Powertools Metrics): requests filed by
 *    channel, checkpoints recorded, sweep lag, notifications sent and failed. Alarms in
 *    serverless.yml watch them.
 *
 * The namespace is POWERTOOLS_METRICS_NAMESPACE (serverless.yml: `Mashang/<stage>`), the
 * service dimension POWERTOOLS_SERVICE_NAME (`mashang`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Actor } from '@mashang/shared';
import { loadSecrets } from '../app/secrets.ts';
import { toHttpError, type HttpEvent, type HttpResult } from './http.ts';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'mashang' });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Mashang/local', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'mashang' });

/** Metric names (the alarms in infra/alarms.yml use the same strings). */
export const METRIC = {
  requestsFiled: 'RequestsFiled',
  checkpointsRecorded: 'CheckpointsRecorded',
  sweepLag: 'SweepLag',
  sweeps: 'SweepsCompleted',
  notificationsSent: 'NotificationsSent',
  notificationsFailed: 'NotificationsFailed',
  /** Photos whose `attached=yes` tag the dispatcher gave up on: the lifecycle rule deletes them. */
  photoTagsFailed: 'PhotoTagsFailed',
} as const;

/** The part of the Lambda context the wrappers read. */
export interface LambdaContext {
  awsRequestId?: string;
  functionName?: string;
  functionVersion?: string;
  memoryLimitInMB?: string | number;
  invokedFunctionArn?: string;
  getRemainingTimeInMillis?: () => number;
}

let coldStart = true;
/** true on the first invocation of this execution environment only. */
function takeColdStart(): boolean {
  const was = coldStart;
  coldStart = false;
  return was;
}

const request = new AsyncLocalStorage<{ role?: Actor['role'] }>();

/** Wraps the token check given to `router()` so the request log knows the actor's role (and nothing else of the actor). */
export function recordingActor(authenticate: (token: string) => Promise<Actor>): (token: string) => Promise<Actor> {
  return async (token) => {
    const actor = await authenticate(token);
    const store = request.getStore();
    if (store) store.role = actor.role;
    return actor;
  };
}

/** Routes whose 201 reply is a newly filed request; the reply's `ticket.channel` labels the metric. */
const FILING_ROUTES = new Set(['POST /api/tickets', 'POST /api/staff/tickets']);

function filedChannel(routeKey: string | undefined, res: HttpResult): string | undefined {
  if (!routeKey || !FILING_ROUTES.has(routeKey) || res.statusCode !== 201) return undefined;
  try {
    const channel = (JSON.parse(res.body) as { ticket?: { channel?: unknown } }).ticket?.channel;
    return typeof channel === 'string' ? channel : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The HTTP handler of a function with its request log line and metrics:
 * `export const handler = observeHttp(router(routes, recordingActor(auth)))`.
 */
export function observeHttp(handler: (event: HttpEvent) => Promise<HttpResult>): (event: HttpEvent, context?: LambdaContext) => Promise<HttpResult> {
  return async (event, context) => {
    const started = performance.now();
    const cold = takeColdStart();
    const store: { role?: Actor['role'] } = {};
    let res: HttpResult | undefined;
    try {
      try {
        await loadSecrets();
      } catch (err) {
        // Secrets Manager unreachable or the secret missing: the same JSON 500 as any other server fault.
        res = toHttpError(err, event.requestContext?.requestId);
        return res;
      }
      res = await request.run(store, () => handler(event));
      return res;
    } finally {
      const status = res?.statusCode ?? 500;
      const fields = {
        requestId: event.requestContext?.requestId,
        lambdaRequestId: context?.awsRequestId,
        route: event.routeKey,
        status,
        latencyMs: Math.round(performance.now() - started),
        coldStart: cold,
        role: store.role ?? 'anonymous',
      };
      if (status >= 500) logger.error('request', fields);
      else logger.info('request', fields);
      const channel = res ? filedChannel(event.routeKey, res) : undefined;
      if (channel) {
        const filed = metrics.singleMetric();
        filed.addDimension('channel', channel);
        filed.addMetric(METRIC.requestsFiled, MetricUnit.Count, 1);
      }
    }
  };
}

/** What a scheduled job's work returns: its counts and the metrics to emit. */
export interface JobOutcome {
  counts: Record<string, number>;
  metrics: { name: string; unit: 'Count' | 'Seconds'; value: number }[];
}

/** A scheduled job's log line and metrics; `work` returns its counts and the metrics to emit. */
export function observeJob<E>(job: string, work: (event: E) => Promise<JobOutcome>): (event: E, context?: LambdaContext) => Promise<void> {
  return async (event, context) => {
    const started = performance.now();
    const cold = takeColdStart();
    try {
      await loadSecrets();
      const out = await work(event);
      logger.info(job, { job, lambdaRequestId: context?.awsRequestId, latencyMs: Math.round(performance.now() - started), coldStart: cold, ...out.counts });
      for (const m of out.metrics) metrics.addMetric(m.name, m.unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count, m.value);
      metrics.publishStoredMetrics();
    } catch (err) {
      logger.error(`${job} failed`, { job, lambdaRequestId: context?.awsRequestId, latencyMs: Math.round(performance.now() - started), coldStart: cold, error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  };
}
