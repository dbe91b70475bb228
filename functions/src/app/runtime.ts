import { createDocClient, storeConfigFromEnv } from '../store/client.ts';
import { OrgStore } from '../store/org.ts';
import { TicketStore } from '../store/tickets.ts';
import { StatStore } from '../store/stats.ts';
import { ReportService } from './reporting/reports.ts';
import { MashangService, type ServiceDeps } from './service.ts';
import { TokenService } from './sessions/tokens.ts';
import { ReferenceData } from './reference.ts';
import { Sessions } from './sessions/sessions.ts';
import type { ResidentService, ResidentSide } from './residents/resident.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PhotoStorage } from '../adapters/storage.ts';
import { InboxStore } from '../store/inbox.ts';
import { StaffStore } from '../store/staff.ts';
import { sessionSecretFromEnv, wechatFromEnv } from './sessions/identity.ts';
import { Workbench } from './workbench.ts';
import { DispatchedStore } from '../store/dispatched.ts';
import { DispatchedView } from './reading/dispatched.ts';
import { SearchStore } from '../store/search.ts';
import { InboxSearch } from './reading/inbox-search.ts';
import { DeskEntry } from './filing/desk.ts';
import { CarryStore } from '../store/carry.ts';
import { ResidentCarry } from './sessions/carry.ts';
import { limiterFromEnv } from './rate-runtime.ts';
import { referenceTtlFromEnv } from '../admin/reference-ttl.ts';
import { withSecrets } from './secrets.ts';
import { AlertApi } from './notifying/alerts-api.ts';
import { AlertStore } from '../store/alerts.ts';
import { StaffSubscriptionStore } from '../store/staff-subscriptions.ts';

let core: { reference: ReferenceData; sessions: Sessions } | undefined;

/**
 * What every function of a warm Lambda uses, built once from the environment: the reference
 * data (units, categories, the calendar; cached for REFERENCE_TTL_MS) and the sessions every
 * call is authenticated with. The service ({@link serviceFromEnv}) reads the same reference
 * data, so it is cached once; a function whose routes need no ticket use case (the admin's)
 * uses these alone, and its bundle carries no filing, commands or sweep.
 */
export function coreFromEnv(processEnv: NodeJS.ProcessEnv = process.env): { reference: ReferenceData; sessions: Sessions } {
  if (core) return core;
  const env = withSecrets(processEnv);
  const config = storeConfigFromEnv(env);
  const org = new OrgStore(createDocClient(config), config.tableName);
  const now = () => Date.now();
  const reference = new ReferenceData({ source: org, now, ttlMs: referenceTtlFromEnv(env) });
  const sessions = new Sessions({ org, tokens: new TokenService(sessionSecretFromEnv(env)), now, units: async () => (await reference.ref()).units });
  core = { reference, sessions };
  return core;
}

let service: MashangService | undefined;
let residentSide: ResidentSide | undefined;
let resident: ResidentService | undefined;
let reports: ReportService | undefined;

/** What a function that files and acts on requests adds to the service (functions/src/compose/filing.ts, resident.ts, risk.ts). */
export interface FilingWiring {
  /** Photos, consents and followers ("me too"): the hooks filing and reading call, and the resident's own calls. */
  resident: ResidentSide;
  risk: NonNullable<ServiceDeps['risk']>;
  riskCheck: NonNullable<ServiceDeps['riskCheck']>;
  mediators: NonNullable<ServiceDeps['mediators']>;
  calendarAlert: NonNullable<ServiceDeps['calendarAlert']>;
}
export type FilingFactory = (ctx: { env: NodeJS.ProcessEnv; db: DynamoDBDocumentClient; table: string; tokens: TokenService; photos: PhotoStorage | undefined; reference: () => ReturnType<MashangService['ref']> }) => Partial<FilingWiring>;

const filing: FilingFactory[] = [];
let photoStorage: ((env: NodeJS.ProcessEnv) => PhotoStorage | undefined) | undefined;

/**
 * One composition per function: the service's core (sessions, reference data, reads, the
 * sweep) is built here for every function; a function's handler adds what its routes need by
 * importing modules of functions/src/compose/: resident.ts (resident hooks), filing.ts (those,
 * mediators, calendar alerts and new requests' risk checks), risk.ts (risk early warning, which
 * also evaluates reopenings) and photos.ts (the S3 photo storage). So the sweeper's,
 * dispatcher's or admin's bundles carry no S3 client and no filing code, and only the functions
 * that reopen requests carry the risk rules.
 */
export function useFiling(factory: FilingFactory): void {
  filing.push(factory);
}

/** Photo storage of the functions that sign or check photos (functions/src/compose/photos.ts). */
export function usePhotoStorage(factory: (env: NodeJS.ProcessEnv) => PhotoStorage | undefined): void {
  photoStorage = factory;
}

/**
 * The service of a warm Lambda, built once from the environment. Locally the
 * stage's `DYNAMO_ENDPOINT` points at DynamoDB Local.
 */
export function serviceFromEnv(processEnv: NodeJS.ProcessEnv = process.env): MashangService {
  if (service) return service;
  const env = withSecrets(processEnv);
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  const secret = sessionSecretFromEnv(env);
  const tokens = new TokenService(secret);
  // Risk early warning: evaluated when a request is created or reopened (functions/src/app/supervision/risk.ts).
  // Admins are alerted when a request gets provisional deadlines (a year not loaded); REFERENCE_TTL_MS bounds the reference cache.
  const ctx = { env, db, table: config.tableName, tokens, photos: photoStorage?.(env), reference: () => serviceFromEnv(env).ref() };
  const extras: Partial<FilingWiring> = Object.assign({}, ...filing.map((wire) => wire(ctx)));
  residentSide = extras.resident;
  service = new MashangService({
    tickets: new TicketStore(db, config.tableName),
    org: new OrgStore(db, config.tableName),
    tokens,
    now: () => Date.now(),
    ratingWindowDays: ratingWindowFromEnv(env),
    referenceTtlMs: referenceTtlFromEnv(env),
    referenceData: coreFromEnv(env).reference,
    resident: extras.resident?.hooks,
    mediators: extras.mediators,
    risk: extras.risk,
    riskCheck: extras.riskCheck,
    calendarAlert: extras.calendarAlert,
  });
  return service;
}

/** The resident side (WeChat sign-in, places, photos, "me too", consent) of a warm Lambda. */
export function residentFromEnv(env: NodeJS.ProcessEnv = process.env): ResidentService {
  const reads = serviceFromEnv(env);
  return (resident ??= residentSideOf().service(reads));
}

function residentSideOf(): ResidentSide {
  if (!residentSide) throw new Error('the resident side is not wired in this function: import functions/src/compose/resident.ts (or filing.ts) in its route module');
  return residentSide;
}

/** The supervisors' report service of a warm Lambda. */
export function reportsFromEnv(env: NodeJS.ProcessEnv = process.env): ReportService {
  if (reports) return reports;
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  const alerts = new AlertStore(db, config.tableName);
  const service = serviceFromEnv(env);
  reports = new ReportService({ stats: new StatStore(db, config.tableName), reference: service, commands: service, now: () => Date.now(), rankingPolicy: () => alerts.rankingPolicy() });
  return reports;
}

let workbench: Workbench | undefined;

/** The staff workbench of a warm Lambda (inbox, phone reveal, filing for residents, staff identity). */
export function workbenchFromEnv(processEnv: NodeJS.ProcessEnv = process.env): Workbench {
  if (workbench) return workbench;
  const env = withSecrets(processEnv);
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  workbench = new Workbench({
    service: serviceFromEnv(env),
    tickets: new TicketStore(db, config.tableName),
    inbox: new InboxStore(db, config.tableName),
    staff: new StaffStore(db, config.tableName),
    org: new OrgStore(db, config.tableName),
    now: () => Date.now(),
    wechat: wechatFromEnv(env).login,
    desk: new DeskEntry({ visibility: serviceFromEnv(env), search: new SearchStore(db, config.tableName) }),
  });
  return workbench;
}

/** RATING_WINDOW_DAYS: days after closing a resident may still rate and reopen (default 7). */
function ratingWindowFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const days = Number(env.RATING_WINDOW_DAYS);
  return env.RATING_WINDOW_DAYS && Number.isInteger(days) && days >= 0 ? days : undefined;
}

let dispatched: DispatchedView | undefined;

/** The street office's 已派出 view of a warm Lambda. */
export function dispatchedFromEnv(env: NodeJS.ProcessEnv = process.env): DispatchedView {
  if (dispatched) return dispatched;
  const config = storeConfigFromEnv(env);
  dispatched = new DispatchedView({ reference: serviceFromEnv(env), store: new DispatchedStore(createDocClient(config), config.tableName), now: () => Date.now() });
  return dispatched;
}

let carry: ResidentCarry | undefined;

/** A resident's requests on another phone (lookup by number and phone, transfer codes) of a warm Lambda. */
export function carryFromEnv(env: NodeJS.ProcessEnv = process.env): ResidentCarry {
  if (carry) return carry;
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  const store = new CarryStore(db, config.tableName);
  serviceFromEnv(env);
  const hooks = residentSideOf().hooks;
  carry = new ResidentCarry({
    reference: serviceFromEnv(env),
    tickets: new TicketStore(db, config.tableName),
    store,
    tokens: new TokenService(env.SESSION_SECRET!),
    limiter: limiterFromEnv(env),
    present: (d) => hooks.present(d),
    now: () => Date.now(),
  });
  return carry;
}

let alertApi: AlertApi | undefined;

/** Staff alerts' API (messages, change marker, duty rosters, WeCom robots, red/black list policy) of a warm Lambda. */
export function alertApiFromEnv(env: NodeJS.ProcessEnv = process.env): AlertApi {
  if (alertApi) return alertApi;
  const config = storeConfigFromEnv(env);
  const db = createDocClient(config);
  alertApi = new AlertApi({
    alerts: new AlertStore(db, config.tableName),
    // The core's reference data: the alerts function works no request, so it loads no ticket service.
    reference: coreFromEnv(env).reference,
    now: () => Date.now(),
    // WeChat subscription consent of staff (WECHAT_TEMPLATE_STAFF_ALERT: the 待办提醒 template; empty: not asked).
    wechat: { templateId: env.WECHAT_TEMPLATE_STAFF_ALERT?.trim() || undefined, subscriptions: new StaffSubscriptionStore(db, config.tableName), org: new OrgStore(db, config.tableName) },
  });
  return alertApi;
}

let search: InboxSearch | undefined;

/** Inbox search (request number, phone tail, whole phone, work-order number, words) of a warm Lambda. */
export function searchFromEnv(env: NodeJS.ProcessEnv = process.env): InboxSearch {
  if (search) return search;
  const config = storeConfigFromEnv(env);
  const service = serviceFromEnv(env);
  search = new InboxSearch({ reference: service, visibility: service, store: new SearchStore(createDocClient(config), config.tableName), now: () => Date.now() });
  return search;
}
