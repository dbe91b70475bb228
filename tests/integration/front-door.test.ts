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

  it('production hosting compresses the same files: CloudFront compresses the site behaviour with brotli and gzip (a cache policy, not the gzip-only legacy settings)', () => {
    const yml = readFileSync(join(ROOT, 'infra/hosting.yml'), 'utf8');
    const site = /\n {6}DefaultCacheBehavior:\n([\s\S]*?)\n {6}CacheBehaviors:/.exec(yml)?.[1] ?? '';
    expect(site).toMatch(/TargetOriginId: site\n/);
    expect(site).toMatch(/\n {8}Compress: true\n/);
    expect(site).toMatch(/\n {8}CachePolicyId: !Ref SiteCachePolicy\n/);
    expect(site).not.toMatch(/ForwardedValues/);
    const policy = /\nSiteCachePolicy:\n([\s\S]*?)\n\n/.exec(yml)?.[1] ?? '';
    expect(policy).toMatch(/EnableAcceptEncodingBrotli: true/);
    expect(policy).toMatch(/EnableAcceptEncodingGzip: true/);
  });

  it('production hosting answers a QR link and the resident form with report.html from the site, other pages with index.html', () => {
    const yml = readFileSync(join(ROOT, 'infra/hosting.yml'), 'utf8');
    const code = /\n {4}FunctionCode: \|\n([\s\S]*?)\n\n/.exec(yml)?.[1] ?? '';
    // CloudFront Functions run plain JavaScript: the handler from the template, run on sample requests.
    const handler = new Function(`${code}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    const uri = (u: string) => handler({ request: { uri: u } }).uri;
    expect(uri('/q/loc-donggang')).toBe('/report.html');
    expect(uri('/pages/report/index')).toBe('/report.html');
    expect(uri('/pages/mine/index')).toBe('/index.html');
    expect(uri('/pages-staff/inbox/index')).toBe('/index.html');
    expect(uri('/js/app.1234.js')).toBe('/js/app.1234.js');
    // Nothing but the site's files behind /q/* any more (no behaviour sending it to the API).
    expect(yml).not.toMatch(/PathPattern: \/q\/\*/);
  });
});

describe('the resident form’s own HTML (report.html, with its chunks preloaded)', () => {
  let site: string;
  let front: Server;
  let origin: string;
  const REPORT = `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.js"></script><link rel="preload" as="script" href="/js/report.js"></head><body><div id="app"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'mashang-h5-'));
    writeFileSync(join(site, 'index.html'), `<!doctype html><html><head><script>${INLINE}</script></head><body><div id="app"></div></body></html>`);
    writeFileSync(join(site, 'report.html'), REPORT);
    front = await startWeb({ port: 0, h5Dir: site, apiOrigin: 'http://127.0.0.1:9' });
    origin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => front.close(r));
    rmSync(site, { recursive: true, force: true });
  });

  it('answers a street QR link with the form itself, no redirect', async () => {
    const res = await fetch(`${origin}/q/loc-donggang`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(REPORT);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('serves it for the form’s own address, compressed, and index.html for every other page', async () => {
    const form = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      get(`${origin}/pages/report/index?loc=loc-donggang`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(form.encoding).toBe('br');
    expect(brotliDecompressSync(form.body).toString()).toBe(REPORT);
    expect(await (await fetch(`${origin}/pages/mine/index`)).text()).not.toContain('report.js');
    expect(await (await fetch(`${origin}/`)).text()).not.toContain('report.js');
  });
});
