import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { qrLink, type Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * A resident's whole journey in headless Chromium against the H5 build, the
 * local front door, the API in serverless-offline, DynamoDB Local and the S3
 * stand-in: QR entry, filing with a photo, double submit, "me too", rating and
 * reopening, elderly mode, finding a place without a QR code, the urgent report.
 */
let stack: Stack;
let browser: Browser;
let photo: Buffer;

const text = (page: Page) => page.locator('body').innerText();

async function resident(extra: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, ...extra });
  return { context, page: await context.newPage() };
}

/** The page's own resident session token (Taro keeps storage as {"data": …} in localStorage). */
async function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    // Runs in the page (the test's tsconfig has no DOM types, hence `any`).
    const raw = JSON.parse((globalThis as any).localStorage.getItem('mashang.resident') ?? '{}') as { data?: unknown };
    const session = typeof raw.data === 'string' ? (JSON.parse(raw.data) as { token: string }) : (raw.data as { token: string });
    return session.token;
  });
}

async function api(path: string, opts: { token?: string; method?: string; body?: unknown } = {}): Promise<any> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method: opts.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function staffToken(username: string): Promise<string> {
  return (await api('/api/auth/staff', { method: 'POST', body: { username, password: DEMO_PASSWORD } })).token;
}

async function openQr(page: Page, locationId: string, placeName: string): Promise<void> {
  await page.goto(qrLink(stack.webUrl, locationId));
  await expect.poll(() => text(page), { timeout: 30_000 }).toContain(placeName);
}

async function fillForm(page: Page, category: string, description: string): Promise<void> {
  await page.locator(`#category-${category}`).click();
  await expect.poll(() => page.locator('#deadline-respond').count(), { timeout: 15_000 }).toBe(1);
  await page.locator('#description textarea').fill(description);
}

async function submitAndGetNumber(page: Page): Promise<string> {
  await page.locator('#submit').click();
  return (await page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
}

beforeAll(async () => {
  stack = await startE2eStack({ demoTickets: true });
  browser = await launchBrowser();
  // A real JPEG, drawn and encoded by the browser itself.
  const page = await browser.newPage();
  const b64 = await page.evaluate(async () => {
    const canvas = (globalThis as any).document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d');
    g.fillStyle = '#7a8a99';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#3b3b3b';
    g.beginPath();
    g.ellipse(320, 300, 180, 70, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#fff';
    g.font = '48px sans-serif';
    g.fillText('井盖缺失', 220, 120);
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

describe('a resident, from the QR code to the rating', () => {
  it('files a request with a photo from a QR link, sees the deadlines and the timeline, rates it after it is resolved, and reopens it', async () => {
    const { context, page } = await resident();
    await openQr(page, 'loc-donggang', '东岗西路与皋兰路口');
    expect(await text(page)).toContain('皋兰路街道综治中心');
    await shot(page, 'resident-qr-landing');

    await fillForm(page, 'sanitation', '路口垃圾桶满了两天没人清运，气味很大，端到端测试');
    expect(await page.locator('#deadline-resolve').innerText()).toContain('5个工作日');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#photo-add').click();
    await (await chooser).setFiles({ name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.locator('#photo-0').getAttribute('class'), { timeout: 30_000 }).toContain('photo--done');
    await page.locator('#phone input').fill('13893112345');
    await shot(page, 'resident-form-with-photo');

    const number = await submitAndGetNumber(page);
    expect(number).toMatch(/^\d{13}$/);
    expect(await page.locator('#success-deadlines').innerText()).toMatch(/最晚 \d{4}-\d{2}-\d{2}/);
    await shot(page, 'resident-submitted');

    await page.locator('#follow-ticket').click();
    await expect.poll(() => text(page), { timeout: 30_000 }).toContain('办理过程');
    expect(await page.locator('#ticket-status').innerText()).toBe('已受理');
    expect(await page.locator('#next-step').innerText()).toMatch(/联系您[\s\S]*剩余/);
    expect(await page.locator('#timeline').innerText()).toContain('诉求已提交');
    // The photo is shown from storage through its short-lived link.
    const img = page.locator('#ticket-photos img').first();
    await expect.poll(() => img.evaluate((el: any) => el.complete && el.naturalWidth), { timeout: 15_000 }).toBe(640);
    // The phone number is masked on every screen after it was entered.
    expect(await page.locator('#ticket-phone').innerText()).toBe('138****2345');
    expect(await text(page)).not.toContain('13893112345');
    await shot(page, 'resident-ticket');

    // The street office contacts the resident and resolves it.
    const handler = await staffToken('gll-handler');
    await api(`/api/tickets/${number}/commands`, { method: 'POST', token: handler, body: { command: { type: 'respond', via: 'call' } } });
    await api(`/api/tickets/${number}/commands`, { method: 'POST', token: handler, body: { command: { type: 'resolve', feedback: '已安排环卫车辆清运，并增加了清运频次' } } });

    await page.locator('#refresh').click();
    await expect.poll(() => page.locator('#ticket-status').innerText(), { timeout: 15_000 }).toBe('已办结');
    expect(await page.locator('#ticket-feedback').innerText()).toContain('已安排环卫车辆清运');
    const timeline = await page.locator('#timeline').innerText();
    expect(timeline).toContain('工作人员已联系，开始处理');
    expect(timeline).toContain('已办结，请查看办理结果并评价');
    await shot(page, 'resident-resolved-rate');

    await page.locator('#rate-unsatisfied').click();
    await page.locator('#rate-comment textarea').fill('第二天又堆满了');
    await page.locator('#rate-submit').click();
    await expect.poll(() => page.locator('#ticket-rating').innerText(), { timeout: 15_000 }).toContain('不满意');
    expect(await page.locator('#ticket-status').innerText()).toBe('已评价');

    // 不满意 offers reopening.
    await page.locator('#reopen-reason textarea').fill('垃圾清走后第二天又堆满了，希望固定清运时间');
    await page.locator('#reopen-submit').click();
    await expect.poll(() => page.locator('#ticket-status').innerText(), { timeout: 15_000 }).toBe('重新办理');
    expect(await page.locator('#timeline').innerText()).toContain('因不满意，已重新办理');
    await shot(page, 'resident-reopened');

    // Locally, the messages WeChat would carry are on a readable page.
    await page.goto(`${stack.webUrl}/dev/outbox`);
    const outbox = await text(page);
    expect(outbox).toContain('通知发件箱');
    expect(outbox).toContain(number);
    expect(outbox).toContain('您的诉求已办结，请评价办理结果');
    await shot(page, 'dev-outbox');
    await context.close();
  });

  it('creates one request when the reply is lost and the resident taps submit again, and when they double-tap', async () => {
    const { context, page } = await resident();
    await openQr(page, 'loc-xijie-xiaoqu', '西街小区南门');
    const description = `小区南门路灯不亮一周了，晚上很黑 ${Date.now()}`;
    await fillForm(page, 'utilities', description);

    // The server stores the request, but its reply never reaches the phone.
    let dropped = false;
    await page.route('**/api/tickets', async (route) => {
      if (route.request().method() === 'POST' && !dropped) {
        dropped = true;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await page.locator('#submit').click();
    await expect.poll(() => page.locator('#form-error').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('#form-error').innerText()).toContain('不会重复提交');
    await shot(page, 'resident-network-drop');

    // Even a reload keeps the form and its client token.
    await page.reload();
    await expect.poll(() => page.locator('#description textarea').inputValue(), { timeout: 30_000 }).toBe(description);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/tickets')) posts.push(r.url());
    });
    await page.locator('#submit').dblclick();
    const number = (await page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
    expect(await page.locator('#success').innerText()).toContain('该诉求已提交过');
    expect(posts).toHaveLength(1);

    const mine = await api('/api/me/tickets', { token: await tokenOf(page) });
    const same = mine.items.filter((i: { summary: string }) => i.summary.startsWith('小区南门路灯不亮一周了'));
    expect(same.map((i: { id: string }) => i.id)).toEqual([number]);
    await context.close();
  });
});

describe('me too', () => {
  it('shows a neighbour the open request at the same place and lets them join it instead of filing again', async () => {
    const first = await resident();
    await openQr(first.page, 'loc-jinta', '金塔巷菜市场');
    await fillForm(first.page, 'environment', '菜市场门口下水道堵了，污水外溢好几天');
    const number = await submitAndGetNumber(first.page);
    await first.context.close();

    const { context, page } = await resident();
    await openQr(page, 'loc-jinta', '金塔巷菜市场');
    await page.locator('#category-environment').click();
    const row = page.locator(`#similar-${number}`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.innerText()).toContain('菜市场门口下水道堵了');
    await shot(page, 'resident-me-too');
    await page.locator(`#join-${number}`).click();
    await page.locator('.taro-model__confirm').click();
    await expect.poll(() => page.locator('#following-banner').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('#ticket-followers').innerText()).toContain('共 2 位居民');
    await shot(page, 'resident-joined');

    await page.goto(`${stack.webUrl}/pages/mine/index`);
    const mineRow = page.locator(`#row-${number}`);
    await expect.poll(() => mineRow.count(), { timeout: 30_000 }).toBe(1);
    expect(await mineRow.innerText()).toContain('我也遇到');
    expect(await page.locator('.mine-item').count()).toBe(1);
    await context.close();
  });
});

describe('for elderly residents and emergencies', () => {
  it('switches to large type with fewer fields, and remembers it on this phone', async () => {
    const { context, page } = await resident();
    await openQr(page, 'loc-dajuyuan', '甘肃大剧院东门公交站');
    const size = () => page.locator('#category-traffic .chip__name').evaluate((el) => parseFloat((globalThis as any).getComputedStyle(el).fontSize));
    const before = await size();
    expect(await page.locator('#contact-name').count()).toBe(1);
    await page.locator('#elder-toggle').click();
    await expect.poll(() => page.locator('.page.elder').count()).toBe(1);
    expect(await size()).toBeGreaterThan(before * 1.2);
    expect(await page.locator('#contact-name').count()).toBe(0);
    expect(await page.locator('#anonymous').count()).toBe(0);
    await page.locator('#category-traffic').click();
    await shot(page, 'resident-elder-mode');

    await page.reload();
    await expect.poll(() => page.locator('.page.elder').count(), { timeout: 30_000 }).toBe(1);
    await page.goto(`${stack.webUrl}/pages/mine/index`);
    await expect.poll(() => page.locator('.page.elder').count(), { timeout: 30_000 }).toBe(1);
    await context.close();
  });

  it('files an urgent safety hazard in one tap (from its short sheet), with the urgent time limits, and offers 110', async () => {
    const { context, page } = await resident();
    await openQr(page, 'loc-buxingjie', '张掖路步行街中段');
    expect(await page.locator('#call-110').getAttribute('href')).toBe('tel:110');
    await page.locator('#urgent-report').click();
    await page.locator('#urgent-phone input').fill('13912340099');
    await page.locator('#urgent-submit').click();
    const number = (await page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
    expect(await page.locator('#success').innerText()).toContain('已按紧急诉求处理');
    await shot(page, 'resident-urgent');

    const detail = await api(`/api/tickets/${number}`, { token: await tokenOf(page) });
    expect(detail).toMatchObject({ urgent: true, categoryCode: 'safety_hazard' });
    const respond = detail.clocks.find((c: { clock: string }) => c.clock === 'respond');
    expect(Date.parse(respond.dueAt) - Date.parse(detail.receivedAt)).toBe(10 * 60_000);

    // In the street office's inbox (soonest deadline first) it comes before requests received earlier with the usual 30 minutes.
    const inbox = await api('/api/staff/inbox', { token: await staffToken('zyl-handler') });
    const ids: string[] = inbox.items.map((i: { id: string }) => i.id);
    const normal = inbox.items.filter((i: { urgent: boolean; next?: { state: string } }) => !i.urgent && i.next?.state === 'on_time').map((i: { id: string }) => i.id);
    expect(ids.indexOf(number)).toBeGreaterThanOrEqual(0);
    for (const id of normal) expect(ids.indexOf(number)).toBeLessThan(ids.indexOf(id));
    await context.close();
  });
});

describe('without a QR code', () => {
  it('finds the place by name, or nearby with the phone’s location, and files there', async () => {
    const { context, page } = await resident({ geolocation: { latitude: 36.0612, longitude: 103.8344 }, permissions: ['geolocation'] });
    await page.goto(`${stack.webUrl}/pages/report/index`);
    await expect.poll(() => text(page), { timeout: 30_000 }).toContain('您在哪里遇到的问题');
    await page.locator('#places-nearby').click();
    await expect.poll(() => page.locator('#places-results .place-row').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await page.locator('#places-results .place-row').first().innerText()).toContain('甘肃大剧院东门公交站');
    await shot(page, 'resident-nearby-places');

    await page.locator('#places-query input').fill('西街');
    await page.locator('#places-search').click();
    await expect.poll(() => page.locator('#place-loc-xijie-xiaoqu').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('#place-loc-xijie-xiaoqu').click();
    await expect.poll(() => page.locator('#place-name').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('#place-name').innerText()).toBe('西街小区南门');
    await fillForm(page, 'property', '小区3号楼楼道灯坏了，晚上看不见台阶');
    expect(await submitAndGetNumber(page)).toMatch(/^\d{13}$/);
    await context.close();
  });
});

describe('privacy', () => {
  it('never shows one resident another resident’s request, even with its number', async () => {
    const owner = await resident();
    await openQr(owner.page, 'loc-dajuyuan', '甘肃大剧院东门公交站');
    await fillForm(owner.page, 'traffic', '公交站台的候车椅坏了，老人没地方坐');
    await owner.page.locator('#phone input').fill('13912345678');
    const number = await submitAndGetNumber(owner.page);
    await owner.context.close();

    const { context, page } = await resident();
    await page.goto(`${stack.webUrl}/pages/ticket/index?id=${number}`);
    await expect.poll(() => text(page), { timeout: 30_000 }).toContain('查不到这条诉求');
    const shown = await text(page);
    expect(shown).not.toContain('候车椅');
    expect(shown).not.toContain('13912345678');
    await context.close();
  });
});
