/** The audit page: a county's admin events, written by `auditPut` (functions/src/store/audit.ts) in each change's own transaction. */
import { AuditQuerySchema, type AdminAuditReply } from '@mashang/shared/admin-contracts';
import { json, parseWith, type Route } from '../http/http.ts';
import { auditMonthOf, type AuditLog } from '../ports/audit.ts';
import { adminFromEnv, scopeOf } from './context.ts';
import type { CountyScope } from './scope.ts';

const parseJson = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));

/** A county's admin events of one month, newest first. */
export async function listAudit(store: AuditLog, scope: CountyScope, month: string | undefined, limit: number): Promise<AdminAuditReply> {
  const m = month ?? auditMonthOf(scope.now);
  const rows = await store.auditMonth(scope.countyId, m, limit);
  return { month: m, items: rows.map((r) => ({ ...r, before: parseJson(r.before), after: parseJson(r.after) })) };
}

/** The audit page's route. */
export const auditRoutes: Record<string, Route> = {
  'GET /api/admin/audit': async (event, { actor }) => {
    const deps = adminFromEnv();
    const scope = await scopeOf(deps, await actor());
    const q = parseWith(AuditQuerySchema, event.queryStringParameters ?? {});
    return json(200, await listAudit(deps.store, scope, q.month, q.limit));
  },
};
