import { describe, expect, it } from 'vitest';
import type { Actor, Location, Unit } from '@mashang/shared';
import type { Mediator } from '@mashang/shared/contracts/resident';
import { StoreError } from '../../ports/errors.ts';
import { MemoryOrgChanges } from '../../store/memory/org-changes.ts';
import type { OrgAdminDeps } from './deps.ts';
import { MediatorAdmin } from './mediators.ts';

/**
 * The mediation teams' use cases on the memory twin of the organisation port
 * (functions/src/store/memory/org-changes.ts). On DynamoDB Local: tests/integration/admin-org.test.ts.
 */
const UNITS: Unit[] = [
  { id: 'chengguan', name: '城关区', kind: 'county', path: ['chengguan'] },
  { id: 'gaolanlu', name: '皋兰路街道', kind: 'street', parentId: 'chengguan', path: ['chengguan', 'gaolanlu'] },
  { id: 'gll-g1', name: '东街第一网格', kind: 'grid', parentId: 'gaolanlu', path: ['chengguan', 'gaolanlu', 'gll-g1'] },
  { id: 'zhangyelu', name: '张掖路街道', kind: 'street', parentId: 'chengguan', path: ['chengguan', 'zhangyelu'] },
  { id: 'qilihe', name: '七里河区', kind: 'county', path: ['qilihe'] },
  { id: 'qlh-g1', name: '西站第一网格', kind: 'grid', parentId: 'qilihe', path: ['qilihe', 'qlh-g1'] },
];
const at = (grid: string, id: string): Location => ({ id, name: id, gridId: grid, gridName: grid, communityName: '社区', centreUnitId: 'gaolanlu', centreName: '综治中心' });
const qilihe: Mediator = { id: 'med-qlh', name: '七里河调解室', unitId: 'qilihe', unitName: '七里河区', specialty: '物业纠纷', contact: '0931-1111111' };
const NOW = Date.parse('2026-11-18T02:00:00.000Z');
const countyAdmin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };

function world() {
  const store = new MemoryOrgChanges().seed({ units: UNITS, locations: [at('gll-g1', 'loc-dajuyuan'), at('qlh-g1', 'loc-xizhan')], mediators: { countyId: 'qilihe', teams: [qilihe] } });
  const deps: OrgAdminDeps = { store, now: () => NOW };
  const audit = async () => (await store.audit.auditMonth('chengguan', '2026-11', 50)).map((e) => ({ action: e.action, target: e.target }));
  return { store, mediators: new MediatorAdmin(deps), audit };
}
const input = (name: string, unitId = 'gaolanlu') => ({ name, unitId, specialty: '邻里纠纷、家庭矛盾', contact: '0931-8888123' });

describe('mediation teams for admins and residents (memory twin)', () => {
  it('creates a team of the county with its audit event; residents of the county see it, others do not', async () => {
    const { store, mediators, audit } = world();
    const team = await mediators.create(countyAdmin, input('皋兰路元大妈工作室'));
    expect(team).toEqual({ id: expect.stringMatching(/^med-[0-9a-f]{8}$/), name: '皋兰路元大妈工作室', unitId: 'gaolanlu', unitName: '皋兰路街道', specialty: '邻里纠纷、家庭矛盾', contact: '0931-8888123' });
    expect(await store.mediators('chengguan')).toEqual([team]);
    expect(await mediators.list(countyAdmin)).toEqual([team]);
    expect(await mediators.forLocation('loc-dajuyuan')).toEqual([team]);
    expect(await mediators.forLocation('loc-xizhan')).toEqual([qilihe]);
    expect(await audit()).toEqual([{ action: 'mediator.create', target: `mediator:${team.id}` }]);
  });

  it('stops a team: listed last, no longer offered, refused when chosen; stopping it again is a conflict', async () => {
    const { mediators, audit, store } = world();
    const kept = await mediators.create(countyAdmin, input('皋兰路元大妈工作室'));
    const other = await mediators.create(countyAdmin, input('区人民调解委员会', 'chengguan'));
    expect(await mediators.deactivate(countyAdmin, other.id)).toEqual({ ...other, disabled: true });
    expect(await mediators.list(countyAdmin)).toEqual([kept, { ...other, disabled: true }]);
    expect(await mediators.forLocation('loc-dajuyuan')).toEqual([kept]);
    expect(await mediators.chosen('loc-dajuyuan', kept.id)).toEqual(kept);
    expect(await mediators.chosen('loc-dajuyuan', undefined)).toBeUndefined();
    await expect(mediators.chosen('loc-dajuyuan', other.id)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'mediatorId', message: '请重新选择调解组织' }] });
    // Another county's team cannot be chosen here.
    await expect(mediators.chosen('loc-dajuyuan', qilihe.id)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const again = await mediators.deactivate(countyAdmin, other.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(StoreError);
    expect(again).toMatchObject({ reason: 'admin_conflict', code: 'CONFLICT' });
    const events = (await store.audit.auditMonth('chengguan', '2026-11', 50)).filter((e) => e.action === 'mediator.deactivate');
    expect(events.map((e) => [e.target, JSON.parse(e.before!), JSON.parse(e.after!)])).toEqual([[`mediator:${other.id}`, { disabled: false }, { disabled: true }]]);
    expect(await audit()).toHaveLength(3);
  });

  it('refuses an unknown team, another county\'s team, a unit outside the admin\'s area and a non-admin, storing nothing', async () => {
    const { mediators, store, audit } = world();
    await expect(mediators.deactivate(countyAdmin, 'med-none')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mediators.deactivate(countyAdmin, qilihe.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mediators.create({ id: 'zyl-admin', role: 'admin', unitId: 'zhangyelu' }, input('越权', 'gaolanlu'))).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
    await expect(mediators.create({ id: 'h', role: 'handler', unitId: 'chengguan' }, input('越权'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(mediators.forLocation('loc-none')).rejects.toMatchObject({ code: 'LOCATION_NOT_FOUND' });
    expect(await store.mediators('chengguan')).toEqual([]);
    expect(await store.mediators('qilihe')).toEqual([qilihe]);
    expect(await audit()).toEqual([]);
  });
});
