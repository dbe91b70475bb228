import { HotspotsReplySchema } from '@mashang/shared/contracts/signals';
import { queryString } from '../http.ts';
import { call } from './client.ts';

/** Hotspots (`/api/hotspots`): requests about the same thing in a unit's subtree over the last `days` (≤ 31). */

export const list = (unitId?: string, days?: number) => call('GET', `/api/hotspots${queryString({ unitId, days })}`, HotspotsReplySchema, 'staff');
