import { decide, dueCheckpoints, foldDecisions, fromEpochMs, SYSTEM_ACTOR, type Decision, type Ticket, type WorkCalendar } from '@mashang/shared';
import { VersionConflictError } from '../../ports/errors.ts';
import type { DueTickets, TicketWrites } from '../../ports/tickets.ts';

/** Result of one sweep: what it read and what it recorded, for logs and the benchmark. */
export interface SweepReport {
  due: number;
  itemsRead: number;
  recorded: number;
  warnings: number;
  breaches: number;
  conflicts: number;
  queries: number;
}

export interface SweepDeps {
  tickets: DueTickets & Pick<TicketWrites, 'save'>;
  now: () => number;
  /** The calendar in force (functions/src/app/reference.ts). */
  reference: () => Promise<{ calendar: WorkCalendar }>;
}

/**
 * Records every warning and breach that has come, exactly once. Reads only the due
 * tickets; each ticket is one conditional write, so a sweep killed at any point and run
 * again neither loses nor repeats a record.
 */
export async function sweep(deps: SweepDeps, opts: { pageSize?: number; maxTickets?: number } = {}): Promise<SweepReport> {
  const now = fromEpochMs(deps.now());
  const { calendar } = await deps.reference();
  const report: SweepReport = { due: 0, itemsRead: 0, recorded: 0, warnings: 0, breaches: 0, conflicts: 0, queries: 0 };
  const pageSize = opts.pageSize ?? 200;
  const maxTickets = opts.maxTickets ?? Number.POSITIVE_INFINITY;
  // The store reads the due tickets in lanes (DynamoDB: one per due shard); each lane page after page.
  await Promise.all(
    deps.tickets.due(now, pageSize).map(async (lane) => {
      for await (const page of lane) {
        report.queries++;
        report.itemsRead += page.read;
        for (const ticket of page.items) {
          if (report.due >= maxTickets) return;
          report.due++;
          await recordCheckpoints(deps, ticket, now, calendar, report);
        }
      }
    }),
  );
  return report;
}

async function recordCheckpoints(deps: SweepDeps, ticket: Ticket, now: string, calendar: WorkCalendar, report: SweepReport): Promise<void> {
  let current = ticket;
  const decisions: Decision[] = [];
  for (const cp of dueCheckpoints(ticket.clocks, now)) {
    const d = decide(current, { type: 'record_checkpoint', clock: cp.clock, kind: cp.kind }, SYSTEM_ACTOR, now, { calendar });
    decisions.push(d);
    current = d.ticket;
  }
  if (decisions.length === 0) return;
  try {
    // All checkpoints of one ticket go in one write: fold the decisions into one.
    await deps.tickets.save(ticket, foldDecisions(decisions));
    report.recorded += decisions.length;
    for (const d of decisions) {
      if (d.events[0]?.type === 'sla_breach') report.breaches++;
      else report.warnings++;
    }
  } catch (err) {
    // Somebody acted on the ticket meanwhile: the next sweep sees its new state.
    if (err instanceof VersionConflictError) report.conflicts++;
    else throw err;
  }
}
