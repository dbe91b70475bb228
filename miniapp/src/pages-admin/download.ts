import Taro from '@tarojs/taro';
import { ApiError, orgAdminApi } from '../services/api.ts';
import { errorFromReply, networkError } from '../services/http.ts';
import { dispositionFilename } from '../lib/supervisor-format.ts';

/**
 * Downloads a poster PDF or a single code on both platforms (as the report export does):
 * H5 fetches with the token and saves a Blob; the mini-program downloads and opens it.
 */
export async function downloadFile(path: string, params: Record<string, string | undefined>, fallbackName: string, fileType: 'pdf' | 'png' | 'svg'): Promise<void> {
  const { url, token } = orgAdminApi.fileUrl(path, params);
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  const header = { Authorization: `Bearer ${token}` };
  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers: header });
    } catch (err) {
      throw networkError(err);
    }
    if (!res.ok) {
      const body: unknown = await res.json().catch(() => undefined);
      throw errorFromReply(res.status, body);
    }
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = dispositionFilename(res.headers.get('content-disposition'), fallbackName);
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 30_000);
    return;
  }
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header });
  } catch (err) {
    throw networkError(err);
  }
  if (res.statusCode !== 200) throw errorFromReply(res.statusCode, undefined);
  if (fileType === 'pdf') await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
  else await Taro.previewImage({ urls: [res.tempFilePath] });
}
