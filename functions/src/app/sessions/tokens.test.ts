import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenService } from './tokens.ts';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const NOW = Date.parse('2026-11-30T08:00:00Z');

afterEach(() => vi.restoreAllMocks());

describe('TokenService', () => {
  it('imports the secret as an HMAC key once, not on every sign and verify', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const tokens = new TokenService(SECRET);
    for (let i = 0; i < 3; i++) {
      const { token } = await tokens.issue({ id: `dev-${i}`, role: 'resident', name: '居民' }, 3600, NOW);
      expect(await tokens.verify(token, NOW + 1000)).toEqual({ id: `dev-${i}`, role: 'resident', name: '居民', unitId: undefined });
    }
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('refuses a token signed with another secret, an expired one and a tampered one', async () => {
    const tokens = new TokenService(SECRET);
    const other = new TokenService(`${SECRET}-other`);
    const { token } = await other.issue({ id: 'dev-1', role: 'resident' }, 3600, NOW);
    await expect(tokens.verify(token, NOW)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const own = (await tokens.issue({ id: 'dev-1', role: 'resident' }, 60, NOW)).token;
    await expect(tokens.verify(own, NOW + 61_000)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const [h, p, s] = own.split('.');
    const tampered = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(tokens.verify(tampered, NOW)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await tokens.verifySession(own, NOW)).actor.id).toBe('dev-1');
  });
});
