import { describe, expect, it } from 'vitest';
import type { PointRouteReply } from '@mashang/shared/near';
import { ageText, distanceText, pointDraftId, pointLocation, reporters } from './near.ts';

const NEAR: PointRouteReply = {
  lat: 36.06,
  lng: 103.83,
  maxMetres: 1000,
  nearest: { id: 'loc-donggang', name: '东岗西路与皋兰路口', gridName: '东街第一网格', communityName: '东街社区', centreName: '皋兰路街道综治中心', distanceM: 180 },
  offices: [],
};
const FAR: PointRouteReply = { lat: 36.5, lng: 103.5, maxMetres: 1000, offices: [{ id: 'gaolanlu', name: '皋兰路街道' }, { id: 'zhangyelu', name: '张掖路街道' }] };

describe('a place without a QR code', () => {
  it('shows the nearest QR location’s office, with the distance', () => {
    const l = pointLocation(NEAR, undefined);
    expect(l).toMatchObject({ id: 'loc-donggang', centreName: '皋兰路街道综治中心' });
    expect(l.address).toBe('离“东岗西路与皋兰路口”约180米');
  });

  it('far from every QR location: the office the resident chose, none until chosen', () => {
    expect(pointLocation(FAR, undefined).centreName).toBe('');
    expect(pointLocation(FAR, 'zhangyelu').centreName).toBe('张掖路街道');
    expect(pointLocation(FAR, 'no-such').centreName).toBe('');
  });

  it('keeps a point report’s draft apart from the QR location’s', () => {
    expect(pointDraftId(NEAR)).toBe('point-loc-donggang');
    expect(pointDraftId(FAR)).toBe('point-office');
  });
});

describe('open problems near a place', () => {
  const now = Date.parse('2026-11-30T08:00:00Z');
  it('says how long ago in people’s words', () => {
    expect(ageText('2026-11-30T07:59:30Z', now)).toBe('刚刚');
    expect(ageText('2026-11-30T07:35:00Z', now)).toBe('25分钟前');
    expect(ageText('2026-11-30T05:00:00Z', now)).toBe('3小时前');
    expect(ageText('2026-11-28T07:00:00Z', now)).toBe('2天前');
    expect(ageText('not a time', now)).toBe('刚刚');
  });
  it('counts the filer with those who joined, and reads distances', () => {
    expect(reporters(0)).toBe(1);
    expect(reporters(4)).toBe(5);
    expect(distanceText(180.4)).toBe('180米');
    expect(distanceText(1234)).toBe('1.2公里');
  });
});
