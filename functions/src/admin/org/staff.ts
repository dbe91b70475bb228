import { randomInt } from 'node:crypto';
import { AppError, fromEpochMs, isWithin, type Actor, type Unit } from '@mashang/shared';
import { CreateStaffInputSchema, type AdminStaff, type StaffPasswordReply } from '@mashang/shared/admin-org';
import type * as z from 'zod/mini';
import { hashPassword } from '../../app/sessions/passwords.ts';
import { StoreError } from '../../ports/errors.ts';
import type { StaffListing } from '../../ports/org-changes.ts';
import type { StaffAccount } from '../../store/org.ts';
import type { OrgAdminDeps } from './deps.ts';
import { adminScope, unitInScope, type AdminScope } from './scope.ts';

/** No 0/O, 1/l/I: a one-time password is read out over the phone. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const PASSWORD_LENGTH = 12;

function oneTimePassword(): string {
  return Array.from({ length: PASSWORD_LENGTH }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}

function view(a: StaffAccount | StaffListing, units: ReadonlyMap<string, Unit>): AdminStaff {
  const bound = 'wechatOpenid' in a ? a.wechatOpenid !== undefined : ((a as StaffListing).wechatBound ?? false);
  return {
    username: a.username,
    name: a.name,
    unitId: a.unitId,
    unitName: units.get(a.unitId)?.name ?? a.unitId,
    roles: a.roles as AdminStaff['roles'],
    disabled: a.disabled === true,
    wechatBound: bound,
  };
}

/**
 * Staff accounts: create with roles and unit (a one-time password, shown once), reset
 * the password, deactivate. Resets and deactivations bump the account's session
 * version, so its open sessions stop working at the next request (see
 * MashangService.authenticate). Invite codes for binding WeChat stay where they were
 * (`POST /api/admin/invites`, functions/src/app/workbench.ts).
 */
export class StaffAdmin {
  constructor(private readonly deps: OrgAdminDeps) {}

  private nowIso(): string {
    return fromEpochMs(this.deps.now());
  }

  async list(actor: Actor): Promise<AdminStaff[]> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const rows = await this.deps.store.staffOfCounty(scope.countyId);
    return rows
      .filter((r) => scope.has(units.get(r.unitId)))
      .map((r) => view(r, units))
      .sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.unitName.localeCompare(b.unitName, 'zh') || a.username.localeCompare(b.username));
  }

  async create(actor: Actor, raw: z.input<typeof CreateStaffInputSchema>): Promise<StaffPasswordReply> {
    const input = CreateStaffInputSchema.parse(raw);
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const unit = unitInScope(scope, units, input.unitId, 'unitId');
    if (unit.disabled) throw new AppError('UNIT_NOT_FOUND', '该单位已停用', [{ path: 'unitId', message: '该单位已停用' }]);
    if (input.roles.includes('grid_worker') && unit.kind !== 'grid') throw new AppError('VALIDATION_FAILED', '网格员只能属于网格', [{ path: 'unitId', message: '网格员请选择网格' }]);
    const password = oneTimePassword();
    const account: StaffAccount = {
      username: input.username,
      name: input.name,
      unitId: unit.id,
      roles: [...new Set(input.roles)],
      passwordHash: await hashPassword(password),
      ...(input.phone ? { phone: input.phone } : {}),
    };
    try {
      await this.deps.store.createStaff(scope.countyId, account, { countyId: scope.countyId, actor, at: this.nowIso(), action: 'staff.create', target: `staff:${account.username}`, after: account });
    } catch (err) {
      if (err instanceof StoreError && err.reason === 'admin_conflict') throw new AppError('CONFLICT', '该账号名已被使用，请换一个', [{ path: 'username', message: '该账号名已被使用' }]);
      throw err;
    }
    return { staff: view(account, units), password };
  }

  /** An account of the admin's scope, or 404 (accounts elsewhere cannot be probed). */
  private async account(scope: AdminScope, units: ReadonlyMap<string, Unit>, username: string): Promise<StaffAccount> {
    const account = await this.deps.store.staff(username);
    const unit = account ? units.get(account.unitId) : undefined;
    if (!account || !unit || !isWithin(unit, scope.root.id)) throw new AppError('NOT_FOUND', '账号不存在');
    return account;
  }

  private async replace(scope: AdminScope, action: string, before: StaffAccount, after: StaffAccount, audit: { before: unknown; after: unknown }): Promise<void> {
    await this.deps.store.replaceStaff(scope.countyId, before, after, { countyId: scope.countyId, actor: scope.actor, at: this.nowIso(), action, target: `staff:${before.username}`, ...audit });
  }

  /** A new one-time password; the account's sessions end. */
  async resetPassword(actor: Actor, username: string): Promise<StaffPasswordReply> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const before = await this.account(scope, units, username);
    const password = oneTimePassword();
    const after: StaffAccount = { ...before, passwordHash: await hashPassword(password), sessionVersion: (before.sessionVersion ?? 0) + 1 };
    await this.replace(scope, 'staff.reset_password', before, after, { before: { sessionVersion: before.sessionVersion ?? 0 }, after: { passwordReset: true } });
    return { staff: view(after, units), password };
  }

  /** Deactivates an account: sign-in is refused and its sessions stop working at once. */
  async deactivate(actor: Actor, username: string): Promise<AdminStaff> {
    const units = await this.deps.store.units();
    const scope = adminScope(actor, units);
    const before = await this.account(scope, units, username);
    if (before.username === actor.id) throw new AppError('FORBIDDEN', '不能停用自己的账号');
    if (before.disabled) return view(before, units);
    const after: StaffAccount = { ...before, disabled: true, sessionVersion: (before.sessionVersion ?? 0) + 1 };
    await this.replace(scope, 'staff.deactivate', before, after, { before: { disabled: false }, after: { disabled: true } });
    return view(after, units);
  }
}
