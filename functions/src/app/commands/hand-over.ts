import type { HandOverTarget } from '@mashang/shared';
import type { OrgStore } from '../../store/org.ts';

/**
 * 转交 (hand a request to a colleague): the colleague's account as the state machine
 * needs it to decide (`decide` checks the unit, the roles and that the account is active).
 * One GetItem of the account; an unknown user name is `undefined` (404 in `decide`).
 */
export async function handOverTarget(org: Pick<OrgStore, 'staff'>, username: string): Promise<HandOverTarget | undefined> {
  const account = await org.staff(username);
  if (!account) return undefined;
  return { id: account.username, name: account.name, unitId: account.unitId, roles: account.roles, ...(account.disabled ? { disabled: true } : {}) };
}
