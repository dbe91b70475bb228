import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '@mashang/shared';
import { readSheet } from './locations.ts';

/**
 * The bulk location import's reader: the first sheet of an .xlsx file (written here by another
 * library, exceljs, as Excel writes one: shared strings, rich text, hyperlinks, formulas with their
 * saved results) or a CSV file, as text keyed by the header of row 1.
 */
const HEADER = ['编号', '名称', '网格', '地址', '纬度', '经度'];

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('地点'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('readSheet (.xlsx)', () => {
  it('reads each cell as its text: rich text, a hyperlink, a formula’s result, numbers and dates', async () => {
    const file = await xlsx((ws, wb) => {
      ws.addRow(HEADER);
      ws.addRow([
        'loc-a1',
        { richText: [{ text: '金塔', font: { bold: true } }, { text: '巷东口' }] },
        { text: '金塔巷第一网格', hyperlink: 'https://example.org/grid' },
        { formula: 'CONCATENATE("张掖路","1号")', result: '张掖路1号' },
        36.0621,
        { formula: '100+3.8265', result: 103.8265 },
      ]);
      ws.addRow([]);
      ws.addRow(['  loc-a2  ', '东口', 'g', new Date(Date.UTC(2026, 0, 5)), null, null]);
      // Only the first sheet is read.
      wb.addWorksheet('其他').addRow(HEADER);
    });
    expect(await readSheet(file, 'xlsx')).toEqual([
      { row: 2, cells: { 编号: 'loc-a1', 名称: '金塔巷东口', 网格: '金塔巷第一网格', 地址: '张掖路1号', 纬度: '36.0621', 经度: '103.8265' } },
      // The blank row 3 is skipped; row numbers stay those of the sheet.
      { row: 4, cells: { 编号: 'loc-a2', 名称: '东口', 网格: 'g', 地址: '2026-01-05' } },
    ]);
  });

  it('takes the columns in any order, ignores columns it does not know, and needs 名称, 网格, 纬度 and 经度 in row 1', async () => {
    const file = await xlsx((ws) => {
      ws.addRow(['备注', '经度', '纬度', '网格', '名称']);
      ws.addRow(['x', 103.8, 36.1, 'g', '南口']);
    });
    expect(await readSheet(file, 'xlsx')).toEqual([{ row: 2, cells: { 备注: 'x', 经度: '103.8', 纬度: '36.1', 网格: 'g', 名称: '南口' } }]);
    const headerless = await xlsx((ws) => {
      ws.getCell('B3').value = '名称';
    });
    const err = await failure(readSheet(headerless, 'xlsx'));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields).toEqual([{ path: 'rows.1', message: '缺少列 名称、网格、纬度、经度' }]);
  });

  it('answers a file that is not an .xlsx workbook with a 400 and a Chinese message', async () => {
    for (const bad of [Buffer.from('编号,名称\n'), Buffer.from('PK\u0003\u0004 not a zip')]) {
      const err = await failure(readSheet(bad, 'xlsx'));
      expect([err.code, err.message]).toEqual(['VALIDATION_FAILED', '无法读取该 Excel 文件，请另存为 .xlsx 后重试']);
    }
  });

  it('refuses a workbook that inflates past 32 MB (a zip bomb in a 3 MB upload) with a 400 that says so, without reading it', async () => {
    // A real workbook whose sheet is padded with 40 MB of spaces before its end: ≈ 40 KB deflated.
    const book = await JSZip.loadAsync(await xlsx((ws) => ws.addRow(HEADER)));
    const sheet = await book.file('xl/worksheets/sheet1.xml')!.async('string');
    book.file('xl/worksheets/sheet1.xml', sheet.replace('</worksheet>', `${' '.repeat(40 * 1024 * 1024)}</worksheet>`));
    const bomb = Buffer.from(await book.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(bomb.length).toBeLessThan(1_000_000);
    const err = await failure(readSheet(bomb, 'xlsx'));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toBe('该 Excel 文件解压后超过 32 MB，无法读取；请只保留要导入的地点（每次最多 500 行）后重试');
    expect(err.fields).toEqual([{ path: 'fileBase64', message: '解压后超过 32 MB' }]);
  });
});

describe('readSheet (CSV)', () => {
  it('drops the byte-order mark Excel writes and reads quoted cells', async () => {
    const csv = `\uFEFF${HEADER.join(',')}\nloc-c1,"步行街""南口""",步行街第一网格,"张掖路1号, 东侧",36.0621,103.8265\n`;
    expect(await readSheet(Buffer.from(csv), 'csv')).toEqual([
      { row: 2, cells: { 编号: 'loc-c1', 名称: '步行街"南口"', 网格: '步行街第一网格', 地址: '张掖路1号, 东侧', 纬度: '36.0621', 经度: '103.8265' } },
    ]);
  });

  it('keeps each cell’s text as written: no number or date guessed from it', async () => {
    const csv = `${HEADER.join(',')}\n00777,0931,007,2026-01-05,36.06210,1e2\n`;
    expect(await readSheet(Buffer.from(csv), 'csv')).toEqual([{ row: 2, cells: { 编号: '00777', 名称: '0931', 网格: '007', 地址: '2026-01-05', 纬度: '36.06210', 经度: '1e2' } }]);
  });

  it('numbers rows as the file’s lines, blank lines included, whatever the line ends (CRLF, LF, mixed)', async () => {
    const csv = `${HEADER.join(',')}\r\n\r\nloc-c2,北口,g,,1,2\r\n\n,,,,,\nloc-c3, 西口 ,g,,3,4\n`;
    expect(await readSheet(Buffer.from(csv), 'csv')).toEqual([
      { row: 3, cells: { 编号: 'loc-c2', 名称: '北口', 网格: 'g', 纬度: '1', 经度: '2' } },
      { row: 6, cells: { 编号: 'loc-c3', 名称: '西口', 网格: 'g', 纬度: '3', 经度: '4' } },
    ]);
  });

  it('answers a broken CSV with a 400 and a Chinese message', async () => {
    const err = await failure(readSheet(Buffer.from(`${HEADER.join(',')}\nloc,"unclosed,g\n`), 'csv'));
    expect([err.code, err.message]).toEqual(['VALIDATION_FAILED', '无法读取该 CSV 文件，请使用 UTF-8 编码']);
  });
});
