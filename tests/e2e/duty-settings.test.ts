import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/stack.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { launchBrowser, PHONE, shot, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * Issue 12's pages on a phone (H5 in headless Chromium, API in serverless-offline, DynamoDB
 * Local): the supervisor of 皋兰路街道 opens the duty roster (值班表) from the supervisors'
 * header, adds a holiday exception and saves it; a handler of the unit sees the roster without
 * the form; the 消息 badge with the unread count is on the supervisor and duty pages too; the
 * county admin changes the alert thresholds and the 三率 weights, and the red/black list page
 * publishes the formula with the new weights.
 */
let stack: Stack;
let browser: Browser;
let alerts: AlertStore;

/** The page on screen (Taro keeps earlier pages of the stack hidden in the DOM). */
const current = (page: Page, selector: string) => page.locator(`.taro_page_stationed:not(.taro_page_shade) ${selector}`).first();

beforeAll(async () => {
  stack = await startE2eStack({ demoTickets: false });
  alerts = new AlertStore(createDocClient({ tableName: stack.tableName, endpoint: stack.dynamoEndpoint }), stack.tableName);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the duty roster page', () => {
  it('the supervisor adds a holiday exception and saves; the badge shows unread alerts on every staff page', async () => {
    // Two unread alerts for 李强, as the dispatcher writes them.
    for (const i of [1, 2]) {
      await alerts.putMessage('gll-supervisor', { id: `e2e-duty-${i}`, ticketId: `T-E2E-${i}`, kind: 'red', title: '【红牌】红牌：已超过响应时限', body: '皋兰路街道 · 市容环卫', link: `pages-staff/ticket/index?id=T-E2E-${i}`, createdAt: `2026-11-30T0${i}:00:00.000Z` });
    }
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInStaff(page, stack.webUrl, 'gll-supervisor');
    await page.waitForURL(/pages-supervisor\/home\/index/, { timeout: 30_000 });
    await expect.poll(() => current(page, '#alert-unread').innerText(), { timeout: 30_000 }).toBe('2');

    await current(page, '#sv-duty').click();
    await page.waitForURL(/pages-staff\/duty\/index/, { timeout: 15_000 });
    await expect.poll(() => current(page, '#duty-weekly').innerText(), { timeout: 30_000 }).toContain('周一 08:30–17:30 王芳');
    expect(await current(page, '#duty-weekly').innerText()).toContain('张伟');
    // The badge is on this page too.
    await expect.poll(() => current(page, '#alert-unread').innerText(), { timeout: 30_000 }).toBe('2');

    // A bad time is refused on the page, nothing saved.
    await current(page, '#duty-mode-dated').click();
    await current(page, '#duty-date input').fill('2027-01-01');
    await current(page, '#duty-note input').fill('元旦');
    await current(page, '#duty-from input').fill('9点');
    await current(page, '#duty-to input').fill('21:00');
    await current(page, '#duty-staff-gll-night').click();
    await current(page, '#duty-add').click();
    expect(await current(page, '#duty-form-error').innerText()).toContain('请按 08:30 的格式');
    await current(page, '#duty-from input').fill('09:00');
    await current(page, '#duty-add').click();
    await expect.poll(() => current(page, '#duty-exceptions').innerText()).toContain('2027-01-01（元旦） 09:00–21:00 张伟');
    await shot(page, 'duty-roster-edit');
    await current(page, '#duty-save').click();
    await expect.poll(() => current(page, '#duty-saved').count(), { timeout: 15_000 }).toBe(1);

    const stored = await alerts.duty('gaolanlu');
    expect(stored.roster?.exceptions).toEqual([{ date: '2027-01-01', from: '09:00', to: '21:00', staffIds: ['gll-night'], note: '元旦' }]);
    // The weekly pattern was kept.
    expect(stored.roster?.weekly.length).toBeGreaterThan(0);

    // Removing it and saving again.
    await current(page, '#duty-exception-0-remove').click();
    await current(page, '#duty-save').click();
    await expect.poll(async () => (await alerts.duty('gaolanlu')).roster?.exceptions.length, { timeout: 15_000 }).toBe(0);
    await context.close();
  }, 300_000);

  it('a handler sees the roster and who is on duty, without the form; the inbox links to it', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInStaff(page, stack.webUrl, 'gll-handler');
    await page.waitForURL(/pages-staff\/inbox\/index/, { timeout: 30_000 });
    await current(page, '#go-duty').click();
    await page.waitForURL(/pages-staff\/duty\/index/, { timeout: 15_000 });
    await expect.poll(() => current(page, '#duty-weekly').innerText(), { timeout: 30_000 }).toContain('王芳');
    expect(await current(page, '#duty-now').innerText()).toMatch(/现在值班：|现在无人值班/);
    expect(await current(page, '#duty-form').count()).toBe(0);
    expect(await current(page, '#duty-save').count()).toBe(0);
    await context.close();
  }, 120_000);
});

describe('the alert settings page', () => {
  it('the county admin changes the thresholds and weights; the red/black list publishes the new formula', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signInStaff(page, stack.webUrl, 'county-admin');
    await page.waitForURL(/pages-admin\/home\/index/, { timeout: 30_000 });
    await page.goto(`${stack.webUrl}/pages-admin/alert-settings/index`);
    await expect.poll(() => page.locator('#alert-settings-formula').innerText(), { timeout: 30_000 }).toContain('10% × 响应率 + 50% × 解决率 + 40% × 满意率');
    await expect.poll(() => page.locator('#setting-unrespondedMinutes input').inputValue(), { timeout: 10_000 }).toBe('15');

    // Weights that do not add up to 100 are refused with the reason; nothing is stored.
    await page.locator('#setting-responseWeight input').fill('30');
    await page.locator('#alert-settings-save').click();
    await expect.poll(() => page.locator('#alert-settings-save-error').innerText(), { timeout: 15_000 }).toContain('三项权重之和应为 100');
    expect(await alerts.settings()).toEqual({});

    await page.locator('#setting-resolveWeight input').fill('30');
    await page.locator('#setting-unrespondedMinutes input').fill('10');
    await page.locator('#setting-minRequests input').fill('3');
    await page.locator('#alert-settings-save').click();
    await expect.poll(() => page.locator('#alert-settings-saved').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('#alert-settings-formula').innerText()).toContain('30% × 响应率 + 30% × 解决率 + 40% × 满意率');
    await shot(page, 'alert-settings');
    expect(await alerts.alertPolicy()).toMatchObject({ unrespondedMinutes: 10 });
    expect(await alerts.rankingPolicy()).toMatchObject({ minRequests: 3, responseWeight: 30, resolveWeight: 30 });
    await context.close();

    // The county 督办 reads the formula in force on the red/black list.
    const sv = await browser.newContext(PHONE);
    const svPage = await sv.newPage();
    await signInStaff(svPage, stack.webUrl, 'county-supervisor');
    await svPage.waitForURL(/pages-supervisor\/home\/index/, { timeout: 30_000 });
    await svPage.goto(`${stack.webUrl}/pages-supervisor/ranking/index`);
    await expect.poll(() => svPage.locator('#ranking-formula-text').innerText(), { timeout: 30_000 }).toContain('30% × 响应率 + 30% × 解决率 + 40% × 满意率');
    expect(await svPage.locator('#ranking-formula-text').innerText()).toContain('少于 3 件');
    await sv.close();
  }, 180_000);
});
