import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The H5 build tells webpack that the API client's modules are side-effect free
 * (miniapp/config/index.ts, rule `api-client-side-effect-free`), which lets it leave the staff
 * and admin calls out of the resident's QR page. That is only true while those modules do
 * nothing when loaded: services/api.ts only re-exports, and each resource module only imports
 * and declares. This reads their top-level statements (lines starting in column 0).
 */
const dir = new URL('./api/', import.meta.url);
const topLevel = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^\S/.test(l) && !/^(\/\*\*|\*\/|\/\/|[})\]]+[;,]?$)/.test(l));

describe('the API client modules', () => {
  it('services/api.ts only re-exports', () => {
    const lines = topLevel(readFileSync(new URL('./api.ts', import.meta.url), 'utf8'));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l) => !/^export (\* as \w+|type \{[^}]*\}|\{[^}]*\}) from '[^']+';$/.test(l))).toEqual([]);
  });

  it('each resource module only imports, re-exports a sibling and declares functions and objects of functions', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'client.ts');
    expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((f) =>
      topLevel(readFileSync(new URL(f, dir), 'utf8'))
        .filter((l) => !/^(import (type )?(\{[^}]*\}|\w+) from '[^']+';|export \{[^}]*\} from '\.\/[\w-]+\.ts';|export type \w+ = .*|export const \w+ = (\(|\{$).*)$/.test(l))
        .map((l) => `${f}: ${l}`),
    );
    expect(offending).toEqual([]);
  });
});
