import type { Ticket } from '@mashang/shared';
import type { SideWrite } from '../../ports/tickets.ts';

/**
 * A new request's risk check, queued in its create's own transaction (a `risk_check` side-write,
 * functions/src/store/side-writes.ts): the dispatcher evaluates it after the write, as of the
 * request's receipt (./risk-checks.ts), so filing reads no history and needs none of the risk
 * rules. The risk service (./risk.ts) queues the same on creation and also evaluates reopenings;
 * a function that files requests but never reopens one (the workbench) is composed with this
 * alone (functions/src/compose/filing.ts), and its bundle carries no risk rules.
 */
export function queuedRiskCheck(ticket: Pick<Ticket, 'id' | 'receivedAt'>): SideWrite {
  return { kind: 'risk_check', ticketId: ticket.id, at: ticket.receivedAt };
}

/** Filing's risk hook without the risk service: a creation's check, queued. */
export const riskCheckOnCreate = {
  writesFor: async (_trigger: 'created', ticket: Ticket): Promise<SideWrite[]> => [queuedRiskCheck(ticket)],
};
