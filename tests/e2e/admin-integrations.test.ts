import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * The county admin connects the 12345 platform without code, on a phone (H5 in headless
 * Chromium, API in serverless-offline, DynamoDB Local): issues an integration key on the
 * admin page, sees it once, the platform's call through Open311 with it succeeds, the
 * list shows only the key's last four characters, and after 停用 the next call is refused.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const current = (page: Page, selector: string) => page.locator(`.taro_page_stationed:not(.taro_page_shade) ${selector}`).first();
const services = (apiKey: string) => fetch(`${stack.apiUrl}/open311/v2/requests.json?api_key=${encodeURIComponent(apiKey)}`);

it('issues a key shown once, the other system calls with it, and 停用 refuses its next call', async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signInStaff(page, stack.webUrl, 'county-admin');
  await current(page, '#link-integrations').click();
  await expect.poll(() => current(page, '.admin-integrations').innerText(), { timeout: 20_000 }).toContain('还没有签发密钥');

  // A bad identifier is refused in the form, and nothing is issued.
  await current(page, '#key-system input').fill('12345 热线');
  await current(page, '#key-name input').fill('12345 政务服务便民热线');
  await current(page, '#key-issue').click();
  await expect.poll(() => current(page, '.admin-integrations').innerText(), { timeout: 20_000 }).toContain('系统标识为2–40位小写字母、数字或连字符');
  expect(await current(page, '#issued-key').count()).toBe(0);

  await current(page, '#key-system input').fill('hotline-12345');
  await current(page, '#key-issue').click();
  await expect.poll(() => current(page, '#issued-key-value').count(), { timeout: 20_000 }).toBe(1);
  const apiKey = (await current(page, '#issued-key-value').innerText()).trim();
  expect(apiKey).toMatch(/^msk_[A-Za-z0-9_-]{40,}$/);
  await expect.poll(() => current(page, '.admin-integrations').innerText()).toContain(`尾号 ${apiKey.slice(-4)}`);
  await shot(page, 'admin-integrations');

  expect((await services(apiKey)).status).toBe(200);

  // Closed, the key is gone from the page for good: the list never carries it.
  await current(page, '.link').filter({ hasText: '我已保存，关闭' }).click();
  expect(await page.locator('body').innerText()).not.toContain(apiKey);

  await current(page, '.tree__row .link').filter({ hasText: '停用' }).click();
  await page.locator('.taro-model__confirm').click();
  await expect.poll(() => current(page, '.admin-integrations').innerText(), { timeout: 20_000 }).toContain('已停用');
  expect((await services(apiKey)).status).toBe(401);
  await context.close();
});
