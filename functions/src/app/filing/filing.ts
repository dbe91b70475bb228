import { AppError, type Actor, type CreateTicketInput, type Location, type TicketDetail } from '@mashang/shared';
import { CreateTicketInputSchema } from '@mashang/shared/contracts/common';
import { MEDIATION_CATEGORIES } from '@mashang/shared/contracts/resident';
import type { SideWrite, TicketReads } from '../../ports/tickets.ts';
import { withSeq, type TicketReading } from '../reading/tickets.ts';
import type { ReferenceData } from '../reference.ts';
import { fileRequest, type Filed, type FilingDeps, type FilingRequest } from './file-request.ts';

export interface FilingModuleDeps extends FilingDeps {
  tickets: FilingDeps['tickets'] & Pick<TicketReads, 'findByClientToken'>;
  reading: Pick<TicketReading, 'detail' | 'ticketDetail'>;
  categories: Pick<ReferenceData, 'category'>;
  location: (id: string) => Promise<Location | undefined>;
  /** Mediation teams (functions/src/admin/org/mediators.ts): checks a resident's choice on a dispute category. */
  mediators?: { chosen(locationId: string, mediatorId: string | undefined): Promise<{ id: string; name: string; contact: string } | undefined> };
}

/** Where a request filed without a QR code goes (functions/src/app/residents/near.ts): a location's grid and office, or an office alone. */
export interface FiledAt {
  id?: string;
  name: string;
  gridId?: string;
  centreUnitId: string;
  point?: { lat: number; lng: number };
}

/**
 * Filing: the QR request (a resident, or staff scanning a code) and the reply every filer
 * gets; the one path behind it is {@link fileRequest}, which the workbench (grid workers,
 * the operator desk) and Open311 use too.
 */
export class Filing {
  constructor(private readonly deps: FilingModuleDeps) {}

  /**
   * Files a request from a QR location. Idempotent on `clientToken`: the create write is
   * conditioned on the token's row, so a retried submit is found there (TicketWrites.create)
   * without a read before every create; a retry refused on the way (its place removed since,
   * say) still gets its request back. `at` replaces the QR location for a request filed
   * without a QR code (functions/src/app/residents/near.ts routed it).
   */
  async fromQr(actor: Actor, raw: CreateTicketInput, at?: FiledAt, counts: readonly SideWrite[] = []): Promise<{ ticket: TicketDetail; created: boolean }> {
    const input = CreateTicketInputSchema.parse(raw);
    try {
      return await this.fromQrOnce(actor, input, at, counts);
    } catch (err) {
      // A rate-limit refusal is answered as such (a retry at the limit is refused too), without reading the token's row.
      if (!(err instanceof AppError) || err.code === 'IDEMPOTENCY_MISMATCH' || err.code === 'RATE_LIMITED') throw err;
      const replay = await this.deps.tickets.findByClientToken(input.clientToken);
      if (replay) return this.replay(actor, replay);
      throw err;
    }
  }

  private async fromQrOnce(actor: Actor, input: ReturnType<typeof CreateTicketInputSchema.parse>, at: FiledAt | undefined, counts: readonly SideWrite[]): Promise<{ ticket: TicketDetail; created: boolean }> {
    const location = at ?? (await this.deps.location(input.locationId));
    if (!location) throw new AppError('LOCATION_NOT_FOUND', '未找到该二维码对应的地点，请确认二维码是否完整');
    const category = await this.deps.categories.category(input.categoryCode);
    // Urgency comes from the category (安全隐患 carries the urgent policy). A resident's own
    // "urgent" flag selects nothing: a self-declared flag with no stricter clock would only
    // be a label (see README, "The resident's urgent flag"). Staff filing on patrol may flag it.
    const urgent = category.urgent === true || (actor.role !== 'resident' && input.urgent);
    const chosen = input.mediatorId && location.id && MEDIATION_CATEGORIES.includes(category.code) ? await this.deps.mediators?.chosen(location.id, input.mediatorId) : undefined;
    const mediator = chosen ? { id: chosen.id, name: chosen.name, contact: chosen.contact } : undefined;
    const filed = await this.file(actor, {
      clientToken: input.clientToken,
      channel: actor.role === 'grid_worker' ? 'grid' : 'qr',
      category,
      description: input.description,
      phone: input.phone,
      contactName: input.contactName,
      anonymous: input.anonymous,
      residentId: actor.role === 'resident' ? actor.id : undefined,
      urgent,
      place: { locationId: location.id, locationName: location.name, gridId: location.gridId, coordinatorUnitId: location.centreUnitId },
      photos: input.photos,
      ...(mediator ? { mediator } : {}),
      ...(at?.point ? { point: at.point } : {}),
      subscriptions: input.subscriptions,
      ...(counts.length ? { sideWrites: () => [...counts] } : {}),
    });
    return this.reply(actor, filed);
  }

  /** The one filing path with this module's store, clock, photos, consents, risk rules and calendar alerts. */
  file(actor: Actor, request: FilingRequest): Promise<Filed> {
    return fileRequest(this.deps, actor, request);
  }

  /** The filer's reply: the new request as the filer sees it (photos as links), or the one its client token filed before. */
  async reply(actor: Actor, filed: Filed): Promise<{ ticket: TicketDetail; created: boolean }> {
    if (!filed.created) return this.replay(actor, { ticketId: filed.ticketId });
    const { decision } = filed;
    return { ticket: await this.deps.reading.detail(decision.ticket, withSeq(decision, 1), actor), created: true };
  }

  private async replay(actor: Actor, existing: { ticketId: string; residentId?: string }): Promise<{ ticket: TicketDetail; created: boolean }> {
    if (existing.residentId !== undefined && existing.residentId !== actor.id) throw new AppError('IDEMPOTENCY_MISMATCH', '该请求标识已被使用');
    return { ticket: await this.deps.reading.ticketDetail(actor, existing.ticketId), created: false };
  }
}

/** Most QR locations one warm Lambda keeps (a county has a few thousand). */
const LOCATION_CACHE_MAX = 5_000;

/**
 * QR locations as creates read them, kept as long as the reference data (REFERENCE_TTL_MS,
 * default a minute): a busy place is read once a minute, not on every request. Unknown ids
 * are never cached.
 */
export function cachedLocations(read: (id: string) => Promise<Location | undefined>, now: () => number, ttlMs = 60_000): (id: string) => Promise<Location | undefined> {
  const locations = new Map<string, { location: Location; at: number }>();
  return async (id) => {
    const t = now();
    const hit = locations.get(id);
    if (hit && t - hit.at < ttlMs) return hit.location;
    const location = await read(id);
    if (location && ttlMs > 0) {
      if (locations.size >= LOCATION_CACHE_MAX) locations.delete(locations.keys().next().value!);
      locations.set(id, { location, at: t });
    }
    return location;
  };
}
