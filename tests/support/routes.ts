import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCfnYaml } from './cfn-yaml.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RouteEntry {
  /** API Gateway's route key, e.g. `GET /api/tickets/{id}`. */
  routeKey: string;
  method: string;
  path: string;
  /** The handler module under functions/src/handlers/ (without `.ts`). */
  module: string;
  /** Path parameter names, in order. */
  params: string[];
}

/**
 * The route table as API Gateway gets it: every `httpApi` event of every function in
 * serverless.yml, with the handler module serving it. Security tests are generated
 * from this list, so a route added there is tested (or fails the test) automatically.
 */
export function routeTable(): RouteEntry[] {
  const functions = (readCfnYaml(join(ROOT, 'serverless.yml')).functions ?? {}) as Record<string, { handler: string; events?: { httpApi?: unknown }[] }>;
  const routes: RouteEntry[] = [];
  for (const fn of Object.values(functions)) {
    const module = /^functions\/src\/handlers\/([a-z-]+)\.handler$/.exec(fn.handler)?.[1];
    for (const e of fn.events ?? []) {
      if (!module || typeof e.httpApi !== 'string') continue;
      const [method, path] = e.httpApi.split(' ') as [string, string];
      routes.push({ routeKey: `${method} ${path}`, method, path, module, params: [...path.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]!) });
    }
  }
  return routes;
}
