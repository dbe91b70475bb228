/**
 * Counting DynamoDB calls and the items they read, two ways:
 *
 * - {@link meterClient}: an SDK middleware on a client built in this process (the
 *   integration test of a create's reads, tests/integration/create-cost.test.ts);
 * - {@link startMeteringProxy}: a pass-through HTTP proxy in front of DynamoDB Local for
 *   a client in another process (the Lambdas serverless-offline runs, bench/api.ts), which
 *   reads the operation from `X-Amz-Target` and the items read from the reply.
 *
 * "Items read" counts what DynamoDB read to answer: a Query's or Scan's `ScannedCount`,
 * a GetItem's item (0 or 1), a BatchGetItem's returned items. Writes read nothing here.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Meter {
  /** Calls by operation name (GetItem, Query, TransactWriteItems, …). */
  calls: Record<string, number>;
  itemsRead: number;
  reset(): void;
  total(): number;
  /** A snapshot for printing: `GetItem=1 Query=3 … items_read=…`. */
  describe(): string;
}

function newMeter(): Meter {
  const m: Meter = {
    calls: {},
    itemsRead: 0,
    reset() {
      m.calls = {};
      m.itemsRead = 0;
    },
    total: () => Object.values(m.calls).reduce((s, n) => s + n, 0),
    describe: () =>
      `${Object.entries(m.calls)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} (calls=${m.total()} items_read=${m.itemsRead})`,
  };
  return m;
}

/** Items a reply says were read (see the module comment). */
export function itemsReadOf(operation: string, reply: Record<string, unknown> | undefined): number {
  if (!reply) return 0;
  if (operation === 'Query' || operation === 'Scan') return Number(reply.ScannedCount ?? reply.Count ?? 0);
  if (operation === 'GetItem') return reply.Item ? 1 : 0;
  if (operation === 'BatchGetItem') return Object.values((reply.Responses ?? {}) as Record<string, unknown[]>).reduce((s, items) => s + items.length, 0);
  if (operation === 'TransactGetItems') return ((reply.Responses ?? []) as { Item?: unknown }[]).filter((r) => r.Item).length;
  return 0;
}

/** Counts every call the client sends (after the document client's marshalling: the DynamoDB operation names). */
export function meterClient(db: DynamoDBDocumentClient): Meter {
  const meter = newMeter();
  db.middlewareStack.add(
    (next, context) => async (args) => {
      // The document client's commands name themselves after the DynamoDB operation (QueryCommand → Query).
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      const op = { Put: 'PutItem', Get: 'GetItem', Update: 'UpdateItem', Delete: 'DeleteItem', BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactWrite: 'TransactWriteItems', TransactGet: 'TransactGetItems' }[operation] ?? operation;
      meter.calls[op] = (meter.calls[op] ?? 0) + 1;
      const result = await next(args);
      meter.itemsRead += itemsReadOf(op, result.output as Record<string, unknown>);
      return result;
    },
    { step: 'initialize', name: 'meterDynamoCalls', priority: 'high' },
  );
  return meter;
}

export interface MeteringProxy {
  endpoint: string;
  meter: Meter;
  /** The TransactWriteItems request bodies seen (low-level JSON), newest last, at most `keep`. */
  transactions: string[];
  /** The last request bodies of every operation (low-level JSON), newest last, at most `keep` each. */
  bodies: Map<string, string[]>;
  stop(): Promise<void>;
}

/**
 * A proxy to DynamoDB Local that counts what passes through it. Bodies go through
 * unchanged; the reply is also parsed (JSON) to count the items read. `onRequest` sees
 * every request's operation and body first (tests/support/iam-grants.ts records them).
 */
export async function startMeteringProxy(target: string, keep = 200, onRequest?: (operation: string, body: string) => void): Promise<MeteringProxy> {
  const upstream = new URL(target);
  const meter = newMeter();
  const transactions: string[] = [];
  const bodies = new Map<string, string[]>();
  const server: Server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'Unknown';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      onRequest?.(operation, body.toString('utf8'));
      meter.calls[operation] = (meter.calls[operation] ?? 0) + 1;
      const seen = bodies.get(operation) ?? bodies.set(operation, []).get(operation)!;
      seen.push(body.toString('utf8'));
      if (seen.length > keep) seen.shift();
      if (operation === 'TransactWriteItems') {
        transactions.push(body.toString('utf8'));
        if (transactions.length > keep) transactions.shift();
      }
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          const replyChunks: Buffer[] = [];
          up.on('data', (c: Buffer) => replyChunks.push(c));
          up.on('end', () => {
            const reply = Buffer.concat(replyChunks);
            try {
              meter.itemsRead += itemsReadOf(operation, JSON.parse(reply.toString('utf8')) as Record<string, unknown>);
            } catch {
              // not JSON (an error page): nothing read
            }
            res.writeHead(up.statusCode ?? 502, up.headers).end(reply);
          });
        },
      );
      out.on('error', (err) => res.writeHead(502).end(String(err)));
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    meter,
    transactions,
    bodies,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
