import { AppError } from '@mashang/shared';
import type * as z from 'zod/mini';
import { toHttpError, validationError, type HttpEvent, type HttpResult } from '../http/http.ts';
import { SubscribeWebhookInputSchema } from '../integrations/service.ts';
import { OPEN311_SPEC, type Discovery, type Open311Error } from '../open311/format.ts';
import { toXml } from '../open311/xml.ts';
import { interopFromEnv } from '../open311/runtime.ts';
// Open311 files requests with risk early warning; it signs no photos and has no resident side.
import '../compose/risk.ts';
import { PostRequestFormSchema, RequestsQuerySchema } from '../open311/service.ts';

/**
 * Open311 GeoReport v2 under /open311/v2/ (one API Gateway route, `ANY /open311/v2/{proxy+}`,
 * since a path like `services.json` cannot carry a path parameter with a suffix). Each
 * resource answers in XML (`.xml`, the specification's required format, also the default
 * without a suffix) or JSON (`.json`). Errors are the specification's error list with a 4xx.
 * POST is form-encoded; every requests resource needs `api_key` (integration keys,
 * functions/src/integrations/); services and discovery are public.
 */

export const OPEN311_BASE = '/open311/v2';

type Format = 'xml' | 'json';
type Reply = { status: number; json: unknown; xml: () => string };
type Handler = (ctx: { event: HttpEvent; params: Record<string, string>; form: URLSearchParams; query: Record<string, string>; base: string }) => Promise<Reply>;

/** The resources, as `METHOD path` with `{name}` segments; the format suffix is matched separately. */
export const OPEN311_ROUTES: Record<string, Handler> = {
  'GET discovery': async ({ base }) => {
    const d = discovery(base);
    return { status: 200, json: d, xml: () => toXml.discovery(d) };
  },
  'GET services': async () => {
    const items = await interopFromEnv().open311.services();
    return { status: 200, json: items, xml: () => toXml.services(items) };
  },
  'GET services/{code}': async ({ params }) => {
    const d = await interopFromEnv().open311.definition(params.code!);
    return { status: 200, json: d, xml: () => toXml.definition(d) };
  },
  'POST requests': async ({ form }) => {
    const { open311, integrations } = interopFromEnv();
    const caller = await integrations.authenticate(form.get('api_key') ?? undefined);
    const input = parse(PostRequestFormSchema, fields(form));
    const { reply, created } = await open311.post(caller, input);
    return { status: created ? 201 : 200, json: [reply], xml: () => toXml.posted([reply]) };
  },
  'GET requests': async ({ query }) => {
    const { open311, integrations } = interopFromEnv();
    const caller = await integrations.authenticate(query.api_key);
    const { api_key: _k, ...filters } = query;
    const items = await open311.requests(caller, parse(RequestsQuerySchema, filters));
    return { status: 200, json: items, xml: () => toXml.requests(items) };
  },
  'GET requests/{id}': async ({ params, query }) => {
    const { open311, integrations } = interopFromEnv();
    const caller = await integrations.authenticate(query.api_key);
    const item = await open311.request(caller, params.id!);
    return { status: 200, json: [item], xml: () => toXml.requests([item]) };
  },
  // Extension: an external system subscribes to status changes of its own requests (signed webhooks).
  'POST subscriptions': async ({ form }) => {
    const { integrations } = interopFromEnv();
    const caller = await integrations.authenticate(form.get('api_key') ?? undefined);
    const input = parse(SubscribeWebhookInputSchema, { url: form.get('url') ?? undefined });
    const sub = await integrations.subscribe(caller, input.url);
    return { status: 201, json: [sub], xml: () => toXml.subscriptions([sub]) };
  },
  'GET subscriptions': async ({ query }) => {
    const { integrations } = interopFromEnv();
    const items = await integrations.subscriptions(await integrations.authenticate(query.api_key));
    return { status: 200, json: items, xml: () => toXml.subscriptions(items) };
  },
  'DELETE subscriptions/{id}': async ({ params, query }) => {
    const { integrations } = interopFromEnv();
    await integrations.unsubscribe(await integrations.authenticate(query.api_key), params.id!);
    return { status: 200, json: [], xml: () => toXml.subscriptions([]) };
  },
};

function parse<S extends z.ZodMiniType>(schema: S, value: unknown): z.output<S> {
  const res = schema.safeParse(value);
  if (!res.success) throw validationError(res.error);
  return res.data;
}

/** Form fields as an object; a repeated field keeps its first value. */
function fields(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (k !== 'api_key' && !(k in out)) out[k] = v;
  return out;
}

function discovery(base: string): Discovery {
  return {
    changeset: '2026-11-30T00:00:00+08:00',
    contact: '码上办 对接联系人：请联系所在区县管理员',
    key_service: '对接密钥由区县管理员在码上办后台签发（POST /api/admin/integrations/keys）',
    endpoints: [{ specification: OPEN311_SPEC, url: base, changeset: '2026-11-30T00:00:00+08:00', type: 'production', formats: ['text/xml', 'application/json'] }],
  };
}

/** Matches `services/traffic.json` against the route patterns; returns the handler, its parameters and the format. */
export function matchRoute(method: string, path: string): { route: Handler; params: Record<string, string>; format: Format } | { format: Format } {
  const segments = path.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  const dot = last.lastIndexOf('.');
  const ext = dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
  const format: Format = ext === 'json' ? 'json' : 'xml';
  if (ext === 'json' || ext === 'xml') segments[segments.length - 1] = last.slice(0, dot);
  for (const [key, route] of Object.entries(OPEN311_ROUTES)) {
    const [m, pattern] = key.split(' ') as [string, string];
    if (m !== method) continue;
    const parts = pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    if (parts.every((p, i) => (p.startsWith('{') ? ((params[p.slice(1, -1)] = decodeURIComponent(segments[i]!)), true) : p === segments[i]))) return { route, params, format };
  }
  return { format };
}

function reply(status: number, format: Format, body: { json: unknown; xml: () => string }): HttpResult {
  return format === 'json'
    ? { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body.json) }
    : { statusCode: status, headers: { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' }, body: body.xml() };
}

/** Any failure as the specification's error list: the HTTP status as `code`, our stable code and the Chinese message as `description`. */
function errorReply(err: unknown, format: Format, requestId: string | undefined): HttpResult {
  const mapped = toHttpError(err, requestId);
  const parsed = JSON.parse(mapped.body) as { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };
  const fieldText = parsed.error.fields?.length ? `（${parsed.error.fields.map((f) => `${f.path}: ${f.message}`).join('；')}）` : '';
  const errors: Open311Error[] = [{ code: mapped.statusCode, description: `${parsed.error.code}: ${parsed.error.message}${fieldText}` }];
  const res = reply(mapped.statusCode, format, { json: errors, xml: () => toXml.errors(errors) });
  // A rate-limit refusal keeps the mapper's Retry-After.
  const wait = mapped.headers?.['retry-after'];
  return wait ? { ...res, headers: { ...res.headers, 'retry-after': wait } } : res;
}

function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

export async function handler(event: HttpEvent): Promise<HttpResult> {
  const method = (event.requestContext?.http?.method ?? event.routeKey?.split(' ')[0] ?? 'GET').toUpperCase();
  const rawPath = event.rawPath ?? event.requestContext?.http?.path ?? '';
  const path = event.pathParameters?.proxy ?? rawPath.replace(/^.*?\/open311\/v2\/?/, '');
  const match = matchRoute(method, path);
  try {
    if (!('route' in match)) throw new AppError('NOT_FOUND', '接口不存在');
    let form = new URLSearchParams();
    if (method === 'POST') {
      const type = (event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '').toLowerCase();
      if (!type.startsWith('application/x-www-form-urlencoded')) throw new AppError('VALIDATION_FAILED', '请以 application/x-www-form-urlencoded 表单提交');
      form = new URLSearchParams(bodyText(event));
    }
    const host = event.headers?.host ?? event.headers?.Host ?? 'localhost';
    const proto = event.headers?.['x-forwarded-proto'] ?? (host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https');
    const query = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
    const res = await match.route({ event, params: match.params, form, query, base: `${proto}://${host}${OPEN311_BASE}` });
    return reply(res.status, match.format, res);
  } catch (err) {
    return errorReply(err, match.format, event.requestContext?.requestId);
  }
}
