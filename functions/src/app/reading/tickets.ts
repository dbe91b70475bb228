import { AppError, fromEpochMs, type Actor, type Decision, type Ticket, type TicketDetail, type TicketEvent, type TicketListReply } from '@mashang/shared';
import type { Page, TicketReads } from '../../ports/tickets.ts';
import type { ResidentPage } from '../../ports/residents.ts';
import type { Reference } from '../reference.ts';
import { toDetail, toListItem, type ViewContext } from './views.ts';
import type { Visibility } from '../visibility.ts';

export interface ReadingDeps {
  tickets: Pick<TicketReads, 'getWithEvents' | 'inbox' | 'byResident'>;
  now: () => number;
  reference: () => Promise<Reference>;
  visibility: Pick<Visibility, 'canSee'>;
  /** Days after closing the resident may still rate and reopen (undefined: the default). */
  ratingWindowDays?: number;
  /** Photo links and the resident's own-and-joined list; without them photos stay keys and residents see only their own. */
  resident?: {
    present(detail: TicketDetail): Promise<TicketDetail>;
    residentTickets(residentId: string, cursor: string | undefined, limit: number): Promise<ResidentPage>;
  };
}

/** Reading tickets: a request's detail as its viewer may see it, the resident's list, the reply after a change. */
export class TicketReading {
  constructor(private readonly deps: ReadingDeps) {}

  async viewContext(): Promise<ViewContext> {
    const ref = await this.deps.reference();
    return { units: ref.units, categories: ref.categories, now: fromEpochMs(this.deps.now()), ratingWindowDays: this.deps.ratingWindowDays };
  }

  /** Stored photo keys become links the viewer can open (when photo storage is wired). */
  present(detail: TicketDetail): Promise<TicketDetail> {
    return this.deps.resident ? this.deps.resident.present(detail) : Promise.resolve(detail);
  }

  /** The detail of a ticket with this history, as `actor` sees it (photos as links). */
  async detail(ticket: Ticket, events: TicketEvent[], actor: Actor): Promise<TicketDetail> {
    return this.present(toDetail(ticket, events, actor, await this.viewContext()));
  }

  /** A ticket the actor may not see is reported as missing, so ids cannot be probed. */
  async ticketDetail(actor: Actor, id: string): Promise<TicketDetail> {
    const found = await this.deps.tickets.getWithEvents(id);
    if (!found || !(await this.deps.visibility.canSee(actor, found.ticket))) throw new AppError('TICKET_NOT_FOUND', '未找到该诉求');
    return this.detail(found.ticket, found.events, actor);
  }

  async listReply(page: Page<Ticket>): Promise<TicketListReply> {
    const ctx = await this.viewContext();
    return { items: page.items.map((t) => toListItem(t, ctx)), nextCursor: page.nextCursor };
  }

  async myTickets(actor: Actor, cursor: string | undefined, limit: number): Promise<TicketListReply> {
    if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '仅居民可查看本人诉求');
    if (this.deps.resident) {
      // Own and joined ("me too") requests together, one index query.
      const page = await this.deps.resident.residentTickets(actor.id, cursor, limit);
      const reply = await this.listReply(page);
      return { ...reply, items: reply.items.map((item) => (page.followed.has(item.id) ? { ...item, followed: true } : item)) };
    }
    return this.listReply(await this.deps.tickets.byResident(actor.id, cursor, limit));
  }
}

/** A decision's new events as stored: numbered from `firstSeq`, as the ticket store numbers them. */
export function withSeq(decision: Decision, firstSeq: number): TicketEvent[] {
  return decision.events.map((e, i) => ({ ...e, ticketId: decision.ticket.id, seq: firstSeq + i }));
}
