import { StoreError } from '../ports/errors.ts';

/**
 * Page cursors handed to clients: a query's LastEvaluatedKey as base64url JSON.
 * A cursor comes back from the outside, so it is checked before it becomes an
 * ExclusiveStartKey: exactly the table key and the index key, all strings, and the
 * index partition the query reads (a key of another partition is another
 * resident's or unit's list, and DynamoDB would refuse it with a server error).
 */
export interface IndexCursorSpec {
  /** Index partition key attribute, e.g. `GSI2PK`. */
  pk: string;
  /** Index sort key attribute, e.g. `GSI2SK`. */
  sk: string;
  /** The partition the query reads. */
  partition: string;
}

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

const invalid = () => new StoreError('bad_cursor');

export function decodeIndexCursor(cursor: string | undefined, spec: IndexCursorSpec): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  const key = value as Record<string, unknown>;
  const names = new Set(['PK', 'SK', spec.pk, spec.sk]);
  const ok =
    Object.keys(key).length === names.size &&
    [...names].every((n) => typeof key[n] === 'string' && (key[n] as string).length > 0 && (key[n] as string).length <= 1024) &&
    key[spec.pk] === spec.partition;
  if (!ok) throw invalid();
  return key;
}
