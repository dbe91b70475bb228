import type { LocationView } from '@mashang/shared/contracts/common';
import type { Datum, PointRouteReply } from '@mashang/shared/near';

/**
 * Issue 13 on the resident pages: a request without a QR code (a point) and the open
 * problems near a place. Pure helpers; the pages call the API.
 */

/** A point the resident picked on the map (weapp, GCJ-02) or stood at (browser, WGS-84), and what the map named it. */
export interface PickedPoint {
  lat: number;
  lng: number;
  datum: Datum;
  place?: string;
}

/** The place card of a point: the nearest QR location's office, or the street office the resident chose. */
export function pointLocation(route: PointRouteReply, officeId: string | undefined): LocationView {
  if (route.nearest) {
    const n = route.nearest;
    return {
      id: n.id,
      name: '您选的位置',
      address: `离“${n.name}”约${distanceText(n.distanceM ?? 0)}`,
      gridName: n.gridName,
      communityName: n.communityName,
      centreName: n.centreName,
    };
  }
  const office = route.offices.find((o) => o.id === officeId);
  return { id: 'point', name: '您选的位置', gridName: '', communityName: '', centreName: office?.name ?? '' };
}

/** "300米", "1.2公里". */
export function distanceText(m: number): string {
  return m < 1000 ? `${Math.round(m)}米` : `${(m / 1000).toFixed(1)}公里`;
}

/** How long ago a request came in, as people say it: 刚刚, 25分钟前, 3小时前, 2天前. */
export function ageText(receivedAt: string, nowMs: number): string {
  const ms = nowMs - Date.parse(receivedAt);
  if (!Number.isFinite(ms) || ms < 60_000) return '刚刚';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}小时前`;
  return `${Math.floor(hours / 24)}天前`;
}

/** How many residents reported it: the filer plus those who joined (我也遇到). */
export const reporters = (followerCount: number): number => followerCount + 1;

/** The draft of a point report is kept apart from the QR location's own draft (a different request). */
export const pointDraftId = (route: PointRouteReply): string => `point-${route.nearest?.id ?? 'office'}`;
