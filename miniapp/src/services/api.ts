import Taro from '@tarojs/taro';
import {
  CategoriesReplySchema,
  CreateTicketReplySchema,
  LocationViewSchema,
  PromisedDeadlinesSchema,
  SessionReplySchema,
  TicketDetailSchema,
  TicketListReplySchema,
  UnitsReplySchema,
  type CreateTicketInput,
  type SessionReply,
} from '@mashang/shared/contracts';
import type { Command } from '@mashang/shared/ticket';
import { ApiError, interpretReply, networkError, queryString, type ReplySchema } from './http.ts';

export { ApiError, toApiError } from './http.ts';

/**
 * The one API client of the front end. Every reply is parsed with the shared zod
 * schema of its contract; every failure is an {@link ApiError} with a Chinese
 * message the pages show as is.
 */

const RESIDENT_KEY = 'mashang.resident';
const STAFF_KEY = 'mashang.staff';
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
type Method = 'GET' | 'POST';

function readSession(key: string): SessionReply | undefined {
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

/** The resident's anonymous identity, created once and reused (one request in flight at most). */
async function residentSession(): Promise<SessionReply> {
  const stored = readSession(RESIDENT_KEY);
  if (stored) return stored;
  devicePending ??= send('POST', '/api/auth/device', SessionReplySchema, {}, undefined)
    .then((session) => {
      writeSession(RESIDENT_KEY, session);
      return session;
    })
    .finally(() => {
      devicePending = undefined;
    });
  return devicePending;
}

async function call<T>(method: Method, path: string, schema: ReplySchema<T>, auth: Auth, body?: unknown): Promise<T> {
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

const enc = encodeURIComponent;

export const api = {
  /** The place behind a street QR code. 404 LOCATION_NOT_FOUND when unknown. */
  location: (id: string) => call('GET', `/api/locations/${enc(id)}`, LocationViewSchema, 'optional'),
  categories: () => call('GET', '/api/categories', CategoriesReplySchema, 'optional'),
  /** The deadlines promised for a request of this category received now. */
  deadlines: (category: string) => call('GET', `/api/deadlines${queryString({ category })}`, PromisedDeadlinesSchema, 'optional'),
  createTicket: (input: CreateTicketInput) => call('POST', '/api/tickets', CreateTicketReplySchema, 'resident', input),
  /** A ticket as the resident who filed it sees it. */
  ticket: (id: string) => call('GET', `/api/tickets/${enc(id)}`, TicketDetailSchema, 'resident'),
  myTickets: (cursor?: string) => call('GET', `/api/me/tickets${queryString({ cursor })}`, TicketListReplySchema, 'resident'),
  /** A resident's own command (rate, reopen). */
  residentCommand: (id: string, expectedVersion: number, command: Command) =>
    call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'resident', { expectedVersion, command }),

  staff: {
    login: async (username: string, password: string) => {
      const session = await call('POST', '/api/auth/staff', SessionReplySchema, 'none', { username, password });
      writeSession(STAFF_KEY, session);
      return session;
    },
    logout: () => Taro.removeStorageSync(STAFF_KEY),
    /** The stored staff session, if still valid. */
    session: () => readSession(STAFF_KEY),
    inbox: (cursor?: string) => call('GET', `/api/staff/inbox${queryString({ cursor })}`, TicketListReplySchema, 'staff'),
    ticket: (id: string) => call('GET', `/api/tickets/${enc(id)}`, TicketDetailSchema, 'staff'),
    command: (id: string, expectedVersion: number, command: Command) =>
      call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'staff', { expectedVersion, command }),
    units: () => call('GET', '/api/units', UnitsReplySchema, 'staff'),
    categories: () => call('GET', '/api/categories', CategoriesReplySchema, 'staff'),
  },
};
