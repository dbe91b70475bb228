import type { TransferCode, TransferCodes } from '../../ports/carry.ts';

/** Transfer codes in memory (the twin of functions/src/store/carry.ts), for unit tests. */
export class MemoryTransferCodes implements TransferCodes {
  private readonly codes = new Map<string, TransferCode & { usedAt?: string }>();

  async putTransfer(codeHash: string, code: TransferCode): Promise<void> {
    if (this.codes.has(codeHash)) throw new Error('transfer code already stored'); // as DynamoDB's failed condition: a 500, never expected (8 random characters)
    this.codes.set(codeHash, { ...code });
  }

  async useTransfer(codeHash: string, now: string): Promise<string | undefined> {
    const code = this.codes.get(codeHash);
    if (!code || code.usedAt !== undefined || !(code.expiresAt > now)) return undefined;
    code.usedAt = now;
    return code.residentId;
  }
}
