import { AppError, STAFF_ROLES, type Actor, type SessionReply, type StaffRole, type Unit } from '@mashang/shared';
import type { OrgStore, StaffAccount } from '../../store/org.ts';
import { verifyPassword } from './passwords.ts';
import type { TokenService } from './tokens.ts';

const STAFF_TOKEN_TTL = 12 * 3600;
const DEVICE_TOKEN_TTL = 365 * 24 * 3600;
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface SessionDeps {
  org: Pick<OrgStore, 'staff' | 'staffStatus'>;
  tokens: TokenService;
  now: () => number;
  /** The unit tree (functions/src/app/reference.ts). */
  units: () => Promise<Map<string, Unit>>;
}

/** Who is calling: device identities, staff sign-in by password, signed sessions and their check on every call. */
export class Sessions {
  constructor(private readonly deps: SessionDeps) {}

  /** An anonymous resident identity for H5 and local use, issued and signed by the server. */
  async deviceSession(): Promise<SessionReply> {
    const actor: Actor = { id: `dev-${crypto.randomUUID()}`, role: 'resident', name: '居民' };
    const { token, expiresAt } = await this.deps.tokens.issue(actor, DEVICE_TOKEN_TTL, this.deps.now());
    return { token, expiresAt, actor };
  }

  async staffLogin(username: string, password: string): Promise<SessionReply> {
    const account = await this.deps.org.staff(username);
    // Verify against a dummy hash when the account is unknown so timing does not reveal which accounts exist.
    const ok = account && !account.disabled ? await verifyPassword(password, account.passwordHash) : await verifyPassword(password, DUMMY_HASH).then(() => false);
    if (!account || !ok) throw new AppError('LOGIN_FAILED', '账号或密码错误');
    return this.staffSession(account);
  }

  /** A signed session for a staff account that proved who it is (password, or a bound WeChat identity). */
  async staffSession(account: StaffAccount): Promise<SessionReply> {
    if (account.disabled) throw new AppError('LOGIN_FAILED', '账号已停用，请联系管理员');
    const unit = (await this.deps.units()).get(account.unitId);
    if (!unit) throw new AppError('FORBIDDEN', '账号所属单位不存在，请联系管理员');
    const role = primaryRole(account.roles);
    const actor: Actor = { id: account.username, role, name: account.name, unitId: account.unitId };
    const { token, expiresAt } = await this.deps.tokens.issue(actor, STAFF_TOKEN_TTL, this.deps.now(), account.sessionVersion);
    return { token, expiresAt, actor, staff: { id: account.username, name: account.name, roles: account.roles, unit } };
  }

  /**
   * The actor of a signed session. A staff session also needs its account to be active
   * and unchanged since sign-in (one strongly consistent GetItem of two attributes): a
   * deactivation, password reset or role/unit change by an admin ends it at once, not
   * when the 12-hour token expires.
   */
  async authenticate(token: string): Promise<Actor> {
    const { actor, sessionVersion } = await this.deps.tokens.verifySession(token, this.deps.now());
    if (actor.role === 'resident' || actor.role === 'system') return actor;
    const status = await this.deps.org.staffStatus(actor.id);
    if (!status || status.disabled || status.sessionVersion !== sessionVersion) throw new AppError('UNAUTHENTICATED', '账号已停用或登录已失效，请重新登录');
    return actor;
  }
}

function primaryRole(roles: StaffRole[]): StaffRole {
  for (const r of ['supervisor', 'handler', 'operator', 'grid_worker', 'admin'] as const) if (roles.includes(r)) return r;
  return roles[0] ?? STAFF_ROLES[0];
}
