import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';

export interface EventOptions {
  /** A JSON value, or a raw string sent as it is (to test bad JSON). */
  body?: unknown;
  token?: string;
  path?: Record<string, string>;
  query?: Record<string, string>;
  /** The HTTP method, for a route key of `ANY` (API Gateway puts it in the request context). */
  method?: string;
}

/** An API Gateway HTTP API (payload v2) event, as the handlers receive it. */
export function httpEvent(routeKey: string, opts: EventOptions = {}): HttpEvent {
  return {
    routeKey,
    headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
    pathParameters: opts.path,
    queryStringParameters: opts.query,
    ...(opts.method ? { requestContext: { http: { method: opts.method } } } : {}),
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  };
}

/** The JSON body of a handler's reply. */
export const replyBody = (res: HttpResult): any => JSON.parse(res.body);

/**
 * The refusal's stable code and message: our `{ error }` body, or on the Open311 routes the
 * spec's error list (XML by default, JSON with `.json`) whose description is `CODE: message`.
 */
export function refusal(res: HttpResult): { code: string; message: string } {
  const open311 = (description: string) => {
    const [code = '', ...message] = description.split(': ');
    return { code, message: message.join(': ') };
  };
  if (res.body.startsWith('<?xml')) return open311(/<description>([^<]*)<\/description>/.exec(res.body)?.[1] ?? '');
  const body = replyBody(res);
  return Array.isArray(body) ? open311(String(body[0]?.description ?? '')) : body.error;
}
