import { describe, expect, it } from 'vitest';
import type { TransferCodes } from '../ports/carry.ts';

/**
 * The contract of the transfer codes (functions/src/ports/carry.ts), run against the DynamoDB
 * store (tests/integration/carry-store-contract.test.ts) and the memory store
 * (functions/src/store/memory/carry.test.ts) with the same assertions.
 */
export function transferCodesContract(name: string, store: () => TransferCodes): void {
  let n = 0;
  const hash = () => `contract-${Date.now()}-${++n}-${Math.random().toString(36).slice(2)}`;
  const code = (residentId: string) => ({ residentId, createdAt: '2026-11-18T02:00:00.000Z', expiresAt: '2026-11-19T02:00:00.000Z' });

  describe(`transfer codes (${name})`, () => {
    it('a code carries its resident once', async () => {
      const h = hash();
      await store().putTransfer(h, code('dev-a'));
      expect(await store().useTransfer(h, '2026-11-18T03:00:00.000Z')).toBe('dev-a');
      expect(await store().useTransfer(h, '2026-11-18T03:00:01.000Z')).toBeUndefined();
    });

    it('an expired code, at its expiry too, and an unknown code carry nobody', async () => {
      const h = hash();
      await store().putTransfer(h, code('dev-b'));
      expect(await store().useTransfer(h, '2026-11-19T02:00:00.000Z')).toBeUndefined();
      expect(await store().useTransfer(h, '2026-11-20T00:00:00.000Z')).toBeUndefined();
      expect(await store().useTransfer(hash(), '2026-11-18T03:00:00.000Z')).toBeUndefined();
    });

    it('a code stored already is refused and keeps its resident', async () => {
      const h = hash();
      await store().putTransfer(h, code('dev-c'));
      await expect(store().putTransfer(h, code('dev-d'))).rejects.toThrow();
      expect(await store().useTransfer(h, '2026-11-18T03:00:00.000Z')).toBe('dev-c');
    });
  });
}
