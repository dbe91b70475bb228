import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The stages this repository defines: `local` (serverless-offline, `npm start`), `dev` (the
 * `default` params, which any stage without a block of its own gets) and `prod` (its own
 * params block in serverless.yml).
 */
export const STAGES = ['local', 'dev', 'prod'] as const;

/** Where `npm run package` has `osls package` write a stage's artifacts. */
export const packageDir = (stage: string): string => join(ROOT, '.artifacts', 'package', stage);

/** Every CloudFormation template in a stage's package. */
export function templatesOf(stage: string): string[] {
  const dir = packageDir(stage);
  return readdirSync(dir)
    .filter((f) => f.startsWith('cloudformation-template-') && f.endsWith('.json'))
    .map((f) => join(dir, f));
}

export { ROOT as REPO_ROOT };
