import { AppError, isWithin, type Actor, type Unit } from '@mashang/shared';

/**
 * Who may administer what. Only admins, and only within their own unit's subtree — for
 * the county admin, the county. Anything outside is reported as missing (404), so ids of
 * other counties cannot be probed.
 */
export interface AdminScope {
  actor: Actor;
  /** The admin's own unit: the root of what they may change. */
  root: Unit;
  /** The county the admin belongs to (audit events are filed under it). */
  countyId: string;
  has(unit: Unit | undefined): unit is Unit;
}

export function adminScope(actor: Actor, units: ReadonlyMap<string, Unit>): AdminScope {
  if (actor.role !== 'admin' || !actor.unitId) throw new AppError('FORBIDDEN', '仅管理员可以进行此操作');
  const root = units.get(actor.unitId);
  if (!root) throw new AppError('FORBIDDEN', '账号所属单位不存在，请联系上级管理员');
  return {
    actor,
    root,
    countyId: root.path[0]!,
    has: (unit): unit is Unit => unit !== undefined && isWithin(unit, root.id),
  };
}

/**
 * A unit of the admin's scope. Named in the URL: 404 when outside; chosen in a form
 * field (`field`): 400 with the field marked.
 */
export function unitInScope(scope: AdminScope, units: ReadonlyMap<string, Unit>, id: string, field?: string): Unit {
  const unit = units.get(id);
  if (scope.has(unit)) return unit;
  if (field) throw new AppError('UNIT_NOT_FOUND', '单位不存在', [{ path: field, message: '请选择本辖区内的单位' }]);
  throw new AppError('NOT_FOUND', '单位不存在');
}
