import { AlertSettingsInputSchema, type AlertSettingsReply } from '@mashang/shared/alert-settings';
import { DEFAULT_ALERT_POLICY, DEFAULT_RANKING_POLICY, rankingFormula, type AlertPolicy, type RankingPolicy } from '@mashang/shared';
import { json, jsonBody, parseWith, type Route } from '../http/http.ts';
import type { ReferenceChanges } from '../ports/admin-reference.ts';
import { adminFromEnv, alertStoreFromEnv, scopeOf } from './context.ts';
import { requireCountyAdmin, type CountyScope } from './scope.ts';

/**
 * The alert thresholds and the red/black list rules as county settings (admins only):
 * - when an unanswered request also goes to the unit's supervisors (default 15 minutes);
 * - how many red cards, or hours overdue, bring in the next level's supervisors (county 督办; 2 and 4);
 * - the red/black list's minimum requests per month and its 三率 weights (响应率 10 %, 解决率 50 %,
 *   满意率 40 %, 基本满意 counted 0.9).
 * Read by the dispatcher when a delayed check comes due (functions/src/app/notifying/staff-alerts.ts) and by
 * the ranking (functions/src/app/reporting/reports.ts), which publishes the formula with these weights.
 * Both settings and their audit event are stored together (ReferenceChanges.saveAlertSettings).
 */
export interface AlertSettingsDeps {
  store: ReferenceChanges;
  /** The stored settings with who changed them last (functions/src/store/alerts.ts, or the memory twin). */
  alerts: { settings(): Promise<StoredAlertSettings> };
}

/** Both settings as stored, each with who changed it last; absent when never set (the defaults apply). */
export interface StoredAlertSettings {
  alerts?: { policy: AlertPolicy; updatedBy?: string; updatedAt?: string };
  ranking?: { policy: RankingPolicy; updatedBy?: string; updatedAt?: string };
}

const DEFAULTS = { alerts: { ...DEFAULT_ALERT_POLICY }, ranking: { ...DEFAULT_RANKING_POLICY } };

export async function getAlertSettings(deps: AlertSettingsDeps, scope: CountyScope): Promise<AlertSettingsReply> {
  requireCountyAdmin(scope);
  const s = await deps.alerts.settings();
  const alerts: AlertPolicy = s.alerts?.policy ?? DEFAULTS.alerts;
  const ranking: RankingPolicy = s.ranking?.policy ?? DEFAULTS.ranking;
  const last = [s.alerts, s.ranking].filter((x) => x?.updatedAt).sort((a, b) => (a!.updatedAt! < b!.updatedAt! ? 1 : -1))[0];
  return { alerts, ranking, defaults: DEFAULTS, formula: rankingFormula(ranking), ...(last?.updatedBy ? { updatedBy: last.updatedBy } : {}), ...(last?.updatedAt ? { updatedAt: last.updatedAt } : {}) };
}

export async function putAlertSettings(deps: AlertSettingsDeps, scope: CountyScope, raw: unknown): Promise<AlertSettingsReply> {
  requireCountyAdmin(scope);
  const input = parseWith(AlertSettingsInputSchema, raw);
  const before = await deps.alerts.settings();
  await deps.store.saveAlertSettings(input.alerts, input.ranking, {
    countyId: scope.countyId,
    actor: scope.actor,
    at: scope.now,
    action: 'settings.alerts',
    target: 'settings:alerts',
    before: { alerts: before.alerts?.policy ?? DEFAULTS.alerts, ranking: before.ranking?.policy ?? DEFAULTS.ranking },
    after: input,
  });
  return getAlertSettings(deps, scope);
}

function depsFromEnv(): AlertSettingsDeps {
  return { store: adminFromEnv().store, alerts: alertStoreFromEnv() };
}

export const alertSettingsRoutes: Record<string, Route> = {
  'GET /api/admin/alert-settings': async (_event, { actor }) => json(200, await getAlertSettings(depsFromEnv(), await scopeOf(adminFromEnv(), await actor()))),
  'PUT /api/admin/alert-settings': async (event, { actor }) => json(200, await putAlertSettings(depsFromEnv(), await scopeOf(adminFromEnv(), await actor()), jsonBody(event))),
};
