import { AppError, createCalendar, fromEpochMs, rederiveDeadlines, type Ticket, type WorkCalendar } from '@mashang/shared';
import type { JobView } from '@mashang/shared/admin-contracts';
import type { RederiveJob } from '../ports/admin-reference.ts';
import type { AdminDeps } from './context.ts';

/**
 * After a calendar or cut-off correction every open request's working-day deadlines are
 * re-derived from its T0 under the new calendar, as a resumable job:
 *
 * - The change itself stores the job's new generation with it (ReferenceChanges.changeCalendar),
 *   so a correction never exists without its job.
 * - {@link runRederive} advances it in slices (a page of one unit's open inbox at a time,
 *   index `inbox`, which holds open requests only — no Scan), within a time budget: the
 *   admin request runs a first slice, the page asks for more, and the scheduled
 *   `adminJobs` function continues every minute. A request never times out on it.
 * - Each request is one conditional ticket transaction (TicketStore.save): the new clocks,
 *   one `deadlines_rederived` event (old → new), the due index re-keyed, and the report
 *   counters moved by contribution(after) − contribution(before), so they stay equal to
 *   what a scan would give.
 * - Idempotent: re-deriving an up-to-date request changes nothing, so a slice killed
 *   anywhere and run again (or two at once) neither loses nor repeats a change. Progress is
 *   saved conditionally on the generation and step read; a newer correction restarts it.
 * - Other Lambdas cache the calendar for up to `referenceTtlMs`: a request filed there on
 *   the old calendar meanwhile would be missed, so a pass that began sooner than that after
 *   the change is followed by one more pass.
 */

export const JOB_PAGE = 25;

export function jobView(job: RederiveJob): JobView {
  return {
    generation: job.generation,
    status: job.status,
    reason: job.reason,
    changedAt: job.changedAt,
    passes: job.passes,
    scanned: job.scanned,
    changed: job.changed,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
  };
}

/** The job's new generation after `previous`, to store with the change (ReferenceChanges.changeCalendar). */
export function startJob(previous: RederiveJob | undefined, reason: string, by: string, at: string): RederiveJob {
  return {
    generation: (previous?.generation ?? 0) + 1,
    step: 0,
    status: 'running',
    reason,
    requestedBy: by,
    changedAt: at,
    passStartedAt: at,
    passes: 1,
    scanned: 0,
    changed: 0,
  };
}

/** The calendar as stored now (never a cached one). */
export async function currentCalendar(deps: AdminDeps): Promise<WorkCalendar> {
  const cal = await deps.org.calendar();
  return createCalendar({ overrides: cal.overrides, loadedYears: cal.loadedYears, cutoffMinutes: cal.cutoffMinutes });
}

/** Re-derives one request, re-reading it after a lost race (a handler acted meanwhile). True when it changed. */
async function rederiveOne(deps: AdminDeps, listed: Ticket, calendar: WorkCalendar, reason: string): Promise<boolean> {
  let ticket: Ticket | undefined = listed;
  for (let attempt = 0; attempt < 5 && ticket; attempt++) {
    const decision = rederiveDeadlines(ticket, calendar, fromEpochMs(deps.now()), reason);
    if (!decision) return false;
    try {
      await deps.tickets.save(ticket, decision);
      return true;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      ticket = await deps.tickets.get(listed.id); // the index copy was stale, or somebody acted: read it again
    }
  }
  return false;
}

/**
 * Advances the job until it is done, `budgetMs` has passed, or `maxPages` pages were
 * handled. Returns where it stands (undefined when no job was ever started).
 */
export async function runRederive(deps: AdminDeps, opts: { budgetMs?: number; maxPages?: number; pageSize?: number } = {}): Promise<RederiveJob | undefined> {
  const started = deps.now();
  const budget = opts.budgetMs ?? 5_000;
  const maxPages = opts.maxPages ?? Number.POSITIVE_INFINITY;
  let job = await deps.store.job();
  if (!job || job.status === 'done') return job;
  const calendar = await currentCalendar(deps);
  const unitIds = (await deps.org.units()).map((u) => u.id).sort();
  for (let pages = 0; job.status === 'running' && pages < maxPages && deps.now() - started < budget; pages++) {
    if (deps.now() < Date.parse(job.passStartedAt)) break; // the second pass waits until every cache has expired
    const unitId: string | undefined = job.unitId ?? unitIds[0];
    let next: RederiveJob;
    if (unitId === undefined) {
      next = { ...job, step: job.step + 1, status: 'done', finishedAt: fromEpochMs(deps.now()) };
    } else {
      const page = await deps.store.openTicketsPage(unitId, job.cursor, opts.pageSize ?? JOB_PAGE);
      let changed = 0;
      for (const t of page.items) if (await rederiveOne(deps, t, calendar, job.reason)) changed++;
      const { cursor: _c, unitId: _u, ...rest } = job;
      next = { ...rest, step: job.step + 1, scanned: job.scanned + page.items.length, changed: job.changed + changed };
      if (page.next) {
        next = { ...next, unitId, cursor: page.next };
      } else {
        const following = unitIds.find((id) => id > unitId);
        if (following !== undefined) next = { ...next, unitId: following };
        else if (Date.parse(job.passStartedAt) - Date.parse(job.changedAt) < deps.referenceTtlMs) {
          // This pass began while other Lambdas could still hold the old calendar: once more, once their caches expired.
          const at = Math.max(deps.now(), Date.parse(job.changedAt) + deps.referenceTtlMs);
          next = { ...next, passStartedAt: fromEpochMs(at), passes: job.passes + 1 };
        } else {
          next = { ...next, status: 'done', finishedAt: fromEpochMs(deps.now()) };
        }
      }
    }
    if (!(await deps.store.jobProgress(job, next))) return deps.store.job(); // another step or a newer change got there first
    job = next;
  }
  return job;
}
