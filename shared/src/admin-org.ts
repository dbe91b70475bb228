import * as z from 'zod/mini';
import { AppError } from './errors.ts';
import { STAFF_ROLES, UNIT_KINDS, UnitSchema, LocationSchema, type Location, type Unit, type UnitKind } from './org.ts';
import { centreOf } from './workbench.ts';
import { MediatorSchema } from './contracts/resident.ts';
import { lazySchema } from './lazy-schema.ts';

/**
 * Administration of the organisation (issue 11, "org" half): the unit tree, staff
 * accounts, QR locations, posters and mediators. Pure rules and the HTTP contracts;
 * the use cases live in functions/src/admin/org/.
 */

// ---- the unit tree -------------------------------------------------------------

/** Which kinds a unit of each kind may sit under: county → street → community → grid; departments under the county or a street. */
export const PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  county: [],
  street: ['county'],
  community: ['street'],
  grid: ['community'],
  department: ['county', 'street'],
};

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  county: '区县',
  street: '街道/乡镇',
  community: '社区/村',
  grid: '网格',
  department: '职能部门',
};

const unitId = lazySchema(() => z.string().check(z.regex(/^[a-z0-9-]{3,40}$/, '编号只能用小写字母、数字和连字符，3–40 位')));
const unitName = lazySchema(() => z.string().check(z.trim(), z.minLength(2, '名称至少 2 个字'), z.maxLength(40, '名称不超过 40 个字')));

export const CreateUnitInputSchema = lazySchema(() => z.object({
  /** Optional readable id; generated when absent. */
  id: z.optional(unitId),
  name: unitName,
  kind: z.enum(UNIT_KINDS, { message: '请选择单位类型' }),
  parentId: z.string().check(z.minLength(1, '请选择上级单位')),
}));
export type CreateUnitInput = z.input<typeof CreateUnitInputSchema>;

export const RenameUnitInputSchema = lazySchema(() => z.object({ name: unitName }));
export const MoveUnitInputSchema = lazySchema(() => z.object({ parentId: z.string().check(z.minLength(1, '请选择新的上级单位')) }));

export const AdminUnitsReplySchema = lazySchema(() => z.object({ countyId: z.string(), rootId: z.string(), items: z.array(UnitSchema) }));
export type AdminUnitsReply = z.infer<typeof AdminUnitsReplySchema>;
export const AdminUnitReplySchema = lazySchema(() => z.object({ unit: UnitSchema, relocated: z.optional(z.number().check(z.int())) }));

/** Checks that a unit of `kind` may sit under `parent`. */
export function checkParent(kind: UnitKind, parent: Unit | undefined): void {
  if (!parent || parent.disabled) throw new AppError('UNIT_NOT_FOUND', '上级单位不存在或已停用', [{ path: 'parentId', message: '请选择有效的上级单位' }]);
  if (!PARENT_KINDS[kind].includes(parent.kind)) {
    const allowed = PARENT_KINDS[kind].map((k) => UNIT_KIND_LABELS[k]).join('或');
    throw new AppError('VALIDATION_FAILED', `${UNIT_KIND_LABELS[kind]}只能设在${allowed || '最上级'}之下`, [{ path: 'parentId', message: `请选择${allowed}` }]);
  }
}

/** The new unit, with its ancestor path. */
export function planCreate(units: ReadonlyMap<string, Unit>, input: z.output<typeof CreateUnitInputSchema>, id: string): Unit {
  if (input.kind === 'county') throw new AppError('VALIDATION_FAILED', '区县由系统初始化，不能在此新建', [{ path: 'kind', message: '请选择街道、社区、网格或部门' }]);
  if (units.has(id)) throw new AppError('CONFLICT', '该编号已被使用', [{ path: 'id', message: '该编号已被使用' }]);
  const parent = units.get(input.parentId);
  checkParent(input.kind, parent);
  return { id, name: input.name, kind: input.kind, parentId: parent!.id, path: [...parent!.path, id] };
}

/** A unit and every unit below it, the unit first. */
export function subtree(units: ReadonlyMap<string, Unit>, rootId: string): Unit[] {
  return [...units.values()].filter((u) => u.path.includes(rootId)).sort((a, b) => a.path.length - b.path.length);
}

/**
 * Moving a unit under another parent: the unit and all its descendants get new paths.
 * Returns each changed unit as it is after the move. Refuses a move into its own
 * subtree, under a parent of the wrong kind, or out of the county.
 */
export function planMove(units: ReadonlyMap<string, Unit>, id: string, newParentId: string): Unit[] {
  const unit = units.get(id);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', '单位不存在');
  if (unit.kind === 'county') throw new AppError('VALIDATION_FAILED', '区县不能移动');
  const parent = units.get(newParentId);
  checkParent(unit.kind, parent);
  if (parent!.path.includes(id)) throw new AppError('VALIDATION_FAILED', '不能移到本单位或其下级单位之下', [{ path: 'parentId', message: '不能移到本单位之下' }]);
  if (parent!.path[0] !== unit.path[0]) throw new AppError('FORBIDDEN', '只能在本区县内移动单位');
  const oldPrefix = unit.path.length - 1; // path elements above the unit
  return subtree(units, id).map((u) => {
    const path = [...parent!.path, ...u.path.slice(oldPrefix)];
    return { ...u, path, ...(u.id === id ? { parentId: parent!.id } : {}) };
  });
}

/** What stops a unit from being deactivated, as one Chinese sentence each (empty: it may be). */
export function deactivationBlockers(args: { unit: Unit; activeChildren: number; openRequests: number; activeStaff: number; locations: number }): string[] {
  const { unit, activeChildren, openRequests, activeStaff, locations } = args;
  const out: string[] = [];
  if (unit.kind === 'county') out.push('区县不能停用');
  if (openRequests > 0) out.push(`该单位还有 ${openRequests} 件未办结的诉求，请先转交其他单位后再停用`);
  if (activeChildren > 0) out.push(`该单位还有 ${activeChildren} 个在用的下级单位，请先停用或移走`);
  if (activeStaff > 0) out.push(`该单位还有 ${activeStaff} 个在用的工作人员账号，请先停用或调走`);
  if (locations > 0) out.push(`该网格还有 ${locations} 个二维码地点，请先移至其他网格`);
  return out;
}

/**
 * Where a QR location of `grid` routes its requests, and the names its poster and
 * search rows show: the grid, its community, and the street office (综治中心) above it.
 * Recomputed when a grid moves, so new requests go to the new office.
 */
export function routingOf(grid: Unit, units: ReadonlyMap<string, Unit>): Pick<Location, 'gridId' | 'gridName' | 'communityName' | 'centreUnitId' | 'centreName'> {
  if (grid.kind !== 'grid') throw new AppError('VALIDATION_FAILED', '二维码地点只能属于网格', [{ path: 'gridId', message: '请选择网格' }]);
  const community = grid.parentId ? units.get(grid.parentId) : undefined;
  const centre = centreOf(grid, units);
  if (!community || !centre) throw new AppError('UNIT_NOT_FOUND', '该网格没有对应的社区和街道', [{ path: 'gridId', message: '该网格没有对应的街道' }]);
  return { gridId: grid.id, gridName: grid.name, communityName: community.name, centreUnitId: centre.id, centreName: `${centre.name}综治中心` };
}

// ---- staff accounts -------------------------------------------------------------

export const CreateStaffInputSchema = lazySchema(() => z.object({
  username: z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, '账号只能用小写字母、数字和 . _ -，3–32 位')),
  name: z.string().check(z.trim(), z.minLength(2, '姓名至少 2 个字'), z.maxLength(20, '姓名不超过 20 个字')),
  unitId: z.string().check(z.minLength(1, '请选择所属单位')),
  roles: z.array(z.enum(STAFF_ROLES, { message: '角色无效' })).check(z.minLength(1, '至少选择一个角色')),
  phone: z.optional(z.string().check(z.regex(/^1\d{10}$/, '请输入 11 位手机号'))),
}));
export type CreateStaffInput = z.input<typeof CreateStaffInputSchema>;

export const AdminStaffSchema = lazySchema(() => z.object({
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  disabled: z.boolean(),
  wechatBound: z.boolean(),
}));
export type AdminStaff = z.infer<typeof AdminStaffSchema>;
export const AdminStaffListReplySchema = lazySchema(() => z.object({ items: z.array(AdminStaffSchema) }));
/** A new account or a reset: the one-time password is shown once and never stored. */
export const StaffPasswordReplySchema = lazySchema(() => z.object({ staff: AdminStaffSchema, password: z.string() }));
export type StaffPasswordReply = z.infer<typeof StaffPasswordReplySchema>;
export const AdminStaffReplySchema = lazySchema(() => z.object({ staff: AdminStaffSchema }));

// ---- QR locations ----------------------------------------------------------------

/** Coordinates taken from Chinese web maps (高德, 腾讯) are GCJ-02; phones report WGS-84. */
export const DATUMS = ['gcj02', 'wgs84'] as const;
export type Datum = (typeof DATUMS)[number];

const lat = lazySchema(() => z.number({ message: '纬度必须是数字' }).check(z.gte(3, '纬度不在中国境内'), z.lte(54, '纬度不在中国境内')));
const lng = lazySchema(() => z.number({ message: '经度必须是数字' }).check(z.gte(73, '经度不在中国境内'), z.lte(136, '经度不在中国境内')));

export const LocationInputSchema = lazySchema(() => z.object({
  id: z.optional(z.string().check(z.regex(/^[a-z0-9-]{3,40}$/, '编号只能用小写字母、数字和连字符，3–40 位'))),
  name: z.string().check(z.trim(), z.minLength(2, '地点名称至少 2 个字'), z.maxLength(40, '地点名称不超过 40 个字')),
  gridId: z.string().check(z.minLength(1, '请选择网格')),
  address: z.optional(z.string().check(z.trim(), z.maxLength(80, '地址不超过 80 个字'))),
  lat: z.optional(lat),
  lng: z.optional(lng),
  /** The datum of lat/lng as typed; stored coordinates are always WGS-84. */
  datum: z._default(z.enum(DATUMS), 'gcj02'),
}).check(z.refine((v) => (v.lat === undefined) === (v.lng === undefined), { message: '经纬度要么都填，要么都不填', path: ['lng'] })));
export type LocationInput = z.input<typeof LocationInputSchema>;

/** A QR location as the admin pages show it: the stored location itself. */
export const AdminLocationSchema = lazySchema(() => LocationSchema);
export type AdminLocation = z.infer<typeof AdminLocationSchema>;
export const AdminLocationsReplySchema = lazySchema(() => z.object({ items: z.array(AdminLocationSchema) }));
export const AdminLocationReplySchema = lazySchema(() => z.object({ location: AdminLocationSchema }));

export const ImportLocationsInputSchema = lazySchema(() => z.object({
  /** The file as base64 (CSV in UTF-8, or .xlsx). */
  fileBase64: z.string().check(z.minLength(1, '请选择文件'), z.maxLength(4_000_000, '文件不能超过 3 MB')),
  format: z.enum(['csv', 'xlsx'], { message: '只支持 CSV 或 Excel（.xlsx）文件' }),
  datum: z._default(z.enum(DATUMS), 'gcj02'),
  /** Check only: report errors without writing. */
  dryRun: z._default(z.boolean(), false),
}));
export type ImportLocationsInput = z.input<typeof ImportLocationsInputSchema>;

export const ImportRowErrorSchema = lazySchema(() => z.object({ row: z.number().check(z.int()), column: z.string(), message: z.string() }));
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;
export const ImportLocationsReplySchema = lazySchema(() => z.object({ imported: z.number().check(z.int()), dryRun: z.boolean(), items: z.array(AdminLocationSchema) }));

/** The columns of the import sheet, in order (the first row holds these headers). */
export const IMPORT_COLUMNS = ['编号', '名称', '网格', '地址', '纬度', '经度'] as const;

// ---- posters -------------------------------------------------------------------------

export const PostersQuerySchema = lazySchema(() => z.object({
  gridId: z.optional(z.string().check(z.minLength(1))),
  /** Comma-separated location ids. */
  ids: z.pipe(z.optional(z.string()), z.transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined))),
  layout: z._default(z.enum(['a4', 'a3'], { message: '版式只能是 A4 或 A3' }), 'a4'),
}).check(z.refine((q) => q.gridId !== undefined || (q.ids?.length ?? 0) > 0, { message: '请选择网格或地点', path: ['gridId'] }), z.refine((q) => (q.ids?.length ?? 0) <= 300, { message: '一次最多打印 300 个地点', path: ['ids'] })));

export const QrCodeQuerySchema = lazySchema(() => z.object({ format: z._default(z.enum(['svg', 'png', 'wxacode'], { message: '格式只能是 svg、png 或 wxacode' }), 'png') }));

// ---- mediators ----------------------------------------------------------------------

// The resident's part (the categories, a mediator as listed, GET /api/mediators) is in contracts/resident.ts,
// which the QR page loads without this module.
export { MEDIATION_CATEGORIES, type Mediator, MediatorSchema, MediatorsQuerySchema, MediatorsReplySchema } from './contracts/resident.ts';

// The admin's input for a new mediator: in ./mediator-input.ts, which the filing functions load without this module.
export { CreateMediatorInputSchema, type CreateMediatorInput } from './mediator-input.ts';
export const MediatorReplySchema = lazySchema(() => z.object({ mediator: MediatorSchema }));
