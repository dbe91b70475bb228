import {
  AppError,
  CLOCK_LONG_LABELS,
  CLOCKS,
  computeClocks,
  decide,
  describePromise,
  dueCheckpoints,
  fromEpochMs,
  localDateOf,
  resolvePolicy,
  STAFF_ROLES,
  SYSTEM_ACTOR,
  type Actor,
  type Category,
  type Command,
  type Decision,
  type TicketEvent,
  type CreateTicketInput,
  type LocationView,
  type PromisedDeadlines,
  type SessionReply,
  type StaffRole,
  type RiskTrigger,
  type Ticket,
  type TicketDetail,
  type TicketListReply,
  type Unit,
  type WorkCalendar,
  wasInvolved,
  foldDecisions,
  inCommandScope,
  dispatchTargetAllowed,
  noteAfterCommand,
  isProvisional,
} from '@mashang/shared';
import { CreateTicketInputSchema } from '@mashang/shared/contracts';
import { MEDIATION_CATEGORIES } from '@mashang/shared/admin-org';
import type { OrgStore, StaffAccount } from '../store/org.ts';
import { alertCalendar, fileRequest, type Filed, type FilingRequest } from './filing/file-request.ts';
import { categoryPolicyOf, ReferenceData, type Reference, type ReferenceSource } from './reference.ts';
import { Visibility } from './visibility.ts';
import type { SideWrite, TicketRepository } from '../ports/tickets.ts';
import { verifyPassword } from './passwords.ts';
import type { TokenService } from './tokens.ts';
import { toDetail, toListItem, type ViewContext } from './views.ts';
import type { ResidentHooks } from './resident.ts';
import { mergeLinks } from './merge.ts';
import type { RiskHook } from './risk.ts';

export interface ServiceDeps {
  tickets: TicketRepository;
  /** Reference data, QR locations and staff accounts (functions/src/store/org.ts). */
  org: ReferenceSource & Pick<OrgStore, 'location' | 'staff' | 'staffStatus'>;
  tokens: TokenService;
  /** The only clock of the backend: tests and benchmarks pass their own. */
  now: () => number;
  /** How long reference data (units, categories, calendar) is cached in a warm Lambda. */
  referenceTtlMs?: number;
  /** Photos, consents and followers ("me too"); without them requests carry unchecked photo keys and residents see only their own. */
  resident?: ResidentHooks;
  /** Risk early warning (functions/src/app/risk.ts): a warning is written with the request that trips a rule. */
  risk?: RiskHook;
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

const STAFF_TOKEN_TTL = 12 * 3600;
const DEVICE_TOKEN_TTL = 365 * 24 * 3600;

/** Result of one sweep: what it read and what it recorded, for logs and the benchmark. */
export interface SweepReport {
  due: number;
  itemsRead: number;
  recorded: number;
  warnings: number;
  breaches: number;
  conflicts: number;
  queries: number;
}

/**
 * The backend's use cases. Each one loads, asks the pure domain (`decide`),
 * and saves; none of them knows about HTTP.
 */
export class MashangService {
  private readonly reference: ReferenceData;
  private readonly visibility: Visibility;
  constructor(private readonly deps: ServiceDeps) {
    this.reference = new ReferenceData({ source: deps.org, now: deps.now, ttlMs: deps.referenceTtlMs });
    const resident = deps.resident;
    this.visibility = new Visibility({ units: async () => (await this.ref()).units, ...(resident ? { isFollower: (t, r) => resident.isFollower(t, r) } : {}) });
  }

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  /** Units, categories and the calendar, cached briefly: they change rarely and are read on every request. */
  ref(): Promise<Reference> {
    return this.reference.ref();
  }

  /** Days after closing the resident may still rate and reopen (undefined: the default). */
  get ratingWindowDays(): number | undefined {
    return this.deps.ratingWindowDays;
  }

  private async viewContext(): Promise<ViewContext> {
    const ref = await this.ref();
    return { units: ref.units, categories: ref.categories, now: this.nowIso(), ratingWindowDays: this.deps.ratingWindowDays };
  }

  // ---- identity -------------------------------------------------------------

  /** An anonymous resident identity for H5 and local use, issued and signed by the server. */
  async deviceSession(): Promise<SessionReply> {
    const actor: Actor = { id: `dev-${crypto.randomUUID()}`, role: 'resident', name: '居民' };
    const { token, expiresAt } = await this.deps.tokens.issue(actor, DEVICE_TOKEN_TTL, this.deps.now());
    return { token, expiresAt, actor };
  }

  async staffLogin(username: string, password: string): Promise<SessionReply> {
    const account = await this.deps.org.staff(username);
    // Verify against a dummy hash when the account is unknown so timing does not reveal which accounts exist.
    const ok = account && !account.disabled ? await verifyPassword(password, account.passwordHash) : await verifyPassword(password, DUMMY_HASH).then(() => false);
    if (!account || !ok) throw new AppError('LOGIN_FAILED', '账号或密码错误');
    return this.staffSession(account);
  }

  /** A signed session for a staff account that proved who it is (password, or a bound WeChat identity). */
  async staffSession(account: StaffAccount): Promise<SessionReply> {
    if (account.disabled) throw new AppError('LOGIN_FAILED', '账号已停用，请联系管理员');
    const ref = await this.ref();
    const unit = ref.units.get(account.unitId);
    if (!unit) throw new AppError('FORBIDDEN', '账号所属单位不存在，请联系管理员');
    const role = primaryRole(account.roles);
    const actor: Actor = { id: account.username, role, name: account.name, unitId: account.unitId };
    const { token, expiresAt } = await this.deps.tokens.issue(actor, STAFF_TOKEN_TTL, this.deps.now(), account.sessionVersion);
    return { token, expiresAt, actor, staff: { id: account.username, name: account.name, roles: account.roles, unit } };
  }

  /**
   * The actor of a signed session. A staff session also needs its account to be active
   * and unchanged since sign-in (one strongly consistent GetItem of two attributes): a
   * deactivation, password reset or role/unit change by an admin ends it at once, not
   * when the 12-hour token expires.
   */
  async authenticate(token: string): Promise<Actor> {
    const { actor, sessionVersion } = await this.deps.tokens.verifySession(token, this.deps.now());
    if (actor.role === 'resident' || actor.role === 'system') return actor;
    const status = await this.deps.org.staffStatus(actor.id);
    if (!status || status.disabled || status.sessionVersion !== sessionVersion) throw new AppError('UNAUTHENTICATED', '账号已停用或登录已失效，请重新登录');
    return actor;
  }

  // ---- reference ------------------------------------------------------------

  async location(id: string): Promise<LocationView> {
    const loc = await this.deps.org.location(id);
    if (!loc) throw new AppError('LOCATION_NOT_FOUND', '未找到该二维码对应的地点，请确认二维码是否完整');
    return { id: loc.id, name: loc.name, address: loc.address, gridName: loc.gridName, communityName: loc.communityName, centreName: loc.centreName };
  }

  async categories(): Promise<Category[]> {
    return [...(await this.ref()).categories.values()];
  }

  /** The unit tree, for staff choosing where to dispatch. */
  async units(actor: Actor): Promise<Unit[]> {
    if (actor.role === 'resident') throw new AppError('FORBIDDEN', '仅工作人员可查看单位');
    // Deactivated units stay in the reference data (old requests name them) but are offered no more.
    return [...(await this.ref()).units.values()].filter((u) => !u.disabled);
  }

  private category(code: string): Promise<Category> {
    return this.reference.category(code);
  }

  /** The four deadlines a resident is promised before submitting. */
  async promisedDeadlines(categoryCode: string, receivedAt?: string): Promise<PromisedDeadlines> {
    const category = await this.category(categoryCode);
    const { calendar } = await this.ref();
    const t0 = receivedAt ? fromEpochMs(Date.parse(receivedAt)) : this.nowIso();
    const policy = resolvePolicy(category.policy);
    const clocks = computeClocks(t0, policy, calendar);
    const missing = calendar.missingYears(localDateOf(t0), localDateOf(clocks.followUp.dueAt));
    return {
      categoryCode,
      receivedAt: t0,
      deadlines: CLOCKS.map((clock) => ({
        clock,
        label: CLOCK_LONG_LABELS[clock],
        dueAt: clocks[clock].dueAt,
        promise: describePromise(clock, policy),
        ...(isProvisional({ clocks, calendarMissingYears: missing }, clock) ? { provisional: true } : {}),
      })),
      calendarMissingYears: missing,
    };
  }

  // ---- tickets --------------------------------------------------------------

  /** Files a request from a QR location. Idempotent on `clientToken`. */
  async createTicket(actor: Actor, raw: CreateTicketInput): Promise<{ ticket: TicketDetail; created: boolean }> {
    const input = CreateTicketInputSchema.parse(raw);
    const replay = await this.deps.tickets.findByClientToken(input.clientToken);
    if (replay) return this.replay(actor, replay);
    const location = await this.deps.org.location(input.locationId);
    if (!location) throw new AppError('LOCATION_NOT_FOUND', '未找到该二维码对应的地点，请确认二维码是否完整');
    const category = await this.category(input.categoryCode);
    // Urgency comes from the category (安全隐患 carries the urgent policy). A resident's own
    // "urgent" flag selects nothing: a self-declared flag with no stricter clock would only
    // be a label (see README, "The resident's urgent flag"). Staff filing on patrol may flag it.
    const urgent = category.urgent === true || (actor.role !== 'resident' && input.urgent);
    const chosen = input.mediatorId && MEDIATION_CATEGORIES.includes(category.code) ? await this.deps.mediators?.chosen(location.id, input.mediatorId) : undefined;
    const mediator = chosen ? { id: chosen.id, name: chosen.name, contact: chosen.contact } : undefined;
    const filed = await this.fileRequest(actor, {
      clientToken: input.clientToken,
      channel: actor.role === 'grid_worker' ? 'grid' : 'qr',
      category,
      description: input.description,
      phone: input.phone,
      contactName: input.contactName,
      anonymous: input.anonymous,
      residentId: actor.role === 'resident' ? actor.id : undefined,
      urgent,
      place: { locationId: location.id, locationName: location.name, gridId: location.gridId, coordinatorUnitId: location.centreUnitId },
      photos: input.photos,
      ...(mediator ? { mediator } : {}),
      subscriptions: input.subscriptions,
    });
    return this.filedReply(actor, filed);
  }

  /**
   * The one filing path (functions/src/app/filing/file-request.ts) with this service's
   * store, clock, photos, consents, risk rules and calendar alerts: residents, grid workers,
   * the operator desk and integrations all file through it.
   */
  fileRequest(actor: Actor, request: FilingRequest): Promise<Filed> {
    return fileRequest(
      { tickets: this.deps.tickets, now: this.deps.now, reference: () => this.ref(), resident: this.deps.resident, risk: this.deps.risk, calendarAlert: this.deps.calendarAlert },
      actor,
      request,
    );
  }

  /** The filer's reply: the new request as the filer sees it (photos as links), or the one its client token filed before. */
  async filedReply(actor: Actor, filed: Filed): Promise<{ ticket: TicketDetail; created: boolean }> {
    if (!filed.created) return this.replay(actor, { ticketId: filed.ticketId });
    const { decision } = filed;
    return { ticket: await this.present(toDetail(decision.ticket, withSeq(decision, 1), actor, await this.viewContext())), created: true };
  }

  private async replay(actor: Actor, existing: { ticketId: string; residentId?: string }): Promise<{ ticket: TicketDetail; created: boolean }> {
    if (existing.residentId !== undefined && existing.residentId !== actor.id) throw new AppError('IDEMPOTENCY_MISMATCH', '该请求标识已被使用');
    return { ticket: await this.ticketDetail(actor, existing.ticketId), created: false };
  }

  /** Whether `actor` may see `ticket`: its resident, or staff whose unit subtree holds one of its units. */
  canSee(actor: Actor, ticket: Ticket): Promise<boolean> {
    return this.visibility.canSee(actor, ticket);
  }

  /** A ticket the actor may not see is reported as missing, so ids cannot be probed. */
  async ticketDetail(actor: Actor, id: string): Promise<TicketDetail> {
    const found = await this.deps.tickets.getWithEvents(id);
    if (!found || !(await this.canSee(actor, found.ticket))) throw new AppError('TICKET_NOT_FOUND', '未找到该诉求');
    return this.present(toDetail(found.ticket, found.events, actor, await this.viewContext()));
  }

  /**
   * The photo keys a request or a resolution may carry: each one uploaded by this actor
   * and really a photo (PHOTO_INVALID otherwise). Without photo storage wired (some
   * tests) keys pass unchecked.
   */
  async verifiedPhotos(actor: Actor, keys: readonly string[] | undefined): Promise<string[]> {
    if (!keys?.length) return [];
    return this.deps.resident ? this.deps.resident.verifyPhotos(actor, keys) : [...keys];
  }

  /** Stored photo keys become links the viewer can open (when photo storage is wired). */
  private present(detail: TicketDetail): Promise<TicketDetail> {
    return this.deps.resident ? this.deps.resident.present(detail) : Promise.resolve(detail);
  }

  /** Applies a command: unit scope here, role and status in the pure state machine, version in the store. */
  async command(actor: Actor, id: string, command: Command, expectedVersion?: number): Promise<TicketDetail> {
    // One query reads the ticket and its history: the history answers "was this actor involved"
    // and, with the new events appended, makes the reply without reading again after the write.
    const found = await this.deps.tickets.getWithEvents(id);
    const ticket = found?.ticket;
    const stale = ticket !== undefined && expectedVersion !== undefined && expectedVersion !== ticket.version;
    if (!ticket || !(await this.canSee(actor, ticket))) {
      // A colleague's change (a return, an escalation) may just have moved the request out of the
      // actor's units: for a unit that worked on it that is a lost race (409); for anybody else, missing.
      const lostRace = stale && wasInvolved(found?.events ?? [], actor, (await this.ref()).units);
      throw lostRace ? new AppError('CONFLICT', '该诉求刚被其他人处理过，已转至其他单位') : new AppError('TICKET_NOT_FOUND', '未找到该诉求');
    }
    if (stale) throw new AppError('CONFLICT', '该诉求刚被其他人处理过，请刷新后重试');
    const ref = await this.ref();
    await this.checkUnitScope(actor, ticket, command, ref);
    // Feedback photos must be the actor's own uploads, like a resident's.
    if (command.type === 'resolve' && command.photos?.length) command = { ...command, photos: await this.verifiedPhotos(actor, command.photos) };
    const now = this.nowIso();
    const decided = decide(ticket, command, actor, now, {
      calendar: ref.calendar,
      categoryPolicy: categoryPolicyOf(ref.categories),
      parentUnitId: ref.units.get(ticket.currentUnitId)?.parentId,
      ratingWindowDays: this.deps.ratingWindowDays,
    });
    // A reopening, extension or re-classification recomputes working-day deadlines: 预计 follows the calendar used.
    const decision = { ...decided, ticket: noteAfterCommand(ticket, decided.ticket, ref.calendar) };
    // Merging a duplicate also changes its target, in the same transaction (see workbench.ts).
    const linked = command.type === 'merge' ? await mergeLinks(this.deps.tickets, (t) => this.canSee(actor, t), actor, decision.ticket, command.intoTicketId, now) : [];
    // Risk early warning on a reopening (functions/src/app/risk.ts), in the same transaction.
    const risk = command.type === 'reopen' ? await this.riskWrites('reopened', decision.ticket, [command.reason]) : [];
    await this.deps.tickets.save(ticket, decision, [...linked, ...risk]);
    // The reply shows the result even when the command moved the ticket out of the actor's sight (a return).
    const events = [...found!.events, ...withSeq(decision, ticket.eventCount + 1)];
    return this.present(toDetail(decision.ticket, events, actor, await this.viewContext()));
  }

  /** A request filed with provisional deadlines alerts the admins (once per year, counted); never throws. */
  alertCalendar(ticket: Ticket): Promise<void> {
    return alertCalendar(this.deps, ticket);
  }

  /**
   * Risk early warning: the warning rows to write with a created or reopened request
   * (none when no rule fires or no risk service is wired). Never throws.
   */
  riskWrites(trigger: RiskTrigger, ticket: Ticket, texts: string[]): Promise<SideWrite[]> {
    return this.deps.risk ? this.deps.risk.writesFor(trigger, ticket, texts) : Promise.resolve([]);
  }

  private async checkUnitScope(actor: Actor, ticket: Ticket, command: Command, ref: Reference): Promise<void> {
    if (actor.role === 'resident') return; // ownership was checked by canSee; the state machine checks the rest
    // The office that coordinates a request may record its return visit after the department resolved it.
    if (!inCommandScope(ticket, command.type, actor.unitId, ref.units)) throw new AppError('FORBIDDEN', '该诉求不在本单位办理范围内');
    if (command.type === 'dispatch') {
      const target = ref.units.get(command.unitId);
      if (!target || target.disabled) throw new AppError('UNIT_NOT_FOUND', '承办单位不存在', [{ path: 'command.unitId', message: '请选择有效的承办单位' }]);
      const from = ref.units.get(ticket.currentUnitId);
      if (from && target.id !== from.id && !dispatchTargetAllowed(target, from)) {
        throw new AppError('FORBIDDEN', '只能派单给本辖区的社区（村）或本区的职能部门', [{ path: 'command.unitId', message: '该单位不在本辖区' }]);
      }
      if (command.categoryCode && !ref.categories.has(command.categoryCode)) await this.category(command.categoryCode);
    }
  }

  private async listReply(page: { items: Ticket[]; nextCursor?: string }): Promise<TicketListReply> {
    const ctx = await this.viewContext();
    return { items: page.items.map((t) => toListItem(t, ctx)), nextCursor: page.nextCursor };
  }

  async inbox(actor: Actor, cursor: string | undefined, limit: number): Promise<TicketListReply> {
    if (!actor.unitId || actor.role === 'resident') throw new AppError('FORBIDDEN', '仅工作人员可查看待办');
    return this.listReply(await this.deps.tickets.inbox(actor.unitId, cursor, limit));
  }

  async myTickets(actor: Actor, cursor: string | undefined, limit: number): Promise<TicketListReply> {
    if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '仅居民可查看本人诉求');
    if (this.deps.resident) {
      // Own and joined ("me too") requests together, one index query.
      const page = await this.deps.resident.residentTickets(actor.id, cursor, limit);
      const reply = await this.listReply(page);
      return { ...reply, items: reply.items.map((item) => (page.followed.has(item.id) ? { ...item, followed: true } : item)) };
    }
    return this.listReply(await this.deps.tickets.byResident(actor.id, cursor, limit));
  }

  // ---- the sweeper ----------------------------------------------------------

  /**
   * Records every warning and breach that has come, exactly once. Reads only
   * the due index; each ticket is one conditional transaction, so a sweep
   * killed at any point and run again neither loses nor repeats a record.
   */
  async sweep(opts: { pageSize?: number; maxTickets?: number } = {}): Promise<SweepReport> {
    const now = this.nowIso();
    const { calendar } = await this.ref();
    const report: SweepReport = { due: 0, itemsRead: 0, recorded: 0, warnings: 0, breaches: 0, conflicts: 0, queries: 0 };
    const pageSize = opts.pageSize ?? 200;
    const maxTickets = opts.maxTickets ?? Number.POSITIVE_INFINITY;
    // The store reads the due tickets in lanes (DynamoDB: one per due shard); each lane page after page.
    await Promise.all(
      this.deps.tickets.due(now, pageSize).map(async (lane) => {
        for await (const page of lane) {
          report.queries++;
          report.itemsRead += page.read;
          for (const ticket of page.items) {
            if (report.due >= maxTickets) return;
            report.due++;
            await this.recordCheckpoints(ticket, now, calendar, report);
          }
        }
      }),
    );
    return report;
  }

  private async recordCheckpoints(ticket: Ticket, now: string, calendar: WorkCalendar, report: SweepReport): Promise<void> {
    let current = ticket;
    const decisions: Decision[] = [];
    for (const cp of dueCheckpoints(ticket.clocks, now)) {
      const d = decide(current, { type: 'record_checkpoint', clock: cp.clock, kind: cp.kind }, SYSTEM_ACTOR, now, { calendar });
      decisions.push(d);
      current = d.ticket;
    }
    if (decisions.length === 0) return;
    // All checkpoints of one ticket go in one write: fold the decisions into one.
    const merged = foldDecisions(decisions);
    try {
      await this.deps.tickets.save(ticket, merged);
      report.recorded += decisions.length;
      for (const d of decisions) {
        if (d.events[0]?.type === 'sla_breach') report.breaches++;
        else report.warnings++;
      }
    } catch (err) {
      // Somebody acted on the ticket meanwhile: the next sweep sees its new state.
      if (err instanceof AppError && err.code === 'CONFLICT') report.conflicts++;
      else throw err;
    }
  }
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function primaryRole(roles: StaffRole[]): StaffRole {
  for (const r of ['supervisor', 'handler', 'operator', 'grid_worker', 'admin'] as const) if (roles.includes(r)) return r;
  return roles[0] ?? STAFF_ROLES[0];
}

export { newTicketId } from './filing/file-request.ts';

/** A decision's new events as stored: numbered from `firstSeq`, as TicketStore numbers them. */
function withSeq(decision: Decision, firstSeq: number): TicketEvent[] {
  return decision.events.map((e, i) => ({ ...e, ticketId: decision.ticket.id, seq: firstSeq + i }));
}
