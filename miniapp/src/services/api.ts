import Taro from '@tarojs/taro';
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
import {
  AdminLocationReplySchema,
  AdminLocationsReplySchema,
  AdminStaffListReplySchema,
  AdminStaffReplySchema,
  AdminUnitReplySchema,
  AdminUnitsReplySchema,
  ImportLocationsReplySchema,
  MediatorReplySchema,
  MediatorsReplySchema,
  StaffPasswordReplySchema,
  type CreateMediatorInput,
  type CreateStaffInput,
  type CreateUnitInput,
  type ImportLocationsInput,
  type LocationInput,
} from '@mashang/shared/admin-org';
import { AlertSettingsReplySchema, DutyReplySchema, PutDutyReplySchema, StaffSubscriptionReplySchema, type AlertSettingsInput } from '@mashang/shared/alert-settings';
import {
  BreachListReplySchema,
  CategoriesReplySchema,
  ClientConfigSchema,
  CreateTicketReplySchema,
  DispatchedReplySchema,
  HotspotsReplySchema,
  InboxReplySchema,
  InviteReplySchema,
  JoinReplySchema,
  LocationViewSchema,
  PlacesReplySchema,
  PromisedDeadlinesSchema,
  RankingReplySchema,
  RevealPhoneReplySchema,
  RiskRulesReplySchema,
  RiskWarningsReplySchema,
  RiskWarningViewSchema,
  SessionReplySchema,
  SimilarTicketsReplySchema,
  SlaReportSchema,
  StaffChangesReplySchema,
  StaffLocationsReplySchema,
  StaffMessagesReplySchema,
  SubscribeReplySchema,
  TicketDetailSchema,
  TicketListReplySchema,
  TransferCodeReplySchema,
  UnitsReplySchema,
  UploadTicketSchema,
  UrgeUnitReplySchema,
  type CreateTicketInput,
  type Figure,
  type PutRiskRulesInput,
  type SessionReply,
  type StaffCreateTicketInput,
  type StaffInboxQuery,
  type UploadRequest,
} from '@mashang/shared/contracts';
import type { DutyRoster } from '@mashang/shared/duty';
import { ERASE_CONFIRMATION, ErasureReplySchema } from '@mashang/shared/erasure';
import { InboxSearchReplySchema } from '@mashang/shared/inbox-search';
import { ApiKeyListSchema, ApiKeyViewSchema, IssuedKeySchema, type IssueKeyInput } from '@mashang/shared/integration-contracts';
import { NearbyOpenReplySchema, PointRouteReplySchema, type Datum, type PointTicketInput } from '@mashang/shared/near';
import { AdminSynonymRemoveReplySchema, AdminSynonymReplySchema, AdminSynonymsReplySchema, type SynonymGroupEdit } from '@mashang/shared/synonyms';
import type { Command } from '@mashang/shared/ticket';
import { ApiError, interpretReply, networkError, queryString, type ReplySchema } from './http.ts';

export { ApiError, toApiError } from './http.ts';

/**
 * The one API client of the front end: {@link api}, grouped by resource like the backend's
 * routes (functions/src/handlers/routes/). Every reply is parsed with the shared zod schema of
 * its contract; every failure is an {@link ApiError} with a Chinese message the pages show as is.
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

/** A period of a unit's report (its own unit when `unitId` is absent); dates are Shanghai `YYYY-MM-DD`. */
export type ReportQuery = { unitId?: string; from: string; to: string };

/** The requests behind one figure of one unit's row (`role`: the receiving office, or the unit it was dispatched to). */
export type DrillDownQuery = { unitId: string; from: string; to: string; figure: Figure; role: 'origin' | 'handling'; categoryCode?: string };

/** The report routes that also answer with an .xlsx file (`&format=xlsx`). */
export type ReportExport = 'sla' | 'drilldown' | 'ranking' | 'breaches';

/** Stores a session just issued, as the staff member's or as this phone's resident identity. */
const keep = (key: string) => (session: SessionReply) => {
  writeSession(key, session);
  return session;
};

/** The staff session's token for a download (a file, not JSON); UNAUTHENTICATED (401) when none is stored. */
function staffToken(): string {
  const staff = readSession(STAFF_KEY);
  if (!staff) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  return staff.token;
}

/** Every route the pages call, by resource (the path's first segment after `/api/`). */
export const api = {
  /** Sessions (`/api/auth/…`). The resident's own identity is issued on first use (see `call`). */
  sessions: {
    /** The stored staff session, if still valid. */
    staff: () => readSession(STAFF_KEY),
    staffLogin: (username: string, password: string) => call('POST', '/api/auth/staff', SessionReplySchema, 'none', { username, password }).then(keep(STAFF_KEY)),
    staffLogout: () => Taro.removeStorageSync(STAFF_KEY),
    /** Sign in with the bound WeChat identity (weapp). STAFF_NOT_BOUND asks for an invite code. */
    staffWechat: (code: string) => call('POST', '/api/auth/staff/wechat', SessionReplySchema, 'none', { code }).then(keep(STAFF_KEY)),
    /** Bind this WeChat identity with an admin's invite code, then sign in. */
    bindStaffWechat: (inviteCode: string, code: string) => call('POST', '/api/auth/staff/bind', SessionReplySchema, 'none', { inviteCode, code }).then(keep(STAFF_KEY)),
    /** This phone becomes the resident of a transfer code (their requests show in 我的诉求). */
    redeemTransfer: (code: string) => call('POST', '/api/auth/transfer', SessionReplySchema, 'none', { code }).then(keep(RESIDENT_KEY)),
  },

  /** Reference data and client settings. */
  reference: {
    categories: () => call('GET', '/api/categories', CategoriesReplySchema, 'optional'),
    categoriesForStaff: () => call('GET', '/api/categories', CategoriesReplySchema, 'staff'),
    /** The deadlines promised for a request of this category received now. */
    deadlines: (category: string) => call('GET', `/api/deadlines${queryString({ category })}`, PromisedDeadlinesSchema, 'optional'),
    /** Subscription templates to ask consent for, and the photo limits. */
    clientConfig: () => call('GET', '/api/client-config', ClientConfigSchema, 'none'),
    /** The mediation teams a resident may choose at a QR location (dispute categories). */
    mediators: (locationId: string) => call('GET', `/api/mediators${queryString({ locationId })}`, MediatorsReplySchema, 'none'),
  },

  /** Places: the one behind a street QR code (`/api/locations/{id}`), and finding one without a code (`/api/places…`). */
  places: {
    /** 404 LOCATION_NOT_FOUND when unknown. */
    location: (id: string) => call('GET', `/api/locations/${enc(id)}`, LocationViewSchema, 'optional'),
    /** Places whose name contains `q` (two characters or more). */
    search: (q: string) => call('GET', `/api/places${queryString({ q })}`, PlacesReplySchema, 'none'),
    /** Places nearest to a point, with their distance in metres. */
    nearby: (lat: number, lng: number) => call('GET', `/api/places${queryString({ lat: lat.toFixed(6), lng: lng.toFixed(6) })}`, PlacesReplySchema, 'none'),
    /** Open requests at this place in this category ("me too" candidates). */
    similar: (locationId: string, category: string) => call('GET', `/api/places/${enc(locationId)}/similar${queryString({ category })}`, SimilarTicketsReplySchema, 'resident'),
    /** The office a request filed at this point goes to (nearest QR location within the distance), or the offices to choose from. */
    route: (lat: number, lng: number, datum: Datum) => call('GET', `/api/places/route${queryString({ lat: lat.toFixed(6), lng: lng.toFixed(6), datum })}`, PointRouteReplySchema, 'resident'),
    /** Open problems at and near a QR location. */
    nearbyOpen: (locationId: string) => call('GET', `/api/places/${enc(locationId)}/nearby-open`, NearbyOpenReplySchema, 'resident'),
  },

  /** Requests (`/api/tickets…`). */
  tickets: {
    /** Files a request at a QR location (idempotent on clientToken). */
    create: (input: CreateTicketInput) => call('POST', '/api/tickets', CreateTicketReplySchema, 'resident', input),
    /** Files without a QR code (idempotent on clientToken). */
    fileAtPoint: (input: PointTicketInput) => call('POST', '/api/tickets/at-point', CreateTicketReplySchema, 'resident', input),
    /** A request as the resident who filed or joined it sees it. */
    get: (id: string) => call('GET', `/api/tickets/${enc(id)}`, TicketDetailSchema, 'resident'),
    /** A resident's own command (rate, reopen). */
    command: (id: string, expectedVersion: number, command: Command) =>
      call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'resident', { expectedVersion, command }),
    getAsStaff: (id: string) => call('GET', `/api/tickets/${enc(id)}`, TicketDetailSchema, 'staff'),
    commandAsStaff: (id: string, expectedVersion: number, command: Command) =>
      call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'staff', { expectedVersion, command }),
    /** Urges one request; no expected version, so an urge never loses to a handler's concurrent step. */
    urge: (id: string, note: string) => call('POST', `/api/tickets/${enc(id)}/commands`, TicketDetailSchema, 'staff', { command: { type: 'urge', note } }),
    /** The full number, for the handler working the request; the view is recorded. */
    revealPhone: (id: string) => call('POST', `/api/tickets/${enc(id)}/phone`, RevealPhoneReplySchema, 'staff', {}),
    /** Joins an open request instead of filing a duplicate; `subscriptions` are the templates just accepted. */
    join: (id: string, subscriptions: string[] = []) => call('POST', `/api/tickets/${enc(id)}/join`, JoinReplySchema, 'resident', { subscriptions }),
    /** Consent to one more progress message per accepted template. */
    subscribe: (id: string, templateIds: string[]) => call('POST', `/api/tickets/${enc(id)}/subscriptions`, SubscribeReplySchema, 'resident', { templateIds }),
    /** The risk warnings of a request, each fired indicator with what it means for the grid worker. */
    risk: (id: string) => call('GET', `/api/tickets/${enc(id)}/risk`, RiskWarningsReplySchema, 'staff'),
  },

  /** Photo uploads: a presigned POST for one photo. */
  uploads: {
    slot: (req: UploadRequest) => call('POST', '/api/uploads', UploadTicketSchema, 'resident', req),
    /** Uploaded by the signed-in staff member (resolution photos). */
    slotAsStaff: (req: UploadRequest) => call('POST', '/api/uploads', UploadTicketSchema, 'staff', req),
  },

  /** The resident's own (`/api/me/…`, and a request on another phone). */
  me: {
    /** 我的诉求: the requests this resident filed or joined. */
    tickets: (cursor?: string) => call('GET', `/api/me/tickets${queryString({ cursor })}`, TicketListReplySchema, 'resident'),
    /** A request by its number and the phone given with it (read-only, rate-limited). */
    lookup: (id: string, phone: string) => call('POST', '/api/lookup', TicketDetailSchema, 'resident', { id, phone }),
    /** A one-time code (24 h) that carries this phone's requests to another (redeemed with `sessions.redeemTransfer`). */
    transferCode: () => call('POST', '/api/me/transfer', TransferCodeReplySchema, 'resident', {}),
    /** This resident's personal data removed; their requests stay in the statistics, unlinked. */
    erase: () => call('POST', '/api/me/erase', ErasureReplySchema, 'resident', { confirm: ERASE_CONFIRMATION }),
  },

  /** The staff workbench (`/api/staff/…`). */
  staff: {
    /** The unit's open requests (next deadline first by default), filters, counts by status. */
    inbox: (q: StaffInboxQuery) => call('GET', `/api/staff/inbox${queryString({ ...q, limit: q.limit === undefined ? undefined : Number(q.limit) })}`, InboxReplySchema, 'staff'),
    /** What the caller's office dispatched and has not yet followed up (已派出). */
    dispatched: () => call('GET', '/api/staff/dispatched', DispatchedReplySchema, 'staff'),
    /** By number, phone tail, whole phone, 12345 work-order number or words, within the caller's scope. */
    search: (q: string) => call('GET', `/api/staff/search${queryString({ q })}`, InboxSearchReplySchema, 'staff'),
    /** A grid worker's report or an operator desk entry (idempotent on clientToken). */
    fileTicket: (input: StaffCreateTicketInput) => call('POST', '/api/staff/tickets', CreateTicketReplySchema, 'staff', input),
    /** The QR locations of a grid (a grid worker's own by default). */
    locations: (gridId?: string) => call('GET', `/api/staff/locations${queryString({ gridId })}`, StaffLocationsReplySchema, 'staff'),
    /** Inbox change marker and unread count (two reads on the server; polled every ~20 s). */
    changes: () => call('GET', '/api/staff/changes', StaffChangesReplySchema, 'staff'),
    /** The newest alerts for the signed-in staff member. */
    messages: () => call('GET', '/api/staff/messages', StaffMessagesReplySchema, 'staff'),
    /** Marks one message read. */
    markRead: (id: string, createdAt: string) => call('POST', '/api/staff/messages/read', StaffChangesReplySchema.pick({ unread: true }), 'staff', { id, createdAt }),
    /** WeChat subscription messages for staff: the template to ask consent for, and the consents given. */
    subscriptions: () => call('GET', '/api/staff/subscriptions', StaffSubscriptionReplySchema, 'staff'),
    /** The templates accepted in wx.requestSubscribeMessage. */
    subscribe: (templateIds: string[]) => call('POST', '/api/staff/subscriptions', StaffSubscriptionReplySchema, 'staff', { templateIds }),
  },

  /** Units (`/api/units…`): the tree for dispatching, a unit's duty roster and its active staff. */
  units: {
    list: () => call('GET', '/api/units', UnitsReplySchema, 'staff'),
    /** The roster, the WeCom robot and the unit's active staff (whom a request may be handed to, 转交); read by its staff. */
    duty: (unitId: string) => call('GET', `/api/units/${enc(unitId)}/duty`, DutyReplySchema, 'staff'),
    /** Kept by the unit's supervisor or an admin. */
    putDuty: (unitId: string, roster: DutyRoster) => call('PUT', `/api/units/${enc(unitId)}/duty`, PutDutyReplySchema, 'staff', roster),
  },

  /** Supervisors' reports (`/api/reports/…`); Excel downloads go through lib/supervisor-export.ts with `exportRequest`. */
  reports: {
    /** Totals, by unit, by category, by day, and the published formulas. */
    sla: (q: ReportQuery) => call('GET', `/api/reports/sla${queryString(q)}`, SlaReportSchema, 'staff'),
    /** The requests counted in one figure. */
    drillDown: (q: DrillDownQuery) => call('GET', `/api/reports/drilldown${queryString(q)}`, TicketListReplySchema, 'staff'),
    /** The month's red/black list (`month` = YYYY-MM). */
    ranking: (month: string) => call('GET', `/api/reports/ranking${queryString({ month })}`, RankingReplySchema, 'staff'),
    /** Open requests with a breached time limit, oldest breach first. */
    breaches: (unitId?: string) => call('GET', `/api/reports/breaches${queryString({ unitId })}`, BreachListReplySchema, 'staff'),
    /** Urges every open breached request of a unit (督办): how many were urged, and which. */
    urgeUnit: (unitId: string, note: string) => call('POST', '/api/reports/urge', UrgeUnitReplySchema, 'staff', { unitId, note }),
    /** The absolute URL and headers that download a report as .xlsx. Throws UNAUTHENTICATED (401) when no staff session is stored. */
    exportRequest: (report: ReportExport, query: Record<string, string | undefined>): { url: string; header: Record<string, string> } => ({
      url: `${API_BASE}/api/reports/${report}${queryString({ ...query, format: 'xlsx' })}`,
      header: { Authorization: `Bearer ${staffToken()}` },
    }),
  },

  /** Hotspots (`/api/hotspots`): requests about the same thing in a unit's subtree over the last `days` (≤ 31). */
  hotspots: {
    list: (unitId?: string, days?: number) => call('GET', `/api/hotspots${queryString({ unitId, days })}`, HotspotsReplySchema, 'staff'),
  },

  /** Risk early warning (`/api/risk/…`). */
  risk: {
    /** Warnings of a unit's subtree over the last `days` (≤ 90). */
    warnings: (unitId?: string, days?: number) => call('GET', `/api/risk/warnings${queryString({ unitId, days })}`, RiskWarningsReplySchema, 'staff'),
    /** The rule set (versioned). */
    rules: () => call('GET', '/api/risk/rules', RiskRulesReplySchema, 'staff'),
    /** Saves the rule set if still at `expectedVersion` (409 otherwise). */
    saveRules: (input: PutRiskRulesInput) => call('PUT', '/api/risk/rules', RiskRulesReplySchema, 'staff', input),
    /** The grid worker's risk tasks (open first, by deadline). */
    tasks: (status: 'open' | 'done') => call('GET', `/api/risk/tasks${queryString({ status })}`, RiskWarningsReplySchema, 'staff'),
    /** Records the verification and what was done. */
    completeTask: (id: string, note: string, expectedVersion: number) => call('POST', `/api/risk/tasks/${enc(id)}/done`, RiskWarningViewSchema, 'staff', { note, expectedVersion }),
  },

  /** Administration (`/api/admin/…`, county admins), by admin resource. */
  admin: {
    /** Calendar coverage and alerts, system health, the county's counts. */
    home: () => call('GET', '/api/admin/home', AdminHomeReplySchema, 'staff'),
    calendar: {
      /** Every day of a year, where its status comes from, the cut-off and the re-derivation job. */
      year: (year: number) => call('GET', `/api/admin/calendar${queryString({ year })}`, CalendarYearReplySchema, 'staff'),
      /** Load a whole year (listed days or a CSV/JSON file's text). */
      loadYear: (req: LoadYearRequest) => call('POST', '/api/admin/calendar/years', CalendarChangeReplySchema, 'staff', req),
      /** Correct one day (`default` removes the correction). */
      correctDay: (date: string, kind: 'holiday' | 'workday' | 'default', name?: string) =>
        call('PUT', `/api/admin/calendar/days/${enc(date)}`, CalendarChangeReplySchema, 'staff', { kind, ...(name ? { name } : {}) }),
      /** The end-of-day cut-off in minutes (60–1440). */
      setCutoff: (cutoffMinutes: number) => call('PUT', '/api/admin/calendar/cutoff', CutoffReplySchema, 'staff', { cutoffMinutes }),
      /** Advance the deadline re-derivation by one slice. */
      runJob: () => call('POST', '/api/admin/jobs/rederive/run', JobReplySchema, 'staff', {}),
    },
    categories: {
      list: () => call('GET', '/api/admin/categories', AdminCategoriesReplySchema, 'staff'),
      create: (input: CreateCategoryInput) => call('POST', '/api/admin/categories', AdminCategoryReplySchema, 'staff', input),
      update: (code: string, input: CategoryInput) => call('PUT', `/api/admin/categories/${enc(code)}`, AdminCategoryReplySchema, 'staff', input),
    },
    /** The county's admin events of a month, newest first. */
    audit: (month?: string) => call('GET', `/api/admin/audit${queryString({ month })}`, AdminAuditReplySchema, 'staff'),
    units: {
      list: () => call('GET', '/api/admin/units', AdminUnitsReplySchema, 'staff'),
      create: (input: CreateUnitInput) => call('POST', '/api/admin/units', AdminUnitReplySchema, 'staff', input),
      rename: (id: string, name: string) => call('PUT', `/api/admin/units/${enc(id)}/name`, AdminUnitReplySchema, 'staff', { name }),
      move: (id: string, parentId: string) => call('POST', `/api/admin/units/${enc(id)}/move`, AdminUnitReplySchema, 'staff', { parentId }),
      deactivate: (id: string) => call('POST', `/api/admin/units/${enc(id)}/deactivate`, AdminUnitReplySchema, 'staff', {}),
    },
    staff: {
      list: () => call('GET', '/api/admin/staff', AdminStaffListReplySchema, 'staff'),
      create: (input: CreateStaffInput) => call('POST', '/api/admin/staff', StaffPasswordReplySchema, 'staff', input),
      resetPassword: (username: string) => call('POST', `/api/admin/staff/${enc(username)}/password`, StaffPasswordReplySchema, 'staff', {}),
      deactivate: (username: string) => call('POST', `/api/admin/staff/${enc(username)}/deactivate`, AdminStaffReplySchema, 'staff', {}),
    },
    /** A one-time code for binding a staff member's WeChat. */
    invites: {
      create: (username: string) => call('POST', '/api/admin/invites', InviteReplySchema, 'staff', { username }),
    },
    locations: {
      list: (gridId: string) => call('GET', `/api/admin/locations${queryString({ gridId })}`, AdminLocationsReplySchema, 'staff'),
      create: (input: LocationInput) => call('POST', '/api/admin/locations', AdminLocationReplySchema, 'staff', input),
      update: (id: string, input: LocationInput) => call('PUT', `/api/admin/locations/${enc(id)}`, AdminLocationReplySchema, 'staff', input),
      import: (input: ImportLocationsInput) => call('POST', '/api/admin/locations/import', ImportLocationsReplySchema, 'staff', input),
    },
    mediators: {
      list: () => call('GET', '/api/admin/mediators', MediatorsReplySchema, 'staff'),
      create: (input: CreateMediatorInput) => call('POST', '/api/admin/mediators', MediatorReplySchema, 'staff', input),
      deactivate: (id: string) => call('POST', `/api/admin/mediators/${enc(id)}/deactivate`, MediatorReplySchema, 'staff', {}),
    },
    /** Alert thresholds and the red/black list rules. */
    alertSettings: {
      get: () => call('GET', '/api/admin/alert-settings', AlertSettingsReplySchema, 'staff'),
      put: (input: AlertSettingsInput) => call('PUT', '/api/admin/alert-settings', AlertSettingsReplySchema, 'staff', input),
    },
    /** The hotspots' thesaurus (functions/src/admin/synonyms.ts). */
    synonyms: {
      /** Bundled and stored groups, merged. */
      list: () => call('GET', '/api/admin/synonyms', AdminSynonymsReplySchema, 'staff'),
      /** Add a group or change one (a bundled one too). */
      save: (id: string, group: SynonymGroupEdit) => call('PUT', `/api/admin/synonyms/${enc(id)}`, AdminSynonymReplySchema, 'staff', group),
      /** Switch a bundled group off or delete an added one; `restore` brings a bundled group back. */
      remove: (id: string, restore = false) => call('POST', `/api/admin/synonyms/${enc(id)}/remove`, AdminSynonymRemoveReplySchema, 'staff', { restore }),
    },
    /** Integration keys for other systems. */
    integrations: {
      /** The county's keys, newest first (never the key itself). */
      keys: () => call('GET', '/api/admin/integrations/keys', ApiKeyListSchema, 'staff'),
      /** A new key, shown in this reply only. */
      issue: (input: IssueKeyInput) => call('POST', '/api/admin/integrations/keys', IssuedKeySchema, 'staff', input),
      /** Refused on the key's next call. */
      revoke: (keyId: string) => call('POST', `/api/admin/integrations/keys/${enc(keyId)}/revoke`, ApiKeyViewSchema, 'staff', {}),
    },
    /** Where a file download (poster PDF, single code) is fetched from, and the token it needs. */
    fileUrl: (path: string, params: Record<string, string | undefined>) => ({ url: `${API_BASE}${path}${queryString(params)}`, token: readSession(STAFF_KEY)?.token }),
  },
};
