/**
 * Places without a QR code: geohash cells for "nearby" and two-character terms
 * for "search by name". Pure functions; the store turns them into keys.
 */

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** Geohash of a point at `precision` characters (6 ≈ 1.2 km × 0.6 km, 5 ≈ 4.9 km × 4.9 km). */
export function geohash(lat: number, lng: number, precision: number): string {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || lat < -90 || lat > 90 || lng < -180 || lng > 180) {
    throw new RangeError(`not a coordinate: ${lat},${lng}`);
  }
  let latLo = -90;
  let latHi = 90;
  let lngLo = -180;
  let lngHi = 180;
  let out = '';
  let bits = 0;
  let value = 0;
  let even = true;
  while (out.length < precision) {
    if (even) {
      const mid = (lngLo + lngHi) / 2;
      if (lng >= mid) {
        value = value * 2 + 1;
        lngLo = mid;
      } else {
        value *= 2;
        lngHi = mid;
      }
    } else {
      const mid = (latLo + latHi) / 2;
      if (lat >= mid) {
        value = value * 2 + 1;
        latLo = mid;
      } else {
        value *= 2;
        latHi = mid;
      }
    }
    even = !even;
    if (++bits === 5) {
      out += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return out;
}

/** Height and width in degrees of a geohash cell of `precision` characters. */
export function cellSize(precision: number): { lat: number; lng: number } {
  const totalBits = precision * 5;
  const lngBits = Math.ceil(totalBits / 2);
  const latBits = Math.floor(totalBits / 2);
  return { lat: 180 / 2 ** latBits, lng: 360 / 2 ** lngBits };
}

/**
 * The cell of the point and its eight neighbours (fewer at the poles and the
 * antimeridian, never duplicates): every place within one cell's size of the
 * point lies in one of them.
 */
export function cellsAround(lat: number, lng: number, precision: number): string[] {
  const size = cellSize(precision);
  const cells = new Set<string>();
  for (const dLat of [-1, 0, 1]) {
    for (const dLng of [-1, 0, 1]) {
      const la = lat + dLat * size.lat;
      let lo = lng + dLng * size.lng;
      if (la < -90 || la > 90) continue;
      if (lo < -180) lo += 360;
      if (lo > 180) lo -= 360;
      cells.add(geohash(la, lo, precision));
    }
  }
  return [...cells];
}

/** Great-circle distance in metres (haversine; plenty for "which QR code is nearest"). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Text as it is compared: no spaces or punctuation, full-width letters and digits folded, lower case. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * The distinct two-character terms of a place name: a search for any part of
 * the name of two characters or more finds the place through its first term.
 */
export function nameTerms(name: string): string[] {
  const chars = [...normaliseName(name)];
  const terms = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
  return [...terms];
}

/** Shortest query a name search accepts (one character would match half the county). */
export const MIN_SEARCH_CHARS = 2;
