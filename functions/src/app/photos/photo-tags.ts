import { fromEpochMs, type Ticket } from '@mashang/shared';
import type { PhotoStorage } from '../../adapters/storage.ts';
import { retryAtMs, type Outbox, type OutboxRow } from '../../ports/outbox.ts';
import type { SideWrite, TicketReads } from '../../ports/tickets.ts';

/**
 * Photos whose `attached=yes` tagging failed while a request, a resolution or a desk filing was
 * checked (functions/src/app/photos/photos.ts): the write that stores the change carries a `photo_tag`
 * outbox row with their keys (functions/src/store/side-writes.ts), so the request is neither
 * failed nor slowed, and the dispatcher (every minute, functions/src/app/notifying/notifications.ts) tags
 * them here. Tagging is idempotent, so the row is worked like a risk check: claimed with a
 * lease, every key tagged, then moved to the log conditioned on the claim; a dispatcher killed
 * in between leaves the row for the next run, which tags again to the same effect.
 *
 * Only keys the stored request still carries are tagged (its photos and feedback photos): a
 * resident's erasure (functions/src/app/residents/erasure.ts) tags erased photos `attached=no` to let them
 * expire, and a retry still pending then must not keep them.
 *
 * A failed tagging gives the row back for a later attempt (1, 2, 4 … minutes, at most 16). The
 * bucket's lifecycle rule expires an `attached=no` photo a day after its upload, so the row is
 * tried for longer than that ({@link PHOTO_TAG_MAX_ATTEMPTS}) and then moved to the log as
 * failed, with the error, and logged.
 */

/** About 26 hours of attempts at the 16-minute cap: past the day after which the photo is gone anyway. */
export const PHOTO_TAG_MAX_ATTEMPTS = 100;
const BACKOFF_CAP_MINUTES = 16;

export const isPhotoTag = (row: Pick<OutboxRow, 'kind'>): boolean => row.kind === 'photo_tag';

/** The retry a ticket change carries for its photos whose tagging failed (none when all were tagged). */
export function photoTagWrites(ticket: Pick<Ticket, 'id' | 'version'>, at: string, untagged: readonly string[]): SideWrite[] {
  return untagged.length ? [{ kind: 'photo_tag', ticketId: ticket.id, keys: [...untagged], at, version: ticket.version }] : [];
}

export interface PhotoTagDeps {
  outbox: Pick<Outbox, 'finish' | 'release'>;
  tickets: Pick<TicketReads, 'get'>;
  /** The photo storage; its S3 client is loaded on the first tagging (functions/src/adapters/storage.ts). */
  storage: Pick<PhotoStorage, 'markAttached'>;
  now: () => number;
  log?: (entry: Record<string, unknown>) => void;
}

/** What one row came to: tagged, nothing left to tag (erased since), given back for later, failed for good, or the claim lost. */
export type PhotoTagOutcome = 'tagged' | 'dropped' | 'retry' | 'failed' | 'lost';

export class PhotoTags {
  constructor(private readonly deps: PhotoTagDeps) {}

  private log(entry: Record<string, unknown>): void {
    (this.deps.log ?? ((e) => console.error(JSON.stringify(e))))(entry);
  }

  /** Works one claimed `photo_tag` row: tags each of its keys the request still carries `attached=yes`. */
  async handle(claimed: OutboxRow, token: string): Promise<PhotoTagOutcome> {
    let keys: string[];
    try {
      const ticket = await this.deps.tickets.get(claimed.ticketId);
      const carried = new Set([...(ticket?.photos ?? []), ...(ticket?.feedbackPhotos ?? [])]);
      keys = (claimed.photoKeys ?? []).filter((k) => carried.has(k));
    } catch (err) {
      return this.failed(claimed, token, [{ key: '', error: err instanceof Error ? err.message : String(err) }]);
    }
    if (!keys.length) {
      const ok = await this.deps.outbox.finish(claimed, token, { status: 'skipped', reason: '诉求已不再包含这些照片', deliveries: {}, doneAt: fromEpochMs(this.deps.now()) });
      return ok ? 'dropped' : 'lost';
    }
    const results = await Promise.all(
      keys.map((key) =>
        this.deps.storage.markAttached(key).then(
          () => undefined,
          (err: unknown) => ({ key, error: err instanceof Error ? err.message : String(err) }),
        ),
      ),
    );
    const failures = results.filter((r): r is { key: string; error: string } => r !== undefined);
    const doneAt = fromEpochMs(this.deps.now());
    if (!failures.length) {
      const ok = await this.deps.outbox.finish(claimed, token, { status: 'sent', reason: '照片已标记保留', deliveries: {}, doneAt });
      return ok ? 'tagged' : 'lost';
    }
    return this.failed(claimed, token, failures);
  }

  /** Gives the row back with a backoff, or after the last attempt moves it to the log as failed; logged either way. */
  private async failed(claimed: OutboxRow, token: string, failures: { key: string; error: string }[]): Promise<PhotoTagOutcome> {
    const doneAt = fromEpochMs(this.deps.now());
    const attempts = claimed.attempts ?? 1;
    const last = attempts >= PHOTO_TAG_MAX_ATTEMPTS;
    this.log({
      level: 'error',
      message: last ? 'photo tag failed for good' : 'photo tag failed; tried again later',
      ticketId: claimed.ticketId,
      keys: failures.map((f) => f.key).filter(Boolean),
      attempts,
      error: failures[0]!.error,
    });
    if (last) {
      const ok = await this.deps.outbox.finish(claimed, token, { status: 'failed', reason: `照片未能标记保留：${failures[0]!.error}`, deliveries: {}, doneAt });
      return ok ? 'failed' : 'lost';
    }
    const ok = await this.deps.outbox.release(claimed, token, fromEpochMs(retryAtMs(this.deps.now(), attempts, BACKOFF_CAP_MINUTES)));
    return ok ? 'retry' : 'lost';
  }
}
