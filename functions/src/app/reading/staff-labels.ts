import type { TicketEvent, Unit } from '@mashang/shared';

/**
 * One event as staff read it in the timeline: the workbench's own words (吹哨派单,
 * 报到承接 …) with the units a request moved between, so the history shows where it went.
 */
export function staffEventLabel(event: TicketEvent, base: string, units: ReadonlyMap<string, Unit>): string {
  const data = event.data ?? {};
  const name = (id: unknown) => (typeof id === 'string' ? (units.get(id)?.name ?? id) : undefined);
  switch (event.type) {
    case 'dispatched': {
      const to = name(data.unitId);
      const recategorised = typeof data.previousCategoryCode === 'string' ? '（已改类别，时限重算）' : '';
      return to ? `${base} → ${to}${recategorised}` : base;
    }
    case 'returned': {
      const from = name(data.fromUnitId);
      return from ? `${base}（${from}）` : base;
    }
    case 'escalated': {
      const to = name(data.toUnitId);
      return to ? `${base} → ${to}` : base;
    }
    case 'merged':
      if (typeof data.fromTicketId === 'string') return `${base}：${data.fromTicketId} 并入本诉求`;
      return typeof data.intoTicketId === 'string' ? `${base} → ${data.intoTicketId}` : base;
    case 'handed_over': {
      const to = typeof data.toStaffName === 'string' ? data.toStaffName : typeof data.toStaffId === 'string' ? data.toStaffId : undefined;
      return to ? `${base} → ${to}` : base;
    }
    default:
      return base;
  }
}
