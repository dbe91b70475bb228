import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** One item of a TransactWriteItems call. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * DynamoDB cancels a transaction with `TransactionConflict` when another transaction
 * is writing one of its items at that moment — here typically a shared counter row
 * (a unit's inbox counts, a report counter) touched by two *different* tickets. Nothing
 * was written, and the conditions are evaluated again on a retry, so retrying is safe:
 * a genuine lost race still ends as a `ConditionalCheckFailed` (409) on the retry.
 */
export function isTransactionConflict(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name === 'TransactionConflictException') return true;
  if (e?.name !== 'TransactionCanceledException') return false;
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

const ATTEMPTS = 6;

/** Sends a TransactWriteItems, retrying transaction conflicts with jittered backoff (≈ 0.5 s in all at most). */
export async function sendTransaction(db: DynamoDBDocumentClient, input: TransactWriteCommandInput): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand(input));
      return;
    } catch (err) {
      if (!isTransactionConflict(err) || attempt >= ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
    }
  }
}
