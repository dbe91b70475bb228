import { describe, expect, it } from 'vitest';
import { cellsAround, cellSize, distanceMetres, geohash, nameTerms, normaliseName } from './geo.ts';

describe('geohash', () => {
  it.each([
    // Reference values from the original geohash.org examples and well-known points.
    [57.64911, 10.40744, 11, 'u4pruydqqvj'],
    [39.9042, 116.4074, 6, 'wx4g0b'],
    [-33.8688, 151.2093, 5, 'r3gx2'],
  ])('encodes %f,%f at precision %i as %s', (lat, lng, p, expected) => {
    expect(geohash(lat, lng, p)).toBe(expected);
  });

  it('refuses something that is not a coordinate', () => {
    expect(() => geohash(91, 0, 6)).toThrow(RangeError);
    expect(() => geohash(Number.NaN, 0, 6)).toThrow(RangeError);
  });

  it('finds a point just across a cell edge among the neighbours of the other side', () => {
    const size = cellSize(6);
    // Two points 50 m apart that straddle a cell boundary.
    const a = { lat: 36.0611, lng: 103.8343 };
    let b = { lat: a.lat, lng: a.lng + 0.0006 };
    for (let i = 0; geohash(b.lat, b.lng, 6) === geohash(a.lat, a.lng, 6) && i < 100; i++) b = { lat: b.lat, lng: b.lng + size.lng / 20 };
    expect(geohash(b.lat, b.lng, 6)).not.toBe(geohash(a.lat, a.lng, 6));
    expect(cellsAround(a.lat, a.lng, 6)).toContain(geohash(b.lat, b.lng, 6));
    expect(new Set(cellsAround(a.lat, a.lng, 6)).size).toBe(9);
  });

  it('wraps at the antimeridian instead of failing', () => {
    expect(cellsAround(0, 179.999, 5)).toHaveLength(9);
  });
});

describe('distance', () => {
  it('measures about 1.1 km for 0.01 degrees of latitude', () => {
    const d = distanceMetres({ lat: 36.06, lng: 103.83 }, { lat: 36.07, lng: 103.83 });
    expect(d).toBeGreaterThan(1100);
    expect(d).toBeLessThan(1120);
  });
});

describe('name terms', () => {
  it('folds full-width characters, spaces and punctuation', () => {
    expect(normaliseName('西街 小区（南门）Ａ')).toBe('西街小区南门a');
  });

  it('gives every two-character part once, so any part of the name finds the place', () => {
    const terms = nameTerms('甘肃大剧院东门公交站');
    expect(terms).toContain('大剧');
    expect(terms).toContain('交站');
    expect(terms).toHaveLength(9);
    expect(nameTerms('路路路')).toEqual(['路路']);
    expect(nameTerms('站')).toEqual([]);
  });
});
