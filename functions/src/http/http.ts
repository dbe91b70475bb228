import type { Actor } from '@mashang/shared';
import { AppError } from '@mashang/shared/errors';
import { issueMessage, typeWords } from '@mashang/shared/issue-message';
import { maskPhonesInText } from '@mashang/shared/mask';
import type * as z from 'zod/mini';
import { StoreError, type StoreErrorReason } from '../ports/errors.ts';

/** The subset of an API Gateway HTTP API (payload v2) event the handlers read. */
export interface HttpEvent {
  routeKey?: string;
  rawPath?: string;
  headers?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string; path?: string; sourceIp?: string }; requestId?: string };
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Headers on every API reply: no MIME sniffing, nothing may frame or run from a reply
 * (it is JSON or a download, never a page), no referrer leaves with a link.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/** The longest path id (UTF-8 bytes) any route accepts; every id of the product is far shorter. */
export const MAX_PATH_ID_BYTES = 128;
/** The longest query value any route accepts (characters); cursors are the longest legitimate ones. */
export const MAX_QUERY_VALUE_LENGTH = 1000;

/** A downloadable Excel file (API Gateway sends base64 bodies as binary). */
export function xlsx(filename: string, data: Buffer): HttpResult {
  return {
    statusCode: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': XLSX, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`, 'cache-control': 'no-store' },
    body: data.toString('base64'),
    isBase64Encoded: true,
  };
}

const JSON_HEADERS = { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** zod issues as field errors with dotted paths and the schema's Chinese messages. */
export function fieldErrors(error: z.core.$ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: issueMessage(i) }));
}

/**
 * A zod validation error, recognised by its name and issues rather than `instanceof`, so this
 * module (in every function's entry, functions/src/handlers/lazy-function.ts) does not load zod:
 * the schemas' modules, loaded with the routes, bring it. `zod/mini` (what the schemas use) throws
 * core's error, named `$ZodError`; classic zod's subclass is named `ZodError`.
 */
export function isZodError(err: unknown): err is z.core.$ZodError {
  return err instanceof Error && (err.name === '$ZodError' || err.name === 'ZodError') && Array.isArray((err as { issues?: unknown }).issues);
}

export function validationError(error: z.core.$ZodError): AppError {
  const fields = fieldErrors(error);
  return new AppError('VALIDATION_FAILED', `提交的内容有误：${fields.map((f) => f.message).join('；')}`, fields);
}

/** Parses anything from the outside with its schema; a failure is a 400 with field errors. */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown): z.output<S> {
  const res = schema.safeParse(value, { error: typeWords });
  if (!res.success) throw validationError(res.error);
  return res.data;
}

export function jsonBody(event: HttpEvent): unknown {
  if (!event.body) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_JSON', '请求内容不是有效的 JSON');
  }
}

export function bearer(event: HttpEvent): string {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const match = header?.match(/^Bearer\s+(.+)$/i);
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', '请先登录');
  return match[1];
}

/**
 * The words people read for each store error (the stores carry only a code and a reason,
 * functions/src/ports/errors.ts), with the field a form should mark.
 */
export const STORE_ERROR_WORDS: Readonly<Record<StoreErrorReason, { message: string; field?: { path: string; message: string } }>> = {
  version_conflict: { message: '该诉求刚被其他人处理过，请刷新后重试' },
  ticket_id_taken: { message: '诉求编号冲突，请重试' },
  client_token_taken: { message: '该请求标识已被使用' },
  bad_cursor: { message: '分页参数无效', field: { path: 'cursor', message: '分页参数无效' } },
  too_many_changes: { message: '一次变更的内容过多，请分批提交' },
  org_change_too_large: { message: '一次修改涉及的数据过多，请分批进行' },
  admin_conflict: { message: '数据刚被其他管理员修改，请刷新后重试' },
  risk_rules_conflict: { message: '预警规则刚被其他管理员修改过，请刷新后重试' },
  risk_task_conflict: { message: '该预警任务刚被其他人处理过，请刷新后重试' },
  wechat_taken: { message: '该微信已绑定其他工作人员账号，请联系管理员' },
  account_unavailable: { message: '账号不存在或已停用，请联系管理员' },
  invite_unusable: { message: '邀请码无效、已使用或已过期，请向管理员重新申请', field: { path: 'inviteCode', message: '邀请码无效、已使用或已过期' } },
  rate_limited: { message: '操作过于频繁，请稍后再试' },
};

/** A store error in people's words: the same code and status, the mapper's message and field. */
export function storeErrorToApp(err: StoreError): AppError {
  const words = STORE_ERROR_WORDS[err.reason];
  return new AppError(err.code, words.message, words.field ? [words.field] : undefined, { cause: err });
}

/** The one error mapper: domain errors keep their status and code, anything else is a logged 500 with no details. */
export function toHttpError(err: unknown, requestId?: string): HttpResult {
  if (err instanceof StoreError) return json(err.status, storeErrorToApp(err).toJSON());
  if (err instanceof AppError) {
    const res = json(err.status, err.toJSON());
    // A rate-limit refusal says when to come back.
    const wait = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof wait === 'number') res.headers = { ...res.headers, 'retry-after': String(wait) };
    return res;
  }
  if (isZodError(err)) return json(400, validationError(err).toJSON());
  // Phone-like numbers never reach the logs, whatever an error message echoes.
  const message = maskPhonesInText(err instanceof Error ? err.message : String(err));
  const stack = err instanceof Error && err.stack ? maskPhonesInText(err.stack) : undefined;
  console.error(JSON.stringify({ level: 'error', requestId, message, stack }));
  return json(500, new AppError('INTERNAL', '系统繁忙，请稍后再试').toJSON());
}

export type Route = (event: HttpEvent, ctx: { actor: () => Promise<Actor> }) => Promise<HttpResult>;

/**
 * Builds a Lambda handler from a route table keyed by API Gateway's routeKey
 * ("POST /api/tickets"). Every route gets the same error mapping.
 */
export function router(routes: Record<string, Route>, authenticate: (token: string) => Promise<Actor>) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    try {
      const route = event.routeKey ? routes[event.routeKey] : undefined;
      if (!route) throw new AppError('NOT_FOUND', '接口不存在');
      checkQuery(event);
      return await route(event, { actor: () => authenticate(bearer(event)) });
    } catch (err) {
      return toHttpError(err, event.requestContext?.requestId);
    }
  };
}

/** Query values longer than any route reads are refused before a route sees them. */
function checkQuery(event: HttpEvent): void {
  for (const [key, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined && value.length > MAX_QUERY_VALUE_LENGTH) {
      throw new AppError('VALIDATION_FAILED', '查询参数过长', [{ path: key.slice(0, 40), message: '内容过长' }]);
    }
  }
}

/**
 * A path parameter as API Gateway (and serverless-offline) hand it over: already
 * URL-decoded once, so it is not decoded again (a second decode turned `%25` into a
 * 500 and would let `%2F` smuggle a slash). Ids longer than {@link MAX_PATH_ID_BYTES}
 * or carrying control characters are refused before they reach a store key.
 */
export function pathParam(event: HttpEvent, name: string): string {
  const v = event.pathParameters?.[name];
  if (!v) throw new AppError('VALIDATION_FAILED', `缺少参数 ${name}`);
  // eslint-disable-next-line no-control-regex
  if (Buffer.byteLength(v, 'utf8') > MAX_PATH_ID_BYTES || /[\u0000-\u001f\u007f]/.test(v)) {
    throw new AppError('VALIDATION_FAILED', `参数 ${name} 无效`, [{ path: name, message: '格式不正确' }]);
  }
  return v;
}

/** The client's address as API Gateway saw it (undefined in direct handler calls). */
export function sourceIp(event: HttpEvent): string | undefined {
  return event.requestContext?.http?.sourceIp || undefined;
}
