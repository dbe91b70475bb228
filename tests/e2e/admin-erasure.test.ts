import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrLink, type Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot as shotPage, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * Issue 16, personal-data erasure by the county admin (pages-admin/erasure), in headless
 * Chromium at a phone size against the H5 build, serverless-offline and DynamoDB Local: a
 * resident files a request with their phone, name and a number in the text; the resident asks
 * the county to erase it; the admin finds the request by the resident's phone and by its number, reads what goes and what
 * stays, gives a reason, confirms twice and reads the result. The handler's detail of the
 * request then shows no phone, no name and no number, and the request is still there, in the
 * same status; the audit page lists the erasure; a second erasure changes nothing.
 */
let stack: Stack;
let browser: Browser;

const PHONE_NO = '13893117777';
const NAME = '王阿姨';

const shot = (page: Page, name: string) => shotPage(page, `admin-erasure-${name}`);
/** The page on screen (Taro keeps earlier pages of the stack hidden in the DOM). */
const current = (page: Page, selector: string) => page.locator(`.taro_page_stationed:not(.taro_page_shade) ${selector}`).first();
const textOf = (page: Page, selector: string) => current(page, selector).innerText();
const fill = (page: Page, id: string, value: string) => current(page, `#${id} textarea, #${id} input`).fill(value);

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function staffPage(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signInStaff(page, stack.webUrl, username);
  await expect.poll(() => page.evaluate(() => (globalThis as any).localStorage.getItem('mashang.staff') !== null), { timeout: 30_000 }).toBe(true);
  return { context, page };
}

async function openAsStaff(page: Page, id: string): Promise<void> {
  await page.goto(`${stack.webUrl}/pages-staff/ticket/index?id=${id}`);
  await expect.poll(() => textOf(page, '#ticket-id').catch(() => ''), { timeout: 30_000 }).toContain(id);
}

describe('a county admin erases a resident’s personal data from one request', () => {
  it('finds it by number, shows what goes and what stays, confirms twice; the request stays without phone or name', async () => {
    // --- A resident files at a QR code, leaving a phone, a name and the number again in the text.
    const resident = await browser.newContext(PHONE);
    const rp = await resident.newPage();
    await rp.goto(qrLink(stack.webUrl, 'loc-dajuyuan'));
    await expect.poll(() => rp.locator('body').innerText(), { timeout: 30_000 }).toContain('甘肃大剧院');
    await rp.locator('#category-traffic').click();
    await rp.locator('#description textarea').fill(`剧院门口人行道地砖松动（端到端·删除），有事打${PHONE_NO}`);
    await rp.locator('#phone input').fill(PHONE_NO);
    await rp.locator('#contact-name input').fill(NAME);
    await rp.locator('#submit').click();
    const id = (await rp.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
    expect(id).toMatch(/^\d{13}$/);

    // --- The handler sees the name and the masked phone.
    const gll = await staffPage('gll-handler');
    await openAsStaff(gll.page, id);
    expect(await textOf(gll.page, '#ticket-contact')).toBe(NAME);
    expect(await textOf(gll.page, '#ticket-phone')).toBe('138****7777');
    const statusBefore = await textOf(gll.page, '#ticket-status');

    // --- The admin opens 删除居民个人信息 from the admin home.
    const admin = await staffPage('county-admin');
    const ap = admin.page;
    await expect.poll(() => ap.url(), { timeout: 20_000 }).toContain('/pages-admin/home/index');
    await current(ap, '#link-erasure').click();
    await current(ap, '#erase-number').waitFor({ timeout: 20_000 });

    // Neither a number nor a whole phone, then a number nobody filed: clear words, nothing shown to erase.
    await fill(ap, 'erase-number', '7777');
    await current(ap, '#erase-find').click();
    await expect.poll(() => textOf(ap, '#erase-number-error').catch(() => ''), { timeout: 10_000 }).toContain('请输入13位诉求编号，或完整的电话号码');
    await fill(ap, 'erase-number', '2601010000001');
    await current(ap, '#erase-find').click();
    await expect.poll(() => textOf(ap, '#erase-error').catch(() => ''), { timeout: 20_000 }).toContain('未找到该诉求');
    expect(await current(ap, '#erase-plan').count()).toBe(0);

    // The resident's whole phone lists their requests (no number in the list); one tap opens it.
    await fill(ap, 'erase-number', PHONE_NO);
    await current(ap, '#erase-find').click();
    await expect.poll(() => current(ap, `#erase-found-${id}`).count(), { timeout: 20_000 }).toBe(1);
    expect(await textOf(ap, '#erase-found')).not.toContain(PHONE_NO);
    await current(ap, `#erase-found-${id}`).click();
    await expect.poll(() => textOf(ap, '#erase-item-phone').catch(() => ''), { timeout: 20_000 }).toContain('138****7777');

    // By its number too: what goes, what stays.
    await fill(ap, 'erase-number', ` ${id.slice(0, 6)} ${id.slice(6)} `);
    await current(ap, '#erase-find').click();
    await expect.poll(() => textOf(ap, '#erase-item-phone').catch(() => ''), { timeout: 20_000 }).toContain('138****7777');
    expect(await textOf(ap, '#erase-item-name')).toContain(NAME);
    // The request's text as the admin reads it here: the number in it masked.
    expect(await textOf(ap, '#erase-description')).toContain('有事打138****7777');
    expect(await textOf(ap, '#erase-description')).not.toContain(PHONE_NO);
    expect(await textOf(ap, '#erase-item-numbers')).toContain('1 个');
    expect(await textOf(ap, '#erase-item-identity')).toContain('与居民身份的关联');
    expect(await textOf(ap, '#erase-keep-id')).toContain(id);
    expect(await textOf(ap, '#erase-keep-stats')).toContain('仍计入件数');
    await shot(ap, '1-plan');

    // First confirmation needs a reason.
    await current(ap, '#erase-ask').click();
    await expect.poll(() => textOf(ap, '#erase-reason-error').catch(() => ''), { timeout: 10_000 }).toContain('请填写删除原因');
    expect(await current(ap, '#erase-confirm').count()).toBe(0);
    await fill(ap, 'erase-reason', '居民本人来电要求删除个人信息');
    await current(ap, '#erase-ask').click();
    await current(ap, '#erase-confirm').waitFor({ timeout: 10_000 });

    // Second confirmation: the number typed again; another number keeps the button off.
    // Taro's button is a Stencil element that reflects `disabled` to the attribute on its own render,
    // a moment after the card appears: wait for it rather than read it once.
    const submit = current(ap, '#erase-submit');
    await expect.poll(() => submit.getAttribute('disabled'), { timeout: 10_000 }).not.toBeNull();
    await fill(ap, 'erase-confirm-number', '2601010000001');
    expect(await submit.getAttribute('disabled')).not.toBeNull();
    await fill(ap, 'erase-confirm-number', id);
    await expect.poll(() => submit.getAttribute('disabled'), { timeout: 10_000 }).toBeNull();
    await shot(ap, '2-confirm');
    await submit.click();
    await expect.poll(() => textOf(ap, '#erase-result-text').catch(() => ''), { timeout: 30_000 }).toContain(`已删除诉求 ${id} 中居民的个人信息`);
    await expect.poll(() => textOf(ap, '#erase-after-phone').catch(() => ''), { timeout: 20_000 }).toContain('无');
    expect(await textOf(ap, '#erase-after-name')).toContain('无');
    await shot(ap, '3-result');

    // --- The handler's detail: the request is still there, same status, without the resident's data.
    await openAsStaff(gll.page, id);
    expect(await textOf(gll.page, '#ticket-status')).toBe(statusBefore);
    expect(await textOf(gll.page, '#ticket-contact')).toBe('未留称呼');
    expect(await textOf(gll.page, '#ticket-phone')).toBe('未留电话');
    const page = await current(gll.page, '.page').innerText();
    expect(page).toContain('剧院门口人行道地砖松动');
    expect(page).toContain('[已删除]');
    expect(page).not.toContain(PHONE_NO);
    expect(page).not.toContain('138****7777');
    expect(page).not.toContain(NAME);
    await shot(gll.page, '4-handler-after');

    // --- The resident's phone no longer opens it (the link to their identity is gone).
    await rp.goto(`${stack.webUrl}/pages/ticket/index?id=${id}`);
    await expect.poll(() => rp.locator('body').innerText(), { timeout: 30_000 }).toContain('查不到这条诉求');

    // --- The audit page lists the erasure with its reason, never the number.
    await current(ap, '#erase-audit').click();
    await expect.poll(() => textOf(ap, '#audit-list').catch(() => ''), { timeout: 20_000 }).toContain(`删除居民个人信息：ticket:${id}`);
    const audit = await textOf(ap, '#audit-list');
    expect(audit).toContain('居民本人来电要求删除个人信息');
    expect(audit).not.toContain(PHONE_NO);

    // --- Again: the phone no longer leads to it; by number nothing visible is left, and the second erasure changes nothing.
    await ap.goto(`${stack.webUrl}/pages-admin/erasure/index`);
    await fill(ap, 'erase-number', PHONE_NO);
    await current(ap, '#erase-find').click();
    await current(ap, '#erase-found-none').waitFor({ timeout: 20_000 });
    await fill(ap, 'erase-number', id);
    await current(ap, '#erase-find').click();
    await current(ap, '#erase-nothing-visible').waitFor({ timeout: 20_000 });
    expect(await current(ap, '#erase-item-phone').count()).toBe(0);
    await fill(ap, 'erase-reason', '重复申请');
    await current(ap, '#erase-ask').click();
    await fill(ap, 'erase-confirm-number', id);
    await current(ap, '#erase-submit').click();
    await expect.poll(() => textOf(ap, '#erase-result-text').catch(() => ''), { timeout: 30_000 }).toContain('本次没有改动');

    for (const c of [resident, gll.context, admin.context]) await c.close();
  });
});
