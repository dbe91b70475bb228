import { TicketListReplySchema } from '@mashang/shared/contracts/common';
import { BreachListReplySchema, type Figure, RankingReplySchema, SlaReportSchema, UrgeUnitReplySchema } from '@mashang/shared/contracts/reports';
import { queryString } from '../http.ts';
import { call, staffToken } from './client.ts';

/** Supervisors' reports (`/api/reports/…`); Excel downloads go through lib/supervisor-export.ts with `exportRequest`. */

/** A period of a unit's report (its own unit when `unitId` is absent); dates are Shanghai `YYYY-MM-DD`. */
export type ReportQuery = { unitId?: string; from: string; to: string };

/** The requests behind one figure of one unit's row (`role`: the receiving office, or the unit it was dispatched to). */
export type DrillDownQuery = { unitId: string; from: string; to: string; figure: Figure; role: 'origin' | 'handling'; categoryCode?: string };

/** The report routes that also answer with an .xlsx file (`&format=xlsx`). */
export type ReportExport = 'sla' | 'drilldown' | 'ranking' | 'breaches';

/** Totals, by unit, by category, by day, and the published formulas. */
export const sla = (q: ReportQuery) => call('GET', `/api/reports/sla${queryString(q)}`, SlaReportSchema, 'staff');
/** The requests counted in one figure. */
export const drillDown = (q: DrillDownQuery) => call('GET', `/api/reports/drilldown${queryString(q)}`, TicketListReplySchema, 'staff');
/** The month's red/black list (`month` = YYYY-MM). */
export const ranking = (month: string) => call('GET', `/api/reports/ranking${queryString({ month })}`, RankingReplySchema, 'staff');
/** Open requests with a breached time limit, oldest breach first. */
export const breaches = (unitId?: string) => call('GET', `/api/reports/breaches${queryString({ unitId })}`, BreachListReplySchema, 'staff');
/** Urges every open breached request of a unit (督办): how many were urged, and which. */
export const urgeUnit = (unitId: string, note: string) => call('POST', '/api/reports/urge', UrgeUnitReplySchema, 'staff', { unitId, note });
/** The absolute URL and headers that download a report as .xlsx. Throws UNAUTHENTICATED (401) when no staff session is stored. */
export const exportRequest = (report: ReportExport, query: Record<string, string | undefined>): { url: string; header: Record<string, string> } => ({
  url: `${API_BASE}/api/reports/${report}${queryString({ ...query, format: 'xlsx' })}`,
  header: { Authorization: `Bearer ${staffToken()}` },
});
