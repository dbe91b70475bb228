import { AppError, fromEpochMs, isWithin, type Actor, type Ticket, type Unit } from '@mashang/shared';
import { ERASED, erasePhones, eraseEvent, eraseTicketData, holdsPersonalData, type ErasureReply } from '@mashang/shared/erasure';
import { countyScope } from '../../admin/scope.ts';
import type { PhotoStorage } from '../../adapters/storage.ts';
import type { AuditChange } from '../../ports/audit.ts';
import type { ErasureChange, ErasureMessage, ErasureRows } from '../../ports/erasure.ts';
import { VersionConflictError } from '../../ports/errors.ts';

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
  store: ErasureRows;
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
    const { ticket } = await this.deps.store.record(ticketId);
    const inScope = (id: string | undefined) => {
      const unit = id ? units.get(id) : undefined;
      return unit !== undefined && isWithin(unit, scope.unit.id);
    };
    if (!ticket || !(inScope(ticket.originUnitId ?? ticket.coordinatorUnitId) || inScope(ticket.currentUnitId))) {
      throw new AppError('TICKET_NOT_FOUND', '诉求不存在');
    }
    if (!holdsPersonalData(ticket)) return { erasedAt: ticket.erasedAt!, requests: 0, joined: 0, already: true };
    const audit = (before: Ticket): AuditChange => ({
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
  private async eraseFiled(ticketId: string, opts: { residentId?: string; at: string; audit?: (before: Ticket) => AuditChange }): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const record = await this.deps.store.record(ticketId);
      const before = record.ticket;
      if (!before) return false;
      if (opts.residentId !== undefined && before.residentId !== opts.residentId) return false;
      if (!holdsPersonalData(before)) return false;
      const subject = { residentId: before.residentId, filer: true };
      const changes: ErasureChange[] = [];
      for (const { ref, event } of record.events) {
        const erased = eraseEvent(event, subject);
        if (erased) changes.push({ kind: 'event', ref, event: erased });
      }
      for (const c of record.consents) {
        if (before.residentId !== undefined && c.residentId === before.residentId) changes.push({ kind: 'remove', ref: c.ref });
      }
      for (const w of record.warnings) {
        const next = erasedWarning(w);
        if (next) changes.push({ kind: 'warning', ref: w.ref, ...next });
      }
      // Messages about the request: what was said to the filer goes, numbers go from the rest.
      const instants = record.events.map((e) => e.event.at);
      for (const m of await this.deps.store.messages(ticketId, [before.receivedAt, ...instants])) {
        const text = erasedMessageText(m);
        if (text !== undefined) changes.push({ kind: 'message_text', ref: m.ref, text });
      }
      const link = before.mergedInto && before.residentId !== undefined ? await this.deps.store.mergeLink(before.mergedInto, ticketId) : undefined;
      if (link?.residentId !== undefined) changes.push({ kind: 'unlink_merged', targetId: before.mergedInto!, sourceId: ticketId });
      const { ticket: after, photos } = eraseTicketData(before, opts.at);
      try {
        await this.deps.store.apply(changes);
        // Last, so a crash before it leaves the request in the resident's list for a re-run to find.
        await this.deps.store.saveTicket(before, after, opts.audit?.(before));
      } catch (err) {
        if (!(err instanceof VersionConflictError) || attempt >= ATTEMPTS) {
          if (err instanceof VersionConflictError) throw new AppError('CONFLICT', '该诉求正在被处理，请稍后重试', undefined, { cause: err });
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
    const record = await this.deps.store.record(ticketId);
    const follower = record.followers.find((f) => f.residentId === residentId);
    if (!follower) return false;
    const changes: ErasureChange[] = [];
    for (const { ref, event } of record.events) {
      const erased = eraseEvent(event, { residentId, filer: false });
      if (erased) changes.push({ kind: 'event', ref, event: erased });
    }
    for (const c of record.consents) {
      if (c.residentId === residentId) changes.push({ kind: 'remove', ref: c.ref });
    }
    await this.deps.store.apply(changes);
    await this.deps.store.apply([{ kind: 'remove', ref: follower.ref }]);
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

/** A notification: a message to the filer loses its words (they were the staff's words to them); others lose numbers. */
function erasedMessageText(m: ErasureMessage): string | undefined {
  if (typeof m.text !== 'string') return undefined;
  const text = m.audience === 'resident' && m.filerOnly === true ? ERASED : erasePhones(m.text);
  return text === m.text ? undefined : text;
}

/** A risk warning copies the request's words: its numbers go too (undefined when it holds none). */
function erasedWarning(w: { summary?: unknown; note?: unknown }): { summary: unknown; note: unknown } | undefined {
  const summary = typeof w.summary === 'string' ? erasePhones(w.summary) : w.summary;
  const note = typeof w.note === 'string' ? erasePhones(w.note) : w.note;
  if (summary === w.summary && note === w.note) return undefined;
  return { summary, note };
}
