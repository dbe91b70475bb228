import { DEFAULT_CATEGORIES, type Location, type StaffRole, type Unit } from '@mashang/shared';
import { hashPassword } from '../functions/src/app/sessions/passwords.ts';
import type { MashangService } from '../functions/src/app/service.ts';
import { OrgStore, type StaffAccount } from '../functions/src/store/org.ts';
import { PlaceStore } from '../functions/src/store/places.ts';
import { StaffStore } from '../functions/src/store/staff.ts';
import { OrgAdminStore } from '../functions/src/admin/org/store.ts';
import { dutySeedRows } from './seed-duty.ts';

/**
 * The demo county: Lanzhou's 城关区 with two street offices, their
 * communities and grids, functional departments, street QR locations and
 * staff accounts. Ids are stable so re-seeding an existing database changes nothing.
 */

type UnitSeed = Omit<Unit, 'path'>;
const UNIT_SEEDS: UnitSeed[] = [
  { id: 'chengguan', name: '城关区', kind: 'county' },
  { id: 'gaolanlu', name: '皋兰路街道', kind: 'street', parentId: 'chengguan' },
  { id: 'zhangyelu', name: '张掖路街道', kind: 'street', parentId: 'chengguan' },
  { id: 'gll-dongjie', name: '东街社区', kind: 'community', parentId: 'gaolanlu' },
  { id: 'gll-xijie', name: '西街社区', kind: 'community', parentId: 'gaolanlu' },
  { id: 'zyl-buxingjie', name: '步行街社区', kind: 'community', parentId: 'zhangyelu' },
  { id: 'zyl-jinta', name: '金塔巷社区', kind: 'community', parentId: 'zhangyelu' },
  { id: 'gll-dongjie-g1', name: '东街第一网格', kind: 'grid', parentId: 'gll-dongjie' },
  { id: 'gll-dongjie-g2', name: '东街第二网格', kind: 'grid', parentId: 'gll-dongjie' },
  { id: 'gll-xijie-g1', name: '西街第一网格', kind: 'grid', parentId: 'gll-xijie' },
  { id: 'zyl-buxingjie-g1', name: '步行街第一网格', kind: 'grid', parentId: 'zyl-buxingjie' },
  { id: 'zyl-jinta-g1', name: '金塔巷第一网格', kind: 'grid', parentId: 'zyl-jinta' },
  { id: 'dept-zhujian', name: '区住建局', kind: 'department', parentId: 'chengguan' },
  { id: 'dept-chengguan', name: '区城管局', kind: 'department', parentId: 'chengguan' },
  { id: 'dept-jiaotong', name: '区交通运输局', kind: 'department', parentId: 'chengguan' },
  { id: 'dept-minzheng', name: '区民政局', kind: 'department', parentId: 'chengguan' },
  { id: 'dept-shichang', name: '区市场监管局', kind: 'department', parentId: 'chengguan' },
  { id: 'dept-huanjing', name: '区生态环境分局', kind: 'department', parentId: 'chengguan' },
  { id: 'dept-pcs-gaolanlu', name: '皋兰路派出所', kind: 'department', parentId: 'chengguan' },
  { id: 'dept-sfs-gaolanlu', name: '皋兰路司法所', kind: 'department', parentId: 'chengguan' },
];

/** Computes each unit's ancestor path from the parent links. */
export function withPaths(seeds: UnitSeed[]): Unit[] {
  const byId = new Map(seeds.map((u) => [u.id, u]));
  const pathOf = (u: UnitSeed): string[] => {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    return parent ? [...pathOf(parent), u.id] : [u.id];
  };
  return seeds.map((u) => ({ ...u, path: pathOf(u) }));
}

export const DEMO_UNITS = withPaths(UNIT_SEEDS);
const unitName = (id: string) => DEMO_UNITS.find((u) => u.id === id)?.name ?? id;

function location(id: string, name: string, gridId: string, address: string, lat: number, lng: number): Location {
  const grid = DEMO_UNITS.find((u) => u.id === gridId)!;
  const [, streetId, communityId] = grid.path;
  return {
    id,
    name,
    address,
    gridId,
    gridName: grid.name,
    communityName: unitName(communityId!),
    centreUnitId: streetId!,
    centreName: `${unitName(streetId!)}综治中心`,
    lat,
    lng,
  };
}

export const DEMO_LOCATIONS: Location[] = [
  location('loc-dajuyuan', '甘肃大剧院东门公交站', 'gll-dongjie-g1', '城关区滨河东路甘肃大剧院东门', 36.0611, 103.8343),
  location('loc-donggang', '东岗西路与皋兰路口', 'gll-dongjie-g2', '城关区东岗西路皋兰路交叉口', 36.0563, 103.8412),
  location('loc-xijie-xiaoqu', '西街小区南门', 'gll-xijie-g1', '城关区皋兰路西街小区南门', 36.0589, 103.8297),
  location('loc-buxingjie', '张掖路步行街中段', 'zyl-buxingjie-g1', '城关区张掖路步行街中段', 36.0621, 103.8265),
  location('loc-jinta', '金塔巷菜市场', 'zyl-jinta-g1', '城关区金塔巷菜市场入口', 36.0637, 103.8232),
];

export const DEMO_PASSWORD = 'mashang2026';

export const DEMO_STAFF: Array<Omit<StaffAccount, 'passwordHash'> & { note: string }> = [
  { username: 'gll-handler', name: '王芳', unitId: 'gaolanlu', roles: ['handler'], note: '皋兰路街道综治中心 办理人员' },
  { username: 'gll-supervisor', name: '李强', unitId: 'gaolanlu', roles: ['supervisor', 'handler'], note: '皋兰路街道 督办' },
  { username: 'zyl-handler', name: '赵敏', unitId: 'zhangyelu', roles: ['handler'], note: '张掖路街道综治中心 办理人员' },
  { username: 'county-supervisor', name: '陈刚', unitId: 'chengguan', roles: ['supervisor'], note: '城关区 督办' },
  { username: 'zhujian-handler', name: '孙磊', unitId: 'dept-zhujian', roles: ['handler'], note: '区住建局 承办人员' },
  { username: 'jiaotong-handler', name: '周洁', unitId: 'dept-jiaotong', roles: ['handler'], note: '区交通运输局 承办人员' },
  { username: 'gll-grid', name: '马超', unitId: 'gll-dongjie-g1', roles: ['grid_worker'], note: '东街第一网格 网格员' },
  { username: 'desk-operator', name: '刘静', unitId: 'chengguan', roles: ['operator'], note: '城关区 12345/110/信访 接线员' },
  { username: 'county-admin', name: '何平', unitId: 'chengguan', roles: ['admin'], note: '城关区 系统管理员（发放微信绑定邀请码）' },
];

/** Writes the reference data. Idempotent: every row has a stable key. */
export async function seedReference(org: OrgStore): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await org.putAll([
    ...DEMO_UNITS.map(OrgStore.unitRow),
    ...DEMO_LOCATIONS.map(OrgStore.locationRow),
    // Found without a QR code: by any part of the name, or near the resident.
    ...DEMO_LOCATIONS.flatMap(PlaceStore.indexRows),
    ...DEMO_LOCATIONS.map(StaffStore.gridLocationRow),
    ...DEFAULT_CATEGORIES.map(OrgStore.categoryRow),
    ...DEMO_STAFF.map(({ note: _note, ...s }) => OrgStore.staffRow({ ...s, roles: s.roles as StaffRole[], passwordHash: hash })),
    // The county's staff list for the admin pages (pattern 40).
    ...DEMO_STAFF.map(({ note: _note, ...s }) => OrgAdminStore.listingRow('chengguan', { ...s, roles: s.roles as StaffRole[], passwordHash: '' })),
    // Duty: unit-staff rows, a night handler and 皋兰路街道's roster (infra/seed-duty.ts).
    ...dutySeedRows(hash, DEMO_STAFF),
  ]);
}

const MINUTE = 60_000;

/**
 * Demo requests received long enough ago that the sweeper has warnings and
 * breaches to record as soon as `npm start` runs. Created through the real
 * use case with a clock set back, and idempotent through their client tokens.
 */
export const DEMO_TICKETS: Array<{ token: string; minutesAgo: number; locationId: string; categoryCode: string; description: string; phone?: string }> = [
  { token: 'seed-demo-0001', minutesAgo: 25, locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '149路公交早高峰发车间隔太长，甘肃大剧院站经常等二十多分钟', phone: '13893112345' },
  { token: 'seed-demo-0002', minutesAgo: 95, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运，气味很大' },
  { token: 'seed-demo-0003', minutesAgo: 60 * 30, locationId: 'loc-xijie-xiaoqu', categoryCode: 'property', description: '小区3号楼电梯故障一周，物业一直不修，老人上下楼困难', phone: '13919887766' },
  { token: 'seed-demo-0004', minutesAgo: 60 * 24 * 9, locationId: 'loc-buxingjie', categoryCode: 'environment', description: '步行街夜间商铺音响声音太大，影响居民休息' },
  { token: 'seed-demo-0005', minutesAgo: 3, locationId: 'loc-jinta', categoryCode: 'market', description: '菜市场有摊贩缺斤短两，希望加强监管', phone: '0931-8123456' },
];

export async function seedDemoTickets(makeService: (nowMs: number) => MashangService, nowMs: number): Promise<void> {
  for (const t of DEMO_TICKETS) {
    const svc = makeService(nowMs - t.minutesAgo * MINUTE);
    await svc.createTicket(
      { id: 'dev-demo-resident', role: 'resident', name: '居民' },
      { clientToken: t.token, locationId: t.locationId, categoryCode: t.categoryCode, description: t.description, phone: t.phone },
    );
  }
}
