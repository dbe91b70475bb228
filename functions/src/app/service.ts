import type {
  Actor,
  Category,
  Command,
  CreateTicketInput,
  LocationView,
  PromisedDeadlines,
  RiskTrigger,
  SessionReply,
  Ticket,
  TicketDetail,
  TicketEvent,
  TicketListReply,
  Unit,
} from '@mashang/shared';
import type { SideWrite, TicketRepository } from '../ports/tickets.ts';
import type { OrgStore, StaffAccount } from '../store/org.ts';
import { runCommand } from './commands/command.ts';
import { alertCalendar, type Filed, type FilingDeps, type FilingRequest } from './filing/file-request.ts';
import { cachedLocations, Filing, type FiledAt } from './filing/filing.ts';
import { ReferenceViews } from './reading/reference-views.ts';
import { TicketReading } from './reading/tickets.ts';
import { ReferenceData, type Reference, type ReferenceSource } from './reference.ts';
import type { ResidentHooks } from './residents/resident.ts';
import type { VerifiedPhotos } from './photos/photos.ts';
import type { RiskHook } from './supervision/risk.ts';
import { Sessions } from './sessions/sessions.ts';
import { sweep, type SweepReport } from './sweeping/sweep.ts';
import type { TokenService } from './sessions/tokens.ts';
import { Visibility } from './visibility.ts';
import type { ViewContext } from './reading/views.ts';

export type { SweepReport } from './sweeping/sweep.ts';
export { newTicketId } from './filing/file-request.ts';
export type { FiledAt } from './filing/filing.ts';

export interface ServiceDeps {
  tickets: TicketRepository;
  /** Reference data, QR locations and staff accounts (functions/src/store/org.ts). */
  org: ReferenceSource & Pick<OrgStore, 'location' | 'staff' | 'staffStatus'>;
  tokens: TokenService;
  /** The only clock of the backend: tests and benchmarks pass their own. */
  now: () => number;
  /** How long reference data (units, categories, calendar) is cached in a warm Lambda. */
  referenceTtlMs?: number;
  /** The warm Lambda's reference data (functions/src/app/runtime.ts, coreFromEnv), shared so it is cached once; by default one of its own. */
  referenceData?: ReferenceData;
  /** Photos, consents and followers ("me too"); without them requests carry unchecked photo keys and residents see only their own. */
  resident?: ResidentHooks;
  /** Risk early warning (functions/src/app/supervision/risk.ts): a new request's risk check is queued with it, a reopening's warning written with it. */
  risk?: RiskHook;
  /**
   * Without `risk`: a new request's risk check alone, queued with it (functions/src/app/supervision/risk-check-queue.ts),
   * for a function that files but never reopens requests; reopenings are then not evaluated.
   */
  riskCheck?: FilingDeps['risk'];
  /** Days after closing the resident may still rate and reopen (default 7; env RATING_WINDOW_DAYS). */
  ratingWindowDays?: number;
  /** Mediation teams (functions/src/admin/org/mediators.ts): checks a resident's choice on a dispute category. */
  mediators?: { chosen(locationId: string, mediatorId: string | undefined): Promise<{ id: string; name: string; contact: string } | undefined> };
  /**
   * Tells the admins that a request was filed with provisional (预计) deadlines because a year
   * is not loaded (functions/src/admin/calendar-alerts.ts). Best effort: never fails the request.
   */
  calendarAlert?: (years: number[], ticketId: string, at: string) => Promise<void>;
}

/**
 * A façade over the ticket use cases, which live in modules by domain act:
 * `sessions/` (who is calling), `filing/` (one filing path), `commands/` (working a
 * ticket), `reading/` (details, lists, reference views), `sweeping/` (the SLA sweep),
 * with `reference.ts` (units, categories, calendar, cached) and `visibility.ts` (who may
 * see what) used by all of them. It builds them from one set of dependencies and keeps the
 * existing call sites (handlers, workbench, Open311, tests) working; new code should use
 * the modules.
 */
export class MashangService {
  private readonly reference: ReferenceData;
  private readonly visibility: Visibility;
  private readonly sessions: Sessions;
  private readonly reading: TicketReading;
  private readonly referenceViews: ReferenceViews;
  private readonly filing: Filing;

  constructor(private readonly deps: ServiceDeps) {
    this.reference = deps.referenceData ?? new ReferenceData({ source: deps.org, now: deps.now, ttlMs: deps.referenceTtlMs });
    const units = async () => (await this.reference.ref()).units;
    const reference = () => this.reference.ref();
    const resident = deps.resident;
    this.visibility = new Visibility({ units, ...(resident ? { isFollower: (t, r) => resident.isFollower(t, r) } : {}) });
    this.sessions = new Sessions({ org: deps.org, tokens: deps.tokens, now: deps.now, units });
    this.reading = new TicketReading({ tickets: deps.tickets, now: deps.now, reference, visibility: this.visibility, ratingWindowDays: deps.ratingWindowDays, resident });
    this.referenceViews = new ReferenceViews({ reference: this.reference, location: (id) => deps.org.location(id), now: deps.now });
    this.filing = new Filing({
      tickets: deps.tickets,
      now: deps.now,
      reference,
      resident,
      risk: deps.risk ?? deps.riskCheck,
      calendarAlert: deps.calendarAlert,
      reading: this.reading,
      categories: this.reference,
      // QR locations cached in the warm Lambda like the reference data (filing/filing.ts).
      location: cachedLocations((id) => deps.org.location(id), deps.now, deps.referenceTtlMs),
      mediators: deps.mediators,
    });
  }

  /** Units, categories and the calendar, cached briefly: they change rarely and are read on every request. */
  ref(): Promise<Reference> {
    return this.reference.ref();
  }

  /** What list items and details are drawn with: units, categories, now, the rating window (reading/tickets.ts). */
  viewContext(): Promise<ViewContext> {
    return this.reading.viewContext();
  }

  /** Days after closing the resident may still rate and reopen (undefined: the default). */
  get ratingWindowDays(): number | undefined {
    return this.deps.ratingWindowDays;
  }

  // ---- sessions (sessions/sessions.ts) ----------------------------------------

  deviceSession(): Promise<SessionReply> {
    return this.sessions.deviceSession();
  }

  staffLogin(username: string, password: string): Promise<SessionReply> {
    return this.sessions.staffLogin(username, password);
  }

  staffSession(account: StaffAccount): Promise<SessionReply> {
    return this.sessions.staffSession(account);
  }

  authenticate(token: string): Promise<Actor> {
    return this.sessions.authenticate(token);
  }

  // ---- reference (reading/reference-views.ts) -----------------------------------

  location(id: string): Promise<LocationView> {
    return this.referenceViews.location(id);
  }

  categories(): Promise<Category[]> {
    return this.referenceViews.categories();
  }

  units(actor: Actor): Promise<Unit[]> {
    return this.referenceViews.units(actor);
  }

  promisedDeadlines(categoryCode: string, receivedAt?: string): Promise<PromisedDeadlines> {
    return this.referenceViews.promisedDeadlines(categoryCode, receivedAt);
  }

  // ---- filing (filing/) -----------------------------------------------------------

  /**
   * Files a request from a QR location, or at `at` for one filed without a QR code (near.ts). Idempotent on `clientToken`.
   * `counts`: rate-limit hits written with the new request (RateLimiter.counted), so a create is one write.
   */
  createTicket(actor: Actor, raw: CreateTicketInput, at?: FiledAt, counts?: readonly SideWrite[]): Promise<{ ticket: TicketDetail; created: boolean }> {
    return this.filing.fromQr(actor, raw, at, counts);
  }

  /** The one filing path (filing/file-request.ts): residents, grid workers, the operator desk and integrations. */
  fileRequest(actor: Actor, request: FilingRequest): Promise<Filed> {
    return this.filing.file(actor, request);
  }

  filedReply(actor: Actor, filed: Filed): Promise<{ ticket: TicketDetail; created: boolean }> {
    return this.filing.reply(actor, filed);
  }

  alertCalendar(ticket: Ticket): Promise<void> {
    return alertCalendar(this.deps, ticket);
  }

  /** Risk early warning: the warning to write with a created or reopened request (none when no rule fires or no risk service is wired). */
  riskWrites(trigger: RiskTrigger, ticket: Ticket, texts: string[]): Promise<SideWrite[]> {
    return this.deps.risk ? this.deps.risk.writesFor(trigger, ticket, texts) : Promise.resolve([]);
  }

  /**
   * The photo keys a request or a resolution may carry: each one uploaded by this actor
   * and really a photo (PHOTO_INVALID otherwise). Without photo storage wired (some
   * tests) keys pass unchecked.
   */
  async verifiedPhotos(actor: Actor, keys: readonly string[] | undefined): Promise<VerifiedPhotos> {
    if (!keys?.length) return { keys: [], untagged: [] };
    return this.deps.resident ? this.deps.resident.verifyPhotos(actor, keys) : { keys: [...keys], untagged: [] };
  }

  // ---- visibility and reading (visibility.ts, reading/) -----------------------------

  canSee(actor: Actor, ticket: Ticket): Promise<boolean> {
    return this.visibility.canSee(actor, ticket);
  }

  ticketDetail(actor: Actor, id: string): Promise<TicketDetail> {
    return this.reading.ticketDetail(actor, id);
  }

  /** A ticket with this history as `actor` sees it, photos as links (for a reply after a change the caller made). */
  detail(ticket: Ticket, events: TicketEvent[], actor: Actor): Promise<TicketDetail> {
    return this.reading.detail(ticket, events, actor);
  }

  myTickets(actor: Actor, cursor: string | undefined, limit: number): Promise<TicketListReply> {
    return this.reading.myTickets(actor, cursor, limit);
  }

  // ---- working a ticket (commands/command.ts) -----------------------------------------

  command(actor: Actor, id: string, command: Command, expectedVersion?: number): Promise<TicketDetail> {
    return runCommand(
      {
        tickets: this.deps.tickets,
        now: this.deps.now,
        org: this.deps.org,
        reference: this.reference,
        visibility: this.visibility,
        reading: this.reading,
        verifiedPhotos: (actor, keys) => this.verifiedPhotos(actor, keys),
        risk: this.deps.risk,
        ratingWindowDays: this.deps.ratingWindowDays,
      },
      actor,
      id,
      command,
      expectedVersion,
    );
  }

  // ---- the sweeper (sweeping/sweep.ts) ------------------------------------------------

  sweep(opts: { pageSize?: number; maxTickets?: number } = {}): Promise<SweepReport> {
    return sweep({ tickets: this.deps.tickets, now: this.deps.now, reference: () => this.reference.ref() }, opts);
  }
}
