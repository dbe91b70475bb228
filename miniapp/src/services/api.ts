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
import { StaffChangesReplySchema, StaffMessagesReplySchema } from '@mashang/shared/contracts';

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
type Method = 'GET' | 'POST' | 'PUT';

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
    ticket: (id: string) => call('GET', `/api/tickets/${enc(id)}`, TicketDetailSchema, 'staff'),
    command: (id: string, expectedVersion: number, command: Command) =>
      call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'staff', { expectedVersion, command }),
    units: () => call('GET', '/api/units', UnitsReplySchema, 'staff'),
    categories: () => call('GET', '/api/categories', CategoriesReplySchema, 'staff'),
  },
};

// ---- supervisors' reports (pages-supervisor) --------------------------------
// A separate, appended section so the engineers editing the sections above do
// not collide with it. (Imports are hoisted; they sit here for the same reason.)
// Only the supervisor subpackage calls these; Excel downloads go through
// lib/supervisor-export.ts with `exportRequest`.
import { BreachListReplySchema, HotspotsReplySchema, RankingReplySchema, RiskWarningsReplySchema, SlaReportSchema, UrgeUnitReplySchema, type Figure } from '@mashang/shared/contracts';

/** POST /api/reports/urge: how many of the unit's open breached requests were urged, and which. */

/** A period of a unit's report (its own unit when `unitId` is absent); dates are Shanghai `YYYY-MM-DD`. */
export type ReportQuery = { unitId?: string; from: string; to: string };

/** The requests behind one figure of one unit's row (`role`: the receiving office, or the unit it was dispatched to). */
export type DrillDownQuery = { unitId: string; from: string; to: string; figure: Figure; role: 'origin' | 'handling'; categoryCode?: string };

/** The report routes that also answer with an .xlsx file (`&format=xlsx`). */
export type ReportExport = 'sla' | 'drilldown' | 'ranking' | 'breaches';

export const supervisorApi = {
  /** GET /api/reports/sla: totals, by unit, by category, by day, and the published formulas. */
  slaReport: (q: ReportQuery) => call('GET', `/api/reports/sla${queryString(q)}`, SlaReportSchema, 'staff'),
  /** GET /api/reports/drilldown: the requests counted in one figure. */
  drillDown: (q: DrillDownQuery) => call('GET', `/api/reports/drilldown${queryString(q)}`, TicketListReplySchema, 'staff'),
  /** GET /api/reports/ranking: the month's red/black list (`month` = YYYY-MM). */
  ranking: (month: string) => call('GET', `/api/reports/ranking${queryString({ month })}`, RankingReplySchema, 'staff'),
  /** GET /api/reports/breaches: open requests with a breached time limit, oldest breach first. */
  breaches: (unitId?: string) => call('GET', `/api/reports/breaches${queryString({ unitId })}`, BreachListReplySchema, 'staff'),
  /** GET /api/hotspots: requests about the same thing in a unit's subtree over the last `days` (≤ 31). */
  hotspots: (unitId?: string, days?: number) => call('GET', `/api/hotspots${queryString({ unitId, days })}`, HotspotsReplySchema, 'staff'),
  /** GET /api/risk/warnings: risk early warnings of a unit's subtree over the last `days` (≤ 90). */
  riskWarnings: (unitId?: string, days?: number) => call('GET', `/api/risk/warnings${queryString({ unitId, days })}`, RiskWarningsReplySchema, 'staff'),
  /** POST /api/reports/urge: urges every open breached request of a unit (督办). */
  urgeUnit: (unitId: string, note: string) => call('POST', '/api/reports/urge', UrgeUnitReplySchema, 'staff', { unitId, note }),
  /** Urges one request; no expected version, so an urge never loses to a handler's concurrent step. */
  urgeTicket: (id: string, note: string) =>
    call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'staff', { command: { type: 'urge', note } }),
  /**
   * The absolute URL and headers that download a report as .xlsx. Throws
   * UNAUTHENTICATED (401) when no staff session is stored.
   */
  exportRequest: (report: ReportExport, query: Record<string, string | undefined>): { url: string; header: Record<string, string> } => {
    const staff = readSession(STAFF_KEY);
    if (!staff) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    return { url: `${API_BASE}/api/reports/${report}${queryString({ ...query, format: 'xlsx' })}`, header: { Authorization: `Bearer ${staff.token}` } };
  },
};

// ---- residents: places, photos, "me too", notification consent ---------------
// Appended like the section above so parallel work does not collide; only the
// resident pages (pages/report, pages/ticket, pages/mine) call these.
import {
  ClientConfigSchema,
  JoinReplySchema,
  PlacesReplySchema,
  SimilarTicketsReplySchema,
  SubscribeReplySchema,
  UploadTicketSchema,
  type UploadRequest,
} from '@mashang/shared/contracts';

export const residentApi = {
  /** Subscription templates to ask consent for, and the photo limits. */
  clientConfig: () => call('GET', '/api/client-config', ClientConfigSchema, 'none'),
  /** Places whose name contains `q` (two characters or more). */
  searchPlaces: (q: string) => call('GET', `/api/places${queryString({ q })}`, PlacesReplySchema, 'none'),
  /** Places nearest to a point, with their distance in metres. */
  nearbyPlaces: (lat: number, lng: number) => call('GET', `/api/places${queryString({ lat: lat.toFixed(6), lng: lng.toFixed(6) })}`, PlacesReplySchema, 'none'),
  /** Open requests at this place in this category ("me too" candidates). */
  similar: (locationId: string, category: string) => call('GET', `/api/places/${enc(locationId)}/similar${queryString({ category })}`, SimilarTicketsReplySchema, 'resident'),
  /** A presigned POST for one photo. */
  uploadSlot: (req: UploadRequest) => call('POST', '/api/uploads', UploadTicketSchema, 'resident', req),
  /** Joins an open request instead of filing a duplicate; `subscriptions` are the templates just accepted. */
  join: (id: string, subscriptions: string[] = []) => call('POST', `/api/tickets/${enc(id)}/join`, JoinReplySchema, 'resident', { subscriptions }),
  /** Consent to one more progress message per accepted template. */
  subscribe: (id: string, templateIds: string[]) => call('POST', `/api/tickets/${enc(id)}/subscriptions`, SubscribeReplySchema, 'resident', { templateIds }),
};

// ---- staff workbench (pages-staff) ---------------------------------------------
// Appended like the sections above so parallel work does not collide; only the
// staff subpackage calls these.
import {
  InboxReplySchema,
  InviteReplySchema,
  RevealPhoneReplySchema,
  StaffLocationsReplySchema,
  type StaffCreateTicketInput,
  type StaffInboxQuery,
} from '@mashang/shared/contracts';

export const workbenchApi = {
  /** GET /api/staff/inbox: the unit's open requests (next deadline first by default), filters, counts by status. */
  inbox: (q: StaffInboxQuery) => call('GET', `/api/staff/inbox${queryString({ ...q, limit: q.limit === undefined ? undefined : Number(q.limit) })}`, InboxReplySchema, 'staff'),
  /** POST /api/tickets/{id}/phone: the full number, for the handler working the request; the view is recorded. */
  revealPhone: (id: string) => call('POST', `/api/tickets/${enc(id)}/phone`, RevealPhoneReplySchema, 'staff', {}),
  /** POST /api/staff/tickets: a grid worker's report or an operator desk entry (idempotent on clientToken). */
  fileTicket: (input: StaffCreateTicketInput) => call('POST', '/api/staff/tickets', CreateTicketReplySchema, 'staff', input),
  /** GET /api/staff/locations: the QR locations of a grid (a grid worker's own by default). */
  locations: (gridId?: string) => call('GET', `/api/staff/locations${queryString({ gridId })}`, StaffLocationsReplySchema, 'staff'),
  /** POST /api/admin/invites: a one-time code for binding a staff member's WeChat. */
  createInvite: (username: string) => call('POST', '/api/admin/invites', InviteReplySchema, 'staff', { username }),
  /** POST /api/auth/staff/wechat: sign in with the bound WeChat identity (weapp). STAFF_NOT_BOUND asks for an invite code. */
  wechatLogin: async (code: string) => {
    const session = await call('POST', '/api/auth/staff/wechat', SessionReplySchema, 'none', { code });
    writeSession(STAFF_KEY, session);
    return session;
  },
  /** POST /api/auth/staff/bind: bind this WeChat identity with an admin's invite code, then sign in. */
  bindWechat: async (inviteCode: string, code: string) => {
    const session = await call('POST', '/api/auth/staff/bind', SessionReplySchema, 'none', { inviteCode, code });
    writeSession(STAFF_KEY, session);
    return session;
  },
};

// ---- first use (issue 13): risk of one request, the 已派出 view -------------------
// Appended like the sections above; only the staff subpackage calls these.
import { DispatchedReplySchema } from '@mashang/shared/contracts';

export const firstUseApi = {
  /** GET /api/staff/dispatched: what the caller's office dispatched and has not yet followed up (已派出). */
  dispatched: () => call('GET', '/api/staff/dispatched', DispatchedReplySchema, 'staff'),
};

// ---- a resident's requests on another phone (issue 13) --------------------------
// Appended; only pages/mine calls these.
import { TransferCodeReplySchema } from '@mashang/shared/contracts';

export const carryApi = {
  /** POST /api/lookup: a request by its number and the phone given with it (read-only, rate-limited). */
  lookup: (id: string, phone: string) => call('POST', '/api/lookup', TicketDetailSchema, 'resident', { id, phone }),
  /** POST /api/me/transfer: a one-time code (24 h) that carries this phone's requests to another. */
  transferCode: () => call('POST', '/api/me/transfer', TransferCodeReplySchema, 'resident', {}),
  /** POST /api/auth/transfer: this phone becomes the resident of the code (their requests show in 我的诉求). */
  redeem: async (code: string) => {
    const session = await call('POST', '/api/auth/transfer', SessionReplySchema, 'none', { code });
    writeSession(RESIDENT_KEY, session);
    return session;
  },
};

// ---- administration of the organisation (pages-admin) ---------------------------
// Units, staff accounts, QR locations and posters; only the admin subpackage calls these.
import {
  AdminLocationReplySchema,
  AdminLocationsReplySchema,
  AdminStaffListReplySchema,
  AdminStaffReplySchema,
  AdminUnitReplySchema,
  AdminUnitsReplySchema,
  ImportLocationsReplySchema,
  StaffPasswordReplySchema,
  MediatorsReplySchema,
  MediatorReplySchema,
  type CreateMediatorInput,
  type CreateStaffInput,
  type CreateUnitInput,
  type ImportLocationsInput,
  type LocationInput,
} from '@mashang/shared/admin-org';
import { RiskRulesReplySchema, RiskWarningViewSchema, type PutRiskRulesInput } from '@mashang/shared/contracts';

export const orgAdminApi = {
  units: () => call('GET', '/api/admin/units', AdminUnitsReplySchema, 'staff'),
  createUnit: (input: CreateUnitInput) => call('POST', '/api/admin/units', AdminUnitReplySchema, 'staff', input),
  renameUnit: (id: string, name: string) => call('PUT', `/api/admin/units/${enc(id)}/name`, AdminUnitReplySchema, 'staff', { name }),
  moveUnit: (id: string, parentId: string) => call('POST', `/api/admin/units/${enc(id)}/move`, AdminUnitReplySchema, 'staff', { parentId }),
  deactivateUnit: (id: string) => call('POST', `/api/admin/units/${enc(id)}/deactivate`, AdminUnitReplySchema, 'staff', {}),
  staff: () => call('GET', '/api/admin/staff', AdminStaffListReplySchema, 'staff'),
  createStaff: (input: CreateStaffInput) => call('POST', '/api/admin/staff', StaffPasswordReplySchema, 'staff', input),
  resetPassword: (username: string) => call('POST', `/api/admin/staff/${enc(username)}/password`, StaffPasswordReplySchema, 'staff', {}),
  deactivateStaff: (username: string) => call('POST', `/api/admin/staff/${enc(username)}/deactivate`, AdminStaffReplySchema, 'staff', {}),
  locations: (gridId: string) => call('GET', `/api/admin/locations${queryString({ gridId })}`, AdminLocationsReplySchema, 'staff'),
  createLocation: (input: LocationInput) => call('POST', '/api/admin/locations', AdminLocationReplySchema, 'staff', input),
  updateLocation: (id: string, input: LocationInput) => call('PUT', `/api/admin/locations/${enc(id)}`, AdminLocationReplySchema, 'staff', input),
  importLocations: (input: ImportLocationsInput) => call('POST', '/api/admin/locations/import', ImportLocationsReplySchema, 'staff', input),
  mediators: () => call('GET', '/api/admin/mediators', MediatorsReplySchema, 'staff'),
  createMediator: (input: CreateMediatorInput) => call('POST', '/api/admin/mediators', MediatorReplySchema, 'staff', input),
  deactivateMediator: (id: string) => call('POST', `/api/admin/mediators/${enc(id)}/deactivate`, MediatorReplySchema, 'staff', {}),
  /** GET /api/risk/rules: the risk early-warning rule set (versioned). */
  riskRules: () => call('GET', '/api/risk/rules', RiskRulesReplySchema, 'staff'),
  /** PUT /api/risk/rules: saves the rule set if still at `expectedVersion` (409 otherwise). */
  saveRiskRules: (input: PutRiskRulesInput) => call('PUT', '/api/risk/rules', RiskRulesReplySchema, 'staff', input),
  /** GET /api/risk/tasks: the grid worker's risk tasks (open first, by deadline). */
  riskTasks: (status: 'open' | 'done') => call('GET', `/api/risk/tasks${queryString({ status })}`, RiskWarningsReplySchema, 'staff'),
  /** POST /api/risk/tasks/{id}/done: records the verification and what was done. */
  completeRiskTask: (id: string, note: string, expectedVersion: number) => call('POST', `/api/risk/tasks/${enc(id)}/done`, RiskWarningViewSchema, 'staff', { note, expectedVersion }),
  /** Where a file download (poster PDF, single code) is fetched from, and the token it needs. */
  fileUrl: (path: string, params: Record<string, string | undefined>) => ({ url: `${API_BASE}${path}${queryString(params)}`, token: readSession(STAFF_KEY)?.token }),
};

/** GET /api/mediators: the mediation teams a resident may choose at a QR location (dispute categories). */
export const mediatorApi = {
  forLocation: (locationId: string) => call('GET', `/api/mediators${queryString({ locationId })}`, MediatorsReplySchema, 'none'),
};

// ---- administration (pages-admin): home, calendar, categories, audit --------------
// Appended like the sections above so parallel work does not collide; only the admin
// subpackage calls these.
import {
  AdminAuditReplySchema,
  AdminCategoriesReplySchema,
  AdminCategoryReplySchema,
  AdminHomeReplySchema,
  CalendarChangeReplySchema,
  CalendarYearReplySchema,
  CutoffReplySchema,
  JobReplySchema,
  type CategoryInput,
  type CreateCategoryInput,
  type LoadYearRequest,
} from '@mashang/shared/admin-contracts';

export const adminApi = {
  /** GET /api/admin/home: calendar coverage and alerts, system health, the county's counts. */
  home: () => call('GET', '/api/admin/home', AdminHomeReplySchema, 'staff'),
  /** GET /api/admin/calendar: every day of a year, where its status comes from, the cut-off and the re-derivation job. */
  calendar: (year: number) => call('GET', `/api/admin/calendar${queryString({ year })}`, CalendarYearReplySchema, 'staff'),
  /** POST /api/admin/calendar/years: load a whole year (listed days or a CSV/JSON file's text). */
  loadYear: (req: LoadYearRequest) => call('POST', '/api/admin/calendar/years', CalendarChangeReplySchema, 'staff', req),
  /** PUT /api/admin/calendar/days/{date}: correct one day (`default` removes the correction). */
  correctDay: (date: string, kind: 'holiday' | 'workday' | 'default', name?: string) =>
    call('PUT', `/api/admin/calendar/days/${enc(date)}`, CalendarChangeReplySchema, 'staff', { kind, ...(name ? { name } : {}) }),
  /** PUT /api/admin/calendar/cutoff: the end-of-day cut-off in minutes (60–1440). */
  setCutoff: (cutoffMinutes: number) => call('PUT', '/api/admin/calendar/cutoff', CutoffReplySchema, 'staff', { cutoffMinutes }),
  /** POST /api/admin/jobs/rederive/run: advance the deadline re-derivation by one slice. */
  runJob: () => call('POST', '/api/admin/jobs/rederive/run', JobReplySchema, 'staff', {}),
  categories: () => call('GET', '/api/admin/categories', AdminCategoriesReplySchema, 'staff'),
  createCategory: (input: CreateCategoryInput) => call('POST', '/api/admin/categories', AdminCategoryReplySchema, 'staff', input),
  updateCategory: (code: string, input: CategoryInput) => call('PUT', `/api/admin/categories/${enc(code)}`, AdminCategoryReplySchema, 'staff', input),
  /** GET /api/admin/audit: the county's admin events of a month, newest first. */
  audit: (month?: string) => call('GET', `/api/admin/audit${queryString({ month })}`, AdminAuditReplySchema, 'staff'),
};

/** Staff alerts: the message list with its unread count and the change marker the staff pages poll. */
export const alertsApi = {
  /** GET /api/staff/changes: inbox change marker and unread count (two reads on the server; polled every ~20 s). */
  changes: () => call('GET', '/api/staff/changes', StaffChangesReplySchema, 'staff'),
  /** GET /api/staff/messages: the newest alerts for the signed-in staff member. */
  messages: () => call('GET', '/api/staff/messages', StaffMessagesReplySchema, 'staff'),
  /** POST /api/staff/messages/read: marks one message read. */
  markRead: (id: string, createdAt: string) => call('POST', '/api/staff/messages/read', StaffChangesReplySchema.pick({ unread: true }), 'staff', { id, createdAt }),
};

// ---- risk warnings of one request (appended: the staff ticket page shows them with their explanations) ----

export const signalsApi = {
  /** GET /api/tickets/{id}/risk: the warnings of a request, each fired indicator with what it means for the grid worker. */
  ticketRisk: (id: string) => call('GET', `/api/tickets/${enc(id)}/risk`, RiskWarningsReplySchema, 'staff'),
};

// ---- integration keys (appended: pages-admin/integrations issues and revokes them) ----
import { ApiKeyListSchema, ApiKeyViewSchema, IssuedKeySchema, type IssueKeyInput } from '@mashang/shared/integration-contracts';

export const integrationAdminApi = {
  /** GET /api/admin/integrations/keys: the county's keys, newest first (never the key itself). */
  keys: () => call('GET', '/api/admin/integrations/keys', ApiKeyListSchema, 'staff'),
  /** POST /api/admin/integrations/keys: a new key, shown in this reply only. */
  issue: (input: IssueKeyInput) => call('POST', '/api/admin/integrations/keys', IssuedKeySchema, 'staff', input),
  /** POST /api/admin/integrations/keys/{id}/revoke: refused on the key's next call. */
  revoke: (keyId: string) => call('POST', `/api/admin/integrations/keys/${enc(keyId)}/revoke`, ApiKeyViewSchema, 'staff', {}),
};

// ---- staff side of first use (issue 13): resolution photos, 转交, inbox search ------
// Appended; only the staff subpackage calls these.
import { InboxSearchReplySchema } from '@mashang/shared/inbox-search';
import * as z from 'zod';

const DutyStaffSchema = z.object({ staff: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })) });

export const staffWorkApi = {
  /** A presigned POST for one photo uploaded by the signed-in staff member (resolution photos). */
  uploadSlot: (req: UploadRequest) => call('POST', '/api/uploads', UploadTicketSchema, 'staff', req),
  /** GET /api/staff/search: by number, phone tail, whole phone, 12345 work-order number or words, within the caller's scope. */
  search: (q: string) => call('GET', `/api/staff/search${queryString({ q })}`, InboxSearchReplySchema, 'staff'),
  /** The active staff of a unit (its duty page's list): whom a request may be handed to (转交). */
  unitStaff: (unitId: string) => call('GET', `/api/units/${enc(unitId)}/duty`, DutyStaffSchema, 'staff'),
};

import { AdminSynonymRemoveReplySchema, AdminSynonymReplySchema, AdminSynonymsReplySchema, type SynonymGroupEdit } from '@mashang/shared/synonyms';

/** The hotspots' thesaurus for county admins (functions/src/admin/synonyms.ts). */
export const synonymAdminApi = {
  /** GET /api/admin/synonyms: bundled and stored groups, merged. */
  list: () => call('GET', '/api/admin/synonyms', AdminSynonymsReplySchema, 'staff'),
  /** PUT /api/admin/synonyms/{id}: add a group or change one (a bundled one too). */
  save: (id: string, group: SynonymGroupEdit) => call('PUT', `/api/admin/synonyms/${enc(id)}`, AdminSynonymReplySchema, 'staff', group),
  /** POST /api/admin/synonyms/{id}/remove: switch a bundled group off or delete an added one; `restore` brings a bundled group back. */
  remove: (id: string, restore = false) => call('POST', `/api/admin/synonyms/${enc(id)}/remove`, AdminSynonymRemoveReplySchema, 'staff', { restore }),
};

// ---- personal-data erasure (我的 → 删除我的个人信息) ---------------------------------
import { ERASE_CONFIRMATION, ErasureReplySchema } from '@mashang/shared/erasure';

export const erasureApi = {
  /** POST /api/me/erase: this resident's personal data removed; their requests stay in the statistics, unlinked. */
  eraseMe: () => call('POST', '/api/me/erase', ErasureReplySchema, 'resident', { confirm: ERASE_CONFIRMATION }),
};

// ---- issue 13, resident side: a place without a QR code, open problems near a place ----------
import { NearbyOpenReplySchema, PointRouteReplySchema, type Datum, type PointTicketInput } from '@mashang/shared/near';

export const nearApi = {
  /** GET /api/places/route: the office a request filed at this point goes to (nearest QR location within the distance), or the offices to choose from. */
  route: (lat: number, lng: number, datum: Datum) => call('GET', `/api/places/route${queryString({ lat: lat.toFixed(6), lng: lng.toFixed(6), datum })}`, PointRouteReplySchema, 'resident'),
  /** POST /api/tickets/at-point: files without a QR code (idempotent on clientToken). */
  fileAtPoint: (input: PointTicketInput) => call('POST', '/api/tickets/at-point', CreateTicketReplySchema, 'resident', input),
  /** GET /api/places/{id}/nearby-open: open problems at and near a QR location. */
  nearbyOpen: (locationId: string) => call('GET', `/api/places/${enc(locationId)}/nearby-open`, NearbyOpenReplySchema, 'resident'),
};
