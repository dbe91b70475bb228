import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import sirv from 'sirv';
import { precompress } from './precompress.ts';

/**
 * The local front door, standing in for CloudFront + API Gateway: serves the
 * H5 build, forwards `/api/*` to serverless-offline, and turns a street QR
 * link `/q/<locationId>` into the resident page (in WeChat the same link opens
 * the mini-program, which reads it from its `q` launch parameter).
 */
export interface WebOptions {
  port: number;
  host?: string;
  h5Dir: string;
  apiOrigin: string;
  /** Extra routes for local development, e.g. the outbox page; return true when handled. */
  extra?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Origins besides this one the pages talk to or show images from (the photo bucket). */
  connectOrigins?: string[];
}

/**
 * The front door's security headers, as the production hosting (CloudFront's response
 * headers policy) sets them: no MIME sniffing, no framing by other sites, no referrer
 * leaving the site, and a CSP allowing only this origin's scripts (plus the one inline
 * script of the H5 build, by its hash), styles, images and API, and the photo bucket.
 */
export function frontDoorHeaders(h5Dir: string, connectOrigins: readonly string[] = []): Record<string, string> {
  const html = existsSync(join(h5Dir, 'index.html')) ? readFileSync(join(h5Dir, 'index.html'), 'utf8') : '';
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  const extra = connectOrigins.join(' ');
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // Taro's H5 runtime sets inline styles on elements.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${extra}`.trim(),
    `connect-src 'self' ${extra}`.trim(),
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'x-content-type-options': 'nosniff',
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}

export const RESIDENT_PAGE = '/pages/report/index';
/**
 * The resident form's own HTML (miniapp/config/page-html.ts): index.html plus preloads of
 * the form's chunks, so they download alongside the entry instead of after it.
 */
export const RESIDENT_HTML = '/report.html';

export function startWeb(opts: WebOptions): Promise<Server> {
  if (!existsSync(opts.h5Dir)) throw new Error(`H5 build not found at ${opts.h5Dir}: run \`npm run build:h5\``);
  // Text assets are sent brotli- or gzip-compressed (precompressed copies, infra/precompress.ts), as CloudFront compresses them in AWS.
  precompress(opts.h5Dir);
  const files = sirv(opts.h5Dir, { single: true, dev: false, etag: true, gzip: true, brotli: true });
  const api = new URL(opts.apiOrigin);
  const security = frontDoorHeaders(opts.h5Dir, opts.connectOrigins);
  const residentHtml = existsSync(join(opts.h5Dir, RESIDENT_HTML));
  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(security)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const qr = url.pathname.match(/^\/q\/([a-z0-9-]{3,40})\/?$/);
    // A street QR link opens the resident form at once (no redirect: one round trip less on a
    // phone network); the app moves the address to the form's own (miniapp/src/app.tsx).
    // An older build without report.html gets the redirect.
    if (qr && !residentHtml) {
      res.writeHead(302, { location: `${RESIDENT_PAGE}?loc=${qr[1]}` }).end();
      return;
    }
    if ((qr || url.pathname === RESIDENT_PAGE) && residentHtml && (req.method === 'GET' || req.method === 'HEAD')) {
      req.url = RESIDENT_HTML;
      files(req, res);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const upstream = request(
        { host: api.hostname, port: api.port, method: req.method, path: req.url, headers: { ...req.headers, host: api.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }));
      });
      req.pipe(upstream);
      return;
    }
    void (async () => {
      if (opts.extra && (await opts.extra(req, res))) return;
      files(req, res);
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve(server));
  });
}
