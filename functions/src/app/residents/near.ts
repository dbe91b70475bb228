import gcoord from 'gcoord';
import {
  AppError,
  isJoinable,
  pointPlaceName,
  PointTicketInputSchema,
  streetOffices,
  NEARBY_OPEN_RADIUS_M,
  DEFAULT_NO_QR_MAX_METRES,
  type Actor,
  type Datum,
  type NearbyOpenItem,
  type PlaceView,
  type PointRouteReply,
  type PointTicketInput,
  type TicketDetail,
} from '@mashang/shared';
import type { OrgStore } from '../../store/org.ts';
import type { PlaceStore } from '../../store/places.ts';
import type { NearStore } from '../../store/near.ts';
import type { ResidentRequests } from '../../ports/residents.ts';
import { openRequestRow } from './resident.ts';
import type { SideWrite } from '../../ports/tickets.ts';
import type { PlaceFiling } from '../acts.ts';
import type { FiledAt } from '../filing/filing.ts';

/**
 * Issue 13, the resident's side: a request without a QR code, and the open problems near a
 * place. Both stand on the places index of PlaceStore (pattern 23, the geohash cells around
 * a point) and the open-at-place index (pattern 6); nothing here scans.
 */

export interface NearDeps {
  service: PlaceFiling;
  org: OrgStore;
  places: PlaceStore;
  residents: Pick<ResidentRequests, 'joined'>;
  near: NearStore;
  /** A QR location this near (metres) decides the office of a request filed at a point (NO_QR_MAX_METRES). */
  maxMetres?: number;
}

/** Places whose open requests are read for "near a place": the place and its nearest neighbours. */
const NEAR_PLACES = 6;
/**
 * Open requests read per place: the index orders a place's rows by category first, so a
 * place's open requests are read whole up to this bound and sorted by time here.
 */
const PER_PLACE = 50;
const NEARBY_OPEN_LIMIT = 20;

/** A point as stored (WGS-84, 6 decimals ≈ 0.1 m): the mini-program's map gives GCJ-02, converted here with gcoord. */
export function toWgs84(lat: number, lng: number, datum: Datum): { lat: number; lng: number } {
  if (datum === 'wgs84') return { lat: round6(lat), lng: round6(lng) };
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat: round6(y), lng: round6(x) };
}
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** NO_QR_MAX_METRES from the stage's environment (50 m – 20 km), or the default. */
export function maxMetresFromEnv(env: NodeJS.ProcessEnv): number {
  const v = Number(env.NO_QR_MAX_METRES);
  return Number.isFinite(v) && v >= 50 && v <= 20_000 ? v : DEFAULT_NO_QR_MAX_METRES;
}

export class NearService {
  constructor(private readonly deps: NearDeps) {}

  private get maxMetres(): number {
    return this.deps.maxMetres ?? DEFAULT_NO_QR_MAX_METRES;
  }

  /** The nearest QR location within the configured distance of a WGS-84 point, if any. */
  private async nearest(point: { lat: number; lng: number }): Promise<PlaceView | undefined> {
    const [first] = await this.deps.places.nearby(point.lat, point.lng, 1);
    return first && first.distanceM !== undefined && first.distanceM <= this.maxMetres ? first : undefined;
  }

  /**
   * Where a request filed at this point goes: the office of the nearest QR location's grid
   * when one lies within the configured distance; otherwise the street offices to choose from.
   */
  async route(lat: number, lng: number, datum: Datum): Promise<PointRouteReply> {
    const point = toWgs84(lat, lng, datum);
    const nearest = await this.nearest(point);
    const offices = nearest ? [] : streetOffices((await this.deps.service.ref()).units.values());
    return { ...point, maxMetres: this.maxMetres, ...(nearest ? { nearest } : {}), offices };
  }

  /**
   * Files a request at a point. The route is decided here again (a client cannot pick a far
   * office while a QR location is near, nor skip the office when none is): near a QR location,
   * the request carries that location (its grid, its office; "me too" and the risk rules see
   * it there); otherwise the street office the resident chose, and the place they typed.
   */
  async file(actor: Actor, raw: PointTicketInput, counts?: readonly SideWrite[]): Promise<{ ticket: TicketDetail; created: boolean }> {
    if (actor.role !== 'resident') throw new AppError('FORBIDDEN', '工作人员请在工作台登记诉求');
    const input = PointTicketInputSchema.parse(raw);
    const point = toWgs84(input.lat, input.lng, input.datum);
    const { lat: _lat, lng: _lng, datum: _d, place, officeId, ...rest } = input;
    const nearest = await this.nearest(point);
    let at: FiledAt;
    if (nearest) {
      const location = await this.deps.org.location(nearest.id);
      if (!location) throw new AppError('LOCATION_NOT_FOUND', '附近的地点已停用，请重新选择位置');
      at = { id: location.id, name: pointPlaceName({ place, nearestName: location.name, distanceM: nearest.distanceM }), gridId: location.gridId, centreUnitId: location.centreUnitId, point };
    } else {
      const fields = [
        ...(officeId ? [] : [{ path: 'officeId', message: '附近没有“码上办”地点，请选择街道' }]),
        ...(place ? [] : [{ path: 'place', message: '请填写具体位置，便于工作人员找到' }]),
      ];
      if (fields.length) throw new AppError('VALIDATION_FAILED', fields.map((f) => f.message).join('；'), fields);
      const office = streetOffices((await this.deps.service.ref()).units.values()).find((o) => o.id === officeId);
      if (!office) throw new AppError('UNIT_NOT_FOUND', '所选街道不存在', [{ path: 'officeId', message: '请从列表中选择街道' }]);
      at = { name: pointPlaceName({ place, officeName: office.name }), centreUnitId: office.id, point };
    }
    // The create contract wants a location id; the routed place replaces it (at.id, or none).
    return this.deps.service.createTicket(actor, { ...rest, locationId: at.id ?? 'point' }, at, counts);
  }

  /**
   * Open requests at a QR location and at the QR locations within NEARBY_OPEN_RADIUS_M of it,
   * newest first, as a resident may see them before filing (masked text, no names, no phone).
   * One query per place (pattern 6, any category, ≤ PER_PLACE rows), at most NEAR_PLACES places.
   */
  async nearbyOpen(actor: Actor, locationId: string): Promise<{ items: NearbyOpenItem[]; radiusM: number }> {
    const location = await this.deps.org.location(locationId);
    if (!location) throw new AppError('LOCATION_NOT_FOUND', '未找到该二维码对应的地点，请确认二维码是否完整');
    const around =
      location.lat !== undefined && location.lng !== undefined
        ? (await this.deps.places.nearby(location.lat, location.lng, NEAR_PLACES)).filter((p) => (p.distanceM ?? Infinity) <= NEARBY_OPEN_RADIUS_M)
        : [];
    const places = new Map<string, { name: string; distanceM: number }>([[location.id, { name: location.name, distanceM: 0 }]]);
    for (const p of around) if (!places.has(p.id)) places.set(p.id, { name: p.name, distanceM: p.distanceM ?? 0 });
    const ids = [...places.keys()].slice(0, NEAR_PLACES);
    const found = (await Promise.all(ids.map(async (id) => (await this.deps.near.openAtPlace(id, PER_PLACE)).map((t) => ({ t, at: id }))))).flat();
    const open = found
      .filter(({ t }) => isJoinable(t.status))
      .sort((a, b) => b.t.receivedAt.localeCompare(a.t.receivedAt))
      .slice(0, NEARBY_OPEN_LIMIT);
    const joined = actor.role === 'resident' ? await this.deps.residents.joined(open.map(({ t }) => t.id), actor.id) : new Set<string>();
    const { categories } = await this.deps.service.ref();
    const items = open.map(({ t, at }) => ({
      ...openRequestRow(t, actor, joined, categories),
      placeName: places.get(at)!.name,
      distanceM: places.get(at)!.distanceM,
    }));
    return { items, radiusM: NEARBY_OPEN_RADIUS_M };
  }
}
