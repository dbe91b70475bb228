import * as api from '../services/api.ts';
import { type ReportExport } from '../services/api.ts';
import { downloadWithToken } from './download.ts';

/** "导出Excel" on both platforms (lib/download.ts): the browser saves the file, the mini-program opens it. */
export async function downloadReport(report: ReportExport, query: Record<string, string | undefined>, fallbackName: string): Promise<void> {
  const { url, header } = api.reports.exportRequest(report, query);
  await downloadWithToken(url, header, fallbackName, 'xlsx');
}
