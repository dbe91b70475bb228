import { StaffSubscriptionReplySchema } from '@mashang/shared/alert-settings';
import { CreateTicketReplySchema } from '@mashang/shared/contracts/common';
import { DispatchedReplySchema, InboxReplySchema, MarkReadReplySchema, StaffChangesReplySchema, type StaffCreateTicketInput, type StaffInboxQuery, StaffLocationsReplySchema, StaffMessagesReplySchema } from '@mashang/shared/contracts/staff';
import { InboxSearchReplySchema } from '@mashang/shared/inbox-search';
import { queryString } from '../http.ts';
import { call } from './client.ts';

/** The staff workbench (`/api/staff/…`). */

/** The unit's open requests (next deadline first by default), filters, counts by status. */
export const inbox = (q: StaffInboxQuery) => call('GET', `/api/staff/inbox${queryString({ ...q, limit: q.limit === undefined ? undefined : Number(q.limit) })}`, InboxReplySchema, 'staff');
/** What the caller's office dispatched and has not yet followed up (已派出). */
export const dispatched = () => call('GET', '/api/staff/dispatched', DispatchedReplySchema, 'staff');
/** By number, phone tail, whole phone, 12345 work-order number or words, within the caller's scope. */
export const search = (q: string) => call('GET', `/api/staff/search${queryString({ q })}`, InboxSearchReplySchema, 'staff');
/** A grid worker's report or an operator desk entry (idempotent on clientToken). */
export const fileTicket = (input: StaffCreateTicketInput) => call('POST', '/api/staff/tickets', CreateTicketReplySchema, 'staff', input);
/** The QR locations of a grid (a grid worker's own by default). */
export const locations = (gridId?: string) => call('GET', `/api/staff/locations${queryString({ gridId })}`, StaffLocationsReplySchema, 'staff');
/** Inbox change marker and unread count (two reads on the server; polled every ~20 s). */
export const changes = () => call('GET', '/api/staff/changes', StaffChangesReplySchema, 'staff');
/** The newest alerts for the signed-in staff member. */
export const messages = () => call('GET', '/api/staff/messages', StaffMessagesReplySchema, 'staff');
/** Marks one message read. */
export const markRead = (id: string, createdAt: string) => call('POST', '/api/staff/messages/read', MarkReadReplySchema, 'staff', { id, createdAt });
/** WeChat subscription messages for staff: the template to ask consent for, and the consents given. */
export const subscriptions = () => call('GET', '/api/staff/subscriptions', StaffSubscriptionReplySchema, 'staff');
/** The templates accepted in wx.requestSubscribeMessage. */
export const subscribe = (templateIds: string[]) => call('POST', '/api/staff/subscriptions', StaffSubscriptionReplySchema, 'staff', { templateIds });
