import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../infra/seed.ts';
import { qrLink, type Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot as shotPage, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * Issue 13, the staff side, in headless Chromium at a phone size against the H5 build,
 * serverless-offline, DynamoDB Local and the S3 stand-in: resolving with photos (checked
 * when picked, shown to the resident), handing a request to a colleague (转交), the inbox
 * search, and the desk's 12345 work-order number with the caller's earlier requests.
 */
let stack: Stack;
let browser: Browser;
let photo: Buffer;

const shot = (page: Page, name: string) => shotPage(page, `staff-side-${name}`);
/** The page on screen (Taro keeps earlier pages of the stack hidden in the DOM). */
const current = (page: Page, selector: string) => page.locator(`.taro_page_stationed:not(.taro_page_shade) ${selector}`).first();

async function ok(path: string, opts: { token?: string; method?: string; body?: unknown } = {}): Promise<any> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method: opts.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const staffToken = async (username: string): Promise<string> => (await ok('/api/auth/staff', { method: 'POST', body: { username, password: DEMO_PASSWORD } })).token;

/** A request filed through the API by a fresh resident device: its number and the resident's token. */
async function fileByApi(description: string, phone: string, locationId = 'loc-donggang'): Promise<{ id: string; token: string }> {
  const token = (await ok('/api/auth/device', { method: 'POST' })).token;
  const { ticket } = await ok('/api/tickets', { method: 'POST', token, body: { clientToken: `e2e-staff-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, locationId, categoryCode: 'sanitation', description, phone } });
  return { id: ticket.id, token };
}

async function phoneContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}
async function staffPage(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const s = await phoneContext();
  await signInStaff(s.page, stack.webUrl, username);
  // Signed in once the session is stored (the pages below are opened by URL, which would cut the sign-in short).
  await expect.poll(() => s.page.evaluate(() => (globalThis as any).localStorage.getItem('mashang.staff') !== null), { timeout: 30_000 }).toBe(true);
  return s;
}
async function openTicket(page: Page, id: string): Promise<void> {
  await page.goto(`${stack.webUrl}/pages-staff/ticket/index?id=${id}`);
  await expect.poll(() => current(page, '#ticket-id').innerText(), { timeout: 30_000 }).toContain(id);
}
const typeInto = (page: Page, id: string, value: string) => current(page, `#${id} textarea, #${id} input`).fill(value);

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
    g.fillStyle = '#4a7a69';
    g.fillRect(0, 0, 640, 480);
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b: Blob) => r(b), 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  photo = Buffer.from(b64, 'base64');
  await page.close();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the staff ticket page', () => {
  it('resolves with photos: a fake photo is refused when picked, the real one reaches the resident', async () => {
    // The resident files on their own phone, so their page holds their session.
    const res = await phoneContext();
    await res.page.goto(qrLink(stack.webUrl, 'loc-donggang'));
    await expect.poll(() => res.page.locator('body').innerText(), { timeout: 30_000 }).toContain('东岗西路与皋兰路口');
    await res.page.locator('#category-sanitation').click();
    await res.page.locator('#description textarea').fill('东岗路口垃圾桶满了两天没人清运（端到端·办结照片）');
    await res.page.locator('#phone input').fill('13893110101');
    await res.page.locator('#submit').click();
    const id = (await res.page.locator('#ticket-number').innerText({ timeout: 30_000 })).trim();
    await ok(`/api/tickets/${id}/commands`, { method: 'POST', token: await staffToken('gll-handler'), body: { command: { type: 'respond', via: 'call' } } });

    const gll = await staffPage('gll-handler');
    await openTicket(gll.page, id);
    await current(gll.page, '#action-resolve').click();
    await current(gll.page, '#resolve-photos').waitFor();
    await typeInto(gll.page, 'action-feedback', '已清运完毕并消毒，照片为清运后现场');
    // A text file named .jpg is refused the moment it is picked, before any upload.
    let chooser = gll.page.waitForEvent('filechooser');
    await current(gll.page, '#resolve-photos #photo-add').click();
    await (await chooser).setFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is a text file, not a photo') });
    await expect.poll(() => current(gll.page, '#photos-error').innerText(), { timeout: 10_000 }).toContain('“fake.jpg”不是照片文件');
    expect(await current(gll.page, '#resolve-photos .photo--done, #resolve-photos .photo--uploading').count()).toBe(0);
    // The real photo goes up through the staff member's own presigned POST.
    chooser = gll.page.waitForEvent('filechooser');
    await current(gll.page, '#resolve-photos #photo-add').click();
    await (await chooser).setFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => current(gll.page, '#resolve-photos #photo-0').getAttribute('class'), { timeout: 30_000 }).toContain('photo--done');
    await shot(gll.page, '1-resolve-form');
    await current(gll.page, '#action-submit').click();
    await expect.poll(() => current(gll.page, '#ticket-status').innerText(), { timeout: 20_000 }).toBe('已办结');
    const staffImg = current(gll.page, '#feedback-photos img');
    await expect.poll(() => staffImg.evaluate((el: any) => el.complete && el.naturalWidth), { timeout: 20_000 }).toBe(640);

    // The resident sees the result's photo on their page.
    await res.page.goto(`${stack.webUrl}/pages/ticket/index?id=${id}`);
    const residentImg = res.page.locator('#feedback-photos img').first();
    await expect.poll(() => residentImg.evaluate((el: any) => el.complete && el.naturalWidth), { timeout: 30_000 }).toBe(640);
    expect(await res.page.locator('body').innerText()).toContain('办理后的照片');
    await shot(res.page, '2-resident-sees-photo');
    for (const c of [gll.context, res.context]) await c.close();
  });

  it('转交: the 承办人 picks a colleague of the unit; the colleague holds it, the resident sees nothing of it', async () => {
    const { id, token } = await fileByApi('东岗路口路灯不亮已经三天（端到端·转交）', '13893110202');
    await ok(`/api/tickets/${id}/commands`, { method: 'POST', token: await staffToken('gll-handler'), body: { command: { type: 'respond', via: 'call' } } });
    const gll = await staffPage('gll-handler');
    await openTicket(gll.page, id);
    await current(gll.page, '#action-hand_over').click();
    await current(gll.page, '#colleague-gll-night').waitFor({ timeout: 20_000 });
    // Only colleagues of 皋兰路街道 who work requests, not the signed-in handler.
    expect(await current(gll.page, '#colleague-gll-handler').count()).toBe(0);
    expect(await current(gll.page, '#colleague-gll-grid').count()).toBe(0);
    expect(await current(gll.page, '#colleague-zyl-handler').count()).toBe(0);
    await current(gll.page, '#colleague-gll-night').click();
    await typeInto(gll.page, 'action-note', '我明天休假，已联系居民，请继续跟进');
    await current(gll.page, '#action-submit').click();
    await expect.poll(() => current(gll.page, '#ticket-assignee').innerText(), { timeout: 20_000 }).toBe('张伟');
    expect(await current(gll.page, '#actions').innerText()).not.toContain('转交');
    expect(await gll.page.locator('body').innerText()).toContain('转交 → 张伟');
    await shot(gll.page, '3-handed-over');
    const resident = await ok(`/api/tickets/${id}`, { token });
    expect(JSON.stringify(resident.events)).not.toMatch(/handed_over|休假/);
    await gll.context.close();
  });
});

describe('the inbox search and the desk', () => {
  it('finds by phone tail and words in the unit; the desk sees the caller’s earlier requests, references one, and stores the 12345 work-order number', async () => {
    const earlier = await fileByApi('东街12号楼下井盖松动（端到端·搜索）', '13893114321');
    const other = await fileByApi('金塔巷井盖松动（端到端·搜索）', '13700004321', 'loc-jinta');

    const gll = await staffPage('gll-handler');
    await current(gll.page, '#search-input input').fill('4321');
    await current(gll.page, '#search-submit').click();
    await expect.poll(() => current(gll.page, '#search-summary').innerText(), { timeout: 20_000 }).toContain('按电话后4位');
    expect(await current(gll.page, `#search-results #row-${earlier.id}`).count()).toBe(1);
    expect(await current(gll.page, `#search-results #row-${other.id}`).count()).toBe(0);
    expect(await current(gll.page, '#search-results').innerText()).not.toContain('13893114321');
    await current(gll.page, '#search-input input').fill('金塔巷 井盖');
    await current(gll.page, '#search-submit').click();
    await expect.poll(() => current(gll.page, '#search-empty').count(), { timeout: 20_000 }).toBe(1);
    await shot(gll.page, '4-inbox-search');
    await gll.context.close();

    const desk = await staffPage('desk-operator');
    await desk.page.goto(`${stack.webUrl}/pages-staff/desk/index`);
    await current(desk.page, '#channel-hotline_12345').click();
    await current(desk.page, '#street-gaolanlu').click();
    await current(desk.page, '#grid-gll-dongjie-g1').click();
    await typeInto(desk.page, 'desk-place', '东街12号楼下');
    await current(desk.page, '#desk-category-sanitation').click();
    await typeInto(desk.page, 'desk-description', '来电反映东街12号楼下井盖仍然松动，晚上有人绊倒');
    await typeInto(desk.page, 'desk-phone', '13893114321');
    await expect.poll(() => current(desk.page, `#caller-${earlier.id}`).count(), { timeout: 20_000 }).toBe(1);
    await current(desk.page, `#caller-ref-${earlier.id}`).click();
    await typeInto(desk.page, 'desk-work-order', 'GS20261130-0042');
    await shot(desk.page, '5-desk-caller');
    await current(desk.page, '#desk-submit').click();
    await expect.poll(() => current(desk.page, '#desk-done-work-order').innerText(), { timeout: 20_000 }).toContain('GS20261130-0042');
    await current(desk.page, '#desk-open').click();
    await expect.poll(() => current(desk.page, '#ticket-work-order').innerText(), { timeout: 20_000 }).toBe('GS20261130-0042');
    expect(await current(desk.page, '#ticket-related').innerText()).toContain(earlier.id);

    // The same work order again is refused with the request that has it.
    await desk.page.goto(`${stack.webUrl}/pages-staff/desk/index`);
    await current(desk.page, '#street-gaolanlu').click();
    await current(desk.page, '#grid-gll-dongjie-g1').click();
    await typeInto(desk.page, 'desk-place', '东街12号楼下');
    await current(desk.page, '#desk-category-sanitation').click();
    await typeInto(desk.page, 'desk-description', '同一工单再次登记（端到端）');
    await typeInto(desk.page, 'desk-work-order', 'gs20261130-0042');
    await current(desk.page, '#desk-submit').click();
    await expect.poll(() => current(desk.page, '#desk-error').innerText(), { timeout: 20_000 }).toContain('该12345工单已登记为诉求');
    await desk.context.close();
  });

  it('来电附议: the desk adds a caller to an open request instead of a duplicate; the filer reads that one more person reported it', async () => {
    const filed = await fileByApi('东岗路口红绿灯不亮（端到端·来电附议）', '13893115555');
    const desk = await staffPage('desk-operator');
    await openTicket(desk.page, filed.id);
    await current(desk.page, '#action-caller_join').click();
    await current(desk.page, '#caller-channels').waitFor({ timeout: 10_000 });
    // A malformed work-order number is refused next to its field, nothing sent.
    await typeInto(desk.page, 'action-work-order', '工单1');
    await current(desk.page, '#action-submit').click();
    await expect.poll(() => current(desk.page, '#workOrderNo-error').innerText(), { timeout: 10_000 }).toContain('工单编号为4至32位');
    await typeInto(desk.page, 'action-work-order', 'GS20261130-0077');
    await typeInto(desk.page, 'action-note', '来电人也在东岗路口等车');
    await shot(desk.page, '6-caller-join');
    await current(desk.page, '#action-submit').click();
    await expect.poll(() => current(desk.page, '#ticket-followers').innerText().catch(() => ''), { timeout: 20_000 }).toContain('共 2 人');
    expect(await current(desk.page, '#ticket-status').innerText()).toBe('已受理');
    expect(await current(desk.page, '.page').innerText()).toContain('群众附议');

    // The filer's own page: one more person reported it, by 12345; the desk's note is internal.
    const detail = await ok(`/api/tickets/${filed.id}`, { token: filed.token });
    expect(detail.followerCount).toBe(1);
    expect(detail.events.map((e: { label: string }) => e.label)).toContain('又有群众通过12345热线反映了同一问题');
    expect(JSON.stringify(detail)).not.toContain('来电人也在东岗路口等车');
    await desk.context.close();
  });
});
