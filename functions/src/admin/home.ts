import { calendarCoverage, localDateOf } from '@mashang/shared';
import type { AdminHomeReply } from '@mashang/shared/admin-contracts';
import { json, type Route } from '../http/http.ts';
import { adminFromEnv, scopeOf, staffListingFromEnv, type AdminDeps } from './context.ts';
import { currentCalendar, jobView } from './rederive.ts';
import type { CountyScope } from './scope.ts';

/**
 * The admin home: calendar coverage (warns from 1 November when next year is not loaded,
 * and lists the requests already filed on provisional deadlines), system health (the
 * sweeper's last run and its lag, notifications waiting) and the county's counts.
 * Every figure is a Get or a Query of a known partition.
 */
export async function adminHome(deps: AdminDeps, scope: CountyScope, staffCount?: (countyId: string) => Promise<number>): Promise<AdminHomeReply> {
  const [calendar, stored, needed, heartbeat, oldestDue, outboxWaiting, units, job] = await Promise.all([
    currentCalendar(deps),
    deps.org.calendar(),
    deps.store.calendarNeeded(),
    deps.store.sweepHeartbeat(),
    deps.store.oldestDue(scope.now),
    deps.store.outboxWaiting(),
    deps.org.units(),
    deps.store.job(),
  ]);
  const today = localDateOf(scope.now);
  const coverage = calendarCoverage(today, calendar);
  const mine = units.filter((u) => scope.has(u));
  const grids = mine.filter((u) => u.kind === 'grid').map((u) => u.id);
  return {
    county: { id: scope.county.id, name: scope.county.name },
    calendar: {
      today,
      ...coverage,
      cutoffMinutes: stored.cutoffMinutes ?? 1440,
      provisional: needed.filter((n) => !calendar.isKnownYear(n.year)).map(({ year, tickets, firstAt, lastTicketId }) => ({ year, tickets, firstAt, lastTicketId })),
    },
    health: {
      ...(heartbeat ? { lastSweepAt: heartbeat.at } : {}),
      sweepLagSeconds: oldestDue ? Math.max(0, Math.round((Date.parse(scope.now) - Date.parse(oldestDue)) / 1000)) : 0,
      outboxWaiting,
    },
    counts: {
      units: mine.length,
      staff: staffCount ? await staffCount(scope.countyId) : null,
      locations: await deps.store.locationCount(grids),
    },
    ...(job ? { job: jobView(job) } : {}),
  };
}

export const homeRoutes: Record<string, Route> = {
  'GET /api/admin/home': async (_event, { actor }) => {
    const deps = adminFromEnv();
    // Active staff accounts, from the county's staff listing (functions/src/admin/org/store.ts).
    const store = staffListingFromEnv();
    const staffCount = async (countyId: string) => (await store.staffOfCounty(countyId)).filter((s) => !s.disabled).length;
    return json(200, await adminHome(deps, await scopeOf(deps, await actor()), staffCount));
  },
};
