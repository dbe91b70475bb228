import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/stack.ts';

/**
 * The speed benchmarks at a tiny size: each one runs to its end and prints its last line
 * with every figure named. Figures are not judged here (a test never asserts a wall-clock
 * time); the README's table has the full-size ones.
 */
function bench(script: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'bench', script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const lastLine = (out: string) => out.trim().split('\n').filter((l) => !l.startsWith('[api]')).at(-1) ?? '';

describe('benchmarks at a reduced size', () => {
  it('bench:api submits through the local API beside the raw transaction and prints its line', async () => {
    const { code, out } = await bench('api.ts', { BENCH_API_N: '12', BENCH_API_CONCURRENCY: '4', BENCH_API_ROUNDS: '1', BENCH_API_HISTORY: '10' });
    expect(code, out.slice(-3000)).toBe(0);
    expect(lastLine(out)).toMatch(/^api: submit_rps=[\d.]+ raw_txn_rps=[\d.]+ ratio=[\d.]+ p99_ms=\d+ concurrency=4 calls_cold=\d+ calls_warm=\d+ items_read_warm=\d+$/);
  }, 600_000);

  it('bench:h5 opens a QR link cold at loopback and Fast-3G speed and prints its line', async () => {
    const { code, out } = await bench('h5.ts', { BENCH_H5_RUNS: '1' });
    expect(code, out.slice(-3000)).toBe(0);
    expect(lastLine(out)).toMatch(/^h5: lcp_loopback_ms=\d+ lcp_fast3g_ms=\d+ js_kb_compressed=\d+\.\d requests=\d+ js_kb_uncompressed=\d+ lcp_fast3g_uncompressed_ms=\d+ js_encoding=\S+$/);
    // The front door sent the scripts compressed (files under 1 KB go as they are).
    expect(lastLine(out)).toMatch(/js_encoding=(\S+\+)?(br|gzip)(\+\S+)?$/);
  }, 600_000);
});
