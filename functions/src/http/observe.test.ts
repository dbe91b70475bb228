import { AppError, type Actor } from '@mashang/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, jsonBody, router, type HttpEvent } from './http.ts';
import { logger, observeHttp, observeJob, recordingActor } from './observe.ts';

/** Everything written to stdout and stderr while `fn` runs (Powertools writes there, not through console.log). */
async function captured(fn: () => Promise<unknown>): Promise<string> {
  let out = '';
  const spies = [process.stdout, process.stderr].map((s) =>
    vi.spyOn(s, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    }),
  );
  try {
    await fn().catch(() => undefined);
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
  return out;
}
const lines = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

const PHONE = '13893112345';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-session-token.signature';
const TEXT = '149路公交早高峰发车间隔太长，住在皋兰路18号的张三';
const resident: Actor = { id: 'res-1', role: 'resident', name: '张三' };

const handler = observeHttp(
  router(
    {
      'POST /api/tickets': async (event, { actor }) => {
        await actor();
        const body = jsonBody(event) as { description: string };
        return json(201, { ticket: { id: 't-1', channel: 'qr', description: body.description, phone: PHONE } });
      },
      'GET /api/boom': async () => {
        throw new Error(`database said no for ${PHONE}`);
      },
    },
    recordingActor(async (token) => {
      if (token !== TOKEN) throw new AppError('UNAUTHENTICATED', '请先登录');
      return resident;
    }),
  ),
);

const filing = (token = TOKEN): HttpEvent => ({
  routeKey: 'POST /api/tickets',
  headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '1.2.3.4' },
  body: JSON.stringify({ description: TEXT, phone: PHONE }),
  queryStringParameters: { phone: PHONE },
  requestContext: { requestId: 'req-abc', http: { method: 'POST', path: '/api/tickets' } },
});

beforeEach(() => logger.setLogLevel('INFO'));
afterEach(() => vi.restoreAllMocks());

describe('request log lines', () => {
  it('log request id, route, status, latency, cold start and role — and no phone number, token or request text', async () => {
    const out = await captured(async () => {
      await handler(filing(), { awsRequestId: 'lambda-1' });
      await handler(filing(), { awsRequestId: 'lambda-2' });
    });
    const logs = lines(out).filter((l) => l.message === 'request');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ level: 'INFO', requestId: 'req-abc', lambdaRequestId: 'lambda-1', route: 'POST /api/tickets', status: 201, role: 'resident', service: 'mashang' });
    expect(typeof logs[0].latencyMs).toBe('number');
    expect(logs.map((l) => l.coldStart)).toEqual([true, false]);
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain('secret-session-token');
    expect(out).not.toContain('149路');
    expect(out).not.toContain('张三');
    expect(out).not.toContain('1.2.3.4');
  });

  it('count a filed request by channel in embedded metric format', async () => {
    const out = await captured(() => handler(filing()));
    const emf = lines(out).find((l) => l._aws);
    expect(emf).toMatchObject({ RequestsFiled: 1, channel: 'qr', service: 'mashang' });
    expect(emf._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'RequestsFiled', Unit: 'Count' }]);
    expect(emf._aws.CloudWatchMetrics[0].Dimensions[0]).toEqual(expect.arrayContaining(['service', 'channel']));
  });

  it('log a refused sign-in as anonymous 401 without the token', async () => {
    const out = await captured(() => handler(filing('forged-token-value')));
    const [log] = lines(out).filter((l) => l.message === 'request');
    expect(log).toMatchObject({ status: 401, role: 'anonymous' });
    expect(out).not.toContain('forged-token-value');
    expect(lines(out).some((l) => l._aws)).toBe(false);
  });

  it('log a 500 at error level', async () => {
    const out = await captured(() => handler({ routeKey: 'GET /api/boom', requestContext: { requestId: 'req-500' } }));
    const log = lines(out).find((l) => l.message === 'request');
    expect(log).toMatchObject({ level: 'ERROR', status: 500, route: 'GET /api/boom' });
  });
});

describe('job log lines and metrics', () => {
  it('log the counts and publish the metrics of a run', async () => {
    const job = observeJob('sweep', async () => ({ counts: { due: 3, recorded: 2 }, metrics: [{ name: 'SweepsCompleted', unit: 'Count', value: 1 }, { name: 'SweepLag', unit: 'Seconds', value: 4.5 }] }));
    const out = await captured(() => job({}, { awsRequestId: 'l-9' }));
    expect(lines(out).find((l) => l.message === 'sweep')).toMatchObject({ job: 'sweep', due: 3, recorded: 2, lambdaRequestId: 'l-9' });
    const emf = lines(out).find((l) => l._aws);
    expect(emf).toMatchObject({ SweepsCompleted: 1, SweepLag: 4.5 });
  });

  it('log a failed run at error level and rethrow (the on-failure destination needs the error)', async () => {
    const job = observeJob('dispatch', async () => {
      throw new Error('WeChat unreachable');
    });
    let thrown: unknown;
    const out = await captured(() => job({}).catch((e: unknown) => (thrown = e)));
    expect((thrown as Error).message).toBe('WeChat unreachable');
    expect(lines(out).find((l) => l.message === 'dispatch failed')).toMatchObject({ level: 'ERROR', error: 'WeChat unreachable' });
  });
});
