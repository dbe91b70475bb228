import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
  const section = yml.slice(yml.indexOf('\nfunctions:'), yml.indexOf('\nresources:') > 0 ? yml.indexOf('\nresources:') : undefined);
  const routes: RouteEntry[] = [];
  let module: string | undefined;
  for (const line of section.split('\n')) {
    const handler = /^\s+handler:\s*functions\/src\/handlers\/([a-z-]+)\.handler\s*$/.exec(line);
    if (handler) module = handler[1];
    const event = /^\s+-\s*httpApi:\s*'?([A-Z]+) (\/[^'\s]*)'?\s*$/.exec(line);
    if (event && module) {
      const [, method, path] = event as unknown as [string, string, string];
      routes.push({ routeKey: `${method} ${path}`, method, path, module, params: [...path.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]!) });
    }
  }
  return routes;
}
