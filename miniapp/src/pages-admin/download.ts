import * as api from '../services/api.ts';
import { ApiError } from '../services/api.ts';
import { downloadWithToken } from '../lib/download.ts';

/** Downloads a poster PDF or a single code on both platforms, as the report export does (lib/download.ts). */
export async function downloadFile(path: string, params: Record<string, string | undefined>, fallbackName: string, fileType: 'pdf' | 'png' | 'svg'): Promise<void> {
  const { url, token } = api.admin.fileUrl(path, params);
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  await downloadWithToken(url, { Authorization: `Bearer ${token}` }, fallbackName, fileType);
}
