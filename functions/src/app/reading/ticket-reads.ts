import type { Actor, Category, TicketDetail } from '@mashang/shared';

/**
 * What the resident's calls read through the ticket service: the categories of the cached
 * reference data and a request's detail as the actor may see it. `ResidentService` is built
 * after the service and given it as this narrow view, so resident.ts does not import
 * service.ts, which imports resident.ts's hooks: no import circle.
 */
export interface TicketReads {
  ref(): Promise<{ categories: ReadonlyMap<string, Category> }>;
  ticketDetail(actor: Actor, id: string): Promise<TicketDetail>;
}
