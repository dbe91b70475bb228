import type { Channel } from '@mashang/shared';
import type { EvalPlace, PlaceKey } from './places.ts';

/**
 * One labelled request of the evaluation set: where and how it came in, its
 * text, the hotspot it belongs to (if any: every request of a cluster id is
 * the same problem at the same place) and the risk indicators a careful grid
 * worker would see in it (ids of the default risk rules, shared/src/risk.ts).
 */
export interface EvalRow {
  id: string;
  place: PlaceKey;
  channel: Channel;
  categoryCode: string;
  /** Hours before the evaluation's "now" (all within a 7-day window). */
  hoursAgo: number;
  text: string;
  /** For channels without a QR location: the place the operator typed. */
  typed?: string;
  cluster?: string;
  risk: string[];
  /** Synthetic windows (speed): a place of its own instead of `place`. */
  site?: EvalPlace;
}

export interface RowExtra {
  c?: string;
  r?: string[];
  typed?: string;
}

/** A small builder so the set reads as a list of requests. */
export function rows(prefix: string, list: Array<[PlaceKey, Channel, string, number, string, RowExtra?]>): EvalRow[] {
  return list.map(([place, channel, categoryCode, hoursAgo, text, extra], i) => ({
    id: `${prefix}-${String(i + 1).padStart(3, '0')}`,
    place,
    channel,
    categoryCode,
    hoursAgo,
    text,
    ...(extra?.typed ? { typed: extra.typed } : {}),
    ...(extra?.c ? { cluster: extra.c } : {}),
    risk: extra?.r ?? [],
  }));
}
