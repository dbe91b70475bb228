import type { Actor, StaffRole } from '@mashang/shared';
import type { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import type { Harness } from './harness.ts';

/**
 * A session token for a test actor. A staff session is accepted only while its account
 * exists, is active and keeps the session version it was issued with
 * (MashangService.authenticate), so a staff actor the seed does not have gets an account
 * row first (version 0, like a token minted without one). Residents need no account.
 */
export async function sessionTokenOf(h: Pick<Harness, 'org'>, tokens: TokenService, actor: Actor, ttlSeconds = 3600): Promise<string> {
  if (actor.role !== 'resident' && actor.role !== 'system' && !(await h.org.staff(actor.id))) {
    await h.org.putAll([OrgStore.staffRow({ username: actor.id, name: actor.name ?? actor.id, unitId: actor.unitId!, roles: [actor.role as StaffRole], passwordHash: 'unused' })]);
  }
  return (await tokens.issue(actor, ttlSeconds, Date.now())).token;
}
