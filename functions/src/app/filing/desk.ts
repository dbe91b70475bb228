import { AppError, type Actor, type StaffCreateTicketInput, type Ticket } from '@mashang/shared';
import type { StaffCreateTicketInputSchema } from '@mashang/shared/contracts/staff';
import { normalizeWorkOrderNo } from '@mashang/shared/inbox-search';
import type * as z from 'zod/mini';
import type { SearchStore } from '../../store/search.ts';
import type { SideWrite } from '../../ports/tickets.ts';
import type { Visibility } from '../visibility.ts';

type Input = z.output<typeof StaffCreateTicketInputSchema>;

/** What the desk adds to a request it enters, and the rows written with it. */
export interface DeskAdditions {
  fields: Partial<Pick<Ticket, 'workOrderNo' | 'relatedTicketIds'>>;
  writes(ticketId: string, at: string): SideWrite[];
}

/**
 * The operator desk's part of entering a request (issue 13): the 12345 work-order number
 * (channel 12345 only; one request per work order — a GetItem says so at once with the
 * request that has it, and the conditional row in the create transaction decides a race)
 * and the caller's earlier requests it references (each must exist and be visible to the
 * operator).
 */
export class DeskEntry {
  constructor(private readonly deps: { visibility: Pick<Visibility, 'canSee'>; search: SearchStore }) {}

  async check(actor: Actor, channel: string, raw: StaffCreateTicketInput | Input): Promise<DeskAdditions> {
    const input = raw as Input;
    const workOrderNo = input.workOrderNo ? normalizeWorkOrderNo(input.workOrderNo) : undefined;
    if (workOrderNo) {
      if (channel !== 'hotline_12345') throw new AppError('VALIDATION_FAILED', '只有12345热线来电才填写工单编号', [{ path: 'workOrderNo', message: '只有12345热线来电才填写工单编号' }]);
      const existing = await this.deps.search.byWorkOrder(workOrderNo);
      if (existing) throw new AppError('CONFLICT', `该12345工单已登记为诉求 ${existing}`, [{ path: 'workOrderNo', message: `该工单已登记（诉求 ${existing}）` }]);
    }
    const related = [...new Set(input.relatedTicketIds ?? [])];
    if (related.length) {
      const found = await this.deps.search.tickets(related);
      for (const id of related) {
        const t = found.find((f) => f.id === id);
        if (!t || !(await this.deps.visibility.canSee(actor, t))) throw new AppError('VALIDATION_FAILED', `未找到诉求 ${id}`, [{ path: 'relatedTicketIds', message: `未找到诉求 ${id}` }]);
      }
    }
    return {
      fields: { ...(workOrderNo ? { workOrderNo } : {}), ...(related.length ? { relatedTicketIds: related } : {}) },
      writes: (ticketId, at) => (workOrderNo ? [{ kind: 'work_order', workOrderNo, ticketId, at }] : []),
    };
  }
}
