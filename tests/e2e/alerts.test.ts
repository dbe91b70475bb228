import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import type { Stack } from '../../infra/stack.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { launchBrowser, PHONE, shot, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * Staff alerts end to end: the H5 staff inbox in headless Chromium polls its change marker and
 * shows a new request without a reload; the dispatcher running in serverless-offline writes
 * the alert to the on-duty handler's message list.
 */
let stack: Stack;
let browser: Browser;
const resident: Actor = { id: 'dev-e2e-alert-resident', role: 'resident' };

beforeAll(async () => {
  stack = await startE2eStack({ demoTickets: false });
  // 王芳 on duty around the clock, so the test does not depend on the hour it runs at.
  const alerts = new AlertStore(createDocClient({ tableName: stack.tableName, endpoint: stack.dynamoEndpoint }), stack.tableName);
  await alerts.putRoster('gaolanlu', { weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '24:00', staffIds: ['gll-handler'] })), exceptions: [] }, 'e2e', new Date().toISOString());
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('staff alerts', () => {
  it('the open inbox shows a new request within 30 s without a reload, and the message list shows its alert', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    // The request is filed only once the inbox has loaded and the bell's first poll has recorded the
    // change marker: on a busy machine either can take seconds, and a request filed before them is
    // not "new" to the page.
    const ok = (path: string) => (r: { url(): string; status(): number }) => r.url().includes(path) && r.status() === 200;
    const listed = page.waitForResponse(ok('/api/staff/inbox'), { timeout: 60_000 });
    const polled = page.waitForResponse(ok('/api/staff/changes'), { timeout: 60_000 });
    await signInStaff(page, stack.webUrl, 'gll-handler');
    await page.waitForURL(/pages-staff\/inbox\/index/, { timeout: 30_000 });
    await page.locator('#alert-bell').waitFor({ timeout: 30_000 });
    await Promise.all([listed, polled]);
    let navigations = 0;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations++;
    });
    const filed = await stack.service.createTicket(resident, { clientToken: `e2e-alert-${Date.now()}`, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '东岗西路口的垃圾桶被撞倒了，垃圾撒了一地' });
    await expect.poll(() => page.locator('#inbox-list').innerText(), { timeout: 30_000, interval: 1000 }).toContain('垃圾桶被撞倒');
    expect(navigations).toBe(0);
    expect(await page.locator('#inbox-new').innerText()).toContain('新诉求');
    await shot(page, 'alerts-inbox-new');

    // The dispatcher runs every minute in serverless-offline: the alert reaches the bell and the message list.
    await expect.poll(() => page.locator('#alert-unread').count(), { timeout: 120_000, interval: 2000 }).toBeGreaterThan(0);
    await page.locator('#alert-bell').click();
    await page.waitForURL(/pages-staff\/messages\/index/, { timeout: 15_000 });
    const list = page.locator('#messages-list');
    await expect.poll(() => list.innerText(), { timeout: 30_000 }).toContain('【新诉求】');
    expect(await list.innerText()).toContain(filed.ticket.id);
    await shot(page, 'alerts-messages');
    await context.close();
  }, 300_000);
});
