import { describe, expect, it } from 'vitest';
import type { Actor, Location, Unit } from '@mashang/shared';
import { StoreError } from '../../ports/errors.ts';
import { MAX_ORG_CHANGE_ROWS } from '../../ports/org-changes.ts';
import { MemoryOrgChanges } from '../../store/memory/org-changes.ts';
import type { OrgAdminDeps } from './deps.ts';
import { UnitAdmin } from './units.ts';

/**
 * The unit tree's use cases on the memory twin of the organisation port
 * (functions/src/store/memory/org-changes.ts): what they store, what they audit, what they
 * refuse. On DynamoDB Local: tests/integration/admin-org.test.ts.
 */
const u = (id: string, name: string, kind: Unit['kind'], parent?: Unit): Unit => ({ id, name, kind, ...(parent ? { parentId: parent.id } : {}), path: [...(parent?.path ?? []), id] });
const county = u('chengguan', '城关区', 'county');
const gaolanlu = u('gaolanlu', '皋兰路街道', 'street', county);
const dongjie = u('gll-dongjie', '东街社区', 'community', gaolanlu);
const g1 = u('gll-dongjie-g1', '东街第一网格', 'grid', dongjie);
const g2 = u('gll-dongjie-g2', '东街第二网格', 'grid', dongjie);
const zhangyelu = u('zhangyelu', '张掖路街道', 'street', county);
const jinta = u('zyl-jinta', '金塔巷社区', 'community', zhangyelu);
const dept = u('dept-wenlv', '区文旅局', 'department', county);
const UNITS = [county, gaolanlu, dongjie, g1, g2, zhangyelu, jinta, dept];
const donggang: Location = { id: 'loc-donggang', name: '东岗路口', gridId: g2.id, gridName: g2.name, communityName: dongjie.name, centreUnitId: 'gaolanlu', centreName: '皋兰路街道综治中心' };
const NOW = Date.parse('2026-11-18T02:00:00.000Z');
const countyAdmin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };
const streetAdmin: Actor = { id: 'zyl-admin', role: 'admin', unitId: 'zhangyelu' };

function world(seed: Parameters<MemoryOrgChanges['seed']>[0] = {}) {
  const store = new MemoryOrgChanges().seed({ ...seed, units: [...UNITS, ...(seed.units ?? [])], locations: [donggang] });
  const deps: OrgAdminDeps = { store, now: () => NOW };
  const audit = async () => (await store.audit.auditMonth('chengguan', '2026-11', 50)).map((e) => ({ action: e.action, target: e.target })).sort((a, b) => (a.action < b.action ? -1 : 1));
  return { store, units: new UnitAdmin(deps), deps, audit };
}
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);

describe('units for admins (memory twin)', () => {
  it('creates a grid under a community and renames it, each with its audit event', async () => {
    const { store, units, audit } = world();
    const grid = await units.create(countyAdmin, { id: 'gll-dongjie-g3', name: '东街第三网格', kind: 'grid', parentId: dongjie.id });
    expect(grid).toEqual({ id: 'gll-dongjie-g3', name: '东街第三网格', kind: 'grid', parentId: dongjie.id, path: ['chengguan', 'gaolanlu', 'gll-dongjie', 'gll-dongjie-g3'] });
    expect((await store.units()).get(grid.id)).toEqual(grid);
    expect(await units.rename(countyAdmin, grid.id, { name: '东街三号网格' })).toEqual({ ...grid, name: '东街三号网格' });
    expect((await store.units()).get(grid.id)?.name).toBe('东街三号网格');
    const [rename] = (await store.audit.auditMonth('chengguan', '2026-11', 50)).filter((e) => e.action === 'unit.rename');
    expect(rename).toMatchObject({ actorId: 'county-admin', target: `unit:${grid.id}`, at: '2026-11-18T02:00:00.000Z' });
    expect(JSON.parse(rename!.before!)).toEqual({ name: '东街第三网格' });
    expect(JSON.parse(rename!.after!)).toEqual({ name: '东街三号网格' });
    expect(await audit()).toEqual([
      { action: 'unit.create', target: 'unit:gll-dongjie-g3' },
      { action: 'unit.rename', target: 'unit:gll-dongjie-g3' },
    ]);
  });

  it('renaming a grid re-labels its QR locations, each with its routing event', async () => {
    const { store, units, audit } = world();
    await units.rename(countyAdmin, g2.id, { name: '东岗网格' });
    expect(await store.location(donggang.id)).toEqual({ ...donggang, gridName: '东岗网格' });
    expect(await audit()).toEqual([
      { action: 'location.route', target: 'location:loc-donggang' },
      { action: 'unit.rename', target: `unit:${g2.id}` },
    ]);
  });

  it('moves a grid to another street: its path and its QR locations\' office change; repeating the move only finishes it', async () => {
    const { store, units, audit } = world();
    const moved = await units.move(countyAdmin, g2.id, { parentId: jinta.id });
    expect(moved).toEqual({ unit: { ...g2, parentId: jinta.id, path: ['chengguan', 'zhangyelu', 'zyl-jinta', g2.id] }, relocated: 1 });
    expect((await store.units()).get(g2.id)).toEqual(moved.unit);
    expect(await store.location(donggang.id)).toMatchObject({ centreUnitId: 'zhangyelu', centreName: '张掖路街道综治中心', communityName: '金塔巷社区' });
    expect(await units.move(countyAdmin, g2.id, { parentId: jinta.id })).toEqual({ unit: moved.unit, relocated: 0 });
    expect(await audit()).toEqual([
      { action: 'location.route', target: 'location:loc-donggang' },
      { action: 'unit.move', target: `unit:${g2.id}` },
    ]);
  });

  it('moves a community with everything below it in one change, and refuses one too large to store at once, moving nothing', async () => {
    const many = Array.from({ length: MAX_ORG_CHANGE_ROWS - 1 }, (_, i) => u(`gll-big-${i}`, `大网格${i}`, 'grid', dongjie));
    const { store, units, audit } = world({ units: many.slice(0, MAX_ORG_CHANGE_ROWS - 4) });
    // The community, its grids g1 and g2 and 96 more: 99 units and the audit event.
    const { unit } = await units.move(countyAdmin, dongjie.id, { parentId: zhangyelu.id });
    expect(unit.path).toEqual(['chengguan', 'zhangyelu', 'gll-dongjie']);
    expect((await store.units()).get('gll-big-0')?.path).toEqual(['chengguan', 'zhangyelu', 'gll-dongjie', 'gll-big-0']);

    store.seed({ units: [u('gll-big-last', '最后一个网格', 'grid', { ...dongjie, path: unit.path })] });
    const refused = await units.move(countyAdmin, dongjie.id, { parentId: gaolanlu.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({ reason: 'org_change_too_large', code: 'CONFLICT' });
    expect((await store.units()).get(dongjie.id)?.parentId).toBe(zhangyelu.id);
    expect((await audit()).filter((e) => e.action === 'unit.move')).toHaveLength(1);
  });

  it('deactivates a unit only once it holds nothing: open requests, active sub-units, staff and QR locations block it', async () => {
    const { store, units, audit } = world({
      openRequests: { [dept.id]: 2 },
      staff: { countyId: 'chengguan', accounts: [{ username: 'gll-grid', name: '网格员', unitId: g1.id, roles: ['grid_worker'], passwordHash: 'x' }] },
    });
    const reason = (id: string) => units.deactivate(countyAdmin, id).then(() => 'ok', (e: Error & { code?: string }) => `${e.code} ${e.message}`);
    expect(await reason(dept.id)).toBe('CONFLICT 不能停用「区文旅局」：该单位还有 2 件未办结的诉求，请先转交其他单位后再停用');
    expect(await reason(g1.id)).toContain('1 个在用的工作人员账号');
    expect(await reason(g2.id)).toContain('1 个二维码地点');
    expect(await reason(dongjie.id)).toContain('2 个在用的下级单位');
    expect(await codeOf(units.deactivate(countyAdmin, 'chengguan'))).toBe('FORBIDDEN');
    expect([...(await store.units()).values()].filter((x) => x.disabled)).toEqual([]);
    expect(await audit()).toEqual([]);

    expect(await units.deactivate(countyAdmin, jinta.id)).toEqual({ ...jinta, disabled: true });
    expect((await store.units()).get(jinta.id)?.disabled).toBe(true);
    // Already deactivated: nothing to do, nothing audited.
    expect(await units.deactivate(countyAdmin, jinta.id)).toEqual({ ...jinta, disabled: true });
    expect(await audit()).toEqual([{ action: 'unit.deactivate', target: `unit:${jinta.id}` }]);
  });

  it('keeps an admin inside their own area and refuses a grid under a street, storing nothing', async () => {
    const { store, units, audit } = world();
    expect(await codeOf(units.rename(streetAdmin, gaolanlu.id, { name: '皋兰路' }))).toBe('NOT_FOUND');
    expect(await codeOf(units.create(streetAdmin, { name: '新部门', kind: 'department', parentId: 'chengguan' }))).toBe('UNIT_NOT_FOUND');
    expect(await codeOf(units.create(countyAdmin, { name: '错误网格', kind: 'grid', parentId: gaolanlu.id }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(units.move(countyAdmin, gaolanlu.id, { parentId: dongjie.id }))).toBe('VALIDATION_FAILED');
    expect((await units.list(streetAdmin)).items.map((x) => x.id)).toEqual(['zhangyelu', 'zyl-jinta']);
    expect([...(await store.units()).values()]).toEqual(UNITS);
    expect(await audit()).toEqual([]);
  });

  it('a rename that lost a race to another admin is a conflict and stores nothing', async () => {
    const { store, units, deps, audit } = world();
    // Another admin renames the grid between this admin's read and write.
    const racing = Object.assign(Object.create(store) as MemoryOrgChanges, {
      units: async () => {
        const read = await store.units();
        await units.rename(countyAdmin, g1.id, { name: '先到的名字' });
        return read;
      },
    });
    const err = await new UnitAdmin({ ...deps, store: racing }).rename(countyAdmin, g1.id, { name: '迟到的名字' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ reason: 'admin_conflict', code: 'CONFLICT' });
    expect((await store.units()).get(g1.id)?.name).toBe('先到的名字');
    expect(await audit()).toEqual([{ action: 'unit.rename', target: `unit:${g1.id}` }]);
  });
});
