import { TicketDetailSchema, TicketListReplySchema } from '@mashang/shared/contracts/common';
import { TransferCodeReplySchema } from '@mashang/shared/contracts/resident';
import { ERASE_CONFIRMATION, ErasureReplySchema } from '@mashang/shared/erasure';
import { queryString } from '../http.ts';
import { call } from './client.ts';

/** The resident's own (`/api/me/…`, and a request on another phone). */

/** 我的诉求: the requests this resident filed or joined. */
export const tickets = (cursor?: string) => call('GET', `/api/me/tickets${queryString({ cursor })}`, TicketListReplySchema, 'resident');
/** A request by its number and the phone given with it (read-only, rate-limited). */
export const lookup = (id: string, phone: string) => call('POST', '/api/lookup', TicketDetailSchema, 'resident', { id, phone });
/** A one-time code (24 h) that carries this phone's requests to another (redeemed with `sessions.redeemTransfer`). */
export const transferCode = () => call('POST', '/api/me/transfer', TransferCodeReplySchema, 'resident', {});
/** This resident's personal data removed; their requests stay in the statistics, unlinked. */
export const erase = () => call('POST', '/api/me/erase', ErasureReplySchema, 'resident', { confirm: ERASE_CONFIRMATION });
