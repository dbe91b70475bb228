import Taro from '@tarojs/taro';
import { errorFromReply, networkError } from '../services/http.ts';
import { dispositionFilename } from './supervisor-format.ts';

/** What a download is, for the mini-program's viewer and the browser's Accept header. */
export type DownloadType = 'xlsx' | 'pdf' | 'png' | 'svg';

const MIME: Record<DownloadType, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/**
 * A file the API serves only with a token, on both platforms behind one call:
 * - H5: fetch with the Bearer token, turn the reply into a Blob and click a temporary
 *   `a[download]`, so the browser saves it under the server's name (a plain link could not
 *   carry the token);
 * - mini-program: `Taro.downloadFile` with the token, then open it (documents with
 *   `openDocument`, images with `previewImage`) so it can be viewed, forwarded or saved.
 * A refused download throws the server's ApiError (with its Chinese message).
 */
export async function downloadWithToken(url: string, header: Record<string, string>, fallbackName: string, type: DownloadType): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    await downloadInBrowser(url, { ...header, Accept: `${MIME[type]}, application/json` }, fallbackName);
    return;
  }
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header });
  } catch (err) {
    throw networkError(err);
  }
  if (res.statusCode !== 200) throw errorFromReply(res.statusCode, undefined);
  if (type === 'xlsx' || type === 'pdf') await Taro.openDocument({ filePath: res.tempFilePath, fileType: type, showMenu: true });
  else await Taro.previewImage({ urls: [res.tempFilePath] });
}

async function downloadInBrowser(url: string, headers: Record<string, string>, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers });
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
  // Revoke later: some browsers read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
