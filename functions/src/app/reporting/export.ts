import type writeXlsxFile from 'write-excel-file/universal';
import type { Cell, Sheet } from 'write-excel-file/universal';
import { CLOCK_LABELS, formatLocal, type BreachListReply, type RankingReply, type ReportRow, type SlaReport, type TicketListItem } from '@mashang/shared';

/**
 * Excel (.xlsx) exports of the supervisors' reports and lists, written with
 * write-excel-file (its universal build, zipping with Node's zlib in the bundles; it loads only
 * when an export is asked for). Every sheet has a bold header row, frozen, and columns 14
 * characters wide; the workbook's author is 码上办. Lists never carry phone numbers (list rows
 * have none), so nothing here needs masking; the test opens the workbook and checks that.
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

type SheetSpec = Sheet<Blob> & { data: Cell[][] };

/** A sheet: a bold header row, frozen, over the rows; every column of the header 14 characters wide. */
function sheet(name: string, header: string[], rows: Cell[][] = []): SheetSpec {
  return {
    sheet: name,
    data: [header.map((value) => ({ value, fontWeight: 'bold' as const })), ...rows],
    stickyRowsCount: 1,
    columns: header.map(() => ({ width: 14 })),
  };
}

/** A rate (a fraction, or null when nothing was measured) shown as a percentage with one decimal. */
const percent = (rate: number | null): Cell => (rate === null ? null : { value: rate, format: '0.0%' });

function reportRows(name: string, rows: ReportRow[]): SheetSpec {
  return sheet(
    name,
    ['名称', '口径', ...COUNT_COLUMNS.map(([, l]) => l), ...RATE_COLUMNS.map(([, l]) => l)],
    rows.map((r) => [
      r.name,
      r.role === 'origin' ? '受理' : '承办',
      ...COUNT_COLUMNS.map(([k]) => r.counters[k] ?? 0),
      ...RATE_COLUMNS.map(([k]) => percent(r.rates[k])),
    ]),
  );
}

type Feature = NonNullable<NonNullable<Parameters<typeof writeXlsxFile>[1]>['features']>[number];

const CORE_PROPERTIES = 'docProps/core.xml';
/** The workbook's author (a constant: written into the XML as it is). */
const AUTHOR = '码上办';

/**
 * The workbook's author (docProps/core.xml's dc:creator, what Excel and WPS show as 作者):
 * write-excel-file writes no document properties, so this adds the part, its content type and
 * the package's relationship to it, through the library's own extension point (a "feature").
 */
const author: Feature = {
  files: {
    transform: {
      '[Content_Types].xml': { insert: () => `<Override PartName="/${CORE_PROPERTIES}" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` },
      '_rels/.rels': {
        insert: () => `<Relationship Id="rId-core-1" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="${CORE_PROPERTIES}"/>`,
      },
    },
    write: {
      files: () => ({
        [CORE_PROPERTIES]:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
          `<dc:creator>${AUTHOR}</dc:creator></cp:coreProperties>`,
      }),
    },
  },
};

/**
 * A frozen header row's pane is the bottom-left one. write-excel-file 4.1.1 marks the bottom-right
 * pane active whatever was frozen, which the spec (ISO/IEC 29500-1, 18.3.1.66) allows only when
 * columns are frozen too, and which Excel for Mac reports as a damaged file; this feature (run after
 * the library's own) names the pane that exists when only rows are frozen.
 */
const frozenRowsPane: Feature = {
  files: {
    transform: {
      'xl/worksheets/sheet{id}.xml': {
        transform: (xml) => xml.replace(/<pane\b[^>]*\/>/, (pane) => (/\bxSplit="0"/.test(pane) ? pane.replace('activePane="bottomRight"', 'activePane="bottomLeft"') : pane)),
      },
    },
  },
};

/**
 * The Normal cell style every cell's format derives from, as Excel writes it: without it
 * (write-excel-file writes none) LibreOffice measures column widths in its own default font and
 * shows the 14-character columns about a quarter wider.
 */
const normalStyle: Feature = {
  files: {
    transform: {
      'xl/styles.xml': {
        transform: (xml) =>
          xml.includes('<cellStyleXfs')
            ? xml
            : xml
                .replace('<cellXfs', '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs')
                .replace('</cellXfs>', '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'),
      },
    },
  },
};

/** The .xlsx file of these sheets, in this order (Calibri 11, the font exceljs wrote before). */
async function workbook(sheets: SheetSpec[]): Promise<Buffer> {
  const { writeXlsxFile } = await import('./xlsx-writer.ts');
  const file = await writeXlsxFile(sheets, { fontFamily: 'Calibri', fontSize: 11, features: [author, frozenRowsPane, normalStyle] }).toBlob();
  return Buffer.from(await file.arrayBuffer());
}

export async function slaReportXlsx(r: SlaReport): Promise<Buffer> {
  return workbook([
    reportRows('汇总', [r.totals]),
    reportRows('按单位', r.byUnit),
    reportRows('按类别', r.byCategory),
    sheet('口径说明', ['指标', '计算方法'], [['统计区间', `${r.from} 至 ${r.to}（按受理日期）`], ...Object.entries(r.formulas).map(([k, v]) => [k, v])]),
  ]);
}

export async function rankingXlsx(r: RankingReply): Promise<Buffer> {
  const lists = [['街道乡镇', r.offices], ['部门', r.departments], ['社区', r.communities ?? []]] as const;
  return workbook([
    ...lists.map(([name, entries]) =>
      sheet(
        `${r.month} ${name}`,
        ['名次', '单位', '综合得分', '榜单', ...RATE_COLUMNS.map(([, l]) => l)],
        entries.map((e) => [e.rank, e.unitName, e.score, e.list === 'red' ? '红榜' : e.list === 'black' ? '黑榜' : '', ...RATE_COLUMNS.map(([k]) => e.rates[k])]),
      ),
    ),
    sheet('计分公式', ['公式'], [[r.formula]]),
  ]);
}

export async function ticketListXlsx(title: string, items: TicketListItem[]): Promise<Buffer> {
  return workbook([
    sheet(
      title,
      ['诉求编号', '状态', '类别', '地点', '内容摘要', '受理时间', '督办级别'],
      items.map((t) => [t.id, t.statusLabel, t.categoryName, t.locationName, t.summary, formatLocal(t.receivedAt), t.supervisionLevel]),
    ),
  ]);
}

export async function breachListXlsx(r: BreachListReply): Promise<Buffer> {
  // 首次超时 is the deadline that was missed; 记录时间 is when the sweeper recorded the red card.
  return workbook([
    sheet(
      '超时诉求',
      ['诉求编号', '责任单位', '超时环节', '首次超时', '状态', '类别', '地点', '内容摘要', '督办级别', '记录时间'],
      r.items.map((t) => [
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
      ]),
    ),
  ]);
}
