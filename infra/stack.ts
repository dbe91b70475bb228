import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { MashangService } from '../functions/src/app/service.ts';
import { TokenService } from '../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../functions/src/store/client.ts';
import { OUTBOX_SHARDS } from '../functions/src/store/keys.ts';
import { OrgStore } from '../functions/src/store/org.ts';
import { TicketStore } from '../functions/src/store/tickets.ts';
import { dropTable, ensureTable, freePort, killGroup, spawnGroup, startDynamo, type LocalDynamo } from './local-dynamo.ts';
import { OutboxStore } from '../functions/src/store/outbox.ts';
import { outboxPage } from './outbox-page.ts';
import { startLocalS3 } from './s3-local.ts';
import { startLocalWeCom } from './wecom-local.ts';
import { AlertStore } from '../functions/src/store/alerts.ts';
import { DEMO_LOCATIONS, seedDemoTickets, seedReference } from './seed.ts';
import { seedSupervision } from './seed-supervision.ts';
import { startWeb } from './web.ts';
import { apiDocsRoutes } from './api-docs.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOCAL_SECRET = 'local-development-secret-not-for-production-use';
/** The local S3 stand-in's bucket and keys (never valid anywhere else). */
export const LOCAL_S3 = { bucket: 'mashang-photos-local', accessKeyId: 'local', secretAccessKey: 'local-s3-secret-not-for-production' } as const;

export interface StackOptions {
  /** Folder for DynamoDB Local's data; unset keeps it in memory (tests). */
  dataDir?: string;
  webPort?: number;
  apiPort?: number;
  dynamoPort?: number;
  /**
   * A DynamoDB Local that is already running (the end-to-end tests start one for all their
   * files): the stack creates its table there, drops it on stop, and leaves the server running.
   */
  dynamoEndpoint?: string;
  /** Port of the S3 stand-in for photos (free port when unset). */
  s3Port?: number;
  /** Folder for the stand-in's photos; unset keeps them in memory (tests). */
  s3Dir?: string;
  tableName?: string;
  /** Seed demo tickets received in the past so the sweeper has work. */
  demoTickets?: boolean;
  /** Write the demo locations' QR codes into this folder. */
  qrDir?: string;
  quiet?: boolean;
  /** Serve the H5 build on the web port (default true; the API benchmark needs no pages). */
  web?: boolean;
  /** The endpoint the API reaches DynamoDB Local at (default: its own; bench/api.ts puts a metering proxy there). */
  apiDynamoEndpoint?: (dynamoEndpoint: string) => Promise<string>;
  /**
   * A work folder (relative to the repo) holding the functions already bundled by `bundleFunctions`:
   * serverless-offline serves those bundles, read-only, instead of bundling its own (infra/esbuild-once.cjs).
   */
  prebuiltBundles?: string;
  /**
   * serverless-offline runs every function in its own process, each handler loaded once and shared by
   * concurrent calls (`useInProcess`), instead of one worker thread per concurrent call (bench/api.ts).
   */
  inProcess?: boolean;
}

export interface Stack {
  webUrl: string;
  apiUrl: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  service: MashangService;
  /**
   * Runs one function now through serverless-offline's Lambda API, as its schedule would (e.g. the
   * dispatcher, which writes new requests' risk warnings); resolves with its result, rejects on a failed run.
   */
  invoke(fn: string, event?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Builds the H5 front end with Taro; the weapp build is `npm run build:weapp`. */
export async function buildH5(quiet = false): Promise<void> {
  const child = spawnGroup('npm', ['run', 'build:h5', '-w', 'miniapp'], { ...process.env, NODE_ENV: 'production' }, 'h5');
  if (quiet) {
    child.stdout?.removeAllListeners('data');
    child.stderr?.removeAllListeners('data');
  }
  await new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`H5 build failed (exit ${code})`)))));
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serverless-offline exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Bundles every function once, as `osls offline start` bundles them (serverless.yml's custom.esbuild,
 * externals installed), into `workFolder` (relative to the repo, emptied first), from the sources as
 * they are now. Stacks started with `prebuiltBundles: workFolder` then serve these bundles.
 */
export async function bundleFunctions(workFolder: string, quiet = false): Promise<void> {
  rmSync(join(ROOT, workFolder), { recursive: true, force: true });
  const child = spawnGroup(
    join(ROOT, 'node_modules/.bin/osls'),
    ['offline-bundle', '--stage', 'local'],
    { ...process.env, MASHANG_ESBUILD_DIR: workFolder, MASHANG_ESBUILD_PREBUILT: '', AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' },
    'bundle',
  );
  if (quiet) child.stdout?.removeAllListeners('data');
  await new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bundling the functions failed (exit ${code})`)))));
}

/** A free loopback port held by a placeholder until `release()`, so nothing else takes it meanwhile. */
async function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  const holder = createServer();
  await new Promise<void>((resolve, reject) => {
    holder.once('error', reject);
    holder.listen(0, '127.0.0.1', resolve);
  });
  return { port: (holder.address() as AddressInfo).port, release: () => new Promise<void>((resolve) => holder.close(() => resolve())) };
}

/**
 * Starts the whole product on this machine: DynamoDB Local, the table and seed
 * data, the API in serverless-offline (which also runs the sweeper every
 * minute), and the web front serving the H5 build. `stop()` ends all of it.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const tableName = opts.tableName ?? 'mashang-local';
  const started: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const s of started.reverse()) await s();
  };
  try {
    const dynamo: Pick<LocalDynamo, 'endpoint'> = opts.dynamoEndpoint ? { endpoint: opts.dynamoEndpoint } : await startDynamo({ port: opts.dynamoPort, path: opts.dataDir });
    if (opts.dynamoEndpoint) started.push(() => dropTable(dynamo.endpoint, tableName));
    else started.push(() => (dynamo as LocalDynamo).stop());
    await ensureTable(dynamo.endpoint, tableName);

    const db = createDocClient({ tableName, endpoint: dynamo.endpoint });
    const org = new OrgStore(db, tableName);
    const tickets = new TicketStore(db, tableName);
    const serviceAt = (nowMs: number | (() => number)) =>
      new MashangService({ tickets, org, tokens: new TokenService(LOCAL_SECRET), now: typeof nowMs === 'number' ? () => nowMs : nowMs });
    await seedReference(org);
    const s3 = await startLocalS3({ ...LOCAL_S3, port: opts.s3Port, dir: opts.s3Dir });
    started.push(() => s3.stop());
    if (opts.demoTickets) await seedDemoTickets(serviceAt, Date.now());
    // Risk rules, and a hotspot and a risk warning to show (infra/seed-supervision.ts).
    await seedSupervision(db, tableName, { demoTickets: opts.demoTickets === true, nowMs: Date.now() });

    // WeCom group robots' stand-in: both street offices' groups post there (shown at /dev/wecom).
    const wecom = await startLocalWeCom();
    started.push(() => wecom.stop());
    const alertStore = new AlertStore(db, tableName);
    for (const unitId of ['gaolanlu', 'zhangyelu']) await alertStore.putChannels(unitId, { wecomWebhook: `${wecom.url}/cgi-bin/webhook/send?key=${unitId}` }, 'seed', new Date().toISOString());

    const apiPort = opts.apiPort ?? (await freePort());
    const lambdaPort = await freePort();
    // Chosen before the API starts: posters printed by the admin Lambda link to this origin's /q/<id>.
    // Held until the front door listens on it (after the API is up, a minute later on a busy machine):
    // a port only looked up could meanwhile go to another stack starting beside this one.
    const webHold = opts.webPort === undefined && opts.web !== false ? await reservePort() : undefined;
    if (webHold) started.push(() => webHold.release());
    const webPort = opts.webPort ?? webHold?.port ?? (await freePort());
    // serverless-esbuild bundles into this stack's own work folder, so stacks may start side by side
    // (the end-to-end files run two at a time) without one overwriting the other's bundles.
    // With prebuilt bundles this folder stays empty (serverless-esbuild only creates it).
    const esbuildDir = `.esbuild/offline-${apiPort}`;
    started.push(() => rmSync(join(ROOT, esbuildDir), { recursive: true, force: true }));
    const offline = spawnGroup(
      join(ROOT, 'node_modules/.bin/osls'),
      ['offline', 'start', '--stage', 'local'],
      {
        ...process.env,
        TABLE_NAME: tableName,
        DYNAMO_ENDPOINT: opts.apiDynamoEndpoint ? await opts.apiDynamoEndpoint(dynamo.endpoint) : dynamo.endpoint,
        SESSION_SECRET: LOCAL_SECRET,
        PHOTO_BUCKET: LOCAL_S3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY_ID: LOCAL_S3.accessKeyId,
        S3_SECRET_ACCESS_KEY: LOCAL_S3.secretAccessKey,
        MASHANG_API_PORT: String(apiPort),
        MASHANG_LAMBDA_PORT: String(lambdaPort),
        QR_LINK_BASE: `http://127.0.0.1:${webPort}`,
        MASHANG_ESBUILD_DIR: esbuildDir,
        ...(opts.prebuiltBundles ? { MASHANG_ESBUILD_PREBUILT: opts.prebuiltBundles } : {}),
        ...(opts.inProcess ? { MASHANG_OFFLINE_IN_PROCESS: 'true' } : {}),
        AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
        // Quiet: the functions' output (request log lines, metrics) goes nowhere and serverless-offline prints
        // warnings and errors only, not two lines per invocation (route, duration) for this process to relay.
        ...(opts.quiet ? { SLS_LOG_LEVEL: 'warning' } : {}),
      },
      'api',
      opts.quiet ? 'ignore' : 'pipe',
    );
    started.push(
      () =>
        new Promise<void>((resolve) => {
          if (offline.exitCode !== null) return resolve();
          offline.once('exit', () => resolve());
          killGroup(offline);
          setTimeout(() => killGroup(offline, 'SIGKILL'), 5000).unref();
        }),
    );
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${apiUrl}/api/categories`, 120_000, offline);

    const invoke = async (fn: string, event: unknown = { time: new Date().toISOString() }): Promise<unknown> => {
      const res = await fetch(`http://127.0.0.1:${lambdaPort}/2015-03-31/functions/mashang-local-${fn}/invocations`, { method: 'POST', body: JSON.stringify(event) });
      const text = await res.text();
      if (!res.ok || res.headers.get('x-amz-function-error')) throw new Error(`${fn} failed (${res.status}): ${text.slice(0, 500)}`);
      return text ? (JSON.parse(text) as unknown) : undefined;
    };
    const webUrl = `http://127.0.0.1:${webPort}`;
    if (opts.web === false) return { webUrl, apiUrl, dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, tableName, service: serviceAt(() => Date.now()), invoke, stop };
    const apiDocs = apiDocsRoutes(apiUrl); // /docs/ (OpenAPI) and /open311/ (infra/api-docs.ts)
    await webHold?.release();
    const web: Server = await startWeb({
      port: webPort,
      h5Dir: join(ROOT, 'miniapp/dist/h5'),
      apiOrigin: apiUrl,
      connectOrigins: [new URL(s3.endpoint).origin],
      extra: async (req, res) => {
        if (apiDocs(req, res)) return true;
        // Local stand-in for WeChat subscription messages: what waits in the outbox and what was done with it.
        const path = (req.url ?? '').split('?')[0];
        if (path === '/dev/wecom') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify({ posts: wecom.posts }, null, 2));
          return true;
        }
        if (path !== '/dev/outbox' && path !== '/dev/outbox.json') return false;
        const [queue, log] = await Promise.all([tickets.recentOutbox(OUTBOX_SHARDS, 100), new OutboxStore(db, tableName).recentLog(100)]);
        if (path === '/dev/outbox.json') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ items: queue, log }, null, 2));
        } else {
          const unitNames = new Map((await org.units()).map((u) => [u.id, u.name]));
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(outboxPage(queue, log, unitNames));
        }
        return true;
      },
    });
    started.push(() => new Promise<void>((resolve) => web.close(() => resolve())));

    if (opts.qrDir) await writeQrCodes(opts.qrDir, webUrl);
    return { webUrl, apiUrl, dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, tableName, service: serviceAt(() => Date.now()), invoke, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The link printed on a street QR code. */
export const qrLink = (baseUrl: string, locationId: string) => `${baseUrl}/q/${locationId}`;

/** Writes one SVG QR code per demo location. */
export async function writeQrCodes(dir: string, baseUrl: string): Promise<string[]> {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const loc of DEMO_LOCATIONS) {
    const svg = await QRCode.toString(qrLink(baseUrl, loc.id), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const file = join(dir, `${loc.id}.svg`);
    writeFileSync(file, svg);
    written.push(file);
  }
  return written;
}
