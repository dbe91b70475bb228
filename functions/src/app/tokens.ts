import { jwtVerify, SignJWT } from 'jose';
import { AppError, ROLES, type Actor } from '@mashang/shared';
import * as z from 'zod';

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  unit: z.string().optional(),
  name: z.string().optional(),
});

/** Session tokens: HS256 JWTs signed with a per-stage secret; the server is the only source of identity. */
export class TokenService {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    private readonly issuer = 'mashang',
  ) {
    if (secret.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  async issue(actor: Actor, ttlSeconds: number, nowMs: number): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + ttlSeconds;
    const token = await new SignJWT({ role: actor.role, unit: actor.unitId, name: actor.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(actor.id)
      .setIssuer(this.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string, nowMs: number): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.issuer, currentDate: new Date(nowMs), algorithms: ['HS256'] });
      const claims = ClaimsSchema.parse(payload);
      return { id: claims.sub, role: claims.role, unitId: claims.unit, name: claims.name };
    } catch (err) {
      throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录', undefined, { cause: err });
    }
  }
}
