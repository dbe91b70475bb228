/** `REFERENCE_TTL_MS` (default 60 s): how long a warm Lambda caches units, categories and the calendar. */
export function referenceTtlFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.REFERENCE_TTL_MS);
  return env.REFERENCE_TTL_MS !== undefined && env.REFERENCE_TTL_MS !== '' && Number.isFinite(v) && v >= 0 ? v : 60_000;
}
