import { createHash, randomInt } from 'node:crypto';
import {
  AppError,
  centreOf,
  filingChannel,
  fromEpochMs,
  isWithin,
  revealPhone as decidePhoneView,
  type Actor,
  type InboxReply,
  type InviteReply,
  type Location,
  type RevealPhoneReply,
  type Role,
  type SessionReply,
  type StaffCreateTicketInput,
  type TicketDetail,
  type Unit,
} from '@mashang/shared';
import { StaffCreateTicketInputSchema, type StaffInboxQuerySchema } from '@mashang/shared/contracts/staff';
import type * as z from 'zod/mini';
import type { WeChatLogin } from '../adapters/wechat.ts';
import type { InboxStore } from '../store/inbox.ts';
import type { OrgStore } from '../store/org.ts';
import type { StaffStore } from '../store/staff.ts';
import type { TicketRepository } from '../ports/tickets.ts';
import type { FilingActs, StaffSessions, TicketViews } from './acts.ts';
import type { ReferenceReader } from './reference.ts';
import { staffUnitOf, type Visibility } from './visibility.ts';
import { StoreError } from '../ports/errors.ts';
import { toListItem, type ViewContext } from './reading/views.ts';
import type { DeskEntry } from './filing/desk.ts';

/**
 * What the workbench asks of the other use cases, in the domain's words: reference data,
 * visibility, drawing tickets, filing and staff sessions (the composition passes the
 * MashangService façade, which serves all of them for now).
 */
export type WorkbenchActs = ReferenceReader & Pick<Visibility, 'canSee'> & TicketViews & FilingActs & StaffSessions;

export interface WorkbenchDeps {
  service: WorkbenchActs;
  tickets: TicketRepository;
  inbox: InboxStore;
  staff: StaffStore;
  org: OrgStore;
  /** The backend's clock; tests pass their own. */
  now: () => number;
  /** code2Session; absent where WeChat is not configured (then binding and WeChat sign-in answer 503). */
  wechat?: WeChatLogin;
  /** 12345 work-order numbers (one request per work order) and the desk's referenced requests (desk.ts). */
  desk?: DeskEntry;
}

/** The inbox query as parsed at the boundary. */
export type InboxParams = z.output<typeof StaffInboxQuerySchema>;

/** Roles that work requests from a unit's inbox. */
const INBOX_ROLES: ReadonlySet<Role> = new Set(['handler', 'supervisor', 'grid_worker', 'operator']);
/** Roles that file requests for somebody else (grid workers on patrol, the 12345/110/信访 desk, a street office's front desk). */
const FILING_ROLES: ReadonlySet<Role> = new Set(['grid_worker', 'operator', 'handler', 'supervisor']);

const INVITE_TTL_MS = 72 * 3600_000;
/** No 0/O, 1/I: read out over the phone or copied from a chat without mistakes. */
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Why binding failed in the store's transaction, in the words the staff member reads. */
const BIND_REFUSALS = {
  wechat_taken: () => new AppError('INVITE_INVALID', '该微信已绑定其他工作人员账号，请联系管理员'),
  account_unavailable: () => new AppError('INVITE_INVALID', '账号不存在或已停用，请联系管理员'),
  invite_unusable: () => new AppError('INVITE_INVALID', '邀请码无效、已使用或已过期，请向管理员重新申请', [{ path: 'inviteCode', message: '邀请码无效、已使用或已过期' }]),
} as const;

const hashCode = (code: string): string => createHash('sha256').update(code).digest('hex');

/**
 * The staff workbench's use cases beyond the single-ticket commands (those go through
 * `command` of commands/command.ts): the inbox by deadline with filters and counts, the
 * recorded phone reveal, filing for residents (grid workers, the operator desk) including
 * 办小事 on the spot, and staff identity by invite code and WeChat.
 */
export class Workbench {
  constructor(private readonly deps: WorkbenchDeps) {}

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  private viewContext(): Promise<ViewContext> {
    return this.deps.service.viewContext();
  }

  private staffUnit(actor: Actor, roles: ReadonlySet<Role>, what: string): string {
    return staffUnitOf(actor, roles, what);
  }

  // ---- inbox ------------------------------------------------------------------

  /** The actor's unit's open requests, next deadline first, filtered, with the unit's counts by status. */
  async inbox(actor: Actor, q: InboxParams): Promise<InboxReply> {
    const unitId = this.staffUnit(actor, INBOX_ROLES, '查看待办');
    const [page, counts, ctx] = await Promise.all([
      this.deps.inbox.page(unitId, q.sort, { status: q.status, categoryCode: q.category, urgent: q.urgent, assigneeId: q.mine ? actor.id : undefined }, q.cursor, q.limit),
      this.deps.inbox.counts(unitId),
      this.viewContext(),
    ]);
    return {
      items: page.items.map((t) => ({ ...toListItem(t, ctx), assigneeId: t.assignee?.id, assigneeName: t.assignee?.name })),
      nextCursor: page.nextCursor,
      counts,
    };
  }

  // ---- phone ------------------------------------------------------------------

  /**
   * The full phone number, for the handler working the request only; every reveal is a
   * `phone_viewed` event in the history. A request the actor may not see is a 404.
   */
  async revealPhone(actor: Actor, id: string): Promise<RevealPhoneReply> {
    for (let attempt = 0; ; attempt++) {
      const ticket = await this.deps.tickets.get(id);
      if (!ticket || !(await this.deps.service.canSee(actor, ticket))) throw new AppError('TICKET_NOT_FOUND', '未找到该诉求');
      const decision = decidePhoneView(ticket, actor, this.nowIso());
      try {
        await this.deps.tickets.save(ticket, decision);
      } catch (err) {
        // The view changes nothing but the history: a concurrent change just means read again.
        if (err instanceof AppError && err.code === 'CONFLICT' && attempt < 2) continue;
        throw err;
      }
      const saved = await this.deps.tickets.getWithEvents(id);
      // The detail as every other reply shows it: photos as links (reading/tickets.ts).
      return { phone: ticket.phone!, ticket: await this.deps.service.detail(saved!.ticket, saved!.events, actor) };
    }
  }

  // ---- filing for residents -----------------------------------------------------

  /** The QR locations of a grid in the actor's area (a grid worker's own grid by default). */
  async locations(actor: Actor, gridId: string | undefined): Promise<Array<Pick<Location, 'id' | 'name' | 'address' | 'gridId' | 'gridName' | 'communityName' | 'centreName'>>> {
    const unitId = this.staffUnit(actor, FILING_ROLES, '查看网格地点');
    const grid = await this.gridInScope(actor, unitId, gridId);
    const items = await this.deps.staff.locationsOfGrid(grid.id);
    return items.map((l) => ({ id: l.id, name: l.name, address: l.address, gridId: l.gridId, gridName: l.gridName, communityName: l.communityName, centreName: l.centreName }));
  }

  private async gridInScope(actor: Actor, unitId: string, gridId: string | undefined): Promise<Unit> {
    const { units } = await this.deps.service.ref();
    const own = units.get(unitId);
    const id = gridId ?? (own?.kind === 'grid' ? own.id : undefined);
    if (!id) throw new AppError('VALIDATION_FAILED', '请选择网格', [{ path: 'gridId', message: '请选择网格' }]);
    const grid = units.get(id);
    if (!grid || grid.kind !== 'grid') throw new AppError('UNIT_NOT_FOUND', '网格不存在', [{ path: 'gridId', message: '请选择有效的网格' }]);
    if (!isWithin(grid, unitId)) throw new AppError('FORBIDDEN', '只能登记本辖区内的诉求');
    return grid;
  }

  /**
   * Files a request for a resident: a grid worker on patrol (网格上报, optionally handled
   * on the spot), or an operator entering a call, a police transfer, a letter or a visit.
   * It enters the same lifecycle and clocks as a QR request, in the inbox of the street
   * office responsible for the location or grid. Idempotent on `clientToken`.
   */
  async fileTicket(actor: Actor, raw: StaffCreateTicketInput): Promise<{ ticket: TicketDetail; created: boolean }> {
    const unitId = this.staffUnit(actor, FILING_ROLES, '代为登记诉求');
    const input = StaffCreateTicketInputSchema.parse(raw);
    const channel = filingChannel(actor.role, input.channel, input.onSpot !== undefined);
    const replay = await this.deps.tickets.findByClientToken(input.clientToken);
    if (replay) return { ticket: await this.deps.service.ticketDetail(actor, replay.ticketId), created: false };

    const ref = await this.deps.service.ref();
    let location: Location | undefined;
    if (input.locationId) {
      location = await this.deps.org.location(input.locationId);
      if (!location) throw new AppError('LOCATION_NOT_FOUND', '未找到该地点', [{ path: 'locationId', message: '请选择有效的地点' }]);
    }
    const grid = await this.gridInScope(actor, unitId, location?.gridId ?? input.gridId);
    const centreId = location?.centreUnitId ?? centreOf(grid, ref.units)?.id;
    if (!centreId) throw new AppError('UNIT_NOT_FOUND', '该网格没有对应的街道（乡镇）综治中心', [{ path: 'gridId', message: '该网格没有对应的街道' }]);
    const category = ref.categories.get(input.categoryCode);
    if (!category) throw new AppError('CATEGORY_NOT_FOUND', '诉求类别不存在', [{ path: 'categoryCode', message: '请选择有效的诉求类别' }]);

    // The desk's 12345 work-order number and referenced earlier requests (desk.ts), checked before anything is written.
    const desk = await this.deps.desk?.check(actor, channel, input);
    // The one filing path (functions/src/app/filing/file-request.ts): photos must be this staff member's own uploads.
    const filed = await this.deps.service.fileRequest(actor, {
      clientToken: input.clientToken,
      channel,
      category,
      description: input.description,
      phone: input.phone,
      contactName: input.contactName,
      anonymous: input.anonymous,
      residentId: undefined,
      urgent: input.urgent || category.urgent === true,
      place: { locationId: location?.id, locationName: location ? (input.place ? `${location.name}（${input.place}）` : location.name) : input.place!, gridId: grid.id, coordinatorUnitId: centreId },
      photos: input.photos,
      ...(input.onSpot ? { onSpot: input.onSpot } : {}),
      ...(desk ? { desk: desk.fields, sideWrites: (t) => desk.writes(t.id, t.receivedAt) } : {}),
    });
    return this.deps.service.filedReply(actor, filed);
  }

  // ---- staff identity -------------------------------------------------------------

  /**
   * An admin issues a one-time invite code (72 hours) for a staff account of their
   * subtree; the staff member binds their WeChat identity with it once. Only the code's
   * hash is stored.
   */
  async createInvite(actor: Actor, username: string): Promise<InviteReply> {
    const adminUnit = this.staffUnit(actor, new Set<Role>(['admin']), '生成邀请码');
    const account = await this.deps.org.staff(username);
    const { units } = await this.deps.service.ref();
    const unit = account ? units.get(account.unitId) : undefined;
    // An account outside the admin's subtree is reported as missing, so accounts cannot be probed.
    if (!account || !unit || !isWithin(unit, adminUnit)) throw new AppError('NOT_FOUND', '账号不存在', [{ path: 'username', message: '本单位没有该账号' }]);
    const code = Array.from({ length: 8 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');
    const now = this.deps.now();
    const expiresAt = fromEpochMs(now + INVITE_TTL_MS);
    await this.deps.staff.putInvite(hashCode(code), { username: account.username, createdBy: actor.id, createdAt: fromEpochMs(now), expiresAt });
    return { code, username: account.username, name: account.name, expiresAt };
  }

  private wechat(): NonNullable<WorkbenchDeps['wechat']> {
    if (!this.deps.wechat) throw new AppError('IDENTITY_UNAVAILABLE', '本环境未配置微信登录，请使用账号密码登录');
    return this.deps.wechat;
  }

  /** Binds the caller's WeChat identity to the invite's staff account and signs them in. */
  async bindWechat(inviteCode: string, wxCode: string): Promise<SessionReply> {
    const wechat = this.wechat();
    const codeHash = hashCode(inviteCode);
    const invite = await this.deps.staff.invite(codeHash);
    const now = this.nowIso();
    if (!invite || invite.usedAt || invite.expiresAt <= now) {
      throw new AppError('INVITE_INVALID', '邀请码无效、已使用或已过期，请向管理员重新申请', [{ path: 'inviteCode', message: '邀请码无效、已使用或已过期' }]);
    }
    const { openid } = await wechat.code2Session(wxCode);
    const account = await this.deps.org.staff(invite.username);
    if (!account || account.disabled) throw new AppError('INVITE_INVALID', '账号不存在或已停用，请联系管理员');
    try {
      await this.deps.staff.bind({ codeHash, username: account.username, openid, previousOpenid: account.wechatOpenid, now });
    } catch (err) {
      // The store says which condition failed (a code, no words); what the staff member is told is decided here.
      if (err instanceof StoreError && err.reason in BIND_REFUSALS) throw BIND_REFUSALS[err.reason as keyof typeof BIND_REFUSALS]();
      throw err;
    }
    return this.deps.service.staffSession(account);
  }

  /** Signs in a staff member by their bound WeChat identity; STAFF_NOT_BOUND asks the client for an invite code. */
  async wechatLogin(wxCode: string): Promise<SessionReply> {
    const { openid } = await this.wechat().code2Session(wxCode);
    const username = await this.deps.staff.usernameByOpenid(openid);
    const account = username ? await this.deps.org.staff(username) : undefined;
    // The account must still point back at this identity: a rebinding releases the old one.
    if (!account || account.wechatOpenid !== openid) throw new AppError('STAFF_NOT_BOUND', '该微信尚未绑定工作人员账号，请输入管理员发给您的邀请码');
    return this.deps.service.staffSession(account);
  }
}
