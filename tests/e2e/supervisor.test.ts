import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot, signInStaff, WIDE } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * The supervisors' pages as a 督办 uses them: the H5 build in headless
 * Chromium over the real stack (serverless-offline, DynamoDB Local) with the
 * demo requests, some received long ago so their time limits are breached.
 * Screenshots at a phone viewport and at 1440×900 go to .artifacts/.
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startE2eStack({ demoTickets: true });
  // The offline sweeper runs once a minute: record the demo breaches now instead of waiting.
  await stack.service.sweep();
  // 张掖路街道 answers its newest request in time, so the two offices do not tie on the red/black list.
  const zyl = { id: 'zyl-handler', role: 'handler' as const, unitId: 'zhangyelu' };
  const inbox = await zylInbox();
  const fresh = inbox.items.find((t) => t.locationName === '金塔巷菜市场');
  if (!fresh) throw new Error('demo request at 金塔巷菜市场 not found');
  await stack.service.command(zyl, fresh.id, { type: 'respond', via: 'call' });
  browser = await launchBrowser();
});

/** 张掖路街道's inbox as its handler reads it: signed in and listed through the API. */
async function zylInbox(): Promise<{ items: Array<{ id: string; locationName: string }> }> {
  const post = await fetch(`${stack.apiUrl}/api/auth/staff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zyl-handler', password: DEMO_PASSWORD }) });
  const { token } = (await post.json()) as { token: string };
  const res = await fetch(`${stack.apiUrl}/api/staff/inbox?limit=50`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/staff/inbox: ${res.status}`);
  return (await res.json()) as { items: Array<{ id: string; locationName: string }> };
}

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});



const signIn = (page: Page, username: string) => signInStaff(page, stack.webUrl, username);

/** The report's 受理数 once the home page has loaded it. */
async function receivedFigure(page: Page): Promise<number> {
  const value = page.locator('#figure-received .sv-figure__value');
  await value.waitFor({ timeout: 30_000 });
  return Number((await value.innerText()).trim());
}

/** Clicks an export button and returns the first bytes of the file the browser saved. */
async function exportedBytes(page: Page, button: string): Promise<{ head: string; name: string; size: number }> {
  const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator(button).click()])) as [Download, unknown];
  const path = await download.path();
  const bytes = readFileSync(path);
  return { head: bytes.subarray(0, 2).toString('latin1'), name: download.suggestedFilename(), size: bytes.length };
}

/** Waits until the CJK web font has been used, so screenshots show the Chinese text. */
async function settle(page: Page): Promise<void> {
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.waitForTimeout(300);
}

describe('supervisor reports', () => {
  it('shows the month report, the breaches, urging, the red/black list and the Excel exports on a phone', async () => {
    const context: BrowserContext = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, 'county-supervisor');

    // A supervisor lands on their reports, not on the inbox.
    await page.waitForURL(/pages-supervisor\/home\/index/, { timeout: 30_000 });
    await expect.poll(() => receivedFigure(page), { timeout: 30_000 }).toBeGreaterThan(0);
    const received = await receivedFigure(page);
    expect(await page.locator('#sv-unit').innerText()).toContain('城关区');
    expect(await page.locator('#sv-rates').innerText()).toContain('响应率 = 按时响应数 ÷ 响应时限已到或已响应数');
    await expect.poll(async () => Number.parseInt(await page.locator('#sv-open-breaches').innerText(), 10), { timeout: 15_000 }).toBeGreaterThan(0);
    const byUnit = await page.locator('#sv-by-unit').innerText();
    expect(byUnit).toContain('皋兰路街道');
    expect(byUnit).toContain('张掖路街道');
    // The phone shows the plain-View bars, never echarts.
    expect(await page.locator('#chart-trend-bars').count()).toBe(1);
    expect(await page.locator('canvas').count()).toBe(0);
    // Hotspots and risk warnings of the demo county (several residents about bus 149; "已报警").
    await expect.poll(() => page.locator('#sv-hotspots .sv-hotspot').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('#sv-hotspots').innerText()).toContain('149');
    await expect.poll(() => page.locator('#sv-risks .sv-risk').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await settle(page);
    await shot(page, 'supervisor-home-phone');

    // Every figure opens the requests behind it, and a request opens its full record.
    await page.locator('#figure-received').click();
    await page.waitForURL(/pages-supervisor\/list\/index/, { timeout: 15_000 });
    const rows = page.locator('.sv-list-item');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await page.locator('#list-title').innerText()).toContain('城关区 · 受理数');
    // The county's total sums its offices' rows: the list gathers all of them.
    expect(await page.locator('#list-count').innerText()).toBe(`共 ${received} 件`);
    expect(await rows.count()).toBe(received);
    await settle(page);
    await shot(page, 'supervisor-drilldown-phone');
    await page.goBack();
    await page.waitForURL(/pages-supervisor\/home\/index/, { timeout: 15_000 });

    // The breach list: oldest breach first, responsible unit and breached clocks named.
    await page.locator('#sv-breach-card').click();
    await page.waitForURL(/pages-supervisor\/breaches\/index/, { timeout: 15_000 });
    const breaches = page.locator('.sv-breach');
    await breaches.first().waitFor({ timeout: 30_000 });
    const first = await breaches.first().innerText();
    expect(first).toMatch(/(响应|分类|办结|回访)超时/);
    expect(first).toMatch(/皋兰路街道|张掖路街道/);
    // Received 9 days ago: overdue the longest, although the sweeper recorded every breach at once.
    expect(first).toContain('步行街夜间商铺音响声音太大');
    expect(first).toMatch(/已超时\s*[89] 天/);
    await settle(page);
    await shot(page, 'supervisor-breaches-phone');

    // Urge that request; the note lands in its history.
    const firstId = ((await breaches.first().getAttribute('id')) ?? '').replace(/^breach-/, '');
    expect(firstId).not.toBe('');
    await page.locator(`#urge-${firstId}`).click();
    const note = '请今天内联系群众并反馈进展（端到端测试）';
    await page.locator('#urge-note textarea').fill(note);
    await page.locator('#urge-submit').click();
    await expect.poll(() => page.locator('#urge-form').count(), { timeout: 15_000 }).toBe(0);
    await page.locator(`#open-${firstId}`).click();
    await page.waitForURL(/pages-staff\/ticket\/index/, { timeout: 15_000 });
    await expect.poll(() => page.locator('#timeline').innerText(), { timeout: 30_000 }).toContain(note);
    await page.goBack();
    await page.waitForURL(/pages-supervisor\/breaches\/index/, { timeout: 15_000 });
    await breaches.first().waitFor({ timeout: 30_000 });

    // The breach list as Excel.
    const breachFile = await exportedBytes(page, '#export-breaches');
    expect(breachFile.head).toBe('PK');
    expect(breachFile.name).toBe('超时诉求.xlsx');

    // The red/black list with its published formula, and its export.
    await page.locator('#tab-ranking:visible').click();
    await page.waitForURL(/pages-supervisor\/ranking\/index/, { timeout: 15_000 });
    await expect.poll(() => page.locator('#ranking-formula-text').innerText(), { timeout: 30_000 }).toContain('10% × 响应率 + 50% × 解决率 + 40% × 满意率');
    // The demo offices have only a handful of requests: ranked if they reach the minimum, otherwise listed as not ranked.
    const offices = page.locator('#ranking-offices');
    const shown = async () => (await offices.innerText()) + ((await page.locator('#ranking-unranked').count()) ? await page.locator('#ranking-unranked').innerText() : '');
    await expect.poll(shown, { timeout: 15_000 }).toContain('皋兰路街道');
    await settle(page);
    await shot(page, 'supervisor-ranking-phone');
    const rankingFile = await exportedBytes(page, '#export-ranking');
    expect(rankingFile.head).toBe('PK');
    expect(rankingFile.name).toMatch(/^红黑榜_\d{4}-\d{2}\.xlsx$/);
    expect(rankingFile.size).toBeGreaterThan(1000);
    await context.close();
  });

  it('uses two columns and echarts on a 1440×900 screen, and exports the month report', async () => {
    const context = await browser.newContext(WIDE);
    const page = await context.newPage();
    await signIn(page, 'county-supervisor');
    await page.waitForURL(/pages-supervisor\/home\/index/, { timeout: 30_000 });
    await expect.poll(() => receivedFigure(page), { timeout: 30_000 }).toBeGreaterThan(0);

    // Two columns side by side.
    const left = await page.locator('.sv-col--left').boundingBox();
    const right = await page.locator('.sv-col--right').boundingBox();
    expect(left && right && right.x > left.x + left.width - 1).toBe(true);
    expect(left && right && Math.abs(right.y - left.y) < 2).toBe(true);

    // The charts are echarts canvases (loaded on demand on the wide screen only).
    await page.locator('#chart-trend canvas').waitFor({ timeout: 30_000 });
    await page.locator('#chart-units canvas').waitFor({ timeout: 30_000 });
    await settle(page);
    await page.waitForTimeout(500);
    await shot(page, 'supervisor-home-wide');

    const report = await exportedBytes(page, '#export-sla');
    expect(report.head).toBe('PK');
    expect(report.name).toMatch(/^时限报表_城关区_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);

    // A unit below the supervisor's own, and a custom period.
    await page.locator('#sv-unit-toggle').click();
    await page.locator('#unit-gaolanlu').click();
    await expect.poll(() => page.locator('#sv-totals').innerText(), { timeout: 30_000 }).toContain('皋兰路街道 · 总体情况');
    await page.locator('#period-custom').click();
    await page.locator('#custom-from input').fill('2026-02-30');
    await page.locator('#custom-apply').click();
    expect(await page.locator('#custom-from-error').innerText()).toContain('YYYY-MM-DD');
    const to = (await page.locator('#custom-to input').inputValue()).trim();
    await page.locator('#custom-from input').fill(to);
    await page.locator('#custom-apply').click();
    await expect.poll(() => page.locator('#sv-range').innerText(), { timeout: 15_000 }).toBe(to);
    await page.locator('#figure-received .sv-figure__value').waitFor({ timeout: 30_000 });

    await page.locator('#tab-ranking:visible').click();
    await expect.poll(() => page.locator('#ranking-formula-text').innerText(), { timeout: 30_000 }).toContain('综合得分');
    await page.locator('#ranking-offices').waitFor({ timeout: 15_000 });
    await settle(page);
    await shot(page, 'supervisor-ranking-wide');

    await page.locator('#tab-breaches:visible').click();
    await page.locator('.sv-breach').first().waitFor({ timeout: 30_000 });
    await settle(page);
    await shot(page, 'supervisor-breaches-wide');
    await context.close();
  });

  it('keeps the reports from staff who are not supervisors', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, 'gll-handler');
    await page.waitForURL(/pages-staff\/inbox\/index/, { timeout: 30_000 });
    await page.goto(`${stack.webUrl}/pages-supervisor/home/index`);
    await expect.poll(() => page.locator('#not-supervisor').count(), { timeout: 15_000 }).toBe(1);
    await context.close();
  });
});
