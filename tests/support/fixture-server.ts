import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Recorded WeChat replies (functions/src/adapters/fixtures/wechat/*.json), as WeChat sends them. */
export function wechatFixture(name: string): string {
  return readFileSync(join(ROOT, 'functions/src/adapters/fixtures/wechat', `${name}.json`), 'utf8');
}

export interface Reply {
  status?: number;
  body: string | Buffer;
  /** WeChat's jscode2session really answers JSON as text/plain. */
  contentType?: string;
}

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

/**
 * A local stand-in for api.weixin.qq.com on 127.0.0.1: each path answers with
 * the queued replies in order (the last one repeats) and every request is recorded.
 */
export class FixtureServer {
  readonly requests: Recorded[] = [];
  private readonly queues = new Map<string, Reply[]>();
  private server: Server | undefined;
  url = '';

  /** Queues replies for `path` (no query string), replacing earlier ones. */
  on(path: string, ...replies: Reply[]): this {
    this.queues.set(path, [...replies]);
    return this;
  }

  calls(path: string): Recorded[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8') });
        const queue = this.queues.get(url.pathname);
        const reply = queue && queue.length > 1 ? queue.shift() : queue?.[0];
        if (!reply) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('no fixture');
          return;
        }
        res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json; encoding=utf-8' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
