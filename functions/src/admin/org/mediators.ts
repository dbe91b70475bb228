import { randomBytes } from 'node:crypto';
import { AppError, fromEpochMs, type Actor, type Unit } from '@mashang/shared';
import type { Mediator } from '@mashang/shared/contracts/resident';
import { CreateMediatorInputSchema } from '@mashang/shared/mediator-input';
import type * as z from 'zod/mini';
import type { OrgAdminDeps } from './deps.ts';
import { adminScope, unitInScope } from './scope.ts';

/**
 * Mediation teams (调解组织, e.g. 元大妈工作室) listed by the county (pattern 48): admins
 * add and stop them; residents choose one on dispute categories, and the choice is on
 * the request.
 */
export class MediatorAdmin {
  constructor(private readonly deps: OrgAdminDeps) {}

  /** Every team of a county, active first. */
  async ofCounty(countyId: string): Promise<Mediator[]> {
    return (await this.deps.store.mediators(countyId)).sort((a, b) => Number(a.disabled ?? false) - Number(b.disabled ?? false) || a.name.localeCompare(b.name, 'zh'));
  }

  async list(actor: Actor): Promise<Mediator[]> {
    const units = await this.deps.store.units();
    return this.ofCounty(adminScope(actor, units).countyId);
  }

  async create(actor: Actor, raw: z.input<typeof CreateMediatorInputSchema>): Promise<Mediator> {
    const input = CreateMediatorInputSchema.parse(raw);
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const unit: Unit = unitInScope(scope, units, input.unitId, 'unitId');
    const mediator: Mediator = { id: `med-${randomBytes(4).toString('hex')}`, name: input.name, unitId: unit.id, unitName: unit.name, specialty: input.specialty, contact: input.contact };
    await this.deps.store.createMediator(scope.countyId, mediator, { countyId: scope.countyId, actor, at: fromEpochMs(this.deps.now()), action: 'mediator.create', target: `mediator:${mediator.id}`, after: mediator });
    return mediator;
  }

  async deactivate(actor: Actor, id: string): Promise<Mediator> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const before = (await this.ofCounty(scope.countyId)).find((m) => m.id === id);
    if (!before) throw new AppError('NOT_FOUND', '调解组织不存在');
    const after = { ...before, disabled: true };
    await this.deps.store.stopMediator(scope.countyId, before, { countyId: scope.countyId, actor, at: fromEpochMs(this.deps.now()), action: 'mediator.deactivate', target: `mediator:${id}`, before: { disabled: false }, after: { disabled: true } });
    return after;
  }

  /** The active teams a resident may choose at a QR location: those of its county. */
  async forLocation(locationId: string): Promise<Mediator[]> {
    const loc = await this.deps.store.location(locationId);
    if (!loc) throw new AppError('LOCATION_NOT_FOUND', '未找到该二维码对应的地点');
    const units = await this.deps.store.units();
    const countyId = units.get(loc.gridId)?.path[0];
    if (!countyId) return [];
    return (await this.ofCounty(countyId)).filter((m) => !m.disabled);
  }

  /** A team a resident chose, checked against the location's county; undefined when none was chosen. */
  async chosen(locationId: string, mediatorId: string | undefined): Promise<Mediator | undefined> {
    if (!mediatorId) return undefined;
    const found = (await this.forLocation(locationId)).find((m) => m.id === mediatorId);
    if (!found) throw new AppError('VALIDATION_FAILED', '所选调解组织不存在或已停止服务', [{ path: 'mediatorId', message: '请重新选择调解组织' }]);
    return found;
  }
}
