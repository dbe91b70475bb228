import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run lint:deps` runs dependency-cruiser with the repository's `.dependency-cruiser.cjs`.
 * Here the same config judges a small fixture tree laid out like the repository: each
 * deliberately broken import must be reported under its rule and no clean file blamed, so a
 * rule that matches nothing (a mistyped path) or too much fails this test.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const BIN = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

// Inside the repository (git-ignored), so `@aws-sdk/*` resolves from its node_modules like the real code's.
const artifacts = join(ROOT, '.artifacts');
mkdirSync(artifacts, { recursive: true });
const dir = mkdtempSync(join(artifacts, 'layering-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Tree = Record<string, string>;

/** Files every fixture has: a clean use case, store, composition module and handler. */
const CLEAN: Tree = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true, noEmit: true, strict: true } }),
  'shared/src/domain.ts': "export const rule = (n: number): boolean => n > 0;\n",
  'functions/src/store/keys.ts': "export const KEY = 'PK';\n",
  'functions/src/store/tickets.ts': "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nimport { KEY } from './keys.ts';\nexport class TicketStore { constructor(readonly db: DynamoDBDocumentClient) {} key(): string { return KEY; } }\n",
  'functions/src/app/filing.ts': "import { rule } from '../../../shared/src/domain.ts';\nimport type { TicketStore } from '../store/tickets.ts';\nexport const file = (s: TicketStore, n: number): boolean => rule(n) && s.key() !== '';\n",
  'functions/src/compose/tickets.ts': "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nimport { TicketStore } from '../store/tickets.ts';\nexport const store = (db: DynamoDBDocumentClient): TicketStore => new TicketStore(db);\n",
  'functions/src/handlers/tickets.ts': "import { file } from '../app/filing.ts';\nimport { store } from '../compose/tickets.ts';\nexport const handler = (n: number): boolean => file(store(undefined as never), n);\n",
  'miniapp/src/page.ts': "import { rule } from '../../shared/src/domain.ts';\nexport const ok = rule(1);\n",
};

/** One broken import per rule (the file blamed first, and its content), added to the clean tree. */
const BROKEN: Record<string, Tree> = {
  'no-circular': {
    'functions/src/app/a.ts': "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n",
    'functions/src/app/b.ts': "import type { a } from './a.ts';\nexport const b = (): number => 1;\nexport type A = typeof a;\n",
  },
  'shared-is-pure': { 'shared/src/bad.ts': "import { KEY } from '../../functions/src/store/keys.ts';\nexport const k = KEY;\n" },
  'shared-no-node-builtins': { 'shared/src/bad-node.ts': "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID;\n" },
  'miniapp-not-functions': { 'miniapp/src/bad.ts': "import { file } from '../../functions/src/app/filing.ts';\nexport const f = file;\n" },
  'handlers-through-composition': { 'functions/src/handlers/bad.ts': "import { TicketStore } from '../store/tickets.ts';\nexport const s = TicketStore;\n" },
  'store-imports-no-use-case': { 'functions/src/store/bad.ts': "import { file } from '../app/filing.ts';\nexport const f = file;\n" },
  'use-cases-no-aws-sdk': { 'functions/src/app/bad-sdk.ts': "import { PutCommand } from '@aws-sdk/lib-dynamodb';\nexport const put = PutCommand;\n" },
  'use-cases-no-store-values': { 'functions/src/admin/bad-keys.ts': "import { KEY } from '../store/keys.ts';\nexport const k = KEY;\n" },
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(name: string, tree: Tree): Violation[] {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  let out: string;
  try {
    out = execFileSync(process.execPath, [BIN, '--config', CONFIG, '--output-type', 'json', 'shared', 'functions', 'miniapp'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // Violations exit non-zero; the JSON report is still on stdout.
    out = (err as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layering rules (.dependency-cruiser.cjs)', () => {
  // One run over the clean tree with every broken file added (a run takes seconds: it loads TypeScript).
  it('reports each broken import under its rule, and nothing in the files that keep the layers', () => {
    const broken = Object.assign({}, ...Object.values(BROKEN)) as Tree;
    const violations = cruise('fixture', { ...CLEAN, ...broken });
    for (const [rule, files] of Object.entries(BROKEN)) {
      expect(violations.filter((v) => v.rule.name === rule).map((v) => v.from), rule).toEqual(expect.arrayContaining([Object.keys(files)[0]]));
    }
    // The clean part of the tree is never blamed.
    expect(violations.map((v) => v.from).filter((from) => from in CLEAN)).toEqual([]);
  }, 120_000);
});
