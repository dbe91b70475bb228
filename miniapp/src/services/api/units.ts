import { DutyReplySchema, PutDutyReplySchema } from '@mashang/shared/alert-settings';
import { UnitsReplySchema } from '@mashang/shared/contracts/staff';
import type { DutyRoster } from '@mashang/shared/duty';
import { call, enc } from './client.ts';

/** Units (`/api/units…`): the tree for dispatching, a unit's duty roster and its active staff. */

export const list = () => call('GET', '/api/units', UnitsReplySchema, 'staff');
/** The roster, the WeCom robot and the unit's active staff (whom a request may be handed to, 转交); read by its staff. */
export const duty = (unitId: string) => call('GET', `/api/units/${enc(unitId)}/duty`, DutyReplySchema, 'staff');
/** Kept by the unit's supervisor or an admin. */
export const putDuty = (unitId: string, roster: DutyRoster) => call('PUT', `/api/units/${enc(unitId)}/duty`, PutDutyReplySchema, 'staff', roster);
