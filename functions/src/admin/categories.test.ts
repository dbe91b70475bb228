import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, type Actor, type Unit } from '@mashang/shared';
import { StoreError } from '../ports/errors.ts';
import { MemoryReferenceChanges } from '../store/memory/admin-reference.ts';
import { createCategory, listCategories, updateCategory, type CategoryDeps } from './categories.ts';
import { countyScope, type CountyScope } from './scope.ts';

/**
 * The category use cases on the memory twin of the reference-data port
 * (functions/src/store/memory/admin-reference.ts): what they store, what they audit, what they
 * refuse. On DynamoDB Local: tests/integration/admin-roles.test.ts.
 */
const UNITS: Unit[] = [
  { id: 'chengguan', name: '城关区', kind: 'county', path: ['chengguan'] },
  { id: 'gaolanlu', name: '皋兰路街道', kind: 'street', parentId: 'chengguan', path: ['chengguan', 'gaolanlu'] },
  { id: 'dept-jiaotong', name: '区交通运输局', kind: 'department', parentId: 'chengguan', path: ['chengguan', 'dept-jiaotong'] },
  { id: 'qilihe', name: '七里河区', kind: 'county', path: ['qilihe'] },
  { id: 'dept-qlh', name: '七里河区住建局', kind: 'department', parentId: 'qilihe', path: ['qilihe', 'dept-qlh'] },
];
const NOW = '2026-11-18T02:00:00.000Z';
const countyAdmin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };

function world() {
  const store = new MemoryReferenceChanges().seed({ categories: DEFAULT_CATEGORIES });
  const deps: CategoryDeps = { store, org: { categories: () => store.categories(), units: async () => structuredClone(UNITS) } };
  const scope = (actor: Actor = countyAdmin): CountyScope => countyScope(actor, new Map(UNITS.map((u) => [u.id, u])), NOW);
  const audit = async (countyId = 'chengguan') => (await store.audit.auditMonth(countyId, '2026-11', 50)).map((e) => ({ action: e.action, target: e.target }));
  return { store, deps, scope, audit };
}
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);

describe('categories for admins (memory twin)', () => {
  it('creates a category with its audit event; the list shows it with its effective policy and department', async () => {
    const { deps, scope, audit, store } = world();
    const { category } = await createCategory(deps, scope(), { code: 'noise', name: '噪音扰民', policy: { resolveWorkingDays: 3 }, defaultDepartmentId: 'dept-jiaotong' });
    expect(category).toMatchObject({ code: 'noise', name: '噪音扰民', departmentName: '区交通运输局', effectivePolicy: { resolveWorkingDays: 3 } });
    expect(await store.category('noise')).toMatchObject({ rev: 0, category: { code: 'noise', policy: { resolveWorkingDays: 3 } } });
    expect(await audit()).toEqual([{ action: 'category.create', target: 'category:noise' }]);
    const list = await listCategories(deps, scope());
    expect(list.items.find((c) => c.code === 'noise')).toMatchObject({ departmentName: '区交通运输局' });
    expect(list.departments).toEqual([{ id: 'dept-jiaotong', name: '区交通运输局' }]);
  });

  it('updates a seeded category, moving its revision on, with before and after in the audit event', async () => {
    const { deps, scope, store } = world();
    await updateCategory(deps, scope(), 'traffic', { name: '道路交通', urgent: true });
    expect(await store.category('traffic')).toMatchObject({ rev: 1, category: { code: 'traffic', name: '道路交通', urgent: true } });
    const [event] = await store.audit.auditMonth('chengguan', '2026-11', 50);
    expect(event).toMatchObject({ action: 'category.update', target: 'category:traffic' });
    expect(JSON.parse(event!.before!)).toMatchObject({ code: 'traffic' });
    expect(JSON.parse(event!.after!)).toEqual({ code: 'traffic', name: '道路交通', urgent: true });
  });

  it('refuses a taken code, an unknown category, a bad policy, another county\'s department and a street admin, storing nothing', async () => {
    const { deps, scope, audit, store } = world();
    const before = await store.categories();
    expect(await codeOf(createCategory(deps, scope(), { code: 'traffic', name: '交通' }))).toBe('CONFLICT');
    expect(await codeOf(updateCategory(deps, scope(), 'nope', { name: 'x' }))).toBe('NOT_FOUND');
    await expect(updateCategory(deps, scope(), 'traffic', { name: '道路交通', policy: { respondMinutes: 120, classifyMinutes: 60 } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'policy.classifyMinutes', message: '分类时限不能短于响应时限' }],
    });
    await expect(updateCategory(deps, scope(), 'traffic', { name: '道路交通', defaultDepartmentId: 'dept-qlh' })).rejects.toMatchObject({
      code: 'UNIT_NOT_FOUND',
      fields: [{ path: 'defaultDepartmentId', message: '请选择本区县的职能部门' }],
    });
    expect(await codeOf(createCategory(deps, scope(), { code: 'Bad Code', name: 'x' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(updateCategory(deps, scope({ id: 'gll-admin', role: 'admin', unitId: 'gaolanlu' }), 'traffic', { name: 'x' }))).toBe('FORBIDDEN');
    expect(await store.categories()).toEqual(before);
    expect(await audit()).toEqual([]);
  });

  it('a change that lost a race to another admin is a conflict and stores nothing', async () => {
    const { deps, scope, audit, store } = world();
    // Another admin saves between this admin's read and write.
    const racing: CategoryDeps = {
      ...deps,
      store: Object.assign(Object.create(store) as MemoryReferenceChanges, {
        category: async (code: string) => {
          const read = await store.category(code);
          await updateCategory(deps, scope(), code, { name: '先到的修改' });
          return read;
        },
      }),
    };
    const err = await updateCategory(racing, scope(), 'traffic', { name: '迟到的修改' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ reason: 'admin_conflict', code: 'CONFLICT' });
    expect(await store.category('traffic')).toMatchObject({ rev: 1, category: { name: '先到的修改' } });
    expect(await audit()).toEqual([{ action: 'category.update', target: 'category:traffic' }]);
  });
});
