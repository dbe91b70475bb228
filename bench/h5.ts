/**
 * `npm run bench:h5`: headless Chromium opens a street QR link (`/q/<id>`) on the production
 * H5 build served by the local front door (infra/web.ts, as `npm start` serves it), with a
 * cold cache, at loopback speed and with Fast-3G emulated through CDP (150 ms latency,
 * 1.6 Mbps down, 750 kbps up). It measures the Largest Contentful Paint (PerformanceObserver
 * `largest-contentful-paint`), the JS bytes on the wire (as compressed by the front door)
 * and decoded, and the number of requests. The baseline is the same page with the
 * compression turned off (Accept-Encoding: identity), in the same run.
 *
 * Size: BENCH_H5_RUNS page loads per condition (3; the median is printed).
 * Last line: `h5: lcp_loopback_ms=… lcp_fast3g_ms=… js_kb_compressed=… requests=… js_kb_uncompressed=… lcp_fast3g_uncompressed_ms=…`
 */
import type { Browser, CDPSession } from 'playwright-core';
import { DEMO_LOCATIONS } from '../infra/seed.ts';
import { startStack } from '../infra/stack.ts';
import { launchBrowser, PHONE } from '../tests/support/browser.ts';
import { ensureH5Build } from '../tests/support/h5-build.ts';

const RUNS = Number(process.env.BENCH_H5_RUNS ?? 3);
const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1_000_000) / 8, uploadThroughput: (750 * 1000) / 8 };
const LOOPBACK = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

interface Load {
  lcpMs: number;
  requests: number;
  jsWireBytes: number;
  jsDecodedBytes: number;
  jsEncodings: string[];
}

/** One cold page load of `url` in a fresh context (no cache, no storage), under `network`. */
async function load(browser: Browser, url: string, network: typeof FAST_3G, compressed: boolean): Promise<Load> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  // The LCP candidate keeps changing while the page renders: the last entry before the page settles is its LCP.
  await page.addInitScript({
    content: `new PerformanceObserver((list) => { const e = list.getEntries(); window.__lcp = e[e.length - 1].startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });`,
  });
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', network);
  if (!compressed) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  const scripts = new Map<string, string>();
  const encodings = new Set<string>();
  let requests = 0;
  let jsWireBytes = 0;
  let jsDecodedBytes = 0;
  cdp.on('Network.requestWillBeSent', () => requests++);
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: { url: string; headers: Record<string, string> } }) => {
    if (e.type === 'Script' || e.response.url.endsWith('.js')) {
      scripts.set(e.requestId, e.response.url);
      const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
      encodings.add(enc ?? 'identity');
    }
  });
  cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
    if (scripts.has(e.requestId)) jsDecodedBytes += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if (scripts.has(e.requestId)) jsWireBytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });
  // The form is there when the place's name is shown (the page asks the API for it).
  await page.getByText(DEMO_LOCATIONS[0]!.name).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const lcpMs = Number(await page.evaluate('window.__lcp ?? -1'));
  await context.close();
  if (lcpMs < 0) throw new Error('no largest-contentful-paint entry was recorded');
  return { lcpMs, requests, jsWireBytes, jsDecodedBytes, jsEncodings: [...encodings] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  await ensureH5Build();
  const stack = await startStack({ quiet: true });
  const browser = await launchBrowser();
  try {
    const url = `${stack.webUrl}/q/${DEMO_LOCATIONS[0]!.id}`;
    // One load first so the API's Lambdas are warm: the figure is the page's, not a cold start's.
    await load(browser, url, LOOPBACK, true);
    const results: Record<string, Load> = {};
    for (const [name, network, compressed] of [
      ['loopback', LOOPBACK, true],
      ['fast3g', FAST_3G, true],
      ['fast3g_uncompressed', FAST_3G, false],
    ] as const) {
      const loads: Load[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await load(browser, url, network, compressed));
      const r: Load = {
        lcpMs: median(loads.map((l) => l.lcpMs)),
        requests: median(loads.map((l) => l.requests)),
        jsWireBytes: median(loads.map((l) => l.jsWireBytes)),
        jsDecodedBytes: median(loads.map((l) => l.jsDecodedBytes)),
        jsEncodings: [...new Set(loads.flatMap((l) => l.jsEncodings))],
      };
      results[name] = r;
      console.log(
        `${name.padEnd(20)} LCP ${r.lcpMs.toFixed(0).padStart(5)} ms (runs: ${loads.map((l) => l.lcpMs.toFixed(0)).join(', ')})  requests ${r.requests}  JS ${(r.jsWireBytes / 1024).toFixed(0)} KB on the wire, ${(r.jsDecodedBytes / 1024).toFixed(0)} KB decoded (${r.jsEncodings.join(', ')})`,
      );
    }
    const { loopback, fast3g, fast3g_uncompressed: plain } = results as Record<'loopback' | 'fast3g' | 'fast3g_uncompressed', Load>;
    console.log(
      `h5: lcp_loopback_ms=${loopback.lcpMs.toFixed(0)} lcp_fast3g_ms=${fast3g.lcpMs.toFixed(0)} js_kb_compressed=${(fast3g.jsWireBytes / 1024).toFixed(1)} requests=${fast3g.requests} js_kb_uncompressed=${(plain.jsWireBytes / 1024).toFixed(0)} lcp_fast3g_uncompressed_ms=${plain.lcpMs.toFixed(0)} js_encoding=${fast3g.jsEncodings.join('+')}`,
    );
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  },
);
