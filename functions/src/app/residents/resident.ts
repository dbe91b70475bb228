import {
  AppError,
  decideJoin,
  fromEpochMs,
  isJoinable,
  replacePhonesInText,
  PHOTO_LIMITS,
  STATUS_LABELS,
  type Actor,
  type ClientConfig,
  type PlaceView,
  type SessionReply,
  type SimilarTicket,
  type Ticket,
  type TicketDetail,
  type UploadRequest,
  type UploadTicket,
} from '@mashang/shared';
import type { WeChatLogin } from '../../adapters/wechat.ts';
import type { PlaceStore } from '../../store/places.ts';
import type { ResidentPage, ResidentRequests } from '../../ports/residents.ts';
import type { SideWrite, TicketRepository } from '../../ports/tickets.ts';
import { wechatResidentId } from '../sessions/identity.ts';
import type { PhotoService, VerifiedPhotos } from '../photos/photos.ts';
import type { TicketReads } from '../reading/ticket-reads.ts';
import type { TokenService } from '../sessions/tokens.ts';

/** A WeChat resident's session: a month; the mini-program logs in again silently after that. */
const WECHAT_TOKEN_TTL = 30 * 24 * 3600;
const SIMILAR_LIMIT = 10;
const PLACES_LIMIT = 20;

/** A function's resident side: the hooks the ticket service is built with, then the resident's calls on top of it. */
export interface ResidentSide {
  hooks: ResidentHooks;
  service(reads: TicketReads): ResidentService;
}

/**
 * What MashangService asks of the resident side while filing and reading
 * requests (photos, consents, followers). Optional there, so the lifecycle
 * tests run without storage; the deployed runtime always wires it.
 */
export interface ResidentHooks {
  /** The photo keys a new request may carry (throws PHOTO_INVALID), and those whose tagging is to be retried. */
  verifyPhotos(actor: Actor, keys: readonly string[]): Promise<VerifiedPhotos>;
  /** Side-writes of the new request: the resident's notification consents. */
  createExtras(ticketId: string, actor: Actor, subscriptions: readonly string[], at: string): SideWrite[];
  /** Whether a resident follows (joined, or had a duplicate merged into) a request. */
  isFollower(ticketId: string, residentId: string): Promise<boolean>;
  /** The resident's own and joined requests. */
  residentTickets(residentId: string, cursor: string | undefined, limit: number): Promise<ResidentPage>;
  /** The detail with photo keys turned into links the viewer can open. */
  present(detail: TicketDetail): Promise<TicketDetail>;
}

export interface ResidentDeps {
  tickets: TicketRepository;
  residents: ResidentRequests;
  places: PlaceStore;
  photos?: PhotoService;
  tokens: TokenService;
  wechat?: WeChatLogin;
  /** WeChat subscription templates by purpose; only these ids are accepted as consents. */
  templates: { status_changed?: string };
  now: () => number;
}

/** Masks anything in another resident's words that looks like a phone or id number. */
export function publicSummary(description: string, max = 40): string {
  // Phone numbers in any spelling (spaced, dashed, +86) first, then any other long run of digits.
  const masked = replacePhonesInText(description, (m) => `${m.replace(/\D/g, '').replace(/^(?:00)?86(?=1)/, '').slice(0, 3)}****`).replace(/\d{7,}/g, (d) => `${d.slice(0, 3)}****`).replace(/\s+/g, ' ').trim();
  const chars = [...masked];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : masked;
}

/**
 * An open request as another resident sees it before filing ("me too" lists at a place and
 * nearby): what the problem is and how many joined it, no names and no phone numbers.
 */
export function openRequestRow(t: Ticket, actor: Actor, joined: ReadonlySet<string>, categories: ReadonlyMap<string, { name: string }>): SimilarTicket {
  return {
    id: t.id,
    status: t.status,
    statusLabel: STATUS_LABELS[t.status],
    categoryName: categories.get(t.categoryCode)?.name ?? t.categoryCode,
    summary: publicSummary(t.description),
    receivedAt: t.receivedAt,
    followerCount: t.followerCount,
    mine: t.residentId === actor.id,
    following: joined.has(t.id),
  };
}

/** The ids among `ids` that are the stage's subscription templates (only those are accepted as consents). */
function acceptedTemplates(templates: ResidentDeps['templates'], ids: readonly string[]): string[] {
  const known = new Set(Object.values(templates).filter((v): v is string => Boolean(v)));
  return ids.filter((id) => known.has(id));
}

/**
 * What filing and reading ask of the resident side ({@link ResidentHooks}: photos, consents,
 * followers), built before the ticket service that calls it and reading no ticket itself.
 */
export class ResidentRecords implements ResidentHooks {
  constructor(private readonly deps: ResidentDeps) {}

  async verifyPhotos(actor: Actor, photoKeys: readonly string[]): Promise<VerifiedPhotos> {
    if (photoKeys.length === 0) return { keys: [], untagged: [] };
    if (!this.deps.photos) throw new AppError('PHOTO_INVALID', '暂不支持上传照片', [{ path: 'photos', message: '暂不支持上传照片' }]);
    return this.deps.photos.verify(actor, photoKeys);
  }

  async present(detail: TicketDetail): Promise<TicketDetail> {
    if (!this.deps.photos) return detail;
    const [photos, feedbackPhotos] = await Promise.all([this.deps.photos.viewUrls(detail.photos), detail.feedbackPhotos ? this.deps.photos.viewUrls(detail.feedbackPhotos) : undefined]);
    return { ...detail, photos, ...(feedbackPhotos ? { feedbackPhotos } : {}) };
  }

  createExtras(ticketId: string, actor: Actor, subscriptions: readonly string[], at: string): SideWrite[] {
    if (actor.role !== 'resident') return [];
    const accepted = acceptedTemplates(this.deps.templates, subscriptions);
    return accepted.length ? [{ kind: 'consent', ticketId, residentId: actor.id, templateIds: accepted, at }] : [];
  }

  isFollower(ticketId: string, residentId: string): Promise<boolean> {
    return this.deps.residents.isFollower(ticketId, residentId);
  }

  residentTickets(residentId: string, cursor: string | undefined, limit: number): Promise<ResidentPage> {
    return this.deps.residents.residentTickets(residentId, cursor, limit);
  }
}

/**
 * The resident's own calls beyond filing: WeChat sign-in, finding a place without a QR code,
 * photo uploads, "me too" and notification consent. Reads categories and request details
 * through the ticket service (`reads`), which it is built after: one way, nothing to attach.
 */
export class ResidentService {
  constructor(private readonly deps: ResidentDeps & { reads: TicketReads }) {}

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  // ---- identity -------------------------------------------------------------

  /**
   * `wx.login` code → WeChat's code2Session → our own session token. The openid
   * comes from WeChat's reply, never from the client; the session key is dropped
   * by the adapter and never stored.
   */
  async wechatSession(code: string): Promise<SessionReply> {
    if (!this.deps.wechat) throw new AppError('IDENTITY_UNAVAILABLE', '暂不支持微信登录，请在浏览器中打开');
    const { openid } = await this.deps.wechat.code2Session(code);
    const actor: Actor = { id: wechatResidentId(openid), role: 'resident', name: '居民' };
    const { token, expiresAt } = await this.deps.tokens.issue(actor, WECHAT_TOKEN_TTL, this.deps.now());
    return { token, expiresAt, actor };
  }

  clientConfig(): ClientConfig {
    const subscribeTemplates = this.deps.templates.status_changed ? [{ id: this.deps.templates.status_changed, title: '办理进度通知' }] : [];
    return { subscribeTemplates, photos: PHOTO_LIMITS };
  }

  // ---- places -----------------------------------------------------------------

  /** Places by part of their name, or nearest to a point. */
  async places(query: { q?: string; lat?: number; lng?: number }): Promise<PlaceView[]> {
    if (query.q) return this.deps.places.search(query.q, PLACES_LIMIT);
    if (query.lat !== undefined && query.lng !== undefined) return this.deps.places.nearby(query.lat, query.lng, PLACES_LIMIT);
    return [];
  }

  // ---- photos -----------------------------------------------------------------

  async prepareUpload(actor: Actor, req: UploadRequest): Promise<UploadTicket> {
    if (!this.deps.photos) throw new AppError('IDENTITY_UNAVAILABLE', '暂不支持上传照片');
    return this.deps.photos.prepareUpload(actor, req);
  }

  /**
   * Open requests at this place and category, newest first, as the resident
   * may see them before filing: what the problem is and how many joined it, no
   * names and no phone numbers (pattern 6).
   */
  async similar(actor: Actor, locationId: string, categoryCode: string): Promise<SimilarTicket[]> {
    const open = await this.deps.residents.openAt(locationId, categoryCode, SIMILAR_LIMIT * 2);
    const tickets = open.filter((t) => isJoinable(t.status)).slice(0, SIMILAR_LIMIT);
    const joined = actor.role === 'resident' ? await this.deps.residents.joined(tickets.map((t) => t.id), actor.id) : new Set<string>();
    const { categories } = await this.deps.reads.ref();
    return tickets.map((t) => openRequestRow(t, actor, joined, categories));
  }

  /**
   * "Me too": the resident follows an open request instead of filing a
   * duplicate. The follower row, the ticket's new follower count and its
   * `joined` event are one conditional write; joining twice changes nothing.
   */
  async join(actor: Actor, ticketId: string, subscriptions: readonly string[]): Promise<{ ticket: TicketDetail; joined: boolean }> {
    if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '只有居民可以附议诉求');
    const at = this.nowIso();
    for (let attempt = 0; ; attempt++) {
      const ticket = await this.deps.tickets.get(ticketId);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND', '未找到该诉求');
      if (ticket.residentId !== actor.id && (await this.deps.residents.isFollower(ticketId, actor.id))) {
        return { ticket: await this.deps.reads.ticketDetail(actor, ticketId), joined: false };
      }
      const decision = decideJoin(ticket, actor, at);
      const accepted = acceptedTemplates(this.deps.templates, subscriptions);
      const extra: SideWrite[] = [
        { kind: 'follower', ticketId, residentId: actor.id, at },
        ...(accepted.length ? [{ kind: 'consent' as const, ticketId, residentId: actor.id, templateIds: accepted, at }] : []),
      ];
      try {
        await this.deps.tickets.save(ticket, decision, extra);
        return { ticket: await this.deps.reads.ticketDetail(actor, ticketId), joined: true };
      } catch (err) {
        // Somebody changed the ticket (or this resident joined it from another tap) meanwhile: read it again.
        if (!(err instanceof AppError && err.code === 'CONFLICT') || attempt >= 3) throw err;
      }
    }
  }

  /** Consent given later (the resident tapped "notify me"): each accepted template allows one more message. */
  async subscribe(actor: Actor, ticketId: string, templateIds: readonly string[]): Promise<Record<string, number>> {
    if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '只有居民可以订阅诉求通知');
    await this.deps.reads.ticketDetail(actor, ticketId); // 404 unless the resident filed or joined it
    const accepted = acceptedTemplates(this.deps.templates, templateIds);
    if (accepted.length === 0) throw new AppError('VALIDATION_FAILED', '没有可订阅的通知', [{ path: 'templateIds', message: '通知模板无效' }]);
    return this.deps.residents.addConsents(ticketId, actor.id, accepted, this.nowIso());
  }
}
