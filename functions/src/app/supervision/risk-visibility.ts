import type { FiredRule, Unit } from '@mashang/shared';
import type { TicketScope } from '../../store/ticket-scopes.ts';
import { ticketInSubtree } from './scope.ts';

/**
 * A warning names earlier requests that made a rule fire (same phone, same person,
 * same place). Those may belong to another street: a viewer is shown only the ids of
 * requests inside their own unit's subtree (the ones they can open); the indicator
 * text ("7天内同一电话第3次") stays, so the warning still says why it fired.
 */
export async function withVisibleRelated<T extends { fired: FiredRule[] }>(
  items: T[],
  viewerUnitId: string,
  units: ReadonlyMap<string, Unit>,
  scopes: (ids: string[]) => Promise<Map<string, TicketScope>>,
): Promise<T[]> {
  const ids = items.flatMap((w) => w.fired.flatMap((f) => f.relatedTicketIds ?? []));
  if (ids.length === 0) return items;
  const found = await scopes(ids);
  const visible = (id: string) => {
    const t = found.get(id);
    return t !== undefined && ticketInSubtree(t, viewerUnitId, units);
  };
  return items.map((w) => ({
    ...w,
    fired: w.fired.map((f) => {
      if (!f.relatedTicketIds) return f;
      const { relatedTicketIds, ...rest } = f;
      const shown = relatedTicketIds.filter(visible);
      return shown.length ? { ...rest, relatedTicketIds: shown } : rest;
    }),
  }));
}
