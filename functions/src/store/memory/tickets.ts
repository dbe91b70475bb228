import { isOpen, nextCheckpoint, type Decision, type RiskWarning, type Ticket, type TicketEvent } from '@mashang/shared';
import { RateCountRefusedError, StoreError, TicketIdTakenError, VersionConflictError } from '../../ports/errors.ts';
import type { DuePage, Page, SideWrite, TicketRepository } from '../../ports/tickets.ts';
import type { OutboxRow } from '../../ports/outbox.ts';
import { encodeCursor } from '../cursor.ts';
import { keys } from '../keys.ts';
import { webhookOutboxItems } from '../outbox.ts';
import { sideWriteItems } from '../side-writes.ts';
import { MemoryOutbox } from './outbox.ts';
import { rateCounterKey } from './rate.ts';

/**
 * The ticket ports in memory, for fast use-case tests: the same behaviour as the DynamoDB
 * store (functions/src/store/tickets.ts), held to it by the one contract suite
 * (functions/src/store/contract.ts). Every write checks all its conditions first and then
 * applies everything, so a refused write changes nothing. Values are copied in and out,
 * so a caller cannot change what is stored by holding on to an object.
 */
export class MemoryTicketStore implements TicketRepository {
  /** Tickets and their events by ticket id: read and rewritten by the memory erasure twin (./erasure.ts). */
  readonly tickets = new Map<string, Ticket>();
  readonly events = new Map<string, TicketEvent[]>();
  private readonly tokens = new Map<string, { ticketId: string; residentId?: string }>();
  /** Side-writes as stored, for tests to read. Residents who joined: `ticketId#residentId` → when (their own list is ordered by it). */
  readonly followers = new Map<string, { ticketId: string; residentId: string; joinedAt: string }>();
  readonly consents = new Map<string, number>();
  readonly warnings = new Map<string, RiskWarning>();
  readonly mergeLinks = new Map<string, { targetId: string; sourceId: string; residentId?: string }>();
  readonly externalRequests = new Map<string, { system: string; ticketId: string; ref?: string }>();
  /** 12345 work-order numbers and the request that claimed each. */
  readonly workOrders = new Map<string, string>();
  /** Tickets whose risk check was queued with their create (evaluated later by the dispatcher). */
  readonly riskChecks = new Set<string>();
  /** Photo keys whose tagging is to be retried by the dispatcher, per ticket (`photo_tag` side-writes). */
  readonly photoTags = new Map<string, string[]>();
  /** The outbox every change writes its messages to (with the DynamoDB store's row shapes), which the dispatcher works. */
  readonly outbox = new MemoryOutbox({ fits: (w) => this.sideWritesFit(w), apply: (w) => this.applySideWrites(w) });
  /** Rate-limit counters given with creates: `rule#subject#windowStart` → hits (share them with `new MemoryRateCounters(store.rateCounts)`). */
  readonly rateCounts = new Map<string, number>();

  async create(decision: Decision, clientToken: string | undefined, sideWrites: readonly SideWrite[] = []): Promise<{ created: boolean; ticketId: string }> {
    const t = decision.ticket;
    // As in DynamoDB, a used-up counter refuses the whole write before any other condition is told apart.
    const usedUp = sideWrites.find((w) => w.kind === 'rate_count' && (this.rateCounts.get(rateKey(w)) ?? 0) >= w.limit);
    if (usedUp?.kind === 'rate_count') throw new RateCountRefusedError(usedUp.rule, usedUp.subject);
    if (clientToken) {
      const existing = this.tokens.get(clientToken);
      if (existing) {
        if (existing.residentId !== t.residentId) throw new StoreError('client_token_taken');
        return { created: false, ticketId: existing.ticketId };
      }
    }
    if (this.tickets.has(t.id) || !this.sideWritesFit(sideWrites)) throw new TicketIdTakenError();
    if (clientToken) this.tokens.set(clientToken, { ticketId: t.id, ...(t.residentId ? { residentId: t.residentId } : {}) });
    this.apply(t, 1, t.receivedAt, decision);
    this.applySideWrites(sideWrites);
    return { created: true, ticketId: t.id };
  }

  async save(before: Ticket, decision: Decision, sideWrites: readonly SideWrite[] = []): Promise<void> {
    if (!this.unchanged(before) || !this.sideWritesFit(sideWrites)) throw new VersionConflictError();
    this.applyChange(before, decision);
    this.applySideWrites(sideWrites);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const t = this.tickets.get(id);
    return t ? structuredClone(t) : undefined;
  }

  async getWithEvents(id: string): Promise<{ ticket: Ticket; events: TicketEvent[] } | undefined> {
    const t = this.tickets.get(id);
    return t ? { ticket: structuredClone(t), events: structuredClone(this.events.get(id) ?? []) } : undefined;
  }

  async findByClientToken(token: string): Promise<{ ticketId: string; residentId?: string } | undefined> {
    const found = this.tokens.get(token);
    return found ? { ...found } : undefined;
  }

  async inbox(unitId: string, cursor: string | undefined, limit: number): Promise<Page<Ticket>> {
    return this.page(`inbox#${unitId}`, (t) => isOpen(t.status) && t.currentUnitId === unitId, cursor, limit);
  }

  async byResident(residentId: string, cursor: string | undefined, limit: number): Promise<Page<Ticket>> {
    return this.page(`resident#${residentId}`, (t) => t.residentId === residentId, cursor, limit);
  }

  /** One lane: every due ticket, earliest checkpoint first, in pages of `pageSize`. */
  due(now: string, pageSize: number): AsyncIterable<DuePage>[] {
    return [this.dueLane(now, pageSize)];
  }

  private async *dueLane(now: string, pageSize: number): AsyncGenerator<DuePage> {
    const due = [...this.tickets.values()]
      .map((t) => ({ t, at: isOpen(t.status) ? nextCheckpoint(t.clocks)?.at : undefined }))
      .filter((d): d is { t: Ticket; at: string } => d.at !== undefined && d.at <= now)
      .sort((a, b) => a.at.localeCompare(b.at) || a.t.id.localeCompare(b.t.id));
    for (let i = 0; i < due.length; i += pageSize) {
      const items = due.slice(i, i + pageSize).map((d) => structuredClone(d.t));
      yield { items, read: items.length };
    }
  }

  // ---- internals ----------------------------------------------------------------

  private unchanged(before: Ticket): boolean {
    const stored = this.tickets.get(before.id);
    return stored !== undefined && stored.version === before.version && stored.status === before.status;
  }

  /** Whether every side-write's condition holds (the DynamoDB store's `attribute_not_exists` and version checks). */
  private sideWritesFit(writes: readonly SideWrite[]): boolean {
    return writes.every((w) => {
      switch (w.kind) {
        case 'follower':
          return !this.followers.has(`${w.ticketId}#${w.residentId}`);
        case 'consent':
          return true;
        case 'risk_warning':
          return !this.warnings.has(w.warning.id);
        case 'linked_change':
          return this.unchanged(w.before);
        case 'merge_link':
          return !this.mergeLinks.has(`${w.targetId}#${w.sourceId}`);
        case 'external_request':
          return !this.externalRequests.has(`${w.system}#${w.ticketId}`);
        case 'work_order':
          return !this.workOrders.has(w.workOrderNo);
        case 'rate_count':
          return (this.rateCounts.get(rateKey(w)) ?? 0) < w.limit;
        case 'risk_check':
        case 'photo_tag':
          return true;
      }
    });
  }

  /** Stores the side-writes; returns the outbox rows they queued. */
  private applySideWrites(writes: readonly SideWrite[]): OutboxRow[] {
    const queued = writes.flatMap((w) => (w.kind === 'linked_change' ? [] : outboxRowsOf(sideWriteItems('memory', w))));
    this.outbox.add(queued);
    for (const w of writes) {
      switch (w.kind) {
        case 'follower':
          this.followers.set(`${w.ticketId}#${w.residentId}`, { ticketId: w.ticketId, residentId: w.residentId, joinedAt: w.at });
          break;
        case 'consent':
          for (const id of w.templateIds) {
            const key = `${w.ticketId}#${w.residentId}#${id}`;
            this.consents.set(key, (this.consents.get(key) ?? 0) + 1);
          }
          break;
        case 'risk_warning':
          this.warnings.set(w.warning.id, structuredClone(w.warning));
          break;
        case 'linked_change':
          this.applyChange(w.before, w.decision);
          break;
        case 'rate_count':
          this.rateCounts.set(rateKey(w), (this.rateCounts.get(rateKey(w)) ?? 0) + 1);
          break;
        case 'merge_link':
          this.mergeLinks.set(`${w.targetId}#${w.sourceId}`, { targetId: w.targetId, sourceId: w.sourceId, ...(w.residentId ? { residentId: w.residentId } : {}) });
          break;
        case 'external_request':
          this.externalRequests.set(`${w.system}#${w.ticketId}`, { system: w.system, ticketId: w.ticketId, ...(w.ref ? { ref: w.ref } : {}) });
          break;
        case 'work_order':
          this.workOrders.set(w.workOrderNo, w.ticketId);
          break;
        case 'risk_check':
          this.riskChecks.add(w.ticketId);
          break;
        case 'photo_tag':
          this.photoTags.set(w.ticketId, [...(this.photoTags.get(w.ticketId) ?? []), ...w.keys]);
          break;
      }
    }
    return queued;
  }

  private applyChange(before: Ticket, decision: Decision): void {
    const after = decision.ticket;
    this.apply(after, before.eventCount + 1, after.updatedAt, decision);
    this.outbox.add(outboxRowsOf(webhookOutboxItems('memory', before, after)));
  }

  private apply(ticket: Ticket, firstSeq: number, at: string, decision: Decision): void {
    this.tickets.set(ticket.id, structuredClone(ticket));
    const events = this.events.get(ticket.id) ?? [];
    events.push(...decision.events.map((e, i) => structuredClone({ ...e, ticketId: ticket.id, seq: firstSeq + i }) as TicketEvent));
    this.events.set(ticket.id, events);
    // The rows functions/src/store/tickets.ts writes: one per effect, a delayed one pending until its time.
    const seqBase = firstSeq === 1 ? 1 : ticket.version; // a create numbers its rows from 1, a change from its new version
    this.outbox.add(
      decision.effects.map((e, i) => {
        const { type: _type, notBeforeMinutes, ...message } = e;
        const notBefore = notBeforeMinutes ? { notBefore: new Date(Date.parse(at) + notBeforeMinutes * 60_000).toISOString() } : {};
        return { ...keys.outbox(at, ticket.id, seqBase * 10 + i), entity: 'outbox', ticketId: ticket.id, createdAt: at, status: 'pending', ...message, ...notBefore } as unknown as OutboxRow;
      }),
    );
  }

  /** Newest first by received time, then id; the cursor names the list it pages and the last item. */
  private page(list: string, keep: (t: Ticket) => boolean, cursor: string | undefined, limit: number): Page<Ticket> {
    const all = [...this.tickets.values()].filter(keep).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id));
    let start = 0;
    if (cursor) {
      const after = decodeCursor(cursor, list);
      start = all.findIndex((t) => `${t.receivedAt}#${t.id}` < after);
      if (start < 0) start = all.length;
    }
    const items = all.slice(start, start + limit);
    const last = items[items.length - 1];
    const more = start + limit < all.length;
    return { items: items.map((t) => structuredClone(t)), ...(more && last ? { nextCursor: encodeCursor({ list, after: `${last.receivedAt}#${last.id}` }) } : {}) };
  }
}

function decodeCursor(cursor: string, list: string): string {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { list?: unknown; after?: unknown };
    if (value.list === list && typeof value.after === 'string') return value.after;
  } catch {
    // fall through: not one of ours
  }
  throw new StoreError('bad_cursor');
}

/** A counter's key: the rule, the subject and the start of the window `atMs` is in (shared with MemoryRateCounters). */
function rateKey(w: Extract<SideWrite, { kind: 'rate_count' }>): string {
  return rateCounterKey(w.rule, w.subject, w, w.atMs);
}

/** The outbox rows among a write's DynamoDB items (the store's own row builders). */
function outboxRowsOf(items: ReadonlyArray<{ Put?: { Item?: Record<string, unknown> } }>): OutboxRow[] {
  return items.flatMap((i) => (i.Put?.Item?.entity === 'outbox' ? [i.Put.Item as unknown as OutboxRow] : []));
}
