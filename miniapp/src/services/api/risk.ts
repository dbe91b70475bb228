import { type PutRiskRulesInput, RiskRulesReplySchema, RiskWarningsReplySchema, RiskWarningViewSchema } from '@mashang/shared/contracts/signals';
import { queryString } from '../http.ts';
import { call, enc } from './client.ts';

/** Risk early warning (`/api/risk/…`). */

/** Warnings of a unit's subtree over the last `days` (≤ 90). */
export const warnings = (unitId?: string, days?: number) => call('GET', `/api/risk/warnings${queryString({ unitId, days })}`, RiskWarningsReplySchema, 'staff');
/** The rule set (versioned). */
export const rules = () => call('GET', '/api/risk/rules', RiskRulesReplySchema, 'staff');
/** Saves the rule set if still at `expectedVersion` (409 otherwise). */
export const saveRules = (input: PutRiskRulesInput) => call('PUT', '/api/risk/rules', RiskRulesReplySchema, 'staff', input);
/** The grid worker's risk tasks (open first, by deadline). */
export const tasks = (status: 'open' | 'done') => call('GET', `/api/risk/tasks${queryString({ status })}`, RiskWarningsReplySchema, 'staff');
/** Records the verification and what was done. */
export const completeTask = (id: string, note: string, expectedVersion: number) => call('POST', `/api/risk/tasks/${enc(id)}/done`, RiskWarningViewSchema, 'staff', { note, expectedVersion });
