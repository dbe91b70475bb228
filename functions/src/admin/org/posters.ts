import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// Imported (not only resolved) so the Lambda packager sees the dependency and installs the package with its font files.
import { fontsMeta } from '@embedpdf/fonts-sc';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
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
export function posterFont(): Buffer {
  if (fontBytes) return fontBytes;
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

async function qrPng(url: string, px: number): Promise<Buffer> {
  // Level M survives a scuffed or partly covered street poster; a 4-module quiet zone for phone cameras.
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: px });
}

/** A single code as SVG (for designers) or PNG. */
export async function qrImage(url: string, format: 'svg' | 'png'): Promise<Buffer> {
  if (format === 'svg') return Buffer.from(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }), 'utf8');
  return qrPng(url, 1024);
}

/**
 * Renders the posters as one PDF. `a4`: six per sheet (2 × 3), each with its code,
 * place name, grid, receiving office, hotline and the three instructions; `a3`: one
 * large poster per location.
 */
export async function renderPosters(items: PosterItem[], layout: PosterLayout): Promise<Buffer> {
  const doc = new PDFDocument({ size: layout === 'a4' ? 'A4' : 'A3', autoFirstPage: false, margin: 0, info: { Title: '码上办 二维码海报', Creator: '码上办' } });
  doc.registerFont('cjk', posterFont());
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('cjk');
  if (layout === 'a4') await a4Sheets(doc, items);
  else for (const item of items) await a3Poster(doc, item);
  doc.end();
  return done;
}

async function a4Sheets(doc: PDFKit.PDFDocument, items: PosterItem[]): Promise<void> {
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
    doc.image(await qrPng(item.url, 600), x + (cellW - qrSize) / 2, y + pad + 7 * MM, { width: qrSize, height: qrSize });
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

async function a3Poster(doc: PDFKit.PDFDocument, item: PosterItem): Promise<void> {
  doc.addPage({ size: 'A3', margin: 0 });
  const pageW = 297 * MM;
  const m = 20 * MM;
  const w = pageW - 2 * m;
  doc.rect(0, 0, pageW, 45 * MM).fill('#c0392b');
  doc.fillColor('#ffffff').fontSize(40).text('码上办', m, 10 * MM, { width: w, align: 'center' });
  doc.fontSize(18).text(`遇到麻烦扫一扫${GAP}只要反映就有人管`, m, 28 * MM, { width: w, align: 'center' });
  const qrSize = 170 * MM;
  doc.image(await qrPng(item.url, 1400), (pageW - qrSize) / 2, 58 * MM, { width: qrSize, height: qrSize });
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
