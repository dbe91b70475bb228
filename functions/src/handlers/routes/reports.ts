import { DrillDownQuerySchema, RankingQuerySchema, ReportQuerySchema, UrgeUnitInputSchema } from '@mashang/shared/contracts/reports';
import { breachListXlsx, rankingXlsx, slaReportXlsx, ticketListXlsx } from '../../app/reporting/export.ts';
import { reportsFromEnv } from '../../app/runtime.ts';
import { json, jsonBody, parseWith, xlsx, type HttpEvent } from '../../http/http.ts';
import type { Routes } from './http-function.ts';

const wantsXlsx = (event: HttpEvent) => event.queryStringParameters?.format === 'xlsx';
const query = (event: HttpEvent) => {
  const { format: _format, ...rest } = event.queryStringParameters ?? {};
  return rest;
};

/** Supervisors' reports (`/api/reports/…`): SLA reports with drill-down, the red/black list, the breach list, urging; each list also as .xlsx. */

// reports
export const reportRoutes: Routes = {
  'GET /api/reports/sla': async (event, { actor }) => {
    const r = await reportsFromEnv().slaReport(await actor(), parseWith(ReportQuerySchema, query(event)));
    return wantsXlsx(event) ? xlsx(`时限报表_${r.unitName}_${r.from}_${r.to}.xlsx`, await slaReportXlsx(r)) : json(200, r);
  },
  'GET /api/reports/drilldown': async (event, { actor }) => {
    const q = parseWith(DrillDownQuerySchema, query(event));
    const r = await reportsFromEnv().drillDown(await actor(), q);
    return wantsXlsx(event) ? xlsx(`诉求清单_${q.from}_${q.to}.xlsx`, await ticketListXlsx('诉求清单', r.items)) : json(200, r);
  },
  'GET /api/reports/ranking': async (event, { actor }) => {
    const r = await reportsFromEnv().ranking(await actor(), parseWith(RankingQuerySchema, query(event)));
    return wantsXlsx(event) ? xlsx(`红黑榜_${r.month}.xlsx`, await rankingXlsx(r)) : json(200, r);
  },
  'GET /api/reports/breaches': async (event, { actor }) => {
    const r = await reportsFromEnv().breaches(await actor(), query(event).unitId);
    return wantsXlsx(event) ? xlsx('超时诉求.xlsx', await breachListXlsx(r)) : json(200, r);
  },
  'POST /api/reports/urge': async (event, { actor }) => {
    const input = parseWith(UrgeUnitInputSchema, jsonBody(event));
    return json(200, await reportsFromEnv().urgeUnit(await actor(), input.unitId, input.note));
  },
};
