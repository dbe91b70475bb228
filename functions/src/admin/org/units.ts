import { randomBytes } from 'node:crypto';
import { AppError, fromEpochMs, type Actor, type Location, type Unit } from '@mashang/shared';
import {
  CreateUnitInputSchema,
  deactivationBlockers,
  MoveUnitInputSchema,
  planCreate,
  planMove,
  RenameUnitInputSchema,
  routingOf,
  subtree,
  type AdminUnitsReply,
} from '@mashang/shared/admin-org';
import type * as z from 'zod/mini';
import type { OrgAdminDeps } from './deps.ts';
import { adminScope, unitInScope } from './scope.ts';

const ID_PREFIX = { county: 'cty', street: 'st', community: 'cm', grid: 'grid', department: 'dept' } as const;

/**
 * The unit tree: county → street/township → community/village → grid, plus
 * departments. Create, rename, move, deactivate; every change with its audit event.
 */
export class UnitAdmin {
  constructor(private readonly deps: OrgAdminDeps) {}

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  /** The admin's part of the tree (the whole county for a county admin). */
  async list(actor: Actor): Promise<AdminUnitsReply> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    return { countyId: scope.countyId, rootId: scope.root.id, items: subtree(units, scope.root.id) };
  }

  async create(actor: Actor, raw: z.input<typeof CreateUnitInputSchema>): Promise<Unit> {
    const input = CreateUnitInputSchema.parse(raw);
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    unitInScope(scope, units, input.parentId, 'parentId');
    const id = input.id ?? `${ID_PREFIX[input.kind]}-${randomBytes(4).toString('hex')}`;
    const unit = planCreate(units, input, id);
    const at = this.nowIso();
    await this.deps.store.createUnit(unit, { countyId: scope.countyId, actor, at, action: 'unit.create', target: `unit:${id}`, after: unit });
    return unit;
  }

  async rename(actor: Actor, id: string, raw: z.input<typeof RenameUnitInputSchema>): Promise<Unit> {
    const { name } = RenameUnitInputSchema.parse(raw);
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const before = unitInScope(scope, units, id);
    const after = { ...before, name };
    const at = this.nowIso();
    await this.deps.store.renameUnit(before, name, { countyId: scope.countyId, actor, at, action: 'unit.rename', target: `unit:${id}`, before: { name: before.name }, after: { name } });
    // The QR locations of a renamed grid, community or street show the new name on posters and in search.
    await this.relocate(actor, scope.countyId, new Map([...units, [id, after]]), subtree(units, id));
    return after;
  }

  /**
   * Moves a unit (and everything below it) under another parent in one transaction.
   * Then each QR location of every grid moved is rewritten with its new street office,
   * one transaction per location: requests filed afterwards go to the new office, those
   * filed before stay where they are (a ticket keeps the office it was routed to).
   */
  async move(actor: Actor, id: string, raw: z.input<typeof MoveUnitInputSchema>): Promise<{ unit: Unit; relocated: number }> {
    const { parentId } = MoveUnitInputSchema.parse(raw);
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const unit = unitInScope(scope, units, id);
    if (unit.id === scope.root.id) throw new AppError('FORBIDDEN', '不能移动本人所属的单位');
    unitInScope(scope, units, parentId, 'parentId');
    const moved = planMove(units, id, parentId);
    const at = this.nowIso();
    if (unit.parentId !== parentId) {
      await this.deps.store.moveUnits(
        moved.map((after) => ({ before: units.get(after.id)!, after })),
        { countyId: scope.countyId, actor, at, action: 'unit.move', target: `unit:${id}`, before: { parentId: unit.parentId, path: unit.path }, after: { parentId, path: moved[0]!.path } },
      );
    }
    // Also run when the unit already sits there: a move interrupted before its locations were rewritten is finished by repeating it.
    const after = new Map(units);
    for (const u of moved) after.set(u.id, u);
    const relocated = await this.relocate(actor, scope.countyId, after, moved);
    return { unit: after.get(id)!, relocated };
  }

  /** Rewrites the QR locations of the grids among `changed` whose routing or names differ under `units`. */
  private async relocate(actor: Actor, countyId: string, units: ReadonlyMap<string, Unit>, changed: Unit[]): Promise<number> {
    let n = 0;
    for (const grid of changed.filter((u) => u.kind === 'grid')) {
      const routing = routingOf(units.get(grid.id)!, units);
      for (const before of await this.deps.store.locationsOfGrid(grid.id)) {
        const after: Location = { ...before, ...routing };
        if (JSON.stringify(pickRouting(before)) === JSON.stringify(pickRouting(after))) continue;
        const at = this.nowIso();
        await this.deps.store.updateLocation(before, after, { countyId, actor, at, action: 'location.route', target: `location:${before.id}`, before: pickRouting(before), after: routing });
        n++;
      }
    }
    return n;
  }

  /**
   * Deactivates a unit that holds nothing any more: no open requests (they must be
   * moved first), no active sub-units, staff or QR locations. Otherwise 409 with the
   * reasons in Chinese, and nothing changes.
   */
  async deactivate(actor: Actor, id: string): Promise<Unit> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const before = unitInScope(scope, units, id);
    if (before.id === scope.root.id) throw new AppError('FORBIDDEN', '不能停用本人所属的单位');
    if (before.disabled) return before;
    const [openRequests, staff, locations] = await Promise.all([
      this.deps.store.openRequests(id),
      this.deps.store.staffOfCounty(scope.countyId),
      before.kind === 'grid' ? this.deps.store.locationsOfGrid(id) : Promise.resolve([]),
    ]);
    const blockers = deactivationBlockers({
      unit: before,
      openRequests,
      activeChildren: [...units.values()].filter((u) => u.parentId === id && !u.disabled).length,
      activeStaff: staff.filter((s) => s.unitId === id && !s.disabled).length,
      locations: locations.length,
    });
    if (blockers.length > 0) throw new AppError('CONFLICT', `不能停用「${before.name}」：${blockers.join('；')}`);
    const after: Unit = { ...before, disabled: true };
    await this.deps.store.deactivateUnit(before, { countyId: scope.countyId, actor, at: this.nowIso(), action: 'unit.deactivate', target: `unit:${id}`, before: { disabled: false }, after: { disabled: true } });
    return after;
  }
}

function pickRouting(l: Location): Partial<Location> {
  return { gridId: l.gridId, gridName: l.gridName, communityName: l.communityName, centreUnitId: l.centreUnitId, centreName: l.centreName };
}
