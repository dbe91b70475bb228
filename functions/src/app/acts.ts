import type { Actor, Command, CreateTicketInput, SessionReply, Ticket, TicketDetail, TicketEvent } from '@mashang/shared';
import type { StaffAccount } from '../store/org.ts';
import type { SideWrite } from '../ports/tickets.ts';
import type { Filed, FilingRequest } from './filing/file-request.ts';
import type { FiledAt } from './filing/filing.ts';
import type { Reference } from './reference.ts';
import type { ViewContext } from './reading/views.ts';

/**
 * What one use case asks of another, in the domain's words, so that none depends on the
 * MashangService façade (which implements these for now; the compositions pass it).
 */

/** Working a ticket (commands/command.ts): the detail after the change, or a typed error. */
export interface TicketCommands {
  command(actor: Actor, id: string, command: Command, expectedVersion?: number): Promise<TicketDetail>;
}

/** Drawing tickets as an actor sees them (reading/tickets.ts). */
export interface TicketViews {
  /** A ticket's detail as `actor` sees it; TICKET_NOT_FOUND when they may not see it. */
  ticketDetail(actor: Actor, id: string): Promise<TicketDetail>;
  /** A ticket already read, drawn for `actor`. */
  detail(ticket: Ticket, events: TicketEvent[], actor: Actor): Promise<TicketDetail>;
  /** What list items and details are drawn with: units, categories, now, the rating window. */
  viewContext(): Promise<ViewContext>;
}

/** Signing a staff account in (sessions/sessions.ts). */
export interface StaffSessions {
  staffSession(account: StaffAccount): Promise<SessionReply>;
}

/** The one filing path (filing/): file a request, then draw the reply for whoever filed it. */
export interface FilingActs {
  fileRequest(actor: Actor, request: FilingRequest): Promise<Filed>;
  filedReply(actor: Actor, filed: Filed): Promise<{ ticket: TicketDetail; created: boolean }>;
}

/** Filing at a place, as a request without a QR code is filed (residents/near.ts): the reference data it decides with, then the QR path. */
export interface PlaceFiling {
  ref(): Promise<Reference>;
  createTicket(actor: Actor, raw: CreateTicketInput, at?: FiledAt, counts?: readonly SideWrite[]): Promise<{ ticket: TicketDetail; created: boolean }>;
}
