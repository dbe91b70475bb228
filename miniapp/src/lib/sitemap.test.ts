import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** WeChat search may index the QR landing page only (miniapp/src/sitemap.json, matched first rule wins). */
const sitemap = JSON.parse(readFileSync(new URL('../sitemap.json', import.meta.url), 'utf8')) as { rules: Array<{ action: string; page: string }> };

function allowed(page: string): boolean {
  const rule = sitemap.rules.find((r) => r.page === page || r.page === '*' || (r.page.endsWith('/*') && page.startsWith(r.page.slice(0, -1))));
  return rule?.action === 'allow';
}

describe('sitemap.json', () => {
  it.each([
    ['pages/report/index', true],
    ['pages/privacy/index', true],
    ['pages/ticket/index', false],
    ['pages/mine/index', false],
    ['pages-staff/ticket/index', false],
    ['pages-supervisor/home/index', false],
    ['pages/some-new-page/index', false],
  ])('%s indexed: %s', (page, indexed) => {
    expect(allowed(page)).toBe(indexed);
  });
});
