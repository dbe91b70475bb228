import { riskChecksFor } from '../../functions/src/app/resident-runtime.ts';
import type { RiskCheckReport } from '../../functions/src/app/supervision/risk-checks.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import type { Harness } from './harness.ts';

/**
 * The risk checks of new requests (functions/src/app/supervision/risk-checks.ts) on the harness's table,
 * as the dispatcher works them after the filings (every minute in AWS and in `npm start`):
 * a new request's risk warning is written there, not on the request path.
 */
export function runRiskChecks(h: Pick<Harness, 'endpoint' | 'tableName'>, now?: () => number): Promise<RiskCheckReport> {
  return riskChecksFor(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName, now).run();
}
