import { AppError, fromEpochMs, type Actor, type DispatchedReply, type Role } from '@mashang/shared';
import type { DispatchedStore } from '../../store/dispatched.ts';
import type { ReferenceReader } from '../reference.ts';
import { toListItem } from './views.ts';

export interface DispatchedDeps {
  /** Units and categories (reference.ts). */
  reference: ReferenceReader;
  store: DispatchedStore;
  now: () => number;
}

const READERS: ReadonlySet<Role> = new Set(['handler', 'supervisor']);

/**
 * The street office's 已派出 view: after 吹哨派单 a request leaves the office's inbox
 * for the department's, but the office still answers for it (跟踪问效) and records its
 * return visit (回访) once the department resolved it. Lists what the office dispatched
 * and has not followed up yet.
 */
export class DispatchedView {
  constructor(private readonly deps: DispatchedDeps) {}

  async list(actor: Actor): Promise<DispatchedReply> {
    if (!actor.unitId || !READERS.has(actor.role)) throw new AppError('FORBIDDEN', '当前身份不能查看已派出的诉求');
    const now = fromEpochMs(this.deps.now());
    const [found, ref] = await Promise.all([this.deps.store.ofOffice(actor.unitId, now), this.deps.reference.ref()]);
    const ctx = { units: ref.units, categories: ref.categories, now };
    return {
      items: found.items.map((t) => ({
        ...toListItem(t, ctx),
        currentUnitId: t.currentUnitId,
        currentUnitName: ref.units.get(t.currentUnitId)?.name ?? t.currentUnitId,
        awaitingFollowUp: t.status === 'resolved' || t.status === 'closed',
      })),
      truncated: found.truncated,
    };
  }
}
