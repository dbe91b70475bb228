import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrLink, type Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * The whole product as a person uses it: the H5 build in headless Chromium,
 * served by the local front door, the API in serverless-offline, DynamoDB Local.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startE2eStack({ demoTickets: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(page: Page, username: string): Promise<void> {
  await signInStaff(page, stack.webUrl, username);
  // Loaded when the first row shows: both offices have seeded requests.
  await page.locator('.inbox-item').first().waitFor({ timeout: 30_000 });
}

describe('scan to inbox', () => {
  it('files a request from a street QR link and shows it in the receiving office’s inbox only', async () => {
    const resident = await browser.newContext(PHONE);
    const page = await resident.newPage();
    await page.goto(qrLink(stack.webUrl, 'loc-dajuyuan'));
    await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toContain('甘肃大剧院东门公交站');
    const landing = await page.locator('body').innerText();
    expect(landing).toContain('东街第一网格');
    expect(landing).toContain('皋兰路街道综治中心');

    await page.locator('#category-traffic').click();
    await expect.poll(() => page.locator('#deadline-respond').innerText(), { timeout: 15_000 }).toContain('30分钟');
    const description = '149路公交早高峰发车间隔太长，端到端测试';
    await page.locator('#description textarea').fill(description);
    await shot(page, 'resident-form');
    await page.locator('#submit').click();
    const number = (await page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
    expect(number).toMatch(/^\d{13}$/);
    await shot(page, 'resident-submitted');
    await resident.close();

    const handler = await browser.newContext(PHONE);
    const inbox = await handler.newPage();
    await signIn(inbox, 'gll-handler');
    const row = inbox.locator('.inbox-item', { hasText: number });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await shot(inbox, 'handler-inbox');
    await row.click();
    await expect.poll(() => inbox.locator('body').innerText(), { timeout: 15_000 }).toContain(description);
    await shot(inbox, 'handler-ticket');
    await handler.close();

    const other = await browser.newContext(PHONE);
    const otherInbox = await other.newPage();
    await signIn(otherInbox, 'zyl-handler');
    expect(await otherInbox.locator('#inbox-list').innerText()).toContain('张掖路步行街中段');
    expect(await otherInbox.locator('.inbox-item', { hasText: number }).count()).toBe(0);
    await other.close();
  });
});
