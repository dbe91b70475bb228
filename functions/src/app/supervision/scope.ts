import { AppError, isWithin, type Actor, type Role, type Ticket, type Unit } from '@mashang/shared';

/**
 * Who sees what in hotspots and risk warnings. Staff see their unit's subtree
 * (PRODUCT.md, "Privacy and trust"): a request belongs to a unit's subtree
 * when the office that received it, its coordinating, current or handling
 * unit, or its grid lies in that subtree.
 */

/** Staff roles that read hotspots and warnings. */
export const SUPERVISION_READERS: ReadonlySet<Role> = new Set(['supervisor', 'handler', 'grid_worker', 'admin']);

/** The actor's unit, or 403 when the actor is not staff of one of `roles` (one rule: functions/src/app/visibility.ts). */
export { staffUnitOf } from '../visibility.ts';

/** The unit a query is about: the actor's own by default, else one of its subtree (403 outside, 400 unknown). */
export function scopeUnit(actor: Actor, requested: string | undefined, units: ReadonlyMap<string, Unit>): Unit {
  const actorUnit = actor.unitId;
  const unit = units.get(requested ?? actorUnit ?? '');
  if (!unit) throw new AppError('UNIT_NOT_FOUND', '单位不存在', [{ path: 'unitId', message: '请选择有效的单位' }]);
  if (!actorUnit || !isWithin(unit, actorUnit)) throw new AppError('FORBIDDEN', '只能查看本单位及下级单位');
  return unit;
}

const isOffice = (u: Unit): boolean => u.kind === 'street' || u.kind === 'county';

/**
 * The offices whose received requests can concern `unit`: the street office (and
 * county) above it, every office below it, and for a department its county's offices
 * (departments handle requests that street offices received).
 */
export function officesFor(unit: Unit, units: ReadonlyMap<string, Unit>): string[] {
  const out = new Set<string>();
  for (const id of unit.path) {
    const u = units.get(id);
    if (u && isOffice(u)) out.add(u.id);
  }
  const root = unit.kind === 'department' ? unit.parentId : unit.id;
  if (root) for (const u of units.values()) if (isOffice(u) && isWithin(u, root)) out.add(u.id);
  return [...out].sort();
}

/** Whether a request lies in `unitId`'s subtree (see the module comment). */
export function ticketInSubtree(ticket: Pick<Ticket, 'originUnitId' | 'coordinatorUnitId' | 'currentUnitId' | 'handlingUnitId' | 'gridId'>, unitId: string, units: ReadonlyMap<string, Unit>): boolean {
  return [ticket.originUnitId, ticket.coordinatorUnitId, ticket.currentUnitId, ticket.handlingUnitId, ticket.gridId].some((id) => {
    const u = id ? units.get(id) : undefined;
    return u !== undefined && isWithin(u, unitId);
  });
}

/** Whether a unit id lies in `unitId`'s subtree. */
export function unitInSubtree(id: string, unitId: string, units: ReadonlyMap<string, Unit>): boolean {
  const u = units.get(id);
  return u !== undefined && isWithin(u, unitId);
}
