import { AppError } from '@mashang/shared';
import * as z from 'zod/mini';
import { lazySchema } from '@mashang/shared/lazy-schema';

/**
 * WeChat's server API, as the backend uses it: `code2Session` to learn who
 * opened the mini-program, and `subscribeMessage.send` to tell a resident what
 * happened to their request. The only module that talks to api.weixin.qq.com.
 *
 * Replies follow WeChat's documented shapes: a success body, or
 * `{ errcode, errmsg }` with HTTP 200. `jscode2session` answers with
 * `Content-Type: text/plain`, so bodies are parsed as text whatever the header says.
 */

/** Who opened the mini-program. The session key is deliberately not part of it: it never leaves this module. */
export interface WeChatSession {
  openid: string;
  unionid?: string;
}

/** Exchanges a `wx.login` code for the user's identity. */
export interface WeChatLogin {
  code2Session(code: string): Promise<WeChatSession>;
}

/** A subscription message as `subscribeMessage.send` takes it. */
export interface SubscribeMessage {
  touser: string;
  template_id: string;
  /** Mini-program page opened from the message, e.g. `pages/ticket/index?id=…`. */
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN';
}

/**
 * What happened to one message: `sent`; `refused` (the user has no consent
 * left or turned messages off — do not try again); `retry` (rate limit, busy,
 * network: the same message may succeed later); `failed` (the message itself is
 * wrong: bad template, data or openid).
 */
export type SendOutcome = { status: 'sent' } | { status: 'refused' | 'retry' | 'failed'; errcode: number; errmsg: string };

/** Sends one subscription message. */
export interface SubscribeSender {
  send(message: SubscribeMessage): Promise<SendOutcome>;
}

export interface WeChatApiOptions {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com unless a test points it at a local server. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Milliseconds; the clock that ages the access token. */
  now?: () => number;
  timeoutMs?: number;
}

const ErrorBody = lazySchema(() => z.object({ errcode: z.number(), errmsg: z._default(z.string(), '') }));
const SessionBody = lazySchema(() => z.object({ openid: z.string().check(z.minLength(1)), unionid: z.optional(z.string().check(z.minLength(1))) }));
const TokenBody = lazySchema(() => z.object({ access_token: z.string().check(z.minLength(1)), expires_in: z.number().check(z.int(), z.positive()) }));

/** code2Session errors that mean "this code is no good": the client logs in again. */
const BAD_CODE = new Set([40029, 40163, 40226]);
/** Errors worth another try later: rate limits, system busy. */
const TRANSIENT = new Set([-1, 45009, 45011]);
/** access_token invalid or expired: refresh it once and repeat the call. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);
/** subscribeMessage.send: the user refused, or has no consent left for this template. */
const REFUSED = new Set([43101]);

/** Renew the access token this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat errcode ${errcode}: ${errmsg}`);
  }
}

/** The real adapter: HTTPS calls to WeChat with timeouts, token caching and WeChat's error codes mapped. */
export class WeChatApi implements WeChatLogin, SubscribeSender {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private token: { value: string; renewAt: number } | undefined;
  private tokenPending: Promise<string> | undefined;

  constructor(private readonly opts: WeChatApiOptions) {
    if (!opts.appId || !opts.appSecret) throw new Error('WeChat appId and appSecret are required');
    this.base = (opts.baseUrl ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  /** `GET /sns/jscode2session`. Throws {@link AppError}: WECHAT_LOGIN_FAILED, UPSTREAM_BUSY or UPSTREAM_FAILED. */
  async code2Session(code: string): Promise<WeChatSession> {
    const q = new URLSearchParams({ appid: this.opts.appId, secret: this.opts.appSecret, js_code: code, grant_type: 'authorization_code' });
    let body: unknown;
    try {
      body = await this.call('GET', `/sns/jscode2session?${q}`);
    } catch (err) {
      throw loginError(err);
    }
    const failure = errorOf(body);
    if (failure) throw loginError(new UpstreamError(failure.errcode, failure.errmsg));
    const session = SessionBody.safeParse(body);
    if (!session.success) throw new AppError('UPSTREAM_FAILED', '微信登录暂时不可用，请稍后再试');
    // Only the identity leaves: session_key is dropped here and never stored or logged.
    return { openid: session.data.openid, ...(session.data.unionid ? { unionid: session.data.unionid } : {}) };
  }

  /** `POST /cgi-bin/message/subscribe/send`, refreshing a stale access token once. Never throws. */
  async send(message: SubscribeMessage): Promise<SendOutcome> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let body: unknown;
      try {
        const token = await this.accessToken();
        body = await this.call('POST', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, message);
      } catch (err) {
        // No token (WeChat busy, or a wrong secret being fixed), timeout, network, HTTP error:
        // none of it is the message's fault, so it may go out on a later attempt.
        if (err instanceof UpstreamError) return { status: 'retry', errcode: err.errcode, errmsg: err.errmsg };
        return { status: 'retry', errcode: -2, errmsg: err instanceof Error ? err.message : String(err) };
      }
      const failure = errorOf(body);
      if (!failure) return { status: 'failed', errcode: -3, errmsg: 'reply without errcode' };
      if (failure.errcode === 0) return { status: 'sent' };
      if (STALE_TOKEN.has(failure.errcode) && attempt === 0) {
        this.token = undefined;
        continue;
      }
      return outcomeOf(failure.errcode, failure.errmsg);
    }
    return { status: 'retry', errcode: 42001, errmsg: 'access_token stale after refresh' };
  }

  /** A cached `stable_token`; concurrent callers share one request. */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    this.tokenPending ??= (async () => {
      try {
        const body = await this.call('POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.appSecret, force_refresh: false });
        const failure = errorOf(body);
        if (failure && failure.errcode !== 0) throw new UpstreamError(failure.errcode, failure.errmsg);
        const parsed = TokenBody.parse(body);
        this.token = { value: parsed.access_token, renewAt: this.now() + parsed.expires_in * 1000 - TOKEN_MARGIN_MS };
        return parsed.access_token;
      } finally {
        this.tokenPending = undefined;
      }
    })();
    return this.tokenPending;
  }

  private async call(method: 'GET' | 'POST', path: string, json?: unknown): Promise<unknown> {
    const res = await this.fetch(`${this.base}${path}`, {
      method,
      headers: json === undefined ? {} : { 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new UpstreamError(res.status >= 500 ? -1 : -4, `HTTP ${res.status}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UpstreamError(-4, 'reply is not JSON');
    }
  }
}

function errorOf(body: unknown): { errcode: number; errmsg: string } | undefined {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

function outcomeOf(errcode: number, errmsg: string): SendOutcome {
  if (REFUSED.has(errcode)) return { status: 'refused', errcode, errmsg };
  if (TRANSIENT.has(errcode) || STALE_TOKEN.has(errcode)) return { status: 'retry', errcode, errmsg };
  return { status: 'failed', errcode, errmsg };
}

function loginError(err: unknown): AppError {
  if (err instanceof UpstreamError) {
    if (BAD_CODE.has(err.errcode)) return new AppError('WECHAT_LOGIN_FAILED', '微信登录凭证无效或已过期，请重新打开小程序', undefined, { cause: err });
    if (TRANSIENT.has(err.errcode)) return new AppError('UPSTREAM_BUSY', '登录人数较多，请稍后再试', undefined, { cause: err });
    return new AppError('UPSTREAM_FAILED', '微信登录暂时不可用，请稍后再试', undefined, { cause: err });
  }
  // Timeout or network failure: worth another try.
  return new AppError('UPSTREAM_BUSY', '连接微信服务器超时，请稍后再试', undefined, { cause: err });
}
