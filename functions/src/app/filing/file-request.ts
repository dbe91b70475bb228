import { randomInt } from 'node:crypto';
import {
  computeClocks,
  fromEpochMs,
  handleOnSpot,
  localDateOf,
  openTicket,
  resolvePolicy,
  withCalendarNote,
  type Actor,
  type Category,
  type Decision,
  type Rating,
  type Ticket,
  type WorkCalendar,
} from '@mashang/shared';
import { TicketIdTakenError } from '../../ports/errors.ts';
import type { SideWrite, TicketWrites } from '../../ports/tickets.ts';
import { photoTagWrites } from '../photos/photo-tags.ts';
import type { VerifiedPhotos } from '../photos/photos.ts';
import { categoryPolicyOf } from '../reference.ts';

/**
 * What a filer asks for once its own part is settled: who and where (the resident's QR
 * location, a grid worker's grid, the operator desk's place, an Open311 key's area), the
 * channel and category. Everything after that is the one filing path below.
 */
export interface FilingRequest {
  clientToken?: string;
  channel: Ticket['channel'];
  category: Category;
  description: string;
  phone?: string;
  contactName?: string;
  anonymous: boolean;
  residentId?: string;
  urgent: boolean;
  place: { locationId?: string; locationName: string; gridId?: string; coordinatorUnitId: string };
  /** Photo keys as uploaded; each must be the filer's own (checked here). */
  photos?: readonly string[];
  mediator?: Ticket['mediator'];
  external?: Ticket['external'];
  /** Where a request filed without a QR code was made (functions/src/app/residents/near.ts). */
  point?: Ticket['point'];
  /** The operator desk's 12345 work-order number and referenced earlier requests (functions/src/app/filing/desk.ts). */
  desk?: Partial<Pick<Ticket, 'workOrderNo' | 'relatedTicketIds'>>;
  /** A grid worker handled it on the spot (办小事): resolved and closed at once. */
  onSpot?: { feedback: string; result: Rating };
  /** Notification templates the resident accepted. */
  subscriptions?: readonly string[];
  /** More side-writes of the new ticket (an integration's listing). */
  sideWrites?: (ticket: Ticket) => SideWrite[];
}

/** A filed request: the new ticket's decision, or the ticket its client token filed before. */
export type Filed = { created: true; decision: Decision } | { created: false; ticketId: string };

export interface FilingDeps {
  tickets: TicketWrites;
  now: () => number;
  /** The calendar and categories in force (functions/src/app/reference.ts). */
  reference: () => Promise<{ calendar: WorkCalendar; categories: Map<string, Category> }>;
  /** Photos and consents; without them photo keys pass unchecked and no consent is stored (some tests). */
  resident?: {
    verifyPhotos(actor: Actor, keys: readonly string[]): Promise<VerifiedPhotos>;
    createExtras(ticketId: string, actor: Actor, subscriptions: readonly string[], at: string): SideWrite[];
  };
  /** Risk early warning: the warning is written with the request that trips a rule. */
  risk?: { writesFor(trigger: 'created', ticket: Ticket, texts: string[]): Promise<SideWrite[]> };
  /** Tells the admins about provisional (预计) deadlines; best effort. */
  calendarAlert?: (years: number[], ticketId: string, at: string) => Promise<void>;
}

/** How often a new id is drawn when it collides: three collisions in a row mean something else is wrong. */
const ID_ATTEMPTS = 3;

/**
 * The one filing path for residents, grid workers, the operator desk and integrations:
 * checks the photos, opens the ticket on the category's clocks (预计 deadlines recorded when
 * a year is not loaded), handles it on the spot if asked, and stores it with its consents,
 * its risk warning and any listing in one write, idempotent on the client token; a ticket
 * id collision is retried with a new id.
 */
export async function fileRequest(deps: FilingDeps, actor: Actor, req: FilingRequest): Promise<Filed> {
  const { calendar, categories } = await deps.reference();
  const receivedAt = fromEpochMs(deps.now());
  const policy = resolvePolicy(req.category.policy);
  const verified: VerifiedPhotos = req.photos?.length ? (deps.resident ? await deps.resident.verifyPhotos(actor, req.photos) : { keys: [...req.photos], untagged: [] }) : { keys: [], untagged: [] };
  const photos = verified.keys;
  for (let attempt = 1; ; attempt++) {
    const opened = openTicket(
      {
        id: newTicketId(receivedAt),
        channel: req.channel,
        categoryCode: req.category.code,
        description: req.description,
        phone: req.phone,
        contactName: req.contactName,
        anonymous: req.anonymous,
        residentId: req.residentId,
        urgent: req.urgent,
        locationId: req.place.locationId,
        locationName: req.place.locationName,
        gridId: req.place.gridId,
        coordinatorUnitId: req.place.coordinatorUnitId,
        receivedAt,
        policy,
        clocks: computeClocks(receivedAt, policy, calendar),
        photos,
        ...(req.mediator ? { mediator: req.mediator } : {}),
        ...(req.external ? { external: req.external } : {}),
        ...(req.point ? { point: req.point } : {}),
        ...req.desk,
      },
      actor,
    );
    // Deadlines computed with the Monday–Friday fallback are recorded as such (预计) on the ticket.
    const noted = { ...opened, ticket: withCalendarNote(opened.ticket, calendar) };
    const decision = req.onSpot ? handleOnSpot(noted, actor, receivedAt, { calendar, categoryPolicy: categoryPolicyOf(categories) }, req.onSpot) : noted;
    const t = decision.ticket;
    const sideWrites = [
      ...(deps.resident?.createExtras(t.id, actor, req.subscriptions ?? [], receivedAt) ?? []),
      ...(deps.risk ? await deps.risk.writesFor('created', t, [t.description]) : []),
      ...(req.sideWrites?.(t) ?? []),
      // Photos whose tagging failed above: the dispatcher tags them after the write (../photo-tags.ts).
      ...photoTagWrites(t, receivedAt, verified.untagged),
    ];
    try {
      const res = await deps.tickets.create(decision, req.clientToken, sideWrites);
      if (!res.created) return { created: false, ticketId: res.ticketId };
      await alertCalendar(deps, t);
      return { created: true, decision };
    } catch (err) {
      if (!(err instanceof TicketIdTakenError) || attempt >= ID_ATTEMPTS) throw err;
    }
  }
}

/** A request filed with provisional deadlines alerts the admins (once per year, counted); never throws. */
export async function alertCalendar(deps: Pick<FilingDeps, 'calendarAlert'>, ticket: Ticket): Promise<void> {
  if (!ticket.calendarMissingYears?.length || !deps.calendarAlert) return;
  try {
    await deps.calendarAlert(ticket.calendarMissingYears, ticket.id, ticket.receivedAt);
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', message: 'calendar alert failed', ticketId: ticket.id, error: err instanceof Error ? err.message : String(err) }));
  }
}

/** Request numbers people can read out over the phone: local date + 7 random digits, e.g. 2611214837291. */
export function newTicketId(receivedAt: string): string {
  const date = localDateOf(receivedAt).replace(/-/g, '').slice(2);
  return `${date}${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}
