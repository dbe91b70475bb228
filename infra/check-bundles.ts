/**
 * Part of `npm test` (after `npm run package`): every packaged function bundle is unzipped,
 * loaded and invoked on the Node major of the Lambda runtime (Node 22, the binary of the npm
 * package `node`, started through npx), without AWS. Each HTTP route gets an unauthenticated
 * request with a malformed body (a 4xx, or a 2xx/3xx for routes that need neither), plus one unknown route (404); each scheduled function gets the
 * scheduled event. DynamoDB and S3 point at a closed local port, so a code path that reaches
 * the store ends in a refused connection, which the check accepts; anything else (a module
 * that does not load, a handler that is not a function, a 5xx or an error for another reason)
 * fails it.
 *
 *   npm run test:bundles            # the prod stage's package
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { packageDir, REPO_ROOT } from './stages.ts';

/**
 * The Lambda runtime is nodejs22.x (serverless.yml); the npm package `node` brings that binary.
 * Its version is package.json's `config.lambdaNode`, which `npm run test:unit:lambda-node` uses too.
 */
export const LAMBDA_NODE = `node@${(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { config: { lambdaNode: string } }).config.lambdaNode}`;
const STAGE = 'prod';

interface FunctionState {
  handler: string;
  package: { artifact: string };
  events: ({ httpApi?: string | { method: string; path: string }; schedule?: unknown } & Record<string, unknown>)[];
}

interface Line {
  bundleCheck: true;
  kind: 'loaded' | 'result' | 'threw';
  label?: string;
  node?: string;
  loadMs?: number;
  handler?: string;
  statusCode?: number;
  body?: string;
  message?: string;
  stderr?: string;
}

function httpEvent(routeKey: string): unknown {
  const [method, path] = routeKey.split(' ') as [string, string];
  const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'bundle-check']));
  const rawPath = path.replace(/\{(\w+)\}/g, 'bundle-check');
  return {
    version: '2.0',
    routeKey,
    rawPath,
    headers: { 'content-type': 'application/json' },
    pathParameters: Object.keys(params).length ? params : undefined,
    queryStringParameters: {},
    body: method === 'GET' ? undefined : '{"not json',
    isBase64Encoded: false,
    requestContext: { http: { method, path: rawPath, sourceIp: '127.0.0.1' }, requestId: `bundle-check-${routeKey}` },
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function main(): Promise<void> {
  const dir = packageDir(STAGE);
  const state = JSON.parse(readFileSync(join(dir, 'serverless-state.json'), 'utf8')) as { service: { functions: Record<string, FunctionState> } };
  const port = await closedPort();
  const out = join(REPO_ROOT, '.artifacts', 'bundles');
  rmSync(out, { recursive: true, force: true });
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    npm_config_cache: process.env.npm_config_cache,
    STAGE: 'bundle-check',
    AWS_REGION: 'cn-northwest-1',
    AWS_ACCESS_KEY_ID: 'bundle-check',
    AWS_SECRET_ACCESS_KEY: 'bundle-check',
    AWS_MAX_ATTEMPTS: '1',
    TABLE_NAME: 'bundle-check',
    DYNAMO_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: 'bundle-check',
    S3_SECRET_ACCESS_KEY: 'bundle-check',
    PHOTO_BUCKET: 'bundle-check',
    SESSION_SECRET: 'bundle-check-secret-bundle-check-secret',
    POWERTOOLS_DEV: 'true',
  };
  let failures = 0;
  let invocations = 0;
  const names = Object.keys(state.service.functions);
  for (const name of names) {
    const fn = state.service.functions[name]!;
    const zip = await JSZip.loadAsync(readFileSync(join(dir, fn.package.artifact.split('/').pop()!)));
    const root = join(out, name);
    for (const [path, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue;
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), await entry.async('nodebuffer'));
    }
    // The entry as serverless.yml's custom.esbuild names it (.mjs: ES modules with code splitting; .cjs before).
    const stem = join(root, fn.handler.slice(0, fn.handler.lastIndexOf('.')));
    const bundle = ['.mjs', '.cjs', '.js'].map((ext) => stem + ext).find((f) => existsSync(f)) ?? `${stem}.mjs`;
    const events: { label: string; event: unknown; expect4xx?: number }[] = [];
    for (const e of fn.events) {
      if (typeof e.httpApi === 'string') events.push({ label: e.httpApi, event: httpEvent(e.httpApi) });
      else if (e.schedule !== undefined) events.push({ label: 'schedule', event: { version: '0', source: 'aws.events', 'detail-type': 'Scheduled Event', time: new Date().toISOString().slice(0, 19) + 'Z', detail: {} } });
    }
    if (events.some((e) => e.label !== 'schedule')) events.push({ label: 'GET /api/bundle-check-unknown', event: httpEvent('GET /api/bundle-check-unknown'), expect4xx: 404 });
    const eventsFile = join(root, 'events.json');
    writeFileSync(eventsFile, JSON.stringify(events));
    const stdout = execFileSync('npx', ['-y', '-p', LAMBDA_NODE, 'node', join(REPO_ROOT, 'infra/invoke-bundle.mjs'), bundle, eventsFile], { env, cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Line;
        } catch {
          return undefined;
        }
      })
      .filter((l): l is Line => l?.bundleCheck === true);
    const loaded = lines.find((l) => l.kind === 'loaded');
    const problems: string[] = [];
    if (!loaded?.node?.startsWith('v22.')) problems.push(`not loaded on Node 22 (${loaded?.node ?? 'no load line'})`);
    if (loaded?.handler !== 'function') problems.push(`handler is ${loaded?.handler}`);
    let refused = 0;
    let clientErrors = 0;
    let answered = 0;
    for (const ev of events) {
      invocations++;
      const r = lines.find((l) => l.kind !== 'loaded' && l.label === ev.label);
      const refusedHere = (r?.stderr ?? '').includes('ECONNREFUSED') || (r?.message ?? '').includes('ECONNREFUSED');
      if (!r) problems.push(`${ev.label}: no result`);
      else if (ev.expect4xx !== undefined && r.statusCode !== ev.expect4xx) problems.push(`${ev.label}: expected ${ev.expect4xx}, got ${r.statusCode}`);
      else if (r.kind === 'result' && r.statusCode !== undefined && r.statusCode >= 400 && r.statusCode < 500) clientErrors++;
      else if (r.kind === 'result' && r.statusCode !== undefined && r.statusCode >= 200 && r.statusCode < 400) answered++;
      else if (refusedHere) refused++;
      else if (r.kind === 'result' && r.statusCode === undefined && ev.label === 'schedule') problems.push(`${ev.label}: finished without reaching the store`);
      else problems.push(`${ev.label}: ${r.kind === 'threw' ? `threw ${r.message}` : `status ${r.statusCode}`} ${(r.stderr ?? '').slice(0, 300)}`);
    }
    console.log(`bundle ${name}: loaded on ${loaded?.node} in ${loaded?.loadMs} ms; ${events.length} invocations: ${answered} answered 2xx/3xx without AWS, ${clientErrors} answered 4xx, ${refused} reached the store (connection refused, as intended)`);
    for (const p of problems) console.log(`  FAIL ${p}`);
    failures += problems.length;
  }
  console.log(`bundle check: ${names.length} bundles, ${invocations} invocations on ${LAMBDA_NODE}, ${failures} failures`);
  if (failures > 0) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
