import { jwtVerify, SignJWT } from 'jose';
import { AppError, ROLES, type Actor } from '@mashang/shared';
import * as z from 'zod/mini';
import { lazySchema } from '@mashang/shared/lazy-schema';

const ClaimsSchema = lazySchema(() => z.object({
  sub: z.string().check(z.minLength(1)),
  role: z.enum(ROLES),
  unit: z.optional(z.string()),
  name: z.optional(z.string()),
  /** A staff account's session version when the token was issued (see MashangService.authenticate). */
  sv: z.optional(z.number().check(z.int())),
}));

/** The imported secret (Web Crypto's key, as jose takes it). */
type HmacKey = ReturnType<typeof crypto.subtle.importKey>;

/**
 * Session tokens: HS256 JWTs signed with a per-stage secret; the server is the only source of identity.
 * The secret is imported as an HMAC key once per instance (a warm Lambda's): given the raw bytes, jose
 * imports them again on every sign and verify.
 */
export class TokenService {
  private readonly secret: Uint8Array;
  private key: HmacKey | undefined;
  constructor(
    secret: string,
    private readonly issuer = 'mashang',
  ) {
    if (secret.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters');
    this.secret = new TextEncoder().encode(secret);
  }

  private hmacKey(): HmacKey {
    return (this.key ??= crypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']).catch((err: unknown) => {
      this.key = undefined;
      throw err;
    }));
  }

  async issue(actor: Actor, ttlSeconds: number, nowMs: number, sessionVersion?: number): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + ttlSeconds;
    const token = await new SignJWT({ role: actor.role, unit: actor.unitId, name: actor.name, ...(sessionVersion ? { sv: sessionVersion } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(actor.id)
      .setIssuer(this.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await this.hmacKey());
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string, nowMs: number): Promise<Actor> {
    return (await this.verifySession(token, nowMs)).actor;
  }

  /** The actor and the session version the token was issued with (0 when it carries none). */
  async verifySession(token: string, nowMs: number): Promise<{ actor: Actor; sessionVersion: number }> {
    try {
      const { payload } = await jwtVerify(token, await this.hmacKey(), { issuer: this.issuer, currentDate: new Date(nowMs), algorithms: ['HS256'] });
      const claims = ClaimsSchema.parse(payload);
      return { actor: { id: claims.sub, role: claims.role, unitId: claims.unit, name: claims.name }, sessionVersion: claims.sv ?? 0 };
    } catch (err) {
      throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录', undefined, { cause: err });
    }
  }
}
