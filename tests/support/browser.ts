import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { ROOT } from '../../infra/stack.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, '.artifacts');

/** Headless Debian Chromium, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does this) or set CHROMIUM_PATH.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A 390-px phone in Chinese, with downloads kept for the Excel checks. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', acceptDownloads: true };
/** The wide-screen H5 view. */
export const WIDE = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true };

/**
 * A screenshot of the whole page into `.artifacts/`. Taro's H5 pages scroll inside
 * their own container (max-height 100vh), so `fullPage` alone shows one screen: the
 * viewport is stretched to the page's height for the shot, then restored.
 */
export async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = Number(await page.evaluate(`Math.max(0, ...[...document.querySelectorAll('.taro_page')].filter((e) => e.offsetHeight > 0).map((e) => e.scrollHeight))`));
  if (height > size.height) {
    await page.setViewportSize({ width: size.width, height: Math.min(height, 8000) });
    await page.waitForTimeout(400);
  }
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** Signs a demo staff account in on the staff login page (password of the seed). */
export async function signInStaff(page: Page, webUrl: string, username: string): Promise<void> {
  await page.goto(`${webUrl}/pages-staff/login/index`);
  await page.locator('#login-username input').fill(username);
  await page.locator('#login-password input').fill(DEMO_PASSWORD);
  await page.locator('#login-submit').click();
}
