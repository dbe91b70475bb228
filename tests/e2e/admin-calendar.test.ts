import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarAlert } from '../../functions/src/admin/calendar-alerts.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { AdminStore } from '../../functions/src/store/admin.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { LOCAL_SECRET, qrLink, type Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot as shotPage, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * The county admin on a phone (H5 in headless Chromium, API in serverless-offline,
 * DynamoDB Local): the admin home warns that 2027 is not loaded; the admin changes a
 * category's policy (a new request gets the new deadlines, an old one keeps its own),
 * loads the 2027 calendar from a file's text, and the deadlines of a request received on
 * 2026-12-28 change from 预计 to exact on the resident's page. The bundled chinese-days
 * (1.5.7, the newest published) ends with 2026, so 2027 is the year not covered.
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

const shot = (page: Page, name: string) => shotPage(page, `admin-${name}`);
/** The page on screen (Taro keeps earlier pages of the stack hidden in the DOM). */
const current = (page: Page, selector: string) => page.locator(`.taro_page_stationed:not(.taro_page_shade) ${selector}`).first();
const text = (page: Page, selector: string) => current(page, selector).innerText();

/** The resident identity the page created (Taro keeps storage as {"data": …} in localStorage). */
async function residentIdOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const raw = JSON.parse((globalThis as any).localStorage.getItem('mashang.resident') ?? '{}') as { data?: unknown };
    const session = typeof raw.data === 'string' ? (JSON.parse(raw.data) as { actor: { id: string } }) : (raw.data as { actor: { id: string } });
    return session.actor.id;
  });
}

async function fileOnQr(page: Page, description: string): Promise<{ number: string; resolvePromise: string }> {
  await page.goto(qrLink(stack.webUrl, 'loc-dajuyuan'));
  await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toContain('甘肃大剧院');
  await page.locator('#category-traffic').click();
  await expect.poll(() => page.locator('#deadline-resolve').count(), { timeout: 15_000 }).toBe(1);
  const resolvePromise = await page.locator('#deadline-resolve').innerText();
  await page.locator('#description textarea').fill(description);
  await page.locator('#submit').click();
  const number = (await page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
  return { number, resolvePromise };
}

async function resolveClockText(page: Page, number: string): Promise<string> {
  await page.goto(`${stack.webUrl}/pages/ticket/index?id=${number}`);
  await expect.poll(() => page.locator('#clock-resolve').count(), { timeout: 20_000 }).toBe(1);
  // The deadline line only (the countdown next to it moves with the clock).
  return page.locator('#clock-resolve .clock__due').innerText();
}

/** 2027's arrangement as the admin pastes it (CSV: date, 休/班, name). Test data for the flow. */
const CSV_2027 = [
  '日期,类型,名称',
  '2027-01-01,休,元旦',
  '2027-01-02,休,元旦',
  '2027-01-03,休,元旦',
  ...['06', '07', '08', '09', '10', '11', '12'].map((d) => `2027-02-${d},休,春节`),
  '2027-02-20,班,春节',
].join('\n');

describe('a county admin prepares 2027', () => {
  it('policy change for new requests only, 2027 loaded, and 预计 deadlines become exact', async () => {
    // --- A resident files a request now (2026-11-30, policy: 5 working days to resolve).
    const resident = await browser.newContext(PHONE);
    const rp = await resident.newPage();
    const old = await fileOnQr(rp, '公交站牌被撞歪了，请尽快扶正');
    expect(old.resolvePromise).toContain('5个工作日内办结反馈');
    const oldClock = await resolveClockText(rp, old.number);

    // --- The same resident's request received Mon 2026-12-28 10:00 (seeded at that instant): due in 2027, not loaded.
    const db = createDocClient({ tableName: stack.tableName, endpoint: stack.dynamoEndpoint });
    const december = new MashangService({
      tickets: new TicketStore(db, stack.tableName),
      org: new OrgStore(db, stack.tableName),
      tokens: new TokenService(LOCAL_SECRET),
      now: () => Date.parse('2026-12-28T02:00:00.000Z'),
      calendarAlert: calendarAlert(new AdminStore(db, stack.tableName)),
    });
    const dec = await december.createTicket(
      { id: await residentIdOf(rp), role: 'resident' },
      { clientToken: 'e2e-admin-december-0001', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '年底公交站台照明坏了' },
    );
    const decBefore = await resolveClockText(rp, dec.ticket.id);
    // Monday–Friday fallback: Dec 29, 30, 31, Jan 1 (!), Jan 4.
    expect(decBefore).toContain('预计期限');
    expect(decBefore).toContain('2027-01-04 24:00');
    await shot(rp, 'resident-provisional');

    // --- The admin signs in from the staff sign-in and lands on the admin home, which warns about 2027.
    const adminCtx = await browser.newContext(PHONE);
    const ap = await adminCtx.newPage();
    await signInStaff(ap, stack.webUrl, 'county-admin');
    await expect.poll(() => ap.url(), { timeout: 20_000 }).toContain('/pages-admin/home/index');
    await expect.poll(() => text(ap, '#calendar-warning').catch(() => ''), { timeout: 20_000 }).toContain('2027 年的节假日安排尚未加载');
    expect(await text(ap, '#provisional-2027')).toContain('已有 1 件诉求');
    for (const name of ['calendar', 'categories', 'units', 'staff', 'locations', 'posters', 'mediators', 'risk-rules', 'risk-tasks', 'audit']) {
      expect(await current(ap, `#link-${name}`).count(), name).toBe(1);
    }
    await shot(ap, 'home-warning');

    // --- Categories: 道路交通 resolves in 3 working days from now on.
    await current(ap, '#link-categories').click();
    await expect.poll(() => text(ap, '#policy-traffic').catch(() => ''), { timeout: 20_000 }).toContain('办结5个工作日');
    await current(ap, '#edit-traffic').click();
    await current(ap, '#cat-resolveWorkingDays input').fill('3');
    await current(ap, '#cat-save').click();
    await expect.poll(() => text(ap, '#policy-traffic'), { timeout: 20_000 }).toContain('办结3个工作日');
    await shot(ap, 'categories');

    // A new request gets the new deadlines (the promise before submitting too; reference data is cached ≤ 2 s locally) …
    await expect
      .poll(
        async () => {
          await rp.goto(qrLink(stack.webUrl, 'loc-dajuyuan'));
          await rp.locator('#category-traffic').click({ timeout: 30_000 });
          return rp.locator('#deadline-resolve').innerText({ timeout: 15_000 });
        },
        { timeout: 40_000, interval: 1000 },
      )
      .toContain('3个工作日内办结反馈');
    const fresh = await fileOnQr(rp, '站台广告牌松动有安全隐患');
    expect(fresh.resolvePromise).toContain('3个工作日内办结反馈');
    // … and the old one keeps its own.
    expect(await resolveClockText(rp, old.number)).toBe(oldClock);

    // --- Calendar: 2027 is not loaded; the admin loads it from the file's text.
    await ap.goto(`${stack.webUrl}/pages-admin/calendar/index`);
    await expect.poll(() => text(ap, '#year-title').catch(() => ''), { timeout: 20_000 }).toContain('2027');
    await expect.poll(() => text(ap, '#year-status')).toContain('未加载');
    await current(ap, '#load-text textarea').fill(CSV_2027);
    await current(ap, '#load-source input').fill('国务院办公厅关于2027年部分节假日安排的通知（示例）');
    await current(ap, '#load-submit').click();
    await expect.poll(() => text(ap, '#year-status'), { timeout: 30_000 }).toContain('已加载（管理员导入）');
    // The re-derivation runs in slices until done (two passes: one after every cache expired).
    await expect.poll(() => text(ap, '#job-status').catch(() => ''), { timeout: 60_000 }).toContain('已完成');
    expect(await current(ap, '#day-2027-01-01').getAttribute('data-working')).toBe('0');
    expect(await current(ap, '#day-2027-02-20').getAttribute('data-working')).toBe('1');
    await shot(ap, 'calendar-2027');

    // --- The December request's deadlines are now exact: Dec 29, 30, 31, Jan 4, Jan 5 (元旦 is a holiday).
    const decAfter = await resolveClockText(rp, dec.ticket.id);
    expect(decAfter).not.toContain('预计');
    expect(decAfter).toContain('2027-01-05 24:00');
    await shot(rp, 'resident-exact');

    // --- The admin home no longer warns, and the audit page lists both changes.
    await ap.goto(`${stack.webUrl}/pages-admin/home/index`);
    await expect.poll(() => text(ap, '#health-calendar').catch(() => ''), { timeout: 20_000 }).toContain('2027 年已加载');
    expect(await current(ap, '#calendar-warning').count()).toBe(0);
    await ap.goto(`${stack.webUrl}/pages-admin/audit/index`);
    await expect.poll(() => text(ap, '#audit-list').catch(() => ''), { timeout: 20_000 }).toContain('加载全年节假日安排：calendar:2027');
    expect(await text(ap, '#audit-list')).toContain('修改诉求类别：category:traffic');
    await shot(ap, 'audit');
    await resident.close();
    await adminCtx.close();
  });
});
