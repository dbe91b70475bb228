import {
  AppError,
  fromEpochMs,
  isWithin,
  TicketEventSchema,
  type Actor,
  type Ticket,
  type Unit,
} from '@mashang/shared';
import { ERASED, erasePhones, eraseEvent, eraseTicketData, holdsPersonalData, type ErasureReply } from '@mashang/shared/erasure';
import { countyScope } from '../admin/scope.ts';
import type { PhotoStorage } from '../adapters/storage.ts';
import { auditPut } from '../store/audit.ts';
import { isConditionFailure, type ErasureStore, type Row } from '../store/erasure.ts';
import { keys } from '../store/keys.ts';
import { parseTicket, type TransactItem } from '../store/tickets.ts';

/**
 * Personal-data erasure (PIPL art. 47): a resident erases their own data from 我的, or an
 * admin erases the filer's data of one request (audited). What is removed and what stays
 * is decided in shared/src/erasure.ts; here the rows are read and rewritten.
 *
 * Per request: its events, consent rows, risk warnings and merge link are rewritten in
 * transactions of at most 25 items, then the ticket row last, conditioned on the version
 * read (a staff change in between is retried over, never overwritten). The ticket row
 * loses its index keys for "my requests" and the same-phone history with the fields they
 * came from. Report counters, inbox counts and the follower count are not touched: the
 * request stays in every statistic. Running it again finds only what is left.
 */
export interface ErasureDeps {
  store: ErasureStore;
  units: () => Promise<ReadonlyMap<string, Unit>>;
  /** Photo storage, to let the erased request's photos expire (the bucket's lifecycle rule). */
  photos?: Pick<PhotoStorage, 'markUnattached'>;
  now: () => number;
}

/** Pages of a resident's list read in one erasure; each page's rows leave the list as they are erased. */
const MAX_PAGES = 50;
const PAGE = 20;
const ATTEMPTS = 3;

export class PersonalDataErasure {
  constructor(private readonly deps: ErasureDeps) {}

  /** The resident's own erasure: every request they filed, every request they joined. */
  async eraseMe(actor: Actor): Promise<ErasureReply> {
    if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '仅居民本人可以删除自己的个人信息');
    const at = fromEpochMs(this.deps.now());
    const done = new Set<string>();
    let requests = 0;
    let joined = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      // The list shrinks as rows are erased; an index still showing an erased row (eventual consistency) is skipped.
      const rows = (await this.deps.store.residentPage(actor.id, PAGE)).filter((r) => !done.has(`${r.entity}#${r.ticketId}`));
      if (rows.length === 0) break;
      for (const r of rows) {
        done.add(`${r.entity}#${r.ticketId}`);
        if (r.entity === 'ticket') requests += (await this.eraseFiled(r.ticketId, { residentId: actor.id, at })) ? 1 : 0;
        else if (r.entity === 'follower') joined += (await this.leaveJoined(r.ticketId, actor.id)) ? 1 : 0;
      }
    }
    return { erasedAt: at, requests, joined };
  }

  /** An admin's erasure of one request's filer data, in the admin's unit subtree; audited in the ticket's own transaction. */
  async eraseTicket(actor: Actor, ticketId: string, reason: string): Promise<ErasureReply> {
    const at = fromEpochMs(this.deps.now());
    const units = await this.deps.units();
    const scope = countyScope(actor, units, at);
    const rows = await this.deps.store.partition(ticketId);
    const row = rows.find((r) => r.SK === 'T');
    const ticket = row ? parseTicket(row) : undefined;
    const inScope = (id: string | undefined) => {
      const unit = id ? units.get(id) : undefined;
      return unit !== undefined && isWithin(unit, scope.unit.id);
    };
    if (!ticket || !(inScope(ticket.originUnitId ?? ticket.coordinatorUnitId) || inScope(ticket.currentUnitId))) {
      throw new AppError('TICKET_NOT_FOUND', '诉求不存在');
    }
    if (!holdsPersonalData(ticket)) return { erasedAt: ticket.erasedAt!, requests: 0, joined: 0, already: true };
    const audit = (before: Ticket): TransactItem =>
      auditPut(this.deps.store.table, {
        countyId: scope.countyId,
        actor,
        at,
        action: 'ticket.erasePersonalData',
        target: `ticket:${ticketId}`,
        // Which fields went, never their values.
        before: { fields: ['phone', 'contactName', 'residentId', 'photos'].filter((f) => before[f as keyof Ticket] !== undefined) },
        after: { reason: erasePhones(reason) },
      });
    const erased = await this.eraseFiled(ticketId, { at, audit });
    return { erasedAt: erased ? at : (ticket.erasedAt ?? at), requests: erased ? 1 : 0, joined: 0, ...(erased ? {} : { already: true }) };
  }

  /**
   * Removes the filer's data from one request. `residentId`: only if it is still this
   * resident's (their own erasure). False when there was nothing left to remove.
   */
  private async eraseFiled(ticketId: string, opts: { residentId?: string; at: string; audit?: (before: Ticket) => TransactItem }): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const rows = await this.deps.store.partition(ticketId);
      const row = rows.find((r) => r.SK === 'T');
      if (!row) return false;
      const before = parseTicket(row);
      if (opts.residentId !== undefined && before.residentId !== opts.residentId) return false;
      if (!holdsPersonalData(before)) return false;
      const subject = { residentId: before.residentId, filer: true };
      const writes: TransactItem[] = [];
      for (const r of rows) {
        if (r.entity === 'event') {
          const erased = eraseEvent(TicketEventSchema.parse(r), subject);
          if (erased) writes.push(this.deps.store.rewrite(rowOf(r, erased)));
        } else if (r.entity === 'consent' && before.residentId !== undefined && r.residentId === before.residentId) {
          writes.push(this.deps.store.remove(r));
        } else if (r.entity === 'risk_warning') {
          const next = eraseWarning(r);
          if (next) writes.push(this.deps.store.rewriteVersioned(next, Number(r.version)));
        }
      }
      // Messages about the request: what was said to the filer goes, numbers go from the rest.
      const instants = rows.filter((r) => r.entity === 'event').map((r) => String(r.at));
      for (const m of await this.deps.store.messages(ticketId, [before.receivedAt, ...instants])) {
        const text = erasedMessageText(m);
        if (text !== undefined) writes.push(this.deps.store.setText(m, text));
      }
      const link = before.mergedInto && before.residentId !== undefined ? await this.deps.store.mergeLink(before.mergedInto, ticketId) : undefined;
      if (link?.residentId !== undefined) writes.push(this.deps.store.unlinkMerged(before.mergedInto!, ticketId));
      const { ticket: after, photos } = eraseTicketData(before, opts.at);
      try {
        await this.deps.store.write(writes);
        // Last, so a crash before it leaves the request in the resident's list for a re-run to find.
        await this.deps.store.write([this.deps.store.ticketPut(before, after), ...(opts.audit ? [opts.audit(before)] : [])]);
      } catch (err) {
        if (!isConditionFailure(err) || attempt >= ATTEMPTS) {
          if (isConditionFailure(err)) throw new AppError('CONFLICT', '该诉求正在被处理，请稍后重试', undefined, { cause: err });
          throw err;
        }
        continue;
      }
      await this.letPhotosExpire(photos);
      return true;
    }
  }

  /** Removes a joined request's link to the resident: their events' identity, their consents, then the follower row. */
  private async leaveJoined(ticketId: string, residentId: string): Promise<boolean> {
    const rows = await this.deps.store.partition(ticketId);
    const follower = rows.find((r) => r.SK === keys.follower(ticketId, residentId).SK);
    if (!follower) return false;
    const writes: TransactItem[] = [];
    for (const r of rows) {
      if (r.entity === 'event') {
        const erased = eraseEvent(TicketEventSchema.parse(r), { residentId, filer: false });
        if (erased) writes.push(this.deps.store.rewrite(rowOf(r, erased)));
      } else if (r.entity === 'consent' && r.residentId === residentId) {
        writes.push(this.deps.store.remove(r));
      }
    }
    await this.deps.store.write(writes);
    await this.deps.store.write([this.deps.store.remove(follower)]);
    return true;
  }

  /** The photos no request carries any more: tagged to expire; a failure is logged (the keys are in the log line). */
  private async letPhotosExpire(photos: string[]): Promise<void> {
    const storage = this.deps.photos;
    if (!storage?.markUnattached || photos.length === 0) return;
    await Promise.all(
      photos.map((key) =>
        storage.markUnattached!(key).catch((err: unknown) => {
          console.error(JSON.stringify({ level: 'error', message: 'photo untag failed', key, error: err instanceof Error ? err.message : String(err) }));
        }),
      ),
    );
  }
}

/** An event row rewritten: its keys and kind kept, its content replaced. */
function rowOf(row: Row, event: ReturnType<typeof eraseEvent> & object): Row {
  const { note: _n, data: _d, ...rest } = row;
  return { ...rest, ...event };
}

/** A notification row: a message to the filer loses its words (they were the staff's words to them); others lose numbers. */
function erasedMessageText(row: Row): string | undefined {
  if (typeof row.text !== 'string') return undefined;
  const text = row.audience === 'resident' && row.filerOnly === true ? ERASED : erasePhones(row.text);
  return text === row.text ? undefined : text;
}

/** A risk warning copies the request's words: its numbers go too. */
function eraseWarning(row: Row): Row | undefined {
  const summary = typeof row.summary === 'string' ? erasePhones(row.summary) : row.summary;
  const note = typeof row.note === 'string' ? erasePhones(row.note) : row.note;
  if (summary === row.summary && note === row.note) return undefined;
  // A newer version, so a change read before the erasure cannot write the old words back.
  return { ...row, summary, ...(note === undefined ? {} : { note }), version: Number(row.version) + 1 };
}
