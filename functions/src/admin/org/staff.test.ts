import { describe, expect, it } from 'vitest';
import type { Actor, Unit } from '@mashang/shared';
import { verifyPassword } from '../../app/sessions/passwords.ts';
import { StoreError } from '../../ports/errors.ts';
import { MemoryOrgChanges } from '../../store/memory/org-changes.ts';
import type { StaffAccount } from '../../store/org.ts';
import type { OrgAdminDeps } from './deps.ts';
import { StaffAdmin } from './staff.ts';

/**
 * The staff account use cases on the memory twin of the organisation port
 * (functions/src/store/memory/org-changes.ts). On DynamoDB Local, with sign-in and sessions:
 * tests/integration/admin-org.test.ts.
 */
const UNITS: Unit[] = [
  { id: 'chengguan', name: '城关区', kind: 'county', path: ['chengguan'] },
  { id: 'gaolanlu', name: '皋兰路街道', kind: 'street', parentId: 'chengguan', path: ['chengguan', 'gaolanlu'] },
  { id: 'gll-g1', name: '东街第一网格', kind: 'grid', parentId: 'gaolanlu', path: ['chengguan', 'gaolanlu', 'gll-g1'] },
  { id: 'zhangyelu', name: '张掖路街道', kind: 'street', parentId: 'chengguan', path: ['chengguan', 'zhangyelu'] },
  { id: 'dept-old', name: '已撤销的局', kind: 'department', parentId: 'chengguan', path: ['chengguan', 'dept-old'], disabled: true },
];
const handler: StaffAccount = { username: 'gll-handler', name: '张伟', unitId: 'gaolanlu', roles: ['handler'], passwordHash: 'scrypt$old' };
const NOW = Date.parse('2026-11-18T02:00:00.000Z');
const countyAdmin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };

function world() {
  const store = new MemoryOrgChanges().seed({ units: UNITS, staff: { countyId: 'chengguan', accounts: [handler, { ...handler, username: 'county-admin', name: '何平', unitId: 'chengguan', roles: ['admin'] }] } });
  const deps: OrgAdminDeps = { store, now: () => NOW };
  const audit = async () => (await store.audit.auditMonth('chengguan', '2026-11', 50)).map((e) => ({ action: e.action, target: e.target, ...(e.before ? { before: JSON.parse(e.before) } : {}), ...(e.after ? { after: JSON.parse(e.after) } : {}) }));
  return { store, deps, staff: new StaffAdmin(deps), audit };
}

describe('staff accounts for admins (memory twin)', () => {
  it('creates an account with a one-time password, listed and among its unit\'s staff, audited without the hash; a taken name is refused', async () => {
    const { store, staff, audit } = world();
    const res = await staff.create(countyAdmin, { username: 'gll-night', name: '夜班值守', unitId: 'gaolanlu', roles: ['handler', 'handler'], phone: '13800000000' });
    expect(res.password).toMatch(/^[a-zA-Z2-9]{12}$/);
    expect(res.staff).toEqual({ username: 'gll-night', name: '夜班值守', unitId: 'gaolanlu', unitName: '皋兰路街道', roles: ['handler'], disabled: false, wechatBound: false });
    const stored = (await store.staff('gll-night'))!;
    expect(await verifyPassword(res.password, stored.passwordHash)).toBe(true);
    expect(await store.unitStaff('gaolanlu')).toContainEqual({ id: 'gll-night', name: '夜班值守', roles: ['handler'] });
    expect((await staff.list(countyAdmin)).map((s) => s.username)).toContain('gll-night');
    expect(await audit()).toEqual([{ action: 'staff.create', target: 'staff:gll-night', after: { username: 'gll-night', name: '夜班值守', unitId: 'gaolanlu', roles: ['handler'], phone: '13800000000' } }]);

    await expect(staff.create(countyAdmin, { username: 'GLL-Night', name: '重名', unitId: 'gaolanlu', roles: ['handler'] })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'username', message: '该账号名已被使用' }],
    });
    expect((await store.staff('gll-night'))?.name).toBe('夜班值守');
    expect(await audit()).toHaveLength(1);
  });

  it('refuses a grid worker outside a grid, a deactivated unit and a unit outside the admin\'s area, storing nothing', async () => {
    const { store, staff, audit } = world();
    await expect(staff.create(countyAdmin, { username: 'bad-grid', name: '错误', unitId: 'gaolanlu', roles: ['grid_worker'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(staff.create(countyAdmin, { username: 'bad-unit', name: '错误', unitId: 'dept-old', roles: ['handler'] })).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
    await expect(staff.create({ id: 'zyl-admin', role: 'admin', unitId: 'zhangyelu' }, { username: 'bad-area', name: '错误', unitId: 'gaolanlu', roles: ['handler'] })).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
    for (const u of ['bad-grid', 'bad-unit', 'bad-area']) expect(await store.staff(u)).toBeUndefined();
    expect(await audit()).toEqual([]);
  });

  it('a password reset and a deactivation each bump the session version; a deactivated account is alerted no more', async () => {
    const { store, staff, audit } = world();
    const reset = await staff.resetPassword(countyAdmin, 'gll-handler');
    const afterReset = (await store.staff('gll-handler'))!;
    expect(afterReset.sessionVersion).toBe(1);
    expect(await verifyPassword(reset.password, afterReset.passwordHash)).toBe(true);
    expect(await store.unitStaff('gaolanlu')).toEqual([{ id: 'gll-handler', name: '张伟', roles: ['handler'] }]);

    expect(await staff.deactivate(countyAdmin, 'gll-handler')).toMatchObject({ username: 'gll-handler', disabled: true });
    expect(await store.staff('gll-handler')).toMatchObject({ disabled: true, sessionVersion: 2 });
    expect(await store.unitStaff('gaolanlu')).toEqual([]);
    expect((await staff.list(countyAdmin)).find((s) => s.username === 'gll-handler')?.disabled).toBe(true);
    // Already deactivated: nothing more to do.
    await staff.deactivate(countyAdmin, 'gll-handler');
    expect(await audit()).toEqual(
      expect.arrayContaining([
        { action: 'staff.reset_password', target: 'staff:gll-handler', before: {}, after: { passwordReset: true } },
        { action: 'staff.deactivate', target: 'staff:gll-handler', before: { disabled: false }, after: { disabled: true } },
      ]),
    );
    expect(await audit()).toHaveLength(2);
  });

  it('refuses another area\'s account and an admin stopping themselves; a change that lost a race is a conflict', async () => {
    const { store, deps, staff, audit } = world();
    await expect(staff.deactivate({ id: 'zyl-admin', role: 'admin', unitId: 'zhangyelu' }, 'gll-handler')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(staff.deactivate(countyAdmin, 'county-admin')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another admin resets the password between this admin's read and write.
    const racing = Object.assign(Object.create(store) as MemoryOrgChanges, {
      staff: async (username: string) => {
        const read = await store.staff(username);
        await staff.resetPassword(countyAdmin, username);
        return read;
      },
    });
    const err = await new StaffAdmin({ ...deps, store: racing }).deactivate(countyAdmin, 'gll-handler').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ reason: 'admin_conflict', code: 'CONFLICT' });
    expect(await store.staff('gll-handler')).toMatchObject({ sessionVersion: 1 });
    expect((await store.staff('gll-handler'))?.disabled).toBeUndefined();
    expect((await audit()).map((e) => e.action)).toEqual(['staff.reset_password']);
  });
});
