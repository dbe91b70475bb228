import { createHash, randomInt } from 'node:crypto';
import { AppError, fromEpochMs, maskPhone, type Actor, type SessionReply, type TicketDetail, type TransferCodeReply } from '@mashang/shared';
import type { TransferCodes } from '../../ports/carry.ts';
import type { TicketReads } from '../../ports/tickets.ts';
import type { RateLimiter } from '../rate-limits.ts';
import type { ReferenceReader } from '../reference.ts';
import type { TokenService } from './tokens.ts';
import { toDetail } from '../reading/views.ts';

export interface CarryDeps {
  /** Units and categories (reference.ts), to draw the request. */
  reference: ReferenceReader;
  tickets: Pick<TicketReads, 'getWithEvents'>;
  store: TransferCodes;
  tokens: TokenService;
  /** The shared rate limiter (rules lookupByNumberPerDevice and lookupByNumberPerTicket of rate-limits.ts). */
  limiter: Pick<RateLimiter, 'take'>;
  /** Photo keys to links (the resident service's `present`); identity when photos are not wired. */
  present?: (detail: TicketDetail) => Promise<TicketDetail>;
  now: () => number;
}

const TRANSFER_TTL_MS = 24 * 3600_000;
const DEVICE_TOKEN_TTL = 365 * 24 * 3600;
/** No 0/O, 1/I: read from one screen and typed on another without mistakes. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const hash = (code: string) => createHash('sha256').update(code).digest('hex');
const digits = (phone: string) => phone.replace(/\D/g, '');

/**
 * A resident's requests on another phone: look one up by its number and the phone
 * number given with it (read-only, rate-limited), or carry this device's identity —
 * and so all its requests — to a new device with a one-time transfer code.
 */
export class ResidentCarry {
  constructor(private readonly deps: CarryDeps) {}

  async lookup(actor: Actor, id: string, phone: string): Promise<TicketDetail> {
    if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '仅居民可查询诉求');
    // 429 RATE_LIMITED with Retry-After when this device or this request number has used up its hour.
    await this.deps.limiter.take(['lookupByNumberPerDevice', actor.id], ['lookupByNumberPerTicket', id]);
    const found = await this.deps.tickets.getWithEvents(id);
    // A wrong number and a wrong phone read alike, so neither can be probed.
    if (!found || !found.ticket.phone || digits(found.ticket.phone) !== digits(phone)) {
      throw new AppError('TICKET_NOT_FOUND', '没有找到该诉求：请核对诉求编号和提交时留的电话', [{ path: 'phone', message: '编号或电话不对' }]);
    }
    const ref = await this.deps.reference.ref();
    // Read-only, as a resident who joined sees it; they proved the number, so it is shown masked.
    const detail = toDetail(found.ticket, found.events, { id: actor.id, role: 'resident' }, { units: ref.units, categories: ref.categories, now: fromEpochMs(this.deps.now()) });
    const view: TicketDetail = { ...detail, following: undefined, phone: maskPhone(found.ticket.phone), actions: [] };
    return this.deps.present ? this.deps.present(view) : view;
  }

  /** A one-time code (24 hours) that signs another device in as this resident. */
  async issueTransfer(actor: Actor): Promise<TransferCodeReply> {
    if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '仅居民可以转移诉求');
    const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const now = this.deps.now();
    const expiresAt = fromEpochMs(now + TRANSFER_TTL_MS);
    await this.deps.store.putTransfer(hash(code), { residentId: actor.id, createdAt: fromEpochMs(now), expiresAt });
    return { code, expiresAt };
  }

  /** Redeems a transfer code once: the new device gets a session of the same resident. */
  async redeemTransfer(code: string): Promise<SessionReply> {
    const residentId = await this.deps.store.useTransfer(hash(code), fromEpochMs(this.deps.now()));
    if (!residentId) throw new AppError('TRANSFER_INVALID', '转移码无效、已使用或已过期，请在原来的手机上重新生成', [{ path: 'code', message: '转移码无效、已使用或已过期' }]);
    const actor: Actor = { id: residentId, role: 'resident', name: '居民' };
    const { token, expiresAt } = await this.deps.tokens.issue(actor, DEVICE_TOKEN_TTL, this.deps.now());
    return { token, expiresAt, actor };
  }
}
