import Taro from '@tarojs/taro';
import { SessionReplySchema, type SessionReply } from '@mashang/shared/contracts/common';
import { ApiError, interpretReply, networkError, type ReplySchema } from '../http.ts';

/**
 * The transport every resource module of the API client (this folder) shares: sessions
 * (resident and staff), the token that goes with a request, one retry on a stale token.
 * Every reply is parsed with the shared zod schema of its contract; every failure is an
 * {@link ApiError} with a Chinese message the pages show as is.
 */

export const RESIDENT_KEY = 'mashang.resident';
export const STAFF_KEY = 'mashang.staff';
const TIMEOUT_MS = 15_000;
/** Renew a session this long before it expires, so a request does not die mid-flight. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Whose token goes with a request:
 * - `resident`: the anonymous device identity, created on first use;
 * - `staff`: the logged-in handler (none → UNAUTHENTICATED, the page sends them to login);
 * - `optional`: the resident's token if there already is one (public reads);
 * - `none`: no token.
 */
type Auth = 'resident' | 'staff' | 'optional' | 'none';
type Method = 'GET' | 'POST' | 'PUT';

export function readSession(key: string): SessionReply | undefined {
  let raw: unknown;
  try {
    raw = Taro.getStorageSync(key);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  const parsed = SessionReplySchema.safeParse(typeof raw === 'string' ? safeJson(raw) : raw);
  if (!parsed.success) {
    Taro.removeStorageSync(key);
    return undefined;
  }
  const expires = Date.parse(parsed.data.expiresAt);
  if (Number.isFinite(expires) && expires - EXPIRY_MARGIN_MS < Date.now()) {
    Taro.removeStorageSync(key);
    return undefined;
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function writeSession(key: string, session: SessionReply): void {
  Taro.setStorageSync(key, JSON.stringify(session));
}

async function send<T>(method: Method, path: string, schema: ReplySchema<T>, body: unknown, token: string | undefined): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;
  let res: { statusCode: number; data: unknown };
  try {
    res = await Taro.request({
      url: `${API_BASE}${path}`,
      method,
      header,
      // Sent as a JSON string so both platforms transmit exactly the same bytes.
      data: body === undefined ? undefined : JSON.stringify(body),
      dataType: 'json',
      timeout: TIMEOUT_MS,
    });
  } catch (err) {
    throw networkError(err);
  }
  return interpretReply(res.statusCode, res.data, schema);
}

let devicePending: Promise<SessionReply> | undefined;

/**
 * The resident's identity, created once and reused (one request in flight at most):
 * in the mini-program a `wx.login` code exchanged by the backend (code2Session),
 * in a browser an anonymous device identity. Either way the server issues it.
 */
async function residentSession(): Promise<SessionReply> {
  const stored = readSession(RESIDENT_KEY);
  if (stored) return stored;
  const issue =
    process.env.TARO_ENV === 'weapp'
      ? Taro.login().then(({ code }) => send('POST', '/api/auth/wechat', SessionReplySchema, { code }, undefined), (err: unknown) => Promise.reject(networkError(err)))
      : send('POST', '/api/auth/device', SessionReplySchema, {}, undefined);
  devicePending ??= issue
    .then((session) => {
      writeSession(RESIDENT_KEY, session);
      return session;
    })
    .finally(() => {
      devicePending = undefined;
    });
  return devicePending;
}

export async function call<T>(method: Method, path: string, schema: ReplySchema<T>, auth: Auth, body?: unknown): Promise<T> {
  if (auth === 'staff') {
    const staff = readSession(STAFF_KEY);
    if (!staff) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    try {
      return await send(method, path, schema, body, staff.token);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) Taro.removeStorageSync(STAFF_KEY);
      throw err;
    }
  }
  if (auth === 'resident') {
    const session = await residentSession();
    try {
      return await send(method, path, schema, body, session.token);
    } catch (err) {
      // A token the server no longer accepts: get a fresh identity once and retry.
      // Creates are idempotent by clientToken, so the retry cannot duplicate one.
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      Taro.removeStorageSync(RESIDENT_KEY);
      const fresh = await residentSession();
      return send(method, path, schema, body, fresh.token);
    }
  }
  const token = auth === 'optional' ? readSession(RESIDENT_KEY)?.token : undefined;
  try {
    return await send(method, path, schema, body, token);
  } catch (err) {
    // A public read refused because of a stale stored token: drop it and read anonymously.
    if (!token || !(err instanceof ApiError) || err.status !== 401) throw err;
    Taro.removeStorageSync(RESIDENT_KEY);
    return send(method, path, schema, body, undefined);
  }
}

export const enc = encodeURIComponent;

/** Stores a session just issued, as the staff member's or as this phone's resident identity. */
export const keep = (key: string) => (session: SessionReply) => {
  writeSession(key, session);
  return session;
};

/** The staff session's token for a download (a file, not JSON); UNAUTHENTICATED (401) when none is stored. */
export function staffToken(): string {
  const staff = readSession(STAFF_KEY);
  if (!staff) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  return staff.token;
}

