import { AppError, DEFAULT_POLICY, resolvePolicy, SlaPolicySchema, type Category, type Unit } from '@mashang/shared';
import {
  CategoryInputSchema,
  CreateCategoryInputSchema,
  type AdminCategoriesReply,
  type CategoryInput,
} from '@mashang/shared/admin-contracts';
import { json, jsonBody, parseWith, pathParam, validationError, type Route } from '../http/http.ts';
import type { ReferenceChanges } from '../ports/admin-reference.ts';
import { adminFromEnv, scopeOf } from './context.ts';
import { requireCountyAdmin, type CountyScope } from './scope.ts';

/**
 * Categories and their SLA policies. A request copies its category's effective policy
 * when it is filed (`Ticket.policy`) and its clocks are computed from that copy, so a
 * change here applies to requests filed afterwards and never to open ones.
 */

/** What the category use cases need (the warm Lambda's AdminDeps, or memory twins in unit tests). */
export interface CategoryDeps {
  store: ReferenceChanges;
  org: { categories(): Promise<Category[]>; units(): Promise<Unit[]> };
}

function view(c: Category, units: ReadonlyMap<string, Unit>) {
  const dept = c.defaultDepartmentId ? units.get(c.defaultDepartmentId) : undefined;
  return { ...c, effectivePolicy: resolvePolicy(c.policy), ...(dept ? { departmentName: dept.name } : {}) };
}

export async function listCategories(deps: CategoryDeps, scope: CountyScope): Promise<AdminCategoriesReply> {
  const [categories, units] = await Promise.all([deps.org.categories(), deps.org.units()]);
  const byId = new Map(units.map((u) => [u.id, u]));
  return {
    items: categories.map((c) => view(c, byId)),
    departments: units.filter((u) => u.kind === 'department' && scope.has(u)).map((u) => ({ id: u.id, name: u.name })),
  };
}

/** The stored category for an admin's input, checked: a policy that merges into a valid one, a department of the county. */
async function categoryOf(deps: CategoryDeps, scope: CountyScope, code: string, input: CategoryInput): Promise<Category> {
  const policy = input.policy && Object.values(input.policy).some((v) => v !== undefined) ? input.policy : undefined;
  if (policy) {
    const merged = SlaPolicySchema.safeParse({ ...DEFAULT_POLICY, ...policy });
    if (!merged.success) {
      const err = validationError(merged.error);
      throw new AppError('VALIDATION_FAILED', err.message, err.fields?.map((f) => ({ ...f, path: `policy.${f.path}` })));
    }
  }
  if (input.defaultDepartmentId !== undefined) {
    const dept = (await deps.org.units()).find((u) => u.id === input.defaultDepartmentId);
    if (!dept || dept.kind !== 'department' || !scope.has(dept)) {
      throw new AppError('UNIT_NOT_FOUND', '默认承办部门不存在', [{ path: 'defaultDepartmentId', message: '请选择本区县的职能部门' }]);
    }
  }
  return {
    code,
    name: input.name,
    ...(input.hint ? { hint: input.hint } : {}),
    ...(policy ? { policy } : {}),
    ...(input.urgent ? { urgent: true } : {}),
    ...(input.defaultDepartmentId ? { defaultDepartmentId: input.defaultDepartmentId } : {}),
  };
}

export async function createCategory(deps: CategoryDeps, scope: CountyScope, raw: unknown) {
  requireCountyAdmin(scope);
  const input = parseWith(CreateCategoryInputSchema, raw);
  if (await deps.store.category(input.code)) {
    throw new AppError('CONFLICT', '该类别代码已存在', [{ path: 'code', message: '该类别代码已存在' }]);
  }
  const category = await categoryOf(deps, scope, input.code, input);
  await deps.store.createCategory(category, { countyId: scope.countyId, actor: scope.actor, at: scope.now, action: 'category.create', target: `category:${category.code}`, after: category });
  return { category: view(category, new Map((await deps.org.units()).map((u) => [u.id, u]))) };
}

export async function updateCategory(deps: CategoryDeps, scope: CountyScope, code: string, raw: unknown) {
  requireCountyAdmin(scope);
  const input = parseWith(CategoryInputSchema, raw);
  const stored = await deps.store.category(code);
  if (!stored) throw new AppError('NOT_FOUND', '类别不存在');
  const category = await categoryOf(deps, scope, code, input);
  await deps.store.updateCategory(category, stored.rev, { countyId: scope.countyId, actor: scope.actor, at: scope.now, action: 'category.update', target: `category:${code}`, before: stored.category, after: category });
  return { category: view(category, new Map((await deps.org.units()).map((u) => [u.id, u]))) };
}

export const categoryRoutes: Record<string, Route> = {
  'GET /api/admin/categories': async (_event, { actor }) => {
    const deps = adminFromEnv();
    return json(200, await listCategories(deps, await scopeOf(deps, await actor())));
  },
  'POST /api/admin/categories': async (event, { actor }) => {
    const deps = adminFromEnv();
    return json(201, await createCategory(deps, await scopeOf(deps, await actor()), jsonBody(event)));
  },
  'PUT /api/admin/categories/{code}': async (event, { actor }) => {
    const deps = adminFromEnv();
    return json(200, await updateCategory(deps, await scopeOf(deps, await actor()), pathParam(event, 'code'), jsonBody(event)));
  },
};
