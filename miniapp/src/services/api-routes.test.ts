import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The one client against the API as deployed: every route the client calls (`call('METHOD',
 * '/api/…'`, in any resource module under services/api/) is a route of serverless.yml, with
 * path parameters in the same places.
 */
const root = new URL('../../../', import.meta.url);
const dir = new URL('miniapp/src/services/api/', root);
const client = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');
const yml = readFileSync(new URL('serverless.yml', root), 'utf8');

/** `GET /api/tickets/{}`: parameters unnamed, the query string dropped. */
const shape = (method: string, path: string) => `${method} ${path.replace(/\$\{queryString\([^`]*$/, '').replace(/\$\{enc\([^)]*\)\}|\{[a-zA-Z]+\}/g, '{}')}`;

const served = new Set([...yml.matchAll(/httpApi:\s*'([A-Z]+) ([^']+)'/g)].map((m) => shape(m[1]!, m[2]!)));
const called = [...client.matchAll(/call\('([A-Z]+)', [`']([^`']+)[`']/g)].map((m) => shape(m[1]!, m[2]!));

describe('the mini-program API client', () => {
  it('reads the calls', () => {
    expect(called.length).toBeGreaterThan(80);
  });

  it('calls only routes that serverless.yml serves', () => {
    expect(called.filter((c) => !served.has(c))).toEqual([]);
  });
});
