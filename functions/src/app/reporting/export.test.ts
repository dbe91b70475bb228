import JSZip from 'jszip';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import type { BreachListReply, RankingReply, ReportRow, SlaReport, TicketListItem } from '@mashang/shared';
import { breachListXlsx, rankingXlsx, slaReportXlsx, ticketListXlsx } from './export.ts';

/**
 * The .xlsx exports, read back by a reader (read-excel-file) and opened as the zip of XML parts
 * Excel and WPS read: every sheet has its bold header row frozen (the bottom-left pane, the only
 * one a row-only freeze has), columns 14 characters wide in the Normal style's font, rates as
 * percentages, and the workbook names 码上办 as its author.
 */
const rates = { responseRate: 0.5, classifyRate: null, resolveRate: 1, resolveOnTimeRate: 0.25, followUpRate: null, satisfactionRate: 0.875 };
const row = (name: string, role: ReportRow['role']): ReportRow => ({ key: name, name, role, counters: { received: 4, resolved: 2 }, rates });
const report: SlaReport = {
  unitId: 'chengguan',
  unitName: '城关区',
  from: '2026-11-01',
  to: '2026-11-30',
  totals: row('城关区', 'origin'),
  byUnit: [row('皋兰路街道', 'origin'), row('城市管理局', 'handling')],
  byCategory: [],
  byDay: [],
  formulas: { 响应率: '按时响应数 ÷ 应响应数' },
  itemsRead: 3,
};
const item: TicketListItem = {
  id: 'T20261130-0001',
  status: 'dispatched',
  statusLabel: '办理中',
  channel: 'qr',
  categoryCode: 'traffic',
  categoryName: '交通设施',
  summary: '公交站台顶棚破损漏雨',
  locationName: '大剧院站',
  urgent: false,
  receivedAt: '2026-11-30T01:02:03.000Z',
  supervisionLevel: 1,
};

async function parts(file: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(file);
}
const text = async (zip: JSZip, path: string) => {
  const f = zip.file(path);
  expect(f, path).toBeTruthy();
  return f!.async('string');
};

/** Each sheet's XML: the frozen first row, bold header cells, every header column 14 wide. */
async function expectSheetLayout(zip: JSZip, sheets: number, columns: number[]): Promise<void> {
  const styles = await text(zip, 'xl/styles.xml');
  // The Normal style the widths are measured in (LibreOffice shows columns wider without it).
  expect(styles).toMatch(/<cellStyleXfs count="1"><xf [^>]*fontId="0"[^>]*\/><\/cellStyleXfs><cellXfs/);
  expect(styles).toContain('<cellStyle name="Normal" xfId="0" builtinId="0"/>');
  const fonts = [...styles.match(/<fonts[^>]*>(.*?)<\/fonts>/s)![1]!.matchAll(/<font\b.*?<\/font>/gs)].map((m) => m[0]);
  const cellXfs = [...styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s)![1]!.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
  const bold = (s: string) => fonts[Number(/fontId="(\d+)"/.exec(cellXfs[Number(s)]!)?.[1] ?? 0)]!.includes('<b/>');
  for (let i = 1; i <= sheets; i++) {
    const xml = await text(zip, `xl/worksheets/sheet${i}.xml`);
    const pane = /<pane\b[^>]*\/>/.exec(xml)?.[0] ?? '';
    expect(pane, `sheet ${i}`).toMatch(/ySplit="1"/);
    expect(pane).toMatch(/topLeftCell="A2"/);
    expect(pane).toMatch(/state="frozen"/);
    expect(pane).toMatch(/activePane="bottomLeft"/);
    const widths = [...xml.matchAll(/<col\b[^>]*\/>/g)].map((m) => [Number(/min="(\d+)"/.exec(m[0])![1]), Number(/max="(\d+)"/.exec(m[0])![1]), Number(/width="([\d.]+)"/.exec(m[0])![1])]);
    const widthOf = (col: number) => widths.find(([min, max]) => min! <= col && col <= max!)?.[2];
    for (let c = 1; c <= columns[i - 1]!; c++) expect(widthOf(c), `sheet ${i} column ${c}`).toBe(14);
    const header = /<row r="1"[^>]*>(.*?)<\/row>/s.exec(xml)![1]!;
    const headerCells = [...header.matchAll(/<c\b[^>]*>/g)].map((m) => m[0]);
    expect(headerCells).toHaveLength(columns[i - 1]!);
    for (const c of headerCells) expect(bold(/s="(\d+)"/.exec(c)?.[1] ?? '0'), c).toBe(true);
    // Data rows are not bold.
    const second = /<row r="2"[^>]*>(.*?)<\/row>/s.exec(xml)?.[1];
    if (second) for (const c of second.matchAll(/<c\b[^>]*>/g)) expect(bold(/s="(\d+)"/.exec(c[0])?.[1] ?? '0'), c[0]).toBe(false);
  }
}

async function expectAuthor(zip: JSZip): Promise<void> {
  expect(await text(zip, 'docProps/core.xml')).toContain('<dc:creator>码上办</dc:creator>');
  expect(await text(zip, '[Content_Types].xml')).toContain('PartName="/docProps/core.xml"');
  expect(await text(zip, '_rels/.rels')).toMatch(/Type="http:\/\/schemas\.openxmlformats\.org\/package\/2006\/relationships\/metadata\/core-properties" Target="docProps\/core\.xml"/);
}

describe('Excel exports', () => {
  it('the SLA report: four sheets, counts as numbers, rates as percentages, empty where nothing was measured', async () => {
    const file = await slaReportXlsx(report);
    const book = await readXlsxFile(new Blob([file]));
    expect(book.map((s) => s.sheet)).toEqual(['汇总', '按单位', '按类别', '口径说明']);
    const [totals, units, categories, formulas] = book.map((s) => s.data);
    expect(totals![0]!.slice(0, 4)).toEqual(['名称', '口径', '受理数', '承办数']);
    expect(totals![0]).toHaveLength(20);
    expect(totals![1]!.slice(0, 4)).toEqual(['城关区', '受理', 4, 0]);
    expect(totals![1]!.slice(14)).toEqual([0.5, null, 1, 0.25, null, 0.875]);
    expect(units!.map((r) => r[1])).toEqual(['口径', '受理', '承办']);
    expect(categories).toEqual([totals![0]]);
    expect(formulas).toEqual([['指标', '计算方法'], ['统计区间', '2026-11-01 至 2026-11-30（按受理日期）'], ['响应率', '按时响应数 ÷ 应响应数']]);
    const zip = await parts(file);
    await expectSheetLayout(zip, 4, [20, 20, 20, 2]);
    await expectAuthor(zip);
    // The rate cells carry the 0.0% format.
    const styles = await text(zip, 'xl/styles.xml');
    const id = /<numFmt numFmtId="(\d+)" formatCode="0\.0%"\/>/.exec(styles)?.[1];
    expect(id).toBeTruthy();
    const xfs = [...styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s)![1]!.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
    const sheet = await text(zip, 'xl/worksheets/sheet1.xml');
    const o2 = /<c r="O2"[^>]*s="(\d+)"/.exec(sheet)?.[1];
    expect(xfs[Number(o2)]).toContain(`numFmtId="${id}"`);
  });

  it('the red and black lists: a sheet per kind of unit and the formula', async () => {
    const entry = { unitId: 'gaolanlu', unitName: '皋兰路街道', kind: 'office' as const, rank: 1, score: 92.5, list: 'red' as const, rates, counters: {} };
    const reply: RankingReply = { month: '2026-11', formula: '综合得分 = 响应率 × 10% + …', offices: [entry, { ...entry, unitName: '张掖路街道', rank: 2, score: 60, list: 'black' }], departments: [] };
    const file = await rankingXlsx(reply);
    const book = await readXlsxFile(new Blob([file]));
    expect(book.map((s) => s.sheet)).toEqual(['2026-11 街道乡镇', '2026-11 部门', '2026-11 社区', '计分公式']);
    expect(book[0]!.data.slice(1).map((r) => r.slice(0, 4))).toEqual([[1, '皋兰路街道', 92.5, '红榜'], [2, '张掖路街道', 60, '黑榜']]);
    expect(book[3]!.data).toEqual([['公式'], ['综合得分 = 响应率 × 10% + …']]);
    const zip = await parts(file);
    await expectSheetLayout(zip, 4, [10, 10, 10, 1]);
    await expectAuthor(zip);
  });

  it('a list of requests and the breach list, with Beijing times', async () => {
    const list = await readXlsxFile(new Blob([await ticketListXlsx('诉求清单', [item])]));
    expect(list.map((s) => s.sheet)).toEqual(['诉求清单']);
    expect(list[0]!.data).toEqual([
      ['诉求编号', '状态', '类别', '地点', '内容摘要', '受理时间', '督办级别'],
      ['T20261130-0001', '办理中', '交通设施', '大剧院站', '公交站台顶棚破损漏雨', '2026-11-30 09:02', 1],
    ]);
    const breach: BreachListReply = {
      items: [{ ...item, currentUnitId: 'gaolanlu', currentUnitName: '皋兰路街道', firstBreachAt: '2026-11-30T02:00:00.000Z', breachedClocks: ['respond', 'classify'] }],
    };
    const file = await breachListXlsx(breach);
    const book = await readXlsxFile(new Blob([file]));
    expect(book[0]!.data[1]).toEqual(['T20261130-0001', '皋兰路街道', expect.stringContaining('、'), '2026-11-30 10:00', '办理中', '交通设施', '大剧院站', '公交站台顶棚破损漏雨', 1, null]);
    const zip = await parts(file);
    await expectSheetLayout(zip, 1, [10]);
    await expectAuthor(zip);
  });
});
