import type ExcelJS from 'exceljs';
import { Workbook } from './excel-workbook.ts';
import {
  CLOCK_LABELS,
  formatLocal,
  type BreachListReply,
  type RankingReply,
  type ReportRow,
  type SlaReport,
  type TicketListItem,
} from '@mashang/shared';

/**
 * Excel (.xlsx) exports of the supervisors' reports and lists, built with
 * exceljs. Lists never carry phone numbers (list rows have none), so nothing
 * here needs masking; the test opens the workbook and checks that.
 */

const RATE_COLUMNS: Array<[keyof ReportRow['rates'], string]> = [
  ['responseRate', '响应率'],
  ['classifyRate', '按时分类率'],
  ['resolveRate', '办结率'],
  ['resolveOnTimeRate', '按时办结率'],
  ['followUpRate', '按时回访率'],
  ['satisfactionRate', '满意率'],
];
const COUNT_COLUMNS: Array<[string, string]> = [
  ['received', '受理数'],
  ['dispatched', '承办数'],
  ['respondedOnTime', '按时响应'],
  ['classifiedOnTime', '按时分类'],
  ['resolved', '办结'],
  ['resolvedOnTime', '按时办结'],
  ['followedUpOnTime', '按时回访'],
  ['rated', '评价数'],
  ['satisfied', '满意'],
  ['basic', '基本满意'],
  ['unsatisfied', '不满意'],
  ['openBreached', '当前超时'],
];

function sheet(wb: ExcelJS.Workbook, name: string, header: string[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 14));
  return ws;
}

function reportRows(wb: ExcelJS.Workbook, name: string, rows: ReportRow[]): void {
  const ws = sheet(wb, name, ['名称', '口径', ...COUNT_COLUMNS.map(([, l]) => l), ...RATE_COLUMNS.map(([, l]) => l)]);
  for (const r of rows) {
    const row = ws.addRow([
      r.name,
      r.role === 'origin' ? '受理' : '承办',
      ...COUNT_COLUMNS.map(([k]) => r.counters[k] ?? 0),
      ...RATE_COLUMNS.map(([k]) => r.rates[k]),
    ]);
    RATE_COLUMNS.forEach((_, i) => (row.getCell(3 + COUNT_COLUMNS.length + i).numFmt = '0.0%'));
  }
}

async function toBuffer(wb: Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function workbook(): Workbook {
  const wb = new Workbook();
  wb.creator = '码上办';
  return wb;
}

export async function slaReportXlsx(r: SlaReport): Promise<Buffer> {
  const wb = workbook();
  reportRows(wb, '汇总', [r.totals]);
  reportRows(wb, '按单位', r.byUnit);
  reportRows(wb, '按类别', r.byCategory);
  const f = sheet(wb, '口径说明', ['指标', '计算方法']);
  f.addRow(['统计区间', `${r.from} 至 ${r.to}（按受理日期）`]);
  for (const [k, v] of Object.entries(r.formulas)) f.addRow([k, v]);
  return toBuffer(wb);
}

export async function rankingXlsx(r: RankingReply): Promise<Buffer> {
  const wb = workbook();
  for (const [name, entries] of [['街道乡镇', r.offices], ['部门', r.departments], ['社区', r.communities ?? []]] as const) {
    const ws = sheet(wb, `${r.month} ${name}`, ['名次', '单位', '综合得分', '榜单', ...RATE_COLUMNS.map(([, l]) => l)]);
    for (const e of entries) ws.addRow([e.rank, e.unitName, e.score, e.list === 'red' ? '红榜' : e.list === 'black' ? '黑榜' : '', ...RATE_COLUMNS.map(([k]) => e.rates[k])]);
  }
  sheet(wb, '计分公式', ['公式']).addRow([r.formula]);
  return toBuffer(wb);
}

export async function ticketListXlsx(title: string, items: TicketListItem[]): Promise<Buffer> {
  const wb = workbook();
  const ws = sheet(wb, title, ['诉求编号', '状态', '类别', '地点', '内容摘要', '受理时间', '督办级别']);
  for (const t of items) ws.addRow([t.id, t.statusLabel, t.categoryName, t.locationName, t.summary, formatLocal(t.receivedAt), t.supervisionLevel]);
  return toBuffer(wb);
}

export async function breachListXlsx(r: BreachListReply): Promise<Buffer> {
  const wb = workbook();
  // 首次超时 is the deadline that was missed; 记录时间 is when the sweeper recorded the red card.
  const ws = sheet(wb, '超时诉求', ['诉求编号', '责任单位', '超时环节', '首次超时', '状态', '类别', '地点', '内容摘要', '督办级别', '记录时间']);
  for (const t of r.items) {
    ws.addRow([
      t.id,
      t.currentUnitName,
      t.breachedClocks.map((c) => CLOCK_LABELS[c]).join('、'),
      formatLocal(t.firstBreachAt),
      t.statusLabel,
      t.categoryName,
      t.locationName,
      t.summary,
      t.supervisionLevel,
      t.breachRecordedAt ? formatLocal(t.breachRecordedAt) : '',
    ]);
  }
  return toBuffer(wb);
}
