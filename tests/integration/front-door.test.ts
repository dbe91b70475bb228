import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/stack.ts';
import { startWeb } from '../../infra/web.ts';

/**
 * The local front door (infra/web.ts, standing in for CloudFront): security headers on
 * pages, QR redirects and proxied API replies; the CSP admits the build's one inline
 * script by its hash and nothing else inline.
 */
const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
/** A script big enough to be worth compressing (the front door leaves files under 1 KB as they are). */
const VENDOR = Array.from({ length: 400 }, (_, i) => `export function f${i}(a){return a+${i}}`).join('\n');
let dir: string;
let web: Server;
let api: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mashang-h5-'));
  mkdirSync(join(dir, 'js'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`);
  writeFileSync(join(dir, 'js/app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'js/vendor.js'), VENDOR);
  api = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  web = await startWeb({ port: 0, h5Dir: dir, apiOrigin: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, connectOrigins: ['http://127.0.0.1:4569'] });
  base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => web.close(r));
  await new Promise((r) => api.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('the local front door', () => {
  it.each(['/', '/pages/report/index', '/js/app.js', '/q/loc-donggang', '/api/categories'])('sends the security headers on %s', async (path) => {
    const res = await fetch(`${base}${path}`, { redirect: 'manual' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('allows the inline script of the build by its hash, and the photo bucket for images and uploads', async () => {
    const csp = (await fetch(`${base}/`)).headers.get('content-security-policy')!;
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(csp).toMatch(new RegExp(`script-src 'self' 'sha256-${hash.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/img-src [^;]*http:\/\/127\.0\.0\.1:4569/);
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:4569/);
  });

  /** The raw reply (no decoding by the client), with the Accept-Encoding a browser would send. */
  const raw = (path: string, acceptEncoding?: string) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      get(`${base}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });

  it('sends scripts compressed (brotli when accepted, else gzip) and the same bytes once decoded', async () => {
    const br = await raw('/js/vendor.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.length).toBeLessThan(VENDOR.length / 3);
    expect(brotliDecompressSync(br.body).toString()).toBe(VENDOR);

    const gz = await raw('/js/vendor.js', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(VENDOR);

    const plain = await raw('/js/vendor.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(VENDOR);
    // The security headers come with the compressed copy too.
    expect(br.headers['x-content-type-options']).toBe('nosniff');
  });

  it('production hosting compresses the same files: CloudFront compresses the site behaviour (gzip with these legacy cache settings)', () => {
    const yml = readFileSync(join(ROOT, 'infra/hosting.yml'), 'utf8');
    const site = /\n {6}DefaultCacheBehavior:\n([\s\S]*?)\n {6}CacheBehaviors:/.exec(yml)?.[1] ?? '';
    expect(site).toMatch(/TargetOriginId: site\n/);
    expect(site).toMatch(/\n {8}Compress: true\n/);
  });
});
