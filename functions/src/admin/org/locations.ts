import { randomBytes } from 'node:crypto';
import gcoord from 'gcoord';
import { AppError, fromEpochMs, type Actor, type Location, type Unit } from '@mashang/shared';
import {
  IMPORT_COLUMNS,
  ImportLocationsInputSchema,
  LocationInputSchema,
  routingOf,
  type Datum,
  type ImportRowError,
} from '@mashang/shared/admin-org';
import type * as z from 'zod/mini';
import type { ZipTooLargeError } from '../../adapters/fflate-on-zlib.ts';
import { fieldErrors } from '../../http/http.ts';
import { StoreError } from '../../ports/errors.ts';
import type { OrgAdminDeps } from './deps.ts';
import { adminScope, unitInScope, type AdminScope } from './scope.ts';

/** Rows one import may hold (a street's QR codes at most; a county imports street by street). */
export const IMPORT_MAX_ROWS = 500;

/**
 * Stored coordinates are WGS-84 (what phones report). Chinese web maps (高德, 腾讯, 百度's
 * GCJ-02 mode) show GCJ-02, offset by up to several hundred metres; gcoord converts.
 */
export function toWgs84(lat: number, lng: number, datum: Datum): { lat: number; lng: number } {
  if (datum === 'wgs84') return { lat, lng };
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat: Math.round(y * 1e6) / 1e6, lng: Math.round(x * 1e6) / 1e6 };
}

const newLocationId = (): string => `loc-${randomBytes(4).toString('hex')}`;

/**
 * The text of a cell whatever the sheet holds: read-excel-file gives rich text and hyperlinks as
 * their text, a formula as its saved result, numbers as numbers and dated cells as dates.
 */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * QR locations: create, edit (every row of a location rewritten in one transaction),
 * and bulk import from CSV or Excel, all rows checked before any is written.
 */
export class LocationAdmin {
  constructor(private readonly deps: OrgAdminDeps) {}

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  private grid(scope: AdminScope, units: ReadonlyMap<string, Unit>, gridId: string): Unit {
    const grid = unitInScope(scope, units, gridId, 'gridId');
    if (grid.kind !== 'grid') throw new AppError('VALIDATION_FAILED', '二维码地点只能属于网格', [{ path: 'gridId', message: '请选择网格' }]);
    if (grid.disabled) throw new AppError('UNIT_NOT_FOUND', '该网格已停用', [{ path: 'gridId', message: '该网格已停用' }]);
    return grid;
  }

  /** The QR locations of one grid of the admin's area. */
  async list(actor: Actor, gridId: string | undefined): Promise<Location[]> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    if (!gridId) throw new AppError('VALIDATION_FAILED', '请选择网格', [{ path: 'gridId', message: '请选择网格' }]);
    const grid = unitInScope(scope, units, gridId, 'gridId');
    return (await this.deps.store.locationsOfGrid(grid.id)).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  }

  /** A location of the admin's area, or 404. */
  async get(actor: Actor, id: string): Promise<Location> {
    const units = await this.deps.store.units();
    return this.inScope(adminScope(actor, units), units, id);
  }

  private async inScope(scope: AdminScope, units: ReadonlyMap<string, Unit>, id: string): Promise<Location> {
    const loc = await this.deps.store.location(id);
    if (!loc || !scope.has(units.get(loc.gridId))) throw new AppError('LOCATION_NOT_FOUND', '二维码地点不存在');
    return loc;
  }

  private build(units: ReadonlyMap<string, Unit>, grid: Unit, id: string, input: z.output<typeof LocationInputSchema>): Location {
    const coords = input.lat !== undefined && input.lng !== undefined ? toWgs84(input.lat, input.lng, input.datum) : undefined;
    return { id, name: input.name, ...(input.address ? { address: input.address } : {}), ...routingOf(grid, units), ...(coords ?? {}) };
  }

  async create(actor: Actor, raw: z.input<typeof LocationInputSchema>): Promise<Location> {
    const input = LocationInputSchema.parse(raw);
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const grid = this.grid(scope, units, input.gridId);
    const loc = this.build(units, grid, input.id ?? newLocationId(), input);
    try {
      await this.deps.store.createLocation(loc, { countyId: scope.countyId, actor, at: this.nowIso(), action: 'location.create', target: `location:${loc.id}`, after: loc });
    } catch (err) {
      if (err instanceof StoreError && err.reason === 'admin_conflict') throw new AppError('CONFLICT', '该编号已被使用', [{ path: 'id', message: '该编号已被使用' }]);
      throw err;
    }
    return loc;
  }

  /**
   * Edits name, grid, address or coordinates. The location, its grid listing and its
   * search rows (name terms, nearby cells) change in one transaction, conditioned on
   * the location as read. Requests already filed keep the office they went to.
   */
  async update(actor: Actor, id: string, raw: z.input<typeof LocationInputSchema>): Promise<Location> {
    const input = LocationInputSchema.parse(raw);
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const before = await this.inScope(scope, units, id);
    const grid = this.grid(scope, units, input.gridId);
    const after = this.build(units, grid, id, input);
    await this.deps.store.updateLocation(before, after, { countyId: scope.countyId, actor, at: this.nowIso(), action: 'location.update', target: `location:${id}`, before, after });
    return after;
  }

  /**
   * Bulk import from a CSV or Excel sheet with the columns {@link IMPORT_COLUMNS}. Every
   * row is checked first (fields, grid of the admin's area, coordinates, ids unused and
   * not repeated); any bad row means a 400 listing each problem by row and column, and
   * nothing is written. Then each location is written with its search rows and audit
   * event in its own transaction.
   */
  async importFile(actor: Actor, raw: z.input<typeof ImportLocationsInputSchema>): Promise<{ imported: number; dryRun: boolean; items: Location[] }> {
    const input = ImportLocationsInputSchema.parse(raw);
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const rows = await readSheet(Buffer.from(input.fileBase64, 'base64'), input.format);
    const errors: ImportRowError[] = [];
    const planned: Location[] = [];
    const gridsByName = new Map<string, Unit[]>();
    for (const u of units.values()) if (u.kind === 'grid' && scope.has(u)) gridsByName.set(u.name, [...(gridsByName.get(u.name) ?? []), u]);
    const seenIds = new Map<string, number>();
    const seenNames = new Map<string, number>();

    for (const { row, cells } of rows) {
      const err = (column: string, message: string) => errors.push({ row, column, message });
      const gridText = cells['网格'] ?? '';
      let grid: Unit | undefined;
      const byId = units.get(gridText);
      if (byId && byId.kind === 'grid' && scope.has(byId)) grid = byId;
      else {
        const named = gridsByName.get(gridText) ?? [];
        if (named.length === 1) grid = named[0];
        else if (named.length > 1) err('网格', `有多个名为「${gridText}」的网格，请填写网格编号`);
        else err('网格', gridText ? `本辖区没有网格「${gridText}」` : '必填');
      }
      if (grid?.disabled) {
        err('网格', `网格「${grid.name}」已停用`);
        grid = undefined;
      }
      const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s.trim()));
      const candidate = {
        id: cells['编号']?.trim() || undefined,
        name: cells['名称'] ?? '',
        gridId: grid?.id ?? '-',
        address: cells['地址']?.trim() || undefined,
        lat: num(cells['纬度']),
        lng: num(cells['经度']),
        datum: input.datum,
      };
      const parsed = LocationInputSchema.safeParse(candidate);
      if (!parsed.success) {
        const column: Record<string, string> = { id: '编号', name: '名称', gridId: '网格', address: '地址', lat: '纬度', lng: '经度' };
        for (const f of fieldErrors(parsed.error)) if (f.path !== 'gridId') err(column[f.path] ?? f.path, f.message);
        continue;
      }
      if (!grid) continue;
      const loc = this.build(units, grid, parsed.data.id ?? newLocationId(), parsed.data);
      if (parsed.data.id) {
        const first = seenIds.get(parsed.data.id);
        if (first !== undefined) err('编号', `与第 ${first} 行的编号重复`);
        else seenIds.set(parsed.data.id, row);
      }
      const nameKey = `${grid.id}|${loc.name}`;
      const firstName = seenNames.get(nameKey);
      if (firstName !== undefined) err('名称', `与第 ${firstName} 行同一网格内重名`);
      else seenNames.set(nameKey, row);
      planned.push({ ...loc, _row: row } as Location);
    }
    if (rows.length === 0) errors.push({ row: 1, column: '(文件)', message: '文件中没有数据行' });
    if (rows.length > IMPORT_MAX_ROWS) errors.push({ row: 1, column: '(文件)', message: `一次最多导入 ${IMPORT_MAX_ROWS} 行，请分批导入` });

    // Ids already used by another location, and names already used in the same grid.
    const explicit = planned.filter((l) => seenIds.has(l.id));
    const taken = await this.deps.store.existingLocations(explicit.map((l) => l.id));
    for (const l of explicit) if (taken.has(l.id)) errors.push({ row: rowOf(l), column: '编号', message: `编号 ${l.id} 已被其他地点使用` });
    for (const gridId of new Set(planned.map((l) => l.gridId))) {
      const names = new Set((await this.deps.store.locationsOfGrid(gridId)).map((l) => l.name));
      for (const l of planned) if (l.gridId === gridId && names.has(l.name)) errors.push({ row: rowOf(l), column: '名称', message: `网格「${l.gridName}」已有地点「${l.name}」` });
    }

    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      throw new AppError(
        'VALIDATION_FAILED',
        `文件有 ${new Set(errors.map((e) => e.row)).size} 行有误，未导入任何地点：${errors.slice(0, 5).map((e) => `第 ${e.row} 行「${e.column}」${e.message}`).join('；')}${errors.length > 5 ? ' …' : ''}`,
        errors.map((e) => ({ path: `rows.${e.row}.${e.column}`, message: e.message })),
      );
    }
    const items = planned.map(({ _row: _r, ...l }: Location & { _row?: number }) => l as Location);
    if (input.dryRun) return { imported: 0, dryRun: true, items };
    const at = this.nowIso();
    // A few transactions in flight: a 500-row sheet stays well inside the Lambda's time.
    const queue = [...items];
    const worker = async () => {
      for (let l = queue.shift(); l; l = queue.shift()) {
        await this.deps.store.createLocation(l, { countyId: scope.countyId, actor, at, action: 'location.import', target: `location:${l.id}`, after: l });
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    return { imported: items.length, dryRun: false, items };
  }
}

const rowOf = (l: Location): number => (l as Location & { _row: number })._row;

/**
 * The data rows of the first sheet, as text keyed by header. The header row must hold
 * the import columns (any order; extra columns are ignored); blank rows are skipped.
 */
export async function readSheet(data: Buffer, format: 'csv' | 'xlsx'): Promise<Array<{ row: number; cells: Record<string, string> }>> {
  let rows: unknown[][];
  try {
    rows = format === 'xlsx' ? await readXlsx(data) : await readCsv(data);
  } catch (err) {
    if (tooLarge(err)) {
      const mb = Math.floor(err.limit / 1024 / 1024);
      throw new AppError('VALIDATION_FAILED', `该 Excel 文件解压后超过 ${mb} MB，无法读取；请只保留要导入的地点（每次最多 ${IMPORT_MAX_ROWS} 行）后重试`, [{ path: 'fileBase64', message: `解压后超过 ${mb} MB` }], { cause: err });
    }
    throw new AppError('VALIDATION_FAILED', format === 'xlsx' ? '无法读取该 Excel 文件，请另存为 .xlsx 后重试' : '无法读取该 CSV 文件，请使用 UTF-8 编码', undefined, { cause: err });
  }
  const header = new Map<number, string>();
  (rows[0] ?? []).forEach((cell, col) => {
    const h = cellText(cell).trim();
    if (h) header.set(col, h);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c !== '编号' && c !== '地址' && ![...header.values()].includes(c));
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', `第 1 行须为表头：${IMPORT_COLUMNS.join('、')}；缺少 ${missing.join('、')}`, [{ path: 'rows.1', message: `缺少列 ${missing.join('、')}` }]);
  }
  const out: Array<{ row: number; cells: Record<string, string> }> = [];
  rows.forEach((r, i) => {
    if (i === 0) return;
    const cells: Record<string, string> = {};
    r.forEach((cell, col) => {
      const h = header.get(col);
      const text = cellText(cell).trim();
      if (h && text) cells[h] = text;
    });
    if (Object.keys(cells).length > 0) out.push({ row: i + 1, cells });
  });
  return out;
}

/**
 * The first sheet of an .xlsx file, row 1 first, each row its cells from column A. read-excel-file's
 * universal build (its Node build adds a stream unzipper and graceful-fs, which patches fs, for files
 * read from disk) loads when an import is read, not when the admin function starts (./xlsx-reader.ts). It unzips with
 * functions/src/adapters/fflate-on-zlib.ts (serverless.yml's alias), which refuses an archive that
 * inflates past its limit with a {@link ZipTooLargeError}, passed through unchanged.
 */
async function readXlsx(data: Buffer): Promise<unknown[][]> {
  const { readSheet: readFirstSheet } = await import('./xlsx-reader.ts');
  return readFirstSheet(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
}

/** The unzip's refusal of an archive too large inflated (checked by its code: importing the class would load zlib with the routes). */
const tooLarge = (err: unknown): err is ZipTooLargeError => (err as { code?: unknown } | null)?.code === 'ZIP_TOO_LARGE';

/**
 * A CSV file's records, row 1 first, each cell's text as written (no number or date guessed: an id
 * such as 00123 stays 00123). Excel saves CSV with a byte-order mark, which is dropped; lines may end
 * in CRLF, LF or CR, even mixed; blank lines keep their row number. csv-parse (≈ 30 KB bundled) loads when a CSV import is read.
 */
async function readCsv(data: Buffer): Promise<unknown[][]> {
  const { parse } = await import('csv-parse/sync');
  return parse(data.toString('utf8'), {
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
}
