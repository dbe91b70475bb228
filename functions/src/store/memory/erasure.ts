import type { Ticket, TicketEvent } from '@mashang/shared';
import type { AuditChange } from '../../ports/audit.ts';
import type { ErasureChange, ErasureMessage, ErasureRecord, ErasureRows, RowRef } from '../../ports/erasure.ts';
import { VersionConflictError } from '../../ports/errors.ts';
import type { OutboxRow } from '../../ports/outbox.ts';
import { ERASURE_CHUNK as CHUNK } from '../erasure.ts';
import { MemoryAuditLog } from './audit.ts';
import type { MemoryTicketStore } from './tickets.ts';


/** What a ref names in the memory stores (opaque to use cases, as the DynamoDB store's rows are). */
type Ref =
  | { row: 'event'; ticketId: string; seq: number }
  | { row: 'consent'; key: string }
  | { row: 'warning'; id: string; version: number }
  | { row: 'follower'; key: string }
  | { row: 'merge_link'; key: string }
  | { row: 'message'; logged: boolean; PK: string; SK: string };

const refOf = (r: Ref) => r as unknown as RowRef;
const asRef = (r: RowRef) => r as unknown as Ref;

/**
 * The rows personal-data erasure reads and rewrites, in memory (the twin of
 * functions/src/store/erasure.ts), over a memory ticket store and its outbox;
 * functions/src/store/erasure-contract.ts holds both to the same behaviour. Changes are
 * applied in chunks of the DynamoDB store's transaction size: every condition of a chunk is
 * checked before any of its changes, and a chunk written stays written when a later one fails.
 */
export class MemoryErasureRows implements ErasureRows {
  constructor(
    private readonly store: MemoryTicketStore,
    /** Where the audit events given with erased tickets go (as the DynamoDB store writes them in the ticket's transaction). */
    readonly audit: MemoryAuditLog = new MemoryAuditLog(),
  ) {}

  async record(ticketId: string): Promise<ErasureRecord> {
    const s = this.store;
    const ticket = s.tickets.get(ticketId);
    const byKey = <T>(entries: Array<[string, T]>) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const consents = byKey([...s.consents.keys()].filter((k) => k.startsWith(`${ticketId}#`)).map((k) => [k.slice(ticketId.length + 1), k] as [string, string]));
    // As in DynamoDB, a merge link (`FOL#merged#<source>`) is kept under the follower rows' prefix: it shows as a follower `merged#<source>`.
    const followers = byKey([
      ...[...s.followers.entries()].filter(([, f]) => f.ticketId === ticketId).map(([key, f]) => [f.residentId, { ref: refOf({ row: 'follower', key }), residentId: f.residentId }] as [string, ErasureRecord['followers'][number]]),
      ...[...s.mergeLinks.entries()].filter(([, l]) => l.targetId === ticketId).map(([key, l]) => [`merged#${l.sourceId}`, { ref: refOf({ row: 'merge_link', key }), residentId: `merged#${l.sourceId}` }] as [string, ErasureRecord['followers'][number]]),
    ]);
    return {
      ...(ticket ? { ticket: structuredClone(ticket) } : {}),
      events: (s.events.get(ticketId) ?? []).map((e) => ({ ref: refOf({ row: 'event', ticketId, seq: e.seq }), event: structuredClone(e) })),
      consents: consents.map(([rest, key]) => {
        const residentId = rest.slice(0, rest.lastIndexOf('#'));
        return { ref: refOf({ row: 'consent', key }), residentId };
      }),
      warnings: [...s.warnings.values()]
        .filter((w) => w.ticketId === ticketId)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((w) => ({ ref: refOf({ row: 'warning', id: w.id, version: w.version }), summary: w.summary, note: (w as { note?: unknown }).note })),
      followers: followers.map(([, f]) => f),
    };
  }

  async messages(ticketId: string, instants: string[]): Promise<ErasureMessage[]> {
    return [...new Set(instants)].flatMap((at) =>
      this.store.outbox.rowsOfChange(`${at}#${ticketId}#`).map(({ logged, row }) => ({ ref: refOf({ row: 'message', logged, PK: row.PK, SK: row.SK }), text: row.text, audience: row.audience, filerOnly: row.filerOnly })),
    );
  }

  /** The resident's filed requests (while the ticket names them) and joined ones, oldest first (the index's order). */
  async residentPage(residentId: string, limit: number): Promise<Array<{ entity: string; ticketId: string }>> {
    const listed = [
      ...[...this.store.tickets.values()].filter((t) => t.residentId === residentId).map((t) => ({ sk: `${t.receivedAt}#${t.id}`, entity: 'ticket', ticketId: t.id })),
      ...[...this.store.followers.values()].filter((f) => f.residentId === residentId).map((f) => ({ sk: `${f.joinedAt}#${f.ticketId}`, entity: 'follower', ticketId: f.ticketId })),
    ];
    return listed
      .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0))
      .slice(0, limit)
      .map(({ entity, ticketId }) => ({ entity, ticketId }));
  }

  async mergeLink(targetId: string, sourceId: string): Promise<{ residentId?: unknown } | undefined> {
    const link = this.store.mergeLinks.get(`${targetId}#${sourceId}`);
    return link ? { ...link } : undefined;
  }

  async apply(changes: readonly ErasureChange[]): Promise<void> {
    for (let i = 0; i < changes.length; i += CHUNK) {
      const chunk = changes.slice(i, i + CHUNK);
      if (!chunk.every((c) => this.holds(c))) throw new VersionConflictError();
      for (const c of chunk) this.write(c);
    }
  }

  async saveTicket(before: Ticket, after: Ticket, audit?: AuditChange): Promise<void> {
    if (this.store.tickets.get(before.id)?.version !== before.version) throw new VersionConflictError();
    this.store.tickets.set(after.id, structuredClone(after));
    if (audit) this.audit.record(audit);
  }

  /** The change's condition (the DynamoDB store's `attribute_exists` and version checks); a removal has none. */
  private holds(c: ErasureChange): boolean {
    const s = this.store;
    switch (c.kind) {
      case 'event': {
        const ref = asRef(c.ref);
        return ref.row === 'event' && (s.events.get(ref.ticketId) ?? []).some((e) => e.seq === ref.seq);
      }
      case 'warning': {
        const ref = asRef(c.ref);
        return ref.row === 'warning' && s.warnings.get(ref.id)?.version === ref.version;
      }
      case 'message_text': {
        const ref = asRef(c.ref);
        return ref.row === 'message' && s.outbox.holds(ref.logged, ref);
      }
      case 'remove':
        return true;
      case 'unlink_merged':
        return s.mergeLinks.has(`${c.targetId}#${c.sourceId}`);
    }
  }

  private write(c: ErasureChange): void {
    const s = this.store;
    switch (c.kind) {
      case 'event': {
        const ref = asRef(c.ref) as Extract<Ref, { row: 'event' }>;
        const events = s.events.get(ref.ticketId)!;
        const i = events.findIndex((e) => e.seq === ref.seq);
        // Its key (ticket and number) and kind kept, its content replaced.
        const { note: _n, data: _d, ...rest } = events[i] as TicketEvent & { note?: unknown; data?: unknown };
        events[i] = structuredClone({ ...rest, ...c.event }) as TicketEvent;
        return;
      }
      case 'warning': {
        const ref = asRef(c.ref) as Extract<Ref, { row: 'warning' }>;
        const w = s.warnings.get(ref.id)!;
        s.warnings.set(ref.id, { ...w, summary: c.summary, ...(c.note === undefined ? {} : { note: c.note }), version: ref.version + 1 } as typeof w);
        return;
      }
      case 'message_text': {
        const ref = asRef(c.ref) as Extract<Ref, { row: 'message' }>;
        s.outbox.setText(ref.logged, ref as Pick<OutboxRow, 'PK' | 'SK'>, c.text);
        return;
      }
      case 'remove': {
        const ref = asRef(c.ref);
        if (ref.row === 'consent') s.consents.delete(ref.key);
        else if (ref.row === 'follower') s.followers.delete(ref.key);
        else if (ref.row === 'merge_link') s.mergeLinks.delete(ref.key);
        else if (ref.row === 'warning') s.warnings.delete(ref.id);
        else if (ref.row === 'event') s.events.set(ref.ticketId, (s.events.get(ref.ticketId) ?? []).filter((e) => e.seq !== ref.seq));
        else throw new Error('a message is not removed by erasure');
        return;
      }
      case 'unlink_merged': {
        const key = `${c.targetId}#${c.sourceId}`;
        const { residentId: _r, ...link } = s.mergeLinks.get(key)!;
        s.mergeLinks.set(key, link);
        return;
      }
    }
  }
}
