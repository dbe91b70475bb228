import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One post a WeCom group robot received. */
export interface WeComPost {
  at: string;
  key: string;
  content: string;
}

/**
 * A local stand-in for WeCom group robots on 127.0.0.1 (`npm start`): accepts
 * `POST /cgi-bin/webhook/send?key=…`, answers `{"errcode":0,"errmsg":"ok"}` like WeCom and keeps
 * the posts so `/dev/wecom` can show what each unit's group would have seen.
 */
export async function startLocalWeCom(port = 0): Promise<{ url: string; posts: WeComPost[]; stop: () => Promise<void> }> {
  const posts: WeComPost[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { markdown?: { content?: string }; text?: { content?: string } };
        posts.unshift({ at: new Date().toISOString(), key: url.searchParams.get('key') ?? '', content: body.markdown?.content ?? body.text?.content ?? '' });
        posts.length = Math.min(posts.length, 200);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      } catch {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":40008,"errmsg":"invalid message type"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
