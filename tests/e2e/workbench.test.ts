import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { qrLink, type Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot as shotPage, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * The street-office workbench on a phone: the H5 build in headless Chromium at a
 * 390-px viewport, the API in serverless-offline, DynamoDB Local. Every step is a tap
 * on the pages; the backend is read only to check the recorded history.
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

const GLL: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu' };

const shot = (page: Page, name: string) => shotPage(page, `workbench-${name}`);

/** The document never gets wider than the phone, also while a page slides in. */
async function expectNoOverflow(page: Page, what: string): Promise<void> {
  let widest = 0;
  for (let i = 0; i < 25; i++) {
    widest = Math.max(widest, await page.evaluate<number>('document.documentElement.scrollWidth'));
    await page.waitForTimeout(15);
  }
  expect(widest, `${what}: document width`).toBeLessThanOrEqual(390);
}

/** The page on screen (Taro keeps earlier pages of the stack hidden in the DOM). */
const current = (page: Page, selector: string) => page.locator(`.taro_page_stationed:not(.taro_page_shade) ${selector}`).first();

/**
 * A tapped tel: link would hand the number to the phone's dialler; headless Chromium has
 * none and stops taking input after trying. Record the number instead, to check it.
 */
const RECORD_DIALS = `{
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.protocol === 'tel:') { window.__dialled = this.href; return; }
    return click.call(this);
  };
}`;

async function signIn(context: BrowserContext, username: string): Promise<Page> {
  await context.addInitScript(RECORD_DIALS);
  const page = await context.newPage();
  await signInStaff(page, stack.webUrl, username);
  return page;
}

async function expectStatus(page: Page, label: string): Promise<void> {
  await expect.poll(() => current(page, '#ticket-status').innerText(), { timeout: 20_000 }).toBe(label);
}

async function act(page: Page, action: string, fill: (page: Page) => Promise<void> = async () => undefined): Promise<void> {
  await current(page, `#action-${action}`).click();
  await current(page, '#action-form').waitFor();
  await fill(page);
  await current(page, '#action-submit').click();
}

const typeInto = (page: Page, id: string, text: string) => current(page, `#${id} textarea, #${id} input`).fill(text);

async function fileAsResident(page: Page, description: string): Promise<string> {
  await page.goto(qrLink(stack.webUrl, 'loc-dajuyuan'));
  await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toContain('甘肃大剧院东门公交站');
  await page.locator('#category-traffic').click();
  await page.locator('#description textarea').fill(description);
  await page.locator('#phone input').fill('13912345678');
  await page.locator('#submit').click();
  return (await page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
}

describe('the workbench on a phone', () => {
  it('respond → dispatch → the department returns it → re-dispatch → accept → resolve → the resident rates it', async () => {
    const residentCtx = await browser.newContext(PHONE);
    const resident = await residentCtx.newPage();
    const description = '149路公交站台的雨棚漏雨，候车的人都淋湿了（端到端）';
    const id = await fileAsResident(resident, description);
    expect(id).toMatch(/^\d{13}$/);

    // 王芳, 皋兰路街道: her inbox, next deadline first, the new request among them.
    const gllCtx = await browser.newContext(PHONE);
    const gll = await signIn(gllCtx, 'gll-handler');
    const row = gll.locator('.inbox-item', { hasText: id });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await gll.locator('#tab-submitted').innerText()).toMatch(/待响应 \d+/);
    await expectNoOverflow(gll, 'inbox');
    await shot(gll, '1-inbox');
    expect(await gll.locator('#inbox-list').innerText()).not.toContain('13912345678');

    await row.click();
    await expectNoOverflow(gll, 'ticket page sliding in');
    await expect.poll(() => current(gll, '#ticket-description').innerText(), { timeout: 20_000 }).toContain(description);
    expect(await current(gll, '#ticket-phone').innerText()).toBe('139****5678');
    await shot(gll, '2-ticket');

    // One tap: the number is revealed (and recorded), the phone dials, the contact log opens.
    await current(gll, '#call-phone').click();
    await expect.poll(() => current(gll, '#ticket-phone').innerText(), { timeout: 20_000 }).toBe('13912345678');
    expect(await gll.evaluate('window.__dialled')).toBe('tel:13912345678');
    await current(gll, '#via-call.chip--active').waitFor();
    await typeInto(gll, 'action-note', '已电话联系居民，说明将协调修缮');
    await current(gll, '#action-submit').click();
    await expectStatus(gll, '已响应');
    expect(await current(gll, '#ticket-assignee').innerText()).toBe('王芳');
    await shot(gll, '3-responded');

    // 吹哨派单 to the transport bureau.
    await act(gll, 'dispatch', async (p) => {
      await current(p, '#unit-dept-jiaotong').click();
    });
    await expectStatus(gll, '已派单');
    await expectNoOverflow(gll, 'dispatched');
    await shot(gll, '4-dispatched');

    // 周洁, 区交通运输局: not theirs — 退单 with a reason; it goes back to the street office.
    const jtCtx = await browser.newContext(PHONE);
    const jt = await signIn(jtCtx, 'jiaotong-handler');
    await expect.poll(() => jt.locator('.inbox-item', { hasText: id }).count(), { timeout: 30_000 }).toBe(1);
    await jt.locator('#tab-dispatched').click();
    await jt.locator('.inbox-item', { hasText: id }).click();
    await expect.poll(() => current(jt, '#ticket-id').innerText(), { timeout: 20_000 }).toContain(id);
    expect(await current(jt, '#ticket-phone').innerText()).toBe('139****5678');
    await act(jt, 'return', async (p) => {
      await typeInto(p, 'action-reason', '站台雨棚属住建部门维护，非交通局职责');
    });
    await expectStatus(jt, '已退单');
    await shot(jt, '5-returned');

    // Back in 王芳's inbox under 被退回; she dispatches it again, to 住建.
    await gll.goto(`${stack.webUrl}/pages-staff/inbox/index`);
    await current(gll, '#tab-returned').click();
    await expect.poll(() => current(gll, '#inbox-list').innerText(), { timeout: 20_000 }).toContain(id);
    await shot(gll, '6-inbox-returned');
    await current(gll, `#row-${id}`).click();
    await expect.poll(() => current(gll, '#ticket-id').innerText(), { timeout: 20_000 }).toContain(id);
    await act(gll, 'dispatch', async (p) => {
      await current(p, '#unit-dept-zhujian').click();
    });
    await expectStatus(gll, '已派单');

    // 孙磊, 区住建局: 报到承接, then 办结反馈.
    const zjCtx = await browser.newContext(PHONE);
    const zj = await signIn(zjCtx, 'zhujian-handler');
    await expect.poll(() => zj.locator('.inbox-item', { hasText: id }).count(), { timeout: 30_000 }).toBe(1);
    await zj.locator('.inbox-item', { hasText: id }).click();
    await expect.poll(() => current(zj, '#ticket-id').innerText(), { timeout: 20_000 }).toContain(id);
    await act(zj, 'accept');
    await expectStatus(zj, '办理中');
    await act(zj, 'resolve', async (p) => {
      await typeInto(p, 'action-feedback', '已更换站台雨棚顶板，不再漏雨');
    });
    await expectStatus(zj, '已办结');
    await expectNoOverflow(zj, 'resolved');
    await shot(zj, '7-resolved');

    // The resident sees the feedback and rates it.
    await resident.goto(`${stack.webUrl}/pages/ticket/index?id=${id}`);
    await expect.poll(() => resident.locator('body').innerText(), { timeout: 30_000 }).toContain('已更换站台雨棚顶板');
    await resident.locator('#rate-satisfied').click();
    await resident.locator('#rate-submit').click();
    await expect.poll(() => resident.locator('#ticket-status').innerText(), { timeout: 20_000 }).toBe('已评价');
    await shot(resident, '8-rated');

    const detail = await stack.service.ticketDetail(GLL, id);
    expect(detail.events.map((e) => e.type)).toEqual(['submitted', 'phone_viewed', 'responded', 'dispatched', 'returned', 'dispatched', 'accepted', 'resolved', 'rated']);
    expect(detail.clocks.map((c) => c.state)).toEqual(['met', 'met', 'met', 'met']);
    expect(detail.rating).toBe('satisfied');
    for (const ctx of [residentCtx, gllCtx, jtCtx, zjCtx]) await ctx.close();
  });

  it('the demo handler takes a request from the inbox to closure alone: contact, resolve, return visit', async () => {
    const { ticket } = await stack.service.createTicket(
      { id: 'dev-e2e-elder', role: 'resident' },
      { clientToken: `e2e-close-${Date.now()}`, locationId: 'loc-xijie-xiaoqu', categoryCode: 'property', description: '小区南门路灯不亮，晚上出行不便（端到端）', phone: '0931-8881234' },
    );
    const ctx = await browser.newContext(PHONE);
    const page = await signIn(ctx, 'gll-handler');
    await expect.poll(() => page.locator('.inbox-item', { hasText: ticket.id }).count(), { timeout: 30_000 }).toBe(1);
    await page.locator('.inbox-item', { hasText: ticket.id }).click();
    await expect.poll(() => current(page, '#ticket-id').innerText(), { timeout: 20_000 }).toContain(ticket.id);

    await current(page, '#call-phone').click();
    await expect.poll(() => current(page, '#ticket-phone').innerText(), { timeout: 20_000 }).toBe('0931-8881234');
    expect(await page.evaluate('window.__dialled')).toBe('tel:09318881234');
    await current(page, '#action-submit').click();
    await expectStatus(page, '已响应');
    await act(page, 'resolve', async (p) => {
      await typeInto(p, 'action-feedback', '已联系物业更换路灯灯泡，当晚恢复照明');
    });
    await expectStatus(page, '已办结');
    await act(page, 'follow_up', async (p) => {
      await current(p, '#result-satisfied').click();
      await typeInto(p, 'action-note', '电话回访，居民表示满意');
    });
    await expectStatus(page, '已回访');
    await expect.poll(() => current(page, '#ticket-followup').innerText()).toContain('满意');
    const clocks = await current(page, '#clocks').innerText();
    expect(clocks.match(/已按时完成/g)).toHaveLength(4);
    const timeline = await current(page, '#timeline').innerText();
    for (const step of ['提交诉求', '查看完整电话', '响应联系', '办结反馈', '回访']) expect(timeline).toContain(step);
    await expectNoOverflow(page, 'closed');
    await shot(page, '9-closed-by-handler');

    const detail = await stack.service.ticketDetail(GLL, ticket.id);
    expect(detail.events.map((e) => e.type)).toEqual(['submitted', 'phone_viewed', 'responded', 'resolved', 'followed_up']);
    expect(detail).toMatchObject({ status: 'closed', followUpResult: 'satisfied' });
    expect(detail.rating).toBeUndefined();
    await ctx.close();
  });

  it('the operator desk enters a 12345 call for a grid, and it lands in that street office’s inbox', async () => {
    const ctx = await browser.newContext(PHONE);
    const desk = await signIn(ctx, 'desk-operator');
    await current(desk, '#desk-channels').waitFor({ timeout: 30_000 });
    await current(desk, '#channel-hotline_12345').click();
    await current(desk, '#street-zhangyelu').click();
    await current(desk, '#grid-zyl-jinta-g1').click();
    await current(desk, '#desk-places').waitFor();
    await typeInto(desk, 'desk-place', '金塔巷菜市场东口');
    await current(desk, '#desk-category-market').click();
    await typeInto(desk, 'desk-description', '市场东口摊贩占道经营，行人无法通行（12345来电）');
    await typeInto(desk, 'desk-phone', '13700001111');
    await expectNoOverflow(desk, 'desk');
    await shot(desk, '10-desk');
    await current(desk, '#desk-submit').click();
    const number = (await current(desk, '#desk-number').innerText({ timeout: 20_000 })).trim();
    expect(number).toMatch(/^\d{13}$/);
    await shot(desk, '11-desk-done');

    const zylCtx = await browser.newContext(PHONE);
    const zyl = await signIn(zylCtx, 'zyl-handler');
    await expect.poll(() => zyl.locator(`#row-${number}`).count(), { timeout: 30_000 }).toBe(1);
    expect(await zyl.locator(`#row-${number}`).innerText()).toContain('12345热线');
    const detail = await stack.service.ticketDetail({ id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu' }, number);
    expect(detail).toMatchObject({ channel: 'hotline_12345', currentUnitId: 'zhangyelu', locationName: '金塔巷菜市场东口', phone: '137****1111' });
    await ctx.close();
    await zylCtx.close();
  });

  it('a grid worker handles a small matter on the spot: closed at once with all four clocks met', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await signIn(ctx, 'gll-grid');
    await current(page, '#go-desk').click();
    await current(page, '#place-loc-dajuyuan').click({ timeout: 30_000 });
    await current(page, '#desk-category-sanitation').click();
    await typeInto(page, 'desk-description', '公交站旁共享单车倒在盲道上（端到端）');
    await current(page, '#desk-onspot').click();
    await typeInto(page, 'desk-feedback', '已现场扶正单车并挪出盲道');
    await shot(page, '12-grid-onspot');
    await current(page, '#desk-submit').click();
    const number = (await current(page, '#desk-number').innerText({ timeout: 20_000 })).trim();
    expect(await current(page, '#desk-done').innerText()).toContain('已现场办结');
    const detail = await stack.service.ticketDetail(GLL, number);
    expect(detail).toMatchObject({ status: 'closed', channel: 'grid', followUpResult: 'satisfied' });
    expect(detail.clocks.map((c) => c.state)).toEqual(['met', 'met', 'met', 'met']);
    expect(detail.events.map((e) => e.type)).toEqual(['submitted', 'responded', 'resolved', 'followed_up']);
    await ctx.close();
  });
});
