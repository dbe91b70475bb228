import { AppError, isWithin, type Actor, type Unit } from '@mashang/shared';

/**
 * Who may administer: only admins, and only within their own county. County-wide
 * settings (the calendar, the cut-off, categories and their policies) need an admin of
 * the county unit itself; an admin of a street office is refused them (403).
 */
export interface CountyScope {
  actor: Actor;
  /** The admin's own unit. */
  unit: Unit;
  /** The county (root of the admin's unit path): audit events are filed under it. */
  countyId: string;
  county: Unit;
  /** The request's instant (canonical UTC). */
  now: string;
  /** Whether a unit lies in the admin's county. */
  has(unit: Unit | undefined): unit is Unit;
}

export function countyScope(actor: Actor, units: ReadonlyMap<string, Unit>, now: string): CountyScope {
  if (actor.role !== 'admin' || !actor.unitId) throw new AppError('FORBIDDEN', '仅管理员可以进行此操作');
  const unit = units.get(actor.unitId);
  const countyId = unit?.path[0];
  const county = countyId ? units.get(countyId) : undefined;
  if (!unit || !county) throw new AppError('FORBIDDEN', '账号所属单位不存在，请联系上级管理员');
  return { actor, unit, countyId: county.id, county, now, has: (u): u is Unit => u !== undefined && isWithin(u, county.id) };
}

/** County-wide settings: the admin must belong to the county unit itself. */
export function requireCountyAdmin(scope: CountyScope): CountyScope {
  if (scope.unit.id !== scope.countyId) throw new AppError('FORBIDDEN', '仅区县管理员可以修改全区县的设置');
  return scope;
}
