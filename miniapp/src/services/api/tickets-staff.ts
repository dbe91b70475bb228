import { RevealPhoneReplySchema } from '@mashang/shared/contracts/staff';
import { RiskWarningsReplySchema } from '@mashang/shared/contracts/signals';
import { call, enc } from './client.ts';

/** The staff's calls on one request whose replies use the staff's and the risk contracts (re-exported by ./tickets.ts). */

/** The full number, for the handler working the request; the view is recorded. */
export const revealPhone = (id: string) => call('POST', `/api/tickets/${enc(id)}/phone`, RevealPhoneReplySchema, 'staff', {});
/** The risk warnings of a request, each fired indicator with what it means for the grid worker. */
export const risk = (id: string) => call('GET', `/api/tickets/${enc(id)}/risk`, RiskWarningsReplySchema, 'staff');
