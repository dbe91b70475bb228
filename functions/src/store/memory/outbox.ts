import type { Delivery, LoggedMessage, Outbox, OutboxRow } from '../../ports/outbox.ts';
import type { SideWrite } from '../../ports/tickets.ts';
import { loggedMessage, outboxMessageId, outboxShardOf as shardOf, type FinishResult } from '../outbox.ts';

/**
 * Where the side-writes given to {@link MemoryOutbox.finishWith} are stored (the memory ticket
 * store, which keeps the warnings): whether all their conditions hold, and storing them, which
 * gives back the outbox rows they queued.
 */
export interface MemorySideWrites {
  fits(writes: readonly SideWrite[]): boolean;
  apply(writes: readonly SideWrite[]): OutboxRow[];
}

/**
 * The outbox in memory (the twin of functions/src/store/outbox.ts), for fast dispatcher tests;
 * functions/src/store/outbox-contract.ts holds both to the same behaviour. Rows come in with
 * ticket changes (functions/src/store/memory/tickets.ts writes them here, with the DynamoDB
 * store's row shapes and keys), and are listed as DynamoDB lists them: shard after shard, each
 * oldest first. Every write checks its condition (the claim) before it changes anything, and
 * rows are copied in and out.
 */
export class MemoryOutbox implements Outbox {
  private readonly rows = new Map<string, OutboxRow>();
  /** The messages moved to the log, oldest first (the DynamoDB store's log rows), for tests to read. */
  readonly log: LoggedMessage[] = [];

  constructor(private readonly sideWrites?: MemorySideWrites) {}

  /** Stores new pending rows (a ticket change's messages and the dispatcher's own work); an existing key is overwritten, as a DynamoDB Put does. */
  add(rows: readonly OutboxRow[]): void {
    for (const row of rows) this.rows.set(keyOf(row), structuredClone(row));
  }

  async *pending(limit: number): AsyncIterable<OutboxRow[]> {
    const all = [...this.rows.values()].sort((a, b) => shardOf(a) - shardOf(b) || (a.SK < b.SK ? -1 : a.SK > b.SK ? 1 : 0));
    for (let i = 0; i < all.length; i += limit) yield all.slice(i, i + limit).map((r) => structuredClone(r));
  }

  messageId(row: Pick<OutboxRow, 'PK' | 'SK'>): string {
    return outboxMessageId(row);
  }

  async claim(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, now: string, leaseUntil: string): Promise<OutboxRow | undefined> {
    const stored = this.rows.get(keyOf(row));
    if (!stored) return undefined;
    const free = stored.status === 'pending' ? stored.notBefore === undefined || stored.notBefore <= now : stored.claimUntil !== undefined && stored.claimUntil < now;
    if (!free) return undefined;
    Object.assign(stored, { status: 'claimed', claimToken: token, claimUntil: leaseUntil, attempts: (stored.attempts ?? 0) + 1, deliveries: stored.deliveries ?? {} });
    return structuredClone(stored);
  }

  async recordDelivery(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, recipient: string, result: Delivery): Promise<boolean> {
    const stored = this.claimedBy(row, token);
    if (!stored) return false;
    // As DynamoDB's `SET deliveries.#r`: the map exists since the row was first claimed.
    stored.deliveries = { ...stored.deliveries, [recipient]: result };
    return true;
  }

  async release(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string, notBefore: string, uncount = false): Promise<boolean> {
    const stored = this.claimedBy(row, token);
    if (!stored) return false;
    stored.status = 'pending';
    stored.notBefore = notBefore;
    if (uncount) stored.attempts = (stored.attempts ?? 0) - 1;
    delete stored.claimToken;
    delete stored.claimUntil;
    return true;
  }

  async finish(row: OutboxRow, token: string, result: FinishResult): Promise<boolean> {
    return (await this.finishWith(row, token, result, [])).ok;
  }

  async finishWith(row: OutboxRow, token: string, result: FinishResult, writes: readonly SideWrite[]): Promise<{ ok: true; queued: OutboxRow[] } | { ok: false; reason: 'lost' | 'exists' }> {
    if (writes.some((w) => w.kind === 'linked_change')) throw new Error('a ticket change cannot be written with an outbox message');
    if (writes.length && !this.sideWrites) throw new Error('this memory outbox stores no side-writes: build it with the memory ticket store');
    if (!this.claimedBy(row, token)) return { ok: false, reason: 'lost' };
    if (writes.length && !this.sideWrites!.fits(writes)) return { ok: false, reason: 'exists' };
    this.rows.delete(keyOf(row));
    this.log.push(structuredClone(loggedMessage(row, result)));
    const queued = writes.length ? this.sideWrites!.apply(writes) : [];
    return { ok: true, queued: queued.map((r) => structuredClone(r)) };
  }

  /**
   * The rows of one change of a ticket (their keys start `<instant>#<ticket>#`): those still to
   * send, then those in the log, each in key order (the DynamoDB store's pattern 49). For the
   * memory erasure twin.
   */
  rowsOfChange(prefix: string): Array<{ logged: boolean; row: OutboxRow | LoggedMessage }> {
    const bySk = <T extends { SK: string }>(a: T, b: T) => (a.SK < b.SK ? -1 : a.SK > b.SK ? 1 : 0);
    return [
      ...[...this.rows.values()].filter((r) => r.SK.startsWith(prefix)).sort(bySk).map((row) => ({ logged: false, row: structuredClone(row) })),
      ...this.log.filter((r) => r.SK.startsWith(prefix)).sort(bySk).map((row) => ({ logged: true, row: structuredClone(row) })),
    ];
  }

  /** Replaces a row's text in place, nothing else of it (the memory erasure twin); false when the row is gone. */
  setText(logged: boolean, row: Pick<OutboxRow, 'PK' | 'SK'>, text: string): boolean {
    const stored = this.stored(logged, row);
    if (!stored) return false;
    stored.text = text;
    return true;
  }

  /** Whether the row (still to send, or in the log) is stored. */
  holds(logged: boolean, row: Pick<OutboxRow, 'PK' | 'SK'>): boolean {
    return this.stored(logged, row) !== undefined;
  }

  private stored(logged: boolean, row: Pick<OutboxRow, 'PK' | 'SK'>): OutboxRow | LoggedMessage | undefined {
    return logged ? this.log.find((r) => r.PK === row.PK && r.SK === row.SK) : this.rows.get(keyOf(row));
  }

  /** The stored row while `token` holds its claim (DynamoDB's `claimToken = :tok`: a lapsed lease alone does not lose it). */
  private claimedBy(row: Pick<OutboxRow, 'PK' | 'SK'>, token: string): OutboxRow | undefined {
    const stored = this.rows.get(keyOf(row));
    return stored?.claimToken === token ? stored : undefined;
  }
}

const keyOf = (row: Pick<OutboxRow, 'PK' | 'SK'>) => `${row.PK}\u0000${row.SK}`;
