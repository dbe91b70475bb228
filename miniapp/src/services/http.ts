import { ErrorReplySchema } from '@mashang/shared/contracts/common';
import type { FieldError } from '@mashang/shared/errors';

/**
 * The pure half of the API client: turning an HTTP status and body into a parsed
 * reply or an {@link ApiError}. No Taro here, so it is unit-tested in Node.
 */

/** The one error the pages see. `message` is Chinese and meant to be shown as is. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when no reply arrived (offline, timeout, DNS). */
    readonly status: number,
    /** The backend's stable code (LOCATION_NOT_FOUND, WRONG_STATE …) or a client-side one (NETWORK, BAD_REPLY). */
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }

  /** Field messages keyed by the first segment of their path (after `prefix`, e.g. `command.`), first message wins. */
  fieldMap(prefix = ''): Record<string, string> {
    return fieldMap(this.fields, prefix);
  }
}

/** Anything with `safeParse`, so this module does not depend on zod's types directly. */
export interface ReplySchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/**
 * Field messages keyed by the first segment of their dotted path, after removing
 * `prefix` (the staff page strips `command.`); the first message per field wins.
 */
export function fieldMap(fields: readonly FieldError[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const path = prefix && f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path;
    const key = path.split('.')[0] ?? path;
    if (!(key in out)) out[key] = f.message;
  }
  return out;
}

/** A fallback message when the reply carries no error body (proxy pages, gateway errors). */
export function messageForStatus(status: number): string {
  if (status === 400) return '提交的内容有误，请检查后再试';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '没有权限进行此操作';
  if (status === 404) return '请求的服务不存在（404），请稍后再试';
  if (status === 409) return '诉求已被他人更新，请刷新后再试';
  if (status === 429) return '操作太频繁，请稍后再试';
  if (status >= 500) return '服务暂时不可用，请稍后再试';
  return `请求失败（${status}）`;
}

/** Default codes for statuses without an error body. */
function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status >= 500) return 'INTERNAL';
  return 'HTTP_ERROR';
}

/** A body that may have arrived as text (weapp without JSON content type): parse it if it is JSON. */
export function normaliseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  const text = data.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return data;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return data;
  }
}

/** The error for a reply whose status is not 2xx. */
export function errorFromReply(status: number, body: unknown): ApiError {
  const parsed = ErrorReplySchema.safeParse(normaliseBody(body));
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(status, code, message || messageForStatus(status), fields ?? []);
  }
  return new ApiError(status, codeForStatus(status), messageForStatus(status));
}

/**
 * The parsed reply for a 2xx status, else throws {@link ApiError}. A 2xx reply
 * that does not match the shared schema is an error too (`BAD_REPLY`): the pages
 * never render data they were not promised.
 */
export function interpretReply<T>(status: number, body: unknown, schema: ReplySchema<T>): T {
  if (status < 200 || status >= 300) throw errorFromReply(status, body);
  const parsed = schema.safeParse(normaliseBody(body));
  if (!parsed.success) throw new ApiError(status, 'BAD_REPLY', '服务器返回的数据格式有误，请稍后再试');
  return parsed.data;
}

/** The error for a request that got no reply at all. */
export function networkError(cause: unknown): ApiError {
  const text = cause instanceof Error ? cause.message : typeof cause === 'object' && cause !== null && 'errMsg' in cause ? String((cause as { errMsg: unknown }).errMsg) : '';
  if (/timeout|超时|abort/i.test(text)) return new ApiError(0, 'TIMEOUT', '网络超时，请检查网络后重试');
  return new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
}

/** Any thrown value as an {@link ApiError}, so pages have one thing to show. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'CLIENT', err instanceof Error && err.message ? `出错了：${err.message}` : '出错了，请稍后再试');
}

/** `?a=1&b=2` from defined values, or '' when there are none. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
