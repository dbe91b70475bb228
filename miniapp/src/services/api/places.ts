import { LocationViewSchema } from '@mashang/shared/contracts/common';
import { PlacesReplySchema, SimilarTicketsReplySchema } from '@mashang/shared/contracts/resident';
import { type Datum, NearbyOpenReplySchema, PointRouteReplySchema } from '@mashang/shared/near';
import { queryString } from '../http.ts';
import { call, enc } from './client.ts';

/** Places: the one behind a street QR code (`/api/locations/{id}`), and finding one without a code (`/api/places…`). */

/** 404 LOCATION_NOT_FOUND when unknown. */
export const location = (id: string) => call('GET', `/api/locations/${enc(id)}`, LocationViewSchema, 'optional');
/** Places whose name contains `q` (two characters or more). */
export const search = (q: string) => call('GET', `/api/places${queryString({ q })}`, PlacesReplySchema, 'none');
/** Places nearest to a point, with their distance in metres. */
export const nearby = (lat: number, lng: number) => call('GET', `/api/places${queryString({ lat: lat.toFixed(6), lng: lng.toFixed(6) })}`, PlacesReplySchema, 'none');
/** Open requests at this place in this category ("me too" candidates). */
export const similar = (locationId: string, category: string) => call('GET', `/api/places/${enc(locationId)}/similar${queryString({ category })}`, SimilarTicketsReplySchema, 'resident');
/** The office a request filed at this point goes to (nearest QR location within the distance), or the offices to choose from. */
export const route = (lat: number, lng: number, datum: Datum) => call('GET', `/api/places/route${queryString({ lat: lat.toFixed(6), lng: lng.toFixed(6), datum })}`, PointRouteReplySchema, 'resident');
/** Open problems at and near a QR location. */
export const nearbyOpen = (locationId: string) => call('GET', `/api/places/${enc(locationId)}/nearby-open`, NearbyOpenReplySchema, 'resident');
