import { type CreateTicketInput, CreateTicketReplySchema, TicketDetailSchema } from '@mashang/shared/contracts/common';
import { JoinReplySchema, SubscribeReplySchema } from '@mashang/shared/contracts/resident';
import type { PointTicketInput } from '@mashang/shared/near';
import type { Command } from '@mashang/shared/ticket';
import { call, enc } from './client.ts';

/** Requests (`/api/tickets…`). */

// The staff's calls whose replies need the staff's or the risk contracts live in ./tickets-staff.ts:
// re-exported here (`api.tickets.revealPhone`), they reach only the pages that call them, not the
// resident's QR page, which loads this module.
export { revealPhone, risk } from './tickets-staff.ts';

/** Files a request at a QR location (idempotent on clientToken). */
export const create = (input: CreateTicketInput) => call('POST', '/api/tickets', CreateTicketReplySchema, 'resident', input);
/** Files without a QR code (idempotent on clientToken). */
export const fileAtPoint = (input: PointTicketInput) => call('POST', '/api/tickets/at-point', CreateTicketReplySchema, 'resident', input);
/** A request as the resident who filed or joined it sees it. */
export const get = (id: string) => call('GET', `/api/tickets/${enc(id)}`, TicketDetailSchema, 'resident');
/** A resident's own command (rate, reopen). */
export const command = (id: string, expectedVersion: number, command: Command) =>
  call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'resident', { expectedVersion, command });
export const getAsStaff = (id: string) => call('GET', `/api/tickets/${enc(id)}`, TicketDetailSchema, 'staff');
export const commandAsStaff = (id: string, expectedVersion: number, command: Command) =>
  call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'staff', { expectedVersion, command });
/** Urges one request; no expected version, so an urge never loses to a handler's concurrent step. */
export const urge = (id: string, note: string) => call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'staff', { command: { type: 'urge', note } });
/** Joins an open request instead of filing a duplicate; `subscriptions` are the templates just accepted. */
export const join = (id: string, subscriptions: string[] = []) => call('POST', `/api/tickets/${enc(id)}/join`, JoinReplySchema, 'resident', { subscriptions });
/** Consent to one more progress message per accepted template. */
export const subscribe = (id: string, templateIds: string[]) => call('POST', `/api/tickets/${enc(id)}/subscriptions`, SubscribeReplySchema, 'resident', { templateIds });
