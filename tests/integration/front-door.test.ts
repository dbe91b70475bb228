import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../infra/web.ts';

/**
 * The local front door (infra/web.ts, standing in for CloudFront): security headers on
 * pages, QR redirects and proxied API replies; the CSP admits the build's one inline
 * script by its hash and nothing else inline.
 */
const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
let dir: string;
let web: Server;
let api: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mashang-h5-'));
  mkdirSync(join(dir, 'js'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`);
  writeFileSync(join(dir, 'js/app.js'), 'console.log(1)');
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
});
