import type { DutyRoster, StaffRole } from '@mashang/shared';
import { AlertStore } from '../functions/src/store/alerts.ts';
import { OrgStore, type StaffAccount } from '../functions/src/store/org.ts';

/**
 * Demo duty data: a night-shift handler for 皋兰路街道, the unit-staff rows every staff
 * account needs to be alerted, and 皋兰路街道's duty roster (值班表): 王芳 on weekdays
 * 08:30–17:30, 张伟 on the nights between and all weekend. 张掖路街道 has no roster, so its
 * alerts go to all its handlers and its supervisor.
 */
export const DUTY_STAFF: Array<Omit<StaffAccount, 'passwordHash'> & { note: string }> = [
  { username: 'gll-night', name: '张伟', unitId: 'gaolanlu', roles: ['handler'], note: '皋兰路街道综治中心 夜间值班' },
];

export const DEMO_ROSTER: DutyRoster = {
  weekly: [
    ...[1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, from: '08:30', to: '17:30', staffIds: ['gll-handler'] },
      { weekday, from: '17:30', to: '08:30', staffIds: ['gll-night'] },
    ]),
    { weekday: 6, from: '00:00', to: '24:00', staffIds: ['gll-night'] },
    { weekday: 7, from: '00:00', to: '17:30', staffIds: ['gll-night'] },
    { weekday: 7, from: '17:30', to: '08:30', staffIds: ['gll-night'] },
  ],
  exceptions: [],
};

/** Rows for the seed: the night handler's account, every account's unit-staff row, the demo roster. */
export function dutySeedRows(passwordHash: string, demoStaff: ReadonlyArray<Omit<StaffAccount, 'passwordHash'>>): Record<string, unknown>[] {
  const all = [...demoStaff, ...DUTY_STAFF];
  return [
    ...DUTY_STAFF.map(({ note: _note, ...s }) => OrgStore.staffRow({ ...s, roles: s.roles as StaffRole[], passwordHash })),
    ...all.map((s) => AlertStore.unitStaffRow(s)),
    AlertStore.rosterRow('gaolanlu', DEMO_ROSTER, 'seed', '2026-01-01T00:00:00.000Z'),
  ];
}
