import * as z from 'zod/mini';
import { CreateTicketInputSchema } from './contracts/common.ts';
import { PlaceViewSchema, SimilarTicketSchema } from './contracts/resident.ts';
import type { Unit } from './org.ts';
import { lazySchema } from './lazy-schema.ts';

/**
 * Issue 13, the resident's side: filing where there is no QR code (a point on the map
 * or the phone's position) and the open problems near a place. Contracts and the pure
 * routing rule; the use cases are functions/src/app/residents/near.ts.
 */

/** Datums a client may send: the mini-program's map (wx.chooseLocation) gives GCJ-02, browsers' geolocation WGS-84. */
export const DATUMS = ['wgs84', 'gcj02'] as const;
export type Datum = (typeof DATUMS)[number];

const Lat = lazySchema(() => z.coerce.number({ message: '位置无效' }).check(z.gte(-90, '位置无效'), z.lte(90, '位置无效')));
const Lng = lazySchema(() => z.coerce.number({ message: '位置无效' }).check(z.gte(-180, '位置无效'), z.lte(180, '位置无效')));

/** GET /api/places/route?lat=&lng=&datum=: which office a request filed at this point goes to. */
export const PointQuerySchema = lazySchema(() => z.object({ lat: Lat, lng: Lng, datum: z._default(z.enum(DATUMS), 'wgs84') }));
export type PointQuery = z.input<typeof PointQuerySchema>;

/** A street office (街道/乡镇) a resident may choose when no QR location is near. */
export const OfficeViewSchema = lazySchema(() => z.object({ id: z.string(), name: z.string() }));
export type OfficeView = z.infer<typeof OfficeViewSchema>;

export const PointRouteReplySchema = lazySchema(() => z.object({
  /** The point in WGS-84 (as stored on the request). */
  lat: z.number(),
  lng: z.number(),
  /** How near a QR location must be for the request to go to its office. */
  maxMetres: z.number(),
  /** The nearest QR location within maxMetres: the request goes to its grid's office. */
  nearest: z.optional(PlaceViewSchema),
  /** Nothing that near: the street offices to choose from. */
  offices: z.array(OfficeViewSchema),
}));
export type PointRouteReply = z.infer<typeof PointRouteReplySchema>;

/**
 * POST /api/tickets/at-point: a request filed without a QR code. The backend routes it again
 * (never trusting the client's choice of nearest place); `officeId` is used only when no QR
 * location lies within the configured distance.
 */
export const PointTicketInputSchema = lazySchema(() => z.extend(z.omit(CreateTicketInputSchema, { locationId: true, mediatorId: true }), {
  lat: z.number({ message: '缺少位置' }).check(z.gte(-90, '位置无效'), z.lte(90, '位置无效')),
  lng: z.number({ message: '缺少位置' }).check(z.gte(-180, '位置无效'), z.lte(180, '位置无效')),
  datum: z._default(z.enum(DATUMS), 'wgs84'),
  /** What the resident typed or the map named: "东岗西路123号门口". */
  place: z.optional(z.string().check(z.trim(), z.minLength(2, '请填写具体位置（至少2个字）'), z.maxLength(60, '位置不能超过60字'))),
  officeId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
}));
export type PointTicketInput = z.input<typeof PointTicketInputSchema>;

/** GET /api/places/{id}/nearby-open: open problems at and near a QR location, for "me too" before filing. */
export const NearbyOpenItemSchema = lazySchema(() => z.extend(SimilarTicketSchema, {
  placeName: z.string(),
  /** Metres from the place the resident stands at (0 at the place itself). */
  distanceM: z.number(),
}));
export type NearbyOpenItem = z.infer<typeof NearbyOpenItemSchema>;
export const NearbyOpenReplySchema = lazySchema(() => z.object({ items: z.array(NearbyOpenItemSchema), radiusM: z.number() }));
export type NearbyOpenReply = z.infer<typeof NearbyOpenReplySchema>;

/** Default of NO_QR_MAX_METRES: a QR location this near decides the office. */
export const DEFAULT_NO_QR_MAX_METRES = 1000;
/** How far "near a place" reaches for open problems. */
export const NEARBY_OPEN_RADIUS_M = 500;

/** The street offices (街道/乡镇) a resident may choose from, by name; deactivated ones are not offered. */
export function streetOffices(units: Iterable<Unit>): OfficeView[] {
  return [...units]
    .filter((u) => u.kind === 'street' && !u.disabled)
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The place's words for a request filed at a point: what the resident typed, and the QR location it is near. */
export function pointPlaceName(opts: { place?: string; nearestName?: string; distanceM?: number; officeName?: string }): string {
  const near = opts.nearestName ? `${opts.nearestName}附近${opts.distanceM !== undefined ? `约${opts.distanceM}米` : ''}` : undefined;
  if (opts.place && near) return `${opts.place}（${near}）`;
  if (opts.place) return opts.place;
  if (near) return near;
  return `${opts.officeName ?? ''}辖区（居民定位）`;
}
