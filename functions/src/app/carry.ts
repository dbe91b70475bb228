import { createHash, randomInt } from 'node:crypto';
import { AppError, fromEpochMs, maskPhone, type Actor, type SessionReply, type TicketDetail, type TransferCodeReply } from '@mashang/shared';
import type { CarryStore } from '../store/carry.ts';
import type { TicketStore } from '../store/tickets.ts';
import type { MashangService } from './service.ts';
import type { TokenService } from './tokens.ts';
import { toDetail } from './views.ts';

/**
 * The plug-in point for rate limiting the lookup. Issue 16 brings the shared limiter;
 * until then {@link CountingLimiter} counts attempts in DynamoDB.
 */
export interface AttemptLimiter {
  /** Counts one attempt under every key; false when any key has used up its hour. */
  allow(kind: string, keys: Array<{ key: string; max: number }>, nowMs: number): Promise<boolean>;
}

/**
 * A minimal limiter: one conditional ADD per key and hour (access pattern 33). Not a
 * general rate limiter (no sliding window, no IP), only the lookup's brake against
 * guessing phone numbers for a known request number.
 */
export class CountingLimiter implements AttemptLimiter {
  constructor(private readonly store: Pick<CarryStore, 'countAttempt'>) {}
  async allow(kind: string, keys: Array<{ key: string; max: number }>, nowMs: number): Promise<boolean> {
    const hour = fromEpochMs(nowMs).slice(0, 13);
    for (const { key, max } of keys) if (!(await this.store.countAttempt(kind, key, hour, max))) return false;
    return true;
  }
}

export interface CarryDeps {
  service: MashangService;
  tickets: TicketStore;
  store: CarryStore;
  tokens: TokenService;
  limiter: AttemptLimiter;
  /** Photo keys to links (the resident service's `present`); identity when photos are not wired. */
  present?: (detail: TicketDetail) => Promise<TicketDetail>;
  now: () => number;
}

/** Lookups per device and per request number in one hour. */
export const LOOKUPS_PER_DEVICE = 10;
export const LOOKUPS_PER_TICKET = 5;
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
    const allowed = await this.deps.limiter.allow(
      'lookup',
      [
        { key: `device#${actor.id}`, max: LOOKUPS_PER_DEVICE },
        { key: `ticket#${id}`, max: LOOKUPS_PER_TICKET },
      ],
      this.deps.now(),
    );
    if (!allowed) throw new AppError('TOO_MANY_ATTEMPTS', '查询次数过多，请一小时后再试');
    const found = await this.deps.tickets.getWithEvents(id);
    // A wrong number and a wrong phone read alike, so neither can be probed.
    if (!found || !found.ticket.phone || digits(found.ticket.phone) !== digits(phone)) {
      throw new AppError('TICKET_NOT_FOUND', '没有找到该诉求：请核对诉求编号和提交时留的电话', [{ path: 'phone', message: '编号或电话不对' }]);
    }
    const ref = await this.deps.service.ref();
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
