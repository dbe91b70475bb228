import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { create as createQr } from 'qrcode/lib/core/qrcode.js';
import { render as renderSvg } from 'qrcode/lib/renderer/svg-tag.js';
import type { Location } from '@mashang/shared';

/**
 * Printable posters of QR locations: A4 sheets with six codes each (cut apart and
 * posted), or one A3 poster per location. Text is Chinese, so the PDF embeds a CJK
 * font — Noto Sans SC (OFL) from the npm package `@embedpdf/fonts-sc`, never a system
 * font, so it renders the same in Lambda. PDFKit embeds only the glyphs used (a subset),
 * so a sheet is tens of kilobytes, not the font's 8 MB.
 */

export const POSTER_LAYOUTS = ['a4', 'a3'] as const;
export type PosterLayout = (typeof POSTER_LAYOUTS)[number];

/** Three lines every poster carries. */
export const POSTER_INSTRUCTIONS = ['① 微信或手机相机扫描二维码', '② 选择问题类别，描述问题、可附照片', '③ 30分钟内响应联系，5个工作日内办结反馈'] as const;

export interface PosterItem {
  location: Pick<Location, 'id' | 'name' | 'gridName' | 'centreName' | 'address'>;
  /** What the code opens: the location's resident form. */
  url: string;
  hotline: string;
}

let fontBytes: Buffer | undefined;

/** Noto Sans SC Regular from its npm package, read once per warm Lambda. */
async function posterFont(): Promise<Buffer> {
  if (fontBytes) return fontBytes;
  // Imported (not only resolved) so the Lambda packager sees the dependency and installs the package with its font files.
  const { fontsMeta } = await import('@embedpdf/fonts-sc');
  // Resolved through the package's entry point (its `exports` list no font path); works as ESM source and in the CJS bundle.
  const req = typeof __filename === 'string' ? createRequire(__filename) : createRequire(import.meta.url);
  const entry = req.resolve('@embedpdf/fonts-sc');
  const regular = (fontsMeta as unknown as { fonts: Array<{ file: string; weight: number }> }).fonts.find((f) => f.weight === 400)?.file ?? 'NotoSansHans-Regular.otf';
  fontBytes = readFileSync(join(dirname(entry), '..', 'fonts', regular));
  return fontBytes;
}

const MM = 72 / 25.4;
/** An ideographic space between fields, as Chinese print uses. */
const GAP = '\u3000';

/** Level M survives a scuffed or partly covered street poster; phone cameras want a quiet zone of 4 modules. */
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** The code's modules: `dark(row, col)` for 0 ≤ row, col < size. */
function qrModules(url: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = createQr(url, QR_OPTIONS);
  return { size: modules.size, dark: (row, col) => modules.data[row * modules.size + col] === 1 };
}

/**
 * The code drawn as vector shapes in a square of `side` points at (x, y), its quiet zone included:
 * sharp at any print size. Each row's runs of dark modules are rectangles of one path, filled
 * once, so no seams show between neighbouring modules.
 */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, side: number): void {
  const { size, dark } = qrModules(url);
  const cell = side / (size + 2 * QR_OPTIONS.margin);
  const at = (i: number) => (i + QR_OPTIONS.margin) * cell;
  doc.save();
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; ) {
      if (!dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark(row, col)) col++;
      doc.rect(x + at(start), y + at(row), (col - start) * cell, cell);
    }
  }
  doc.fill('#000000').restore();
}

/**
 * The code as a black-and-white PNG about `px` pixels wide (whole pixels per module, so
 * slightly less), quiet zone included: 1 bit per pixel, one zlib stream. Written here rather
 * than with qrcode's PNG renderer (pngjs), which costs the admin function's cold start ≈ 8 ms
 * for the one route that serves a PNG.
 */
function qrPng(url: string, px: number): Buffer {
  const { size, dark } = qrModules(url);
  const modules = size + 2 * QR_OPTIONS.margin;
  const scale = Math.max(1, Math.floor(px / modules));
  const side = modules * scale;
  const rowBytes = Math.ceil(side / 8);
  // Each scanline: filter type 0, then the pixels, 1 = white.
  const raw = Buffer.alloc((rowBytes + 1) * side, 0xff);
  for (let y = 0; y < side; y++) {
    raw[y * (rowBytes + 1)] = 0;
    const row = Math.floor(y / scale) - QR_OPTIONS.margin;
    for (let x = 0; x < side; x++) {
      const col = Math.floor(x / scale) - QR_OPTIONS.margin;
      if (row >= 0 && row < size && col >= 0 && col < size && dark(row, col)) raw[y * (rowBytes + 1) + 1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, filter 0, not interlaced
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A single code as SVG (for designers) or PNG. */
export async function qrImage(url: string, format: 'svg' | 'png'): Promise<Buffer> {
  if (format === 'svg') return Buffer.from(renderSvg(createQr(url, QR_OPTIONS), QR_OPTIONS), 'utf8');
  return qrPng(url, 1024);
}

/**
 * Renders the posters as one PDF. `a4`: six per sheet (2 × 3), each with its code,
 * place name, grid, receiving office, hotline and the three instructions; `a3`: one
 * large poster per location.
 */
export async function renderPosters(items: PosterItem[], layout: PosterLayout): Promise<Buffer> {
  // pdfkit (≈ 170 ms to load, an external package) only when posters are printed, not for a single code's image.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: layout === 'a4' ? 'A4' : 'A3', autoFirstPage: false, margin: 0, info: { Title: '码上办 二维码海报', Creator: '码上办' } });
  doc.registerFont('cjk', await posterFont());
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('cjk');
  if (layout === 'a4') a4Sheets(doc, items);
  else for (const item of items) a3Poster(doc, item);
  doc.end();
  return done;
}

function a4Sheets(doc: PDFKit.PDFDocument, items: PosterItem[]): void {
  const cols = 2;
  const rows = 3;
  const pageW = 210 * MM;
  const pageH = 297 * MM;
  const margin = 8 * MM;
  const cellW = (pageW - 2 * margin) / cols;
  const cellH = (pageH - 2 * margin) / rows;
  for (let i = 0; i < items.length; i++) {
    if (i % (cols * rows) === 0) doc.addPage({ size: 'A4', margin: 0 });
    const item = items[i]!;
    const slot = i % (cols * rows);
    const x = margin + (slot % cols) * cellW;
    const y = margin + Math.floor(slot / cols) * cellH;
    // Cutting guide.
    doc.save().lineWidth(0.5).dash(3, { space: 3 }).strokeColor('#999999').rect(x, y, cellW, cellH).stroke().restore();
    const pad = 5 * MM;
    const qrSize = 52 * MM;
    doc.fillColor('#c0392b').fontSize(13).text('码上办 · 扫码反映问题', x + pad, y + pad, { width: cellW - 2 * pad, align: 'center' });
    drawQr(doc, item.url, x + (cellW - qrSize) / 2, y + pad + 7 * MM, qrSize);
    let ty = y + pad + 7 * MM + qrSize + 1.5 * MM;
    doc.fillColor('#000000').fontSize(12).text(item.location.name, x + pad, ty, { width: cellW - 2 * pad, align: 'center' });
    ty += 6 * MM;
    doc.fontSize(7.5).fillColor('#333333');
    doc.text(`网格：${item.location.gridName}${GAP}受理：${item.location.centreName}`, x + pad, ty, { width: cellW - 2 * pad, align: 'center' });
    ty += 4 * MM;
    doc.text(`服务热线：${item.hotline}`, x + pad, ty, { width: cellW - 2 * pad, align: 'center' });
    ty += 4.5 * MM;
    for (const line of POSTER_INSTRUCTIONS) {
      doc.text(line, x + pad + 6 * MM, ty, { width: cellW - 2 * pad - 6 * MM });
      ty += 3.8 * MM;
    }
  }
}

function a3Poster(doc: PDFKit.PDFDocument, item: PosterItem): void {
  doc.addPage({ size: 'A3', margin: 0 });
  const pageW = 297 * MM;
  const m = 20 * MM;
  const w = pageW - 2 * m;
  doc.rect(0, 0, pageW, 45 * MM).fill('#c0392b');
  doc.fillColor('#ffffff').fontSize(40).text('码上办', m, 10 * MM, { width: w, align: 'center' });
  doc.fontSize(18).text(`遇到麻烦扫一扫${GAP}只要反映就有人管`, m, 28 * MM, { width: w, align: 'center' });
  const qrSize = 170 * MM;
  drawQr(doc, item.url, (pageW - qrSize) / 2, 58 * MM, qrSize);
  let y = 58 * MM + qrSize + 8 * MM;
  doc.fillColor('#000000').fontSize(30).text(item.location.name, m, y, { width: w, align: 'center' });
  y += 16 * MM;
  doc.fontSize(15).fillColor('#333333');
  doc.text(`所属网格：${item.location.gridName}${GAP}${GAP}受理单位：${item.location.centreName}`, m, y, { width: w, align: 'center' });
  y += 9 * MM;
  doc.text(`服务热线：${item.hotline}`, m, y, { width: w, align: 'center' });
  y += 14 * MM;
  doc.fontSize(17).fillColor('#000000');
  for (const line of POSTER_INSTRUCTIONS) {
    doc.text(line, m + 40 * MM, y, { width: w - 40 * MM });
    y += 10 * MM;
  }
}
