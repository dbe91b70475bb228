import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/stack.ts';
import { ensureH5Build } from '../support/h5-build.ts';

/** The CloudFront response headers policy (infra/hosting.yml) must let the built H5 page run. */
let html: string;
let csp: Map<string, string[]>;

beforeAll(async () => {
  await ensureH5Build();
  html = readFileSync(join(ROOT, 'miniapp/dist/h5/index.html'), 'utf8');
  const yml = readFileSync(join(ROOT, 'infra/hosting.yml'), 'utf8');
  const policy = /ContentSecurityPolicy: "([^"]+)"/.exec(yml)?.[1] ?? '';
  csp = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
});

describe('content security policy of the hosted H5 pages', () => {
  it('allows every inline script of index.html by its hash, and nothing inline otherwise', () => {
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(inline.length).toBeGreaterThan(0);
    for (const hash of inline) expect(csp.get('script-src')).toContain(hash);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('loads every script and stylesheet from the site itself', () => {
    const external = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(external.length).toBeGreaterThan(0);
    for (const url of external) expect(url.startsWith('/') && !url.startsWith('//')).toBe(true);
  });

  it('forbids framing and plugins', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });
});
