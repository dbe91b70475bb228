/**
 * One-time transfer codes that carry a resident's identity to another device
 * (functions/src/app/sessions/carry.ts), kept as hashes of the codes. Implemented for
 * DynamoDB by functions/src/store/carry.ts and in memory by functions/src/store/memory/carry.ts;
 * functions/src/store/carry-contract.ts holds both to the same behaviour.
 */
export interface TransferCode {
  residentId: string;
  createdAt: string;
  /** After this instant the code is refused; when the stored row goes is the store's business. */
  expiresAt: string;
}

export interface TransferCodes {
  /** Stores a new code; a hash already stored is refused (the write fails, nothing changes). */
  putTransfer(codeHash: string, code: TransferCode): Promise<void>;
  /** Uses the code once, only before it expires: the resident it carries, or undefined (unknown, used or expired). */
  useTransfer(codeHash: string, now: string): Promise<string | undefined>;
}
