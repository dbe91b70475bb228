import { AppError, isWithin, type Actor, type Role, type Ticket, type Unit } from '@mashang/shared';

/**
 * Who may see what, in one place for every use case: a resident sees the requests they
 * filed or follow; staff see a request when one of its units (current, coordinating,
 * handling, or the grid it happened in) lies in their unit's subtree. A request the
 * actor may not see is reported as missing, so ids cannot be probed.
 */
export class Visibility {
  constructor(
    private readonly deps: {
      units: () => Promise<Map<string, Unit>>;
      /** Whether a resident follows a request (joined, or had a duplicate merged into it); none without it. */
      isFollower?: (ticketId: string, residentId: string) => Promise<boolean>;
    },
  ) {}

  /** Whether `actor` may see `ticket`: its resident or a follower, or staff whose unit subtree holds one of its units. */
  async canSee(actor: Actor, ticket: Ticket): Promise<boolean> {
    if (actor.role === 'resident') return ticket.residentId === actor.id || ((await this.deps.isFollower?.(ticket.id, actor.id)) ?? false);
    if (!actor.unitId) return false;
    const units = await this.deps.units();
    // The grid it happened in counts too: a grid worker sees the requests of their grid (read-only; acting needs the current unit).
    return [ticket.currentUnitId, ticket.coordinatorUnitId, ticket.handlingUnitId, ticket.gridId].some((id) => {
      const unit = id ? units.get(id) : undefined;
      return unit !== undefined && isWithin(unit, actor.unitId!);
    });
  }
}

/** The actor's unit, or 403 when the actor is not staff of one of `roles`. */
export function staffUnitOf(actor: Actor, roles: ReadonlySet<Role>, what: string): string {
  if (!actor.unitId || !roles.has(actor.role)) throw new AppError('FORBIDDEN', `当前身份不能${what}`);
  return actor.unitId;
}
