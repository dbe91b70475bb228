import { describe, expect, it } from 'vitest';
import { CreateStaffInputSchema, deactivationBlockers, LocationInputSchema, planCreate, planMove, PostersQuerySchema, routingOf } from './admin-org.ts';
import type { Unit } from './org.ts';

const U = (id: string, kind: Unit['kind'], path: string[], name = id): Unit => ({ id, name, kind, path, ...(path.length > 1 ? { parentId: path[path.length - 2] } : {}) });
const units = new Map(
  [
    U('c', 'county', ['c'], '城关区'),
    U('s1', 'street', ['c', 's1'], '皋兰路街道'),
    U('s2', 'street', ['c', 's2'], '张掖路街道'),
    U('m1', 'community', ['c', 's1', 'm1'], '东街社区'),
    U('m2', 'community', ['c', 's2', 'm2'], '金塔巷社区'),
    U('g1', 'grid', ['c', 's1', 'm1', 'g1'], '东街第一网格'),
    U('d1', 'department', ['c', 'd1'], '区住建局'),
    U('x', 'county', ['x'], '七里河区'),
    U('xs', 'street', ['x', 'xs'], '西园街道'),
  ].map((u) => [u.id, u]),
);

describe('the unit tree', () => {
  it.each([
    ['grid', 'm1', true],
    ['grid', 's1', false],
    ['community', 's1', true],
    ['community', 'c', false],
    ['street', 'c', true],
    ['department', 'c', true],
    ['department', 's1', true],
    ['department', 'm1', false],
  ] as const)('a %s under %s: %s', (kind, parentId, ok) => {
    const run = () => planCreate(units, { name: '新单位', kind, parentId }, 'new');
    if (ok) expect(run().path).toEqual([...units.get(parentId)!.path, 'new']);
    else expect(run).toThrow();
  });

  it('moves a community with its grids: every path below changes, nothing else', () => {
    const moved = planMove(units, 'm1', 's2');
    expect(moved.map((u) => [u.id, u.path])).toEqual([
      ['m1', ['c', 's2', 'm1']],
      ['g1', ['c', 's2', 'm1', 'g1']],
    ]);
    expect(moved[0]!.parentId).toBe('s2');
    expect(moved[1]!.parentId).toBe('m1');
  });

  it('refuses a move into its own subtree, to the wrong kind, or into another county', () => {
    expect(() => planMove(units, 's1', 'm1')).toThrow();
    expect(() => planMove(units, 'g1', 's2')).toThrow('网格只能设在社区/村之下');
    expect(() => planMove(units, 'm1', 'xs')).toThrow('只能在本区县内移动单位');
  });

  it('routes a grid to the street office above it', () => {
    expect(routingOf(units.get('g1')!, units)).toEqual({ gridId: 'g1', gridName: '东街第一网格', communityName: '东街社区', centreUnitId: 's1', centreName: '皋兰路街道综治中心' });
    const after = new Map(units);
    for (const u of planMove(units, 'g1', 'm2')) after.set(u.id, u);
    expect(routingOf(after.get('g1')!, after)).toMatchObject({ communityName: '金塔巷社区', centreUnitId: 's2' });
  });

  it('names every reason a unit cannot be deactivated, and none when it holds nothing', () => {
    const unit = units.get('d1')!;
    expect(deactivationBlockers({ unit, openRequests: 2, activeChildren: 1, activeStaff: 3, locations: 0 })).toEqual([
      '该单位还有 2 件未办结的诉求，请先转交其他单位后再停用',
      '该单位还有 1 个在用的下级单位，请先停用或移走',
      '该单位还有 3 个在用的工作人员账号，请先停用或调走',
    ]);
    expect(deactivationBlockers({ unit, openRequests: 0, activeChildren: 0, activeStaff: 0, locations: 0 })).toEqual([]);
  });
});

describe('admin inputs', () => {
  it('checks accounts, locations and poster queries with Chinese messages', () => {
    expect(CreateStaffInputSchema.safeParse({ username: 'Ab', name: '张', unitId: 'u', roles: [] }).success).toBe(false);
    expect(CreateStaffInputSchema.parse({ username: ' GLL-Handler2 ', name: '张伟', unitId: 'u', roles: ['handler'] }).username).toBe('gll-handler2');
    const half = LocationInputSchema.safeParse({ name: '东街口', gridId: 'g1', lat: 36.06 });
    expect(half.success ? '' : half.error.issues[0]!.message).toBe('经纬度要么都填，要么都不填');
    expect(LocationInputSchema.parse({ name: '东街口', gridId: 'g1' }).datum).toBe('gcj02');
    expect(PostersQuerySchema.safeParse({}).success).toBe(false);
    expect(PostersQuerySchema.parse({ ids: 'a, b,,c' }).ids).toEqual(['a', 'b', 'c']);
  });
});
