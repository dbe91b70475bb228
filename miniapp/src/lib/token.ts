const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A client token for an idempotent create (`^[A-Za-z0-9_-]{8,64}$`): made once per
 * form fill and sent again on every retry, so a double tap or a dropped reply
 * cannot create two requests. `random` is injectable for tests.
 */
export function newClientToken(now: number = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 16; i += 1) tail += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
  return `c${now.toString(36)}-${tail}`;
}
