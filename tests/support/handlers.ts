/**
 * A function's handler for tests that host several functions in one process, with what it
 * loads on its first request already loaded (functions/src/handlers/lazy-function.ts,
 * `preload`): on Lambda each function is a process of its own, here they share one, and each
 * function's composition (functions/src/compose/) must be registered before the first request
 * of any of them builds the service.
 */
export async function handlerOf<H>(module: string): Promise<H> {
  const mod = (await import(`../../functions/src/handlers/${module}.ts`)) as { handler: H; preload?: () => Promise<unknown> };
  await mod.preload?.();
  return mod.handler;
}
