import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { qrLink, type Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot as shotPage, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * Issue 13: what a resident and a street office hit on first use, walked in headless
 * Chromium at a phone size against the H5 build, serverless-offline, DynamoDB Local and
 * the S3 stand-in. Each test names the defects it proves fixed.
 */
let stack: Stack;
let browser: Browser;
let photo: Buffer;

const shot = (page: Page, name: string) => shotPage(page, `first-use-${name}`);
const text = (page: Page) => page.locator('body').innerText();
/** The page on screen (Taro keeps earlier pages of the stack hidden in the DOM). */
const current = (page: Page, selector: string) => page.locator(`.taro_page_stationed:not(.taro_page_shade) ${selector}`).first();

async function api(path: string, opts: { token?: string; method?: string; body?: unknown } = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method: opts.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, json: await res.json() };
}
async function ok(path: string, opts: Parameters<typeof api>[1] = {}): Promise<any> {
  const r = await api(path, opts);
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}
const staffToken = async (username: string): Promise<string> => (await ok('/api/auth/staff', { method: 'POST', body: { username, password: DEMO_PASSWORD } })).token;
const command = (token: string, id: string, cmd: unknown) => ok(`/api/tickets/${id}/commands`, { method: 'POST', token, body: { command: cmd } });

/** The page's own resident session token (Taro keeps storage as {"data": …} in localStorage). */
async function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    // Runs in the page (the test's tsconfig has no DOM types, hence `any`).
    const raw = JSON.parse((globalThis as any).localStorage.getItem('mashang.resident') ?? '{}') as { data?: unknown };
    const session = typeof raw.data === 'string' ? (JSON.parse(raw.data) as { token: string }) : (raw.data as { token: string });
    return session.token;
  });
}

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

async function staffPage(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const s = await phone();
  await signInStaff(s.page, stack.webUrl, username);
  return s;
}

/** Files a request from a QR link on the resident's own phone (optionally with a photo); returns its number. */
async function fileAsResident(page: Page, opts: { location: string; place: string; category: string; description: string; phone?: string; withPhoto?: boolean }): Promise<string> {
  await page.goto(qrLink(stack.webUrl, opts.location));
  await expect.poll(() => text(page), { timeout: 30_000 }).toContain(opts.place);
  await page.locator(`#category-${opts.category}`).click();
  await page.locator('#description textarea').fill(opts.description);
  if (opts.withPhoto) {
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#photo-add').click();
    await (await chooser).setFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.locator('#photo-0').getAttribute('class'), { timeout: 30_000 }).toContain('photo--done');
  }
  if (opts.phone) await page.locator('#phone input').fill(opts.phone);
  await page.locator('#submit').click();
  return (await page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
}

async function act(page: Page, action: string, fill: (page: Page) => Promise<void> = async () => undefined): Promise<void> {
  await current(page, `#action-${action}`).click();
  await current(page, '#action-form').waitFor();
  await fill(page);
  await current(page, '#action-submit').click();
}
const typeInto = (page: Page, id: string, value: string) => current(page, `#${id} textarea, #${id} input`).fill(value);
const expectStaffStatus = (page: Page, label: string) => expect.poll(() => current(page, '#ticket-status').innerText(), { timeout: 20_000 }).toBe(label);

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
  // A real JPEG, drawn and encoded by the browser itself.
  const page = await browser.newPage();
  const b64 = await page.evaluate(async () => {
    const canvas = (globalThis as any).document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d');
    g.fillStyle = '#8a7a69';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#fff';
    g.font = '48px sans-serif';
    g.fillText('垃圾桶', 240, 240);
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b: Blob) => r(b), 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  photo = Buffer.from(b64, 'base64');
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the street office’s ticket page', () => {
  it('shows the resident’s photos, how many residents joined, the risk warning, and who is signed in (defects 1, 10)', async () => {
    const resident = await phone();
    const number = await fileAsResident(resident.page, {
      location: 'loc-donggang',
      place: '东岗西路与皋兰路口',
      category: 'sanitation',
      description: '两户邻居为垃圾桶摆放长期纠纷，昨天差点打起来，已报警（端到端）',
      phone: '13893110001',
      withPhoto: true,
    });
    // Its risk warning is written by the dispatcher's risk check after the filing (every minute): run it now, as its schedule would.
    await stack.invoke('dispatcher');
    // A neighbour joins (我也遇到).
    const neighbour = (await ok('/api/auth/device', { method: 'POST' })).token;
    await ok(`/api/tickets/${number}/join`, { method: 'POST', token: neighbour, body: {} });

    const gll = await staffPage('gll-handler');
    await expect.poll(() => gll.page.locator(`#row-${number}`).count(), { timeout: 30_000 }).toBe(1);
    await gll.page.locator(`#row-${number}`).click();
    await expect.poll(() => current(gll.page, '#ticket-id').innerText(), { timeout: 20_000 }).toContain(number);
    const img = current(gll.page, '#ticket-photos img');
    await expect.poll(() => img.evaluate((el: any) => el.complete && el.naturalWidth), { timeout: 20_000 }).toBe(640);
    expect(await current(gll.page, '#ticket-followers').innerText()).toContain('共 2 人');
    await expect.poll(() => current(gll.page, '#risk-warnings').count(), { timeout: 45_000 }).toBe(1);
    expect(await current(gll.page, '#risk-warnings').innerText()).toMatch(/风险预警[\s\S]*已报警/);
    // The header says who is signed in, goes back, signs out.
    expect(await current(gll.page, '#staff-who').innerText()).toMatch(/皋兰路街道[\s\S]*王芳/);
    await shot(gll.page, '1-staff-ticket');
    await current(gll.page, '#staff-back').click();
    await expect.poll(() => current(gll.page, '#inbox-list').count(), { timeout: 20_000 }).toBe(1);
    await gll.page.goto(`${stack.webUrl}/pages-staff/ticket/index?id=${number}`);
    await current(gll.page, '#staff-logout').click();
    await expect.poll(() => gll.page.locator('#login-username').count(), { timeout: 20_000 }).toBe(1);
    for (const c of [resident.context, gll.context]) await c.close();
  });
});

describe('after 吹哨派单', () => {
  it('the office keeps it in 已派出, records 回访 after the department resolved it, and the resident can still rate and reopen (defects 5, 2, 6, 7, 11)', async () => {
    const resident = await phone();
    const number = await fileAsResident(resident.page, {
      location: 'loc-dajuyuan',
      place: '甘肃大剧院东门公交站',
      category: 'traffic',
      description: '公交站台的雨棚漏雨，候车的人都淋湿了（端到端）',
      phone: '13912340002',
    });

    // Defect 11: the server refuses a dispatch to another street's community.
    const gllToken = await staffToken('gll-handler');
    const refused = await api(`/api/tickets/${number}/commands`, { method: 'POST', token: gllToken, body: { command: { type: 'dispatch', unitId: 'zyl-jinta' } } });
    expect(refused.status).toBe(403);

    const gll = await staffPage('gll-handler');
    await expect.poll(() => gll.page.locator(`#row-${number}`).count(), { timeout: 30_000 }).toBe(1);
    await gll.page.locator(`#row-${number}`).click();
    await expect.poll(() => current(gll.page, '#ticket-id').innerText(), { timeout: 20_000 }).toContain(number);
    await act(gll.page, 'dispatch', async (p) => {
      await current(p, '#unit-dept-zhujian').waitFor({ timeout: 20_000 });
      // Defect 11: its own communities are offered, 张掖路's are not.
      expect(await current(p, '#unit-gll-dongjie').count()).toBe(1);
      expect(await current(p, '#unit-zyl-jinta').count()).toBe(0);
      await current(p, '#unit-dept-zhujian').click();
      await typeInto(p, 'action-note', '内部：站台雨棚归住建部门维护');
    });
    await expectStaffStatus(gll.page, '已派单');

    // Defect 5: gone from the inbox, but in 已派出.
    await gll.page.goto(`${stack.webUrl}/pages-staff/inbox/index`);
    await current(gll.page, '#go-dispatched').click();
    await expect.poll(() => current(gll.page, `#dispatched-working #row-${number}`).count(), { timeout: 20_000 }).toBe(1);
    expect(await current(gll.page, '#dispatched-working').innerText()).toContain('区住建局');

    const zj = await staffToken('zhujian-handler');
    await command(zj, number, { type: 'accept' });
    await command(zj, number, { type: 'resolve', feedback: '已更换站台雨棚顶板，不再漏雨' });

    await gll.page.reload();
    await expect.poll(() => current(gll.page, `#dispatched-waiting #row-${number}`).count(), { timeout: 20_000 }).toBe(1);
    await shot(gll.page, '2-dispatched');
    await current(gll.page, `#dispatched-waiting #row-${number}`).click();
    await expect.poll(() => current(gll.page, '#ticket-id').innerText(), { timeout: 20_000 }).toContain(number);
    await act(gll.page, 'follow_up', async (p) => {
      await current(p, '#result-satisfied').click();
      await typeInto(p, 'action-note', '电话回访，居民表示已修好');
    });
    await expectStaffStatus(gll.page, '已回访');

    // Defect 2: the return visit does not lock the resident out.
    const page = resident.page;
    await page.goto(`${stack.webUrl}/pages/ticket/index?id=${number}`);
    await expect.poll(() => page.locator('#rate').count(), { timeout: 30_000 }).toBe(1);
    const timeline = await page.locator('#timeline').innerText();
    expect(timeline).toContain('工作人员已回访');
    // Defect 6: internal notes stay internal.
    expect(timeline).not.toContain('内部：站台雨棚');
    expect(timeline).not.toContain('电话回访，居民表示已修好');
    await shot(page, '3-resident-after-visit');
    await page.locator('#rate-unsatisfied').click();
    await page.locator('#rate-comment textarea').fill('下雨时还是漏');
    await page.locator('#rate-submit').click();
    await expect.poll(() => page.locator('#ticket-rating').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('#timeline').innerText()).toMatch(/评价：不满意[\s\S]*工作人员已回访/);
    // Defect 7: words people use.
    await page.locator('#reopen-reason textarea').fill('下雨时雨棚边上还是漏水');
    await page.locator('#reopen-submit').click();
    await expect.poll(() => page.locator('#ticket-status').innerText(), { timeout: 20_000 }).toBe('重新办理');
    await shot(page, '4-resident-reopened');

    // Both the rating and the return visit are on the record.
    const detail = await ok(`/api/tickets/${number}`, { token: gllToken });
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['followed_up', 'rated', 'reopened']));
    for (const c of [resident.context, gll.context]) await c.close();
  });
});

describe('the resident’s form on a phone', () => {
  it('refuses a fake photo at once, says when the text is too long, scrolls to the first error, and fits the phone (defects 8, 9, 10)', async () => {
    const { context, page } = await phone();
    await page.goto(qrLink(stack.webUrl, 'loc-jinta'));
    await expect.poll(() => text(page), { timeout: 30_000 }).toContain('金塔巷菜市场');
    // Pinch zoom stays on.
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
    expect(viewport).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/);

    // Defect 8: a text file named .jpg is refused the moment it is picked.
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#photo-add').click();
    await (await chooser).setFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is a text file, not a photo') });
    await expect.poll(() => page.locator('#photos-error').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('#photos-error').innerText()).toContain('“fake.jpg”不是照片文件');
    expect(await page.locator('#photo-0').count()).toBe(0);

    // Defect 9: 1,200 characters pasted are kept and the excess is named, not cut silently.
    const long = '菜市场门口的下水道堵塞，污水漫到人行道上。'.repeat(60).slice(0, 1200);
    await page.locator('#description textarea').fill(long);
    expect((await page.locator('#description textarea').inputValue()).length).toBe(1200);
    await expect.poll(() => page.locator('#description-error').innerText()).toContain('不能超过1000字，现在1200字');

    // Defect 10: the text area's box ends above its counter; no resize grip.
    const area = (await page.locator('#description textarea').boundingBox())!;
    const counter = (await page.locator('#description-count').boundingBox())!;
    expect(area.y + area.height).toBeLessThanOrEqual(counter.y + 0.5);
    expect(await page.locator('#description textarea').evaluate((el: any) => (globalThis as any).getComputedStyle(el).resize)).toBe('none');
    // The phone field's placeholder fits in its box.
    const fits = await page.locator('#phone input').evaluate((input: any) => {
      const style = (globalThis as any).getComputedStyle(input);
      const ctx = (globalThis as any).document.createElement('canvas').getContext('2d');
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return ctx.measureText(input.placeholder).width <= room;
    });
    expect(fits).toBe(true);

    // Submitting without a category brings the first error (above the fold) into view.
    await page.locator('#submit').click();
    await expect.poll(() => page.locator('#categoryCode-error').count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(async () => {
        const box = await page.locator('#categories').boundingBox();
        return box !== null && box.y >= 0 && box.y < 844;
      })
      .toBe(true);
    await shot(page, '5-form-errors');

    // The emergency hint is as large as the rest of the page in 大字模式.
    await page.locator('#elder-toggle').click();
    await expect.poll(() => page.locator('.page.elder').count()).toBe(1);
    const hint = await page.locator('.emergency__hint').evaluate((el: any) => parseFloat((globalThis as any).getComputedStyle(el).fontSize));
    expect(hint).toBeGreaterThanOrEqual(20);
    await context.close();
  });

  it('asks before joining a request (我也遇到) instead of joining on one tap (defect 11)', async () => {
    const filer = (await ok('/api/auth/device', { method: 'POST' })).token;
    const filed = await ok('/api/tickets', {
      method: 'POST',
      token: filer,
      body: { clientToken: `first-use-join-${Date.now()}`, locationId: 'loc-buxingjie', categoryCode: 'environment', description: '步行街中段垃圾桶旁污水横流，气味很大' },
    });
    const number: string = filed.ticket.id;
    const { context, page } = await phone();
    await page.goto(qrLink(stack.webUrl, 'loc-buxingjie'));
    await expect.poll(() => text(page), { timeout: 30_000 }).toContain('张掖路步行街中段');
    await page.locator('#category-environment').click();
    await expect.poll(() => page.locator(`#join-${number}`).count(), { timeout: 15_000 }).toBe(1);
    await page.locator(`#join-${number}`).click();
    await page.locator('.taro-model__cancel').click();
    // Cancelled: still on the form, nobody joined.
    expect(await page.locator('#submit').count()).toBe(1);
    expect((await ok(`/api/tickets/${number}`, { token: filer })).followerCount).toBe(0);
    await page.locator(`#join-${number}`).click();
    expect(await page.locator('.taro-modal__content, .taro-model__content').first().innerText()).toContain(number);
    await page.locator('.taro-model__confirm').click();
    await expect.poll(() => page.locator('#following-banner').count(), { timeout: 30_000 }).toBe(1);
    expect((await ok(`/api/tickets/${number}`, { token: filer })).followerCount).toBe(1);
    await context.close();
  });
});

describe('the one-tap urgent report', () => {
  it('asks for the phone (remembered on the phone), offers the camera, and says honestly what happens next (defect 3)', async () => {
    const { context, page } = await phone();
    await page.goto(qrLink(stack.webUrl, 'loc-xijie-xiaoqu'));
    await expect.poll(() => text(page), { timeout: 30_000 }).toContain('西街小区南门');
    await page.locator('#urgent-report').click();
    await page.locator('#urgent-sheet').waitFor({ timeout: 10_000 });
    await page.locator('#urgent-phone input').fill('13812340003');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#urgent-photo').click();
    const files = await chooser;
    // The camera, not the album, on a phone.
    expect(await files.element().getAttribute('capture')).toBe('environment');
    await files.setFiles({ name: 'hazard.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.locator('#photo-0').getAttribute('class'), { timeout: 30_000 }).toContain('photo--done');
    await page.locator('#urgent-submit').click();
    const number = (await page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
    const next = await page.locator('#urgent-next').innerText();
    expect(next).toContain('已通知皋兰路街道综治中心');
    expect(next).toContain('10分钟内拨打 138****0003');
    expect(next).not.toContain('请保持电话畅通');
    await shot(page, '6-urgent');
    const detail = await ok(`/api/tickets/${number}`, { token: await tokenOf(page) });
    expect(detail).toMatchObject({ urgent: true, categoryCode: 'safety_hazard', phone: '13812340003' });
    expect(detail.photos).toHaveLength(1);

    // Next time the number is already there.
    await page.goto(qrLink(stack.webUrl, 'loc-xijie-xiaoqu'));
    await expect.poll(() => text(page), { timeout: 30_000 }).toContain('西街小区南门');
    await page.locator('#urgent-report').click();
    await expect.poll(() => page.locator('#urgent-phone input').inputValue(), { timeout: 10_000 }).toBe('13812340003');
    await context.close();
  });
});

describe('a request on another phone', () => {
  it('is found by its number and phone, and a one-time code carries all requests to a new phone (defect 4)', async () => {
    const old = await phone();
    const description = '小区南门路灯不亮，晚上看不见台阶（换手机测试）';
    const number = await fileAsResident(old.page, { location: 'loc-xijie-xiaoqu', place: '西街小区南门', category: 'property', description, phone: '13700000004' });

    // On a new phone the number alone shows nothing, but offers the lookup.
    const fresh = await phone();
    await fresh.page.goto(`${stack.webUrl}/pages/ticket/index?id=${number}`);
    await expect.poll(() => text(fresh.page), { timeout: 30_000 }).toContain('查不到这条诉求');
    await fresh.page.locator('#lookup-by-phone').click();
    await expect.poll(() => current(fresh.page, '#lookup-id input').inputValue(), { timeout: 20_000 }).toBe(number);
    await current(fresh.page, '#lookup-phone input').fill('13700000000');
    await current(fresh.page, '#lookup-submit').click();
    await expect.poll(() => current(fresh.page, '#lookup-error').count(), { timeout: 20_000 }).toBe(1);
    expect(await current(fresh.page, '#lookup-error').innerText()).toContain('请核对诉求编号和提交时留的电话');
    await current(fresh.page, '#lookup-phone input').fill('13700000004');
    await current(fresh.page, '#lookup-submit').click();
    await expect.poll(() => current(fresh.page, '#lookup-result').count(), { timeout: 20_000 }).toBe(1);
    expect(await current(fresh.page, '#lookup-result').innerText()).toContain(description);
    expect(await current(fresh.page, '#lookup-result').innerText()).not.toContain('13700000004');
    await shot(fresh.page, '7-lookup');

    // The old phone gives a transfer code; the new phone takes it once.
    await old.page.goto(`${stack.webUrl}/pages/mine/index`);
    await current(old.page, '#transfer-create').click();
    const code = (await current(old.page, '#transfer-code').innerText({ timeout: 20_000 })).trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    await current(fresh.page, '#transfer-input input').fill(code);
    await current(fresh.page, '#transfer-redeem').click();
    await expect.poll(() => current(fresh.page, `#row-${number}`).count(), { timeout: 20_000 }).toBe(1);
    // And the request opens there with its actions.
    await current(fresh.page, `#row-${number}`).click();
    await expect.poll(() => fresh.page.locator('#ticket-status').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // A second use of the code is refused.
    const again = await api('/api/auth/transfer', { method: 'POST', body: { code } });
    expect(again.status).toBe(400);
    for (const c of [old.context, fresh.context]) await c.close();
  });
});

describe('privacy', () => {
  it('has a privacy notice in the app, linked from the report page', async () => {
    const { context, page } = await phone();
    await page.goto(qrLink(stack.webUrl, 'loc-dajuyuan'));
    await expect.poll(() => text(page), { timeout: 30_000 }).toContain('甘肃大剧院东门公交站');
    await page.locator('#link-privacy').click();
    await expect.poll(() => current(page, '#privacy').count(), { timeout: 20_000 }).toBe(1);
    const notice = await current(page, '#privacy').innerText();
    for (const part of ['我们收集什么', '谁能看到', '保存多久', '138****1234']) expect(notice).toContain(part);
    await context.close();
  });
});
