import Taro from '@tarojs/taro';
import { supervisorApi, type ReportExport } from '../services/api.ts';
import { errorFromReply, networkError } from '../services/http.ts';
import { dispositionFilename } from './supervisor-format.ts';

/**
 * "导出Excel" on both platforms behind one call:
 * - H5: fetch with the Bearer token, turn the reply into a Blob and click a
 *   temporary `a[download]`, so the browser saves the file under the server's
 *   name (a plain link could not carry the token);
 * - mini-program: `Taro.downloadFile` with the token, then `Taro.openDocument`
 *   (fileType xlsx) so it can be viewed, forwarded or saved from WeChat.
 * A refused download throws the server's ApiError (with its Chinese message).
 */
export async function downloadReport(report: ReportExport, query: Record<string, string | undefined>, fallbackName: string): Promise<void> {
  const { url, header } = supervisorApi.exportRequest(report, query);
  if (process.env.TARO_ENV === 'h5') {
    await downloadInBrowser(url, header, fallbackName);
    return;
  }
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header });
  } catch (err) {
    throw networkError(err);
  }
  if (res.statusCode !== 200) throw errorFromReply(res.statusCode, undefined);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
}

async function downloadInBrowser(url: string, header: Record<string, string>, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { ...header, Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/json' } });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    throw errorFromReply(res.status, body);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = dispositionFilename(res.headers.get('content-disposition'), fallbackName);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
