import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Stack } from '../../infra/stack.ts';
import { launchBrowser, PHONE, shot, signInStaff } from '../support/browser.ts';
import { startE2eStack } from '../support/e2e.ts';

/**
 * The county admin sets up a new grid without code, in the H5 pages on a phone: signs
 * in as `county-admin` (npm start's demo), adds a grid under 东街社区, imports ten QR
 * locations from a spreadsheet, prints the grid's posters as one PDF, and the link read
 * from one printed code (pdftoppm + jsQR) opens that location's resident form.
 */
let stack: Stack;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'admin-e2e-'));

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The page on screen (Taro keeps earlier pages of the stack hidden in the DOM). */
const current = (page: Page, selector: string) => page.locator(`.taro_page_stationed:not(.taro_page_shade) ${selector}`).first();

const GRID = '东街第四网格';
const PLACES = ['东街菜市场北门', '东街小学正门', '东街社区卫生站', '东街公交站', '东街十字路口', '东街公园东门', '东街停车场', '东街老年活动中心', '东街垃圾中转站', '东街一号小区'];

async function spreadsheet(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('地点');
  ws.addRow(['编号', '名称', '网格', '地址', '纬度', '经度']);
  // GCJ-02 coordinates as a web map shows them, a little apart from each other.
  PLACES.forEach((name, i) => ws.addRow(['', name, GRID, `城关区东街${i + 1}号`, 36.0611 + i * 0.0004, 103.8343 + i * 0.0004]));
  const file = join(dir, '东街第四网格地点.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** The text of the QR code in the top-left poster of the PDF's first page (A4, 8 mm margins, 2 × 3 cells). */
function decodeFirstPoster(pdf: string): string | undefined {
  const dpi = 120;
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-png', pdf, join(dir, 'page')]);
  const page = PNG.sync.read(readFileSync(join(dir, 'page-1.png')));
  const px = (mm: number) => Math.round((mm / 25.4) * dpi);
  const [x0, y0, w, h] = [px(8), px(8), px(97), px(93)];
  const cell = new PNG({ width: w, height: h });
  PNG.bitblt(page, cell, x0, y0, w, h, 0, 0);
  return jsQR(new Uint8ClampedArray(cell.data), w, h)?.data;
}

it('adds a grid and ten QR locations from a spreadsheet, prints their posters, and a printed code opens the right form', async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signInStaff(page, stack.webUrl, 'county-admin');
  // The admin lands on the admin home (pages-admin/home), which links to every admin page.
  await current(page, '#link-units').click();

  // A new grid under 东街社区.
  await current(page, '#unit-gll-dongjie').click();
  await current(page, '#unit-kind-grid').click();
  await current(page, '#unit-name input').fill(GRID);
  await current(page, '#unit-create').click();
  await expect.poll(() => current(page, '#unit-notice').innerText().catch(() => ''), { timeout: 20_000 }).toContain(GRID);
  await expect.poll(() => current(page, '#unit-tree').innerText()).toContain(GRID);
  await shot(page, 'admin-units');

  // Ten QR locations from an Excel file.
  await current(page, '#admin-nav-locations').click();
  await current(page, '#location-grid-filter input').fill('第四');
  await current(page, '#location-grid .chip').first().click();
  // The grid's list has loaded (the import button is enabled again) before the admin imports.
  await expect.poll(() => current(page, '#location-import').getAttribute('disabled'), { timeout: 30_000 }).toBeNull();
  const file = await spreadsheet();
  const chooser = page.waitForEvent('filechooser');
  await current(page, '#location-import').click();
  await (await chooser).setFiles(file);
  await expect.poll(() => current(page, '#location-notice').innerText().catch(() => ''), { timeout: 30_000 }).toBe('已导入 10 个地点');
  await expect.poll(() => current(page, '#location-list').innerText()).toContain('东街一号小区');
  await shot(page, 'admin-locations');

  // Their posters as one PDF.
  await current(page, '#admin-nav-posters').click();
  await current(page, '#poster-grid-filter input').fill('第四');
  await current(page, '#poster-grid .chip').first().click();
  await expect.poll(() => page.locator('.taro_page_stationed:not(.taro_page_shade) .admin-posters .tree__row').count(), { timeout: 20_000 }).toBe(10);
  const download = page.waitForEvent('download');
  await current(page, '#poster-a4').click();
  const pdf = join(dir, 'posters.pdf');
  await (await download).saveAs(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Pages:\s+2/);
  await shot(page, 'admin-posters');

  // "Scanning" the first printed code: the decoded link is the resident form of that place.
  const link = decodeFirstPoster(pdf);
  expect(link).toMatch(new RegExp(`^${stack.webUrl}/q/loc-[0-9a-f]{8}$`));
  const locationId = link!.split('/').pop()!;
  const located = await stack.service.location(locationId);
  // Posters are in name order; the first is the first of the ten by Chinese collation.
  expect(located.name).toBe([...PLACES].sort((a, b) => a.localeCompare(b, 'zh'))[0]);
  expect(located).toMatchObject({ gridName: GRID, communityName: '东街社区', centreName: '皋兰路街道综治中心' });
  const resident = await (await browser.newContext(PHONE)).newPage();
  await resident.goto(link!);
  await expect.poll(() => resident.locator('body').innerText(), { timeout: 30_000 }).toContain(located.name);
  expect(resident.url()).toContain(`loc=${locationId}`);
  await shot(resident, 'admin-scanned-form');
});
