/* global module */
// @ts-check
/**
 * The layering rules, checked in `npm run lint` (`npm run lint:deps`, dependency-cruiser).
 *
 *   shared/                  pure domain: no Node, no AWS, no Taro, nothing from functions/ or miniapp/
 *   miniapp/                 the mini-program and H5 pages: never functions/
 *   functions/src/handlers/  parse → call → map; they reach stores and the AWS SDK only through a
 *                            composition module (COMPOSITION below: one per Lambda in compose/, and
 *                            the *runtime.ts builders they use)
 *   functions/src/app|admin|open311|integrations/   use cases: no AWS SDK (stores and adapters hold it)
 *   functions/src/store/     the DynamoDB side: knows keys, items and transactions; imports no use case
 *
 * No import circles anywhere (type-only imports count: they tie the modules' designs together).
 * Use cases import no store module's values (keys, items, query helpers, transactions): they get
 * their stores passed in, typed by the ports (functions/src/ports/) or by type-only imports of
 * the store classes. The list of known violators this rule once had is empty since issue #9.
 */

/** Modules that build a Lambda's objects from its environment: the only way handlers reach stores and the SDK. */
const COMPOSITION = ['^functions/src/compose/', '^functions/src/.+/runtime\\.ts$', '^functions/src/.+-runtime\\.ts$', '^functions/src/admin/context\\.ts$', '^functions/src/admin/org/public-routes\\.ts$'];
/** Use-case folders. Their store implementations (admin/org/store.ts, integrations/store.ts) belong to the store layer. */
const USE_CASES = '^functions/src/(app|admin|open311|integrations)/';
const STORES_IN_USE_CASE_FOLDERS = '^functions/src/(admin/org|integrations)/store\\.ts$';
const TESTS = '\\.test\\.ts$';
/** What the resident's H5 QR page must not load: the other audiences' contracts and the rules behind them. */
const RESIDENT_PAGE_FORBIDDEN = '^shared/src/(contracts\\.ts|contracts/(staff|reports|signals)\\.ts|admin-[\\w-]+\\.ts|workbench\\.ts|risk\\.ts|hotspots\\.ts|commands/)';
const AWS_SDK = '(^|/)node_modules/(@aws-sdk|@smithy|@aws-lambda-powertools)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle ties two modules into one; move the shared part to a module of its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ runs in the mini-program, the H5 pages and Lambda: no Node builtins, no AWS, no Taro, nothing of functions/ or miniapp/.',
      from: { path: '^shared/' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: ['^functions/', '^miniapp/', AWS_SDK, '(^|/)node_modules/@tarojs/'],
      },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      comment: 'shared/ runs in the mini-program: no Node builtins (node:fs, node:crypto, …).',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'miniapp-not-functions',
      severity: 'error',
      comment: 'The mini-program talks to the backend over HTTP only; the contracts it shares live in shared/.',
      from: { path: '^miniapp/' },
      to: { path: ['^functions/', AWS_SDK] },
    },
    {
      name: 'handlers-through-composition',
      severity: 'error',
      comment: 'Handlers parse, call a use case and map its answer; stores and the AWS SDK are wired in a composition module (functions/src/compose/).',
      from: { path: '^functions/src/handlers/', pathNot: TESTS },
      to: { path: ['^functions/src/store/', STORES_IN_USE_CASE_FOLDERS, '^functions/src/adapters/', AWS_SDK] },
    },
    {
      name: 'store-imports-no-use-case',
      severity: 'error',
      comment: 'The store implements what use cases ask for; it never calls back into them.',
      from: { path: ['^functions/src/store/', STORES_IN_USE_CASE_FOLDERS], pathNot: TESTS },
      to: { path: [USE_CASES, '^functions/src/(handlers|compose|http)/'], pathNot: STORES_IN_USE_CASE_FOLDERS },
    },
    {
      name: 'use-cases-no-aws-sdk',
      severity: 'error',
      comment: 'Use cases speak the domain; DynamoDB, S3 and Secrets Manager stay in stores, adapters and composition modules.',
      from: { path: USE_CASES, pathNot: [...COMPOSITION, STORES_IN_USE_CASE_FOLDERS, TESTS] },
      to: { dependencyTypesNot: ['type-only'], path: AWS_SDK },
    },
    {
      name: 'use-cases-no-store-values',
      severity: 'error',
      comment: 'Use cases get stores passed in; keys, items, query helpers and transactions stay in functions/src/store/.',
      from: { path: USE_CASES, pathNot: [...COMPOSITION, STORES_IN_USE_CASE_FOLDERS, TESTS] },
      to: { dependencyTypesNot: ['type-only'], path: ['^functions/src/store/', STORES_IN_USE_CASE_FOLDERS] },
    },
    {
      name: 'zod-mini-only',
      severity: 'error',
      comment: "Schemas use `zod/mini` (functions, tree-shaken): classic zod (`zod`, `zod/v4`, `zod/v3`, `zod/v4/classic`) is ≈ 70 KB and ≈ 3.5 ms of every cold Lambda route and of the mini-program's pages (issue #9). Tests may build classic schemas of their own.",
      from: { path: '^(functions|shared|miniapp)/src/', pathNot: TESTS },
      to: { path: '(^|/)node_modules/zod/((v4/)?index\\.|v3/|v4/classic/)' },
    },
    {
      name: 'contracts-by-audience',
      severity: 'error',
      comment: 'Import a contract from its module under shared/src/contracts/ (common, resident, staff, reports, signals): shared/src/contracts.ts re-exports them all, so a Lambda or a page importing it builds every schema at load. Only the OpenAPI document lists them all.',
      from: { path: '^(functions|miniapp)/src/', pathNot: ['^functions/src/openapi/document\\.ts$'] },
      to: { path: '^shared/src/contracts\\.ts$' },
    },
    {
      name: 'resident-contracts-stay-small',
      severity: 'error',
      comment: "The resident's contracts (and the common ones) are what the H5 QR page loads: no staff, report, risk or admin schemas and no workbench rules behind them.",
      from: { path: '^shared/src/contracts/(common|resident)\\.ts$' },
      to: { dependencyTypesNot: ['type-only'], path: [RESIDENT_PAGE_FORBIDDEN] },
    },
    {
      name: 'resident-api-modules-stay-small',
      severity: 'error',
      comment: "The API client modules the resident's QR page calls (services/api/…) import no staff, report, risk or admin schemas: a staff call needing them goes in its own module (tickets-staff.ts), re-exported.",
      from: { path: '^miniapp/src/services/(http|api/(client|sessions|reference|places|tickets|uploads|me))\\.ts$' },
      to: { dependencyTypesNot: ['type-only'], path: [RESIDENT_PAGE_FORBIDDEN] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '^\\.artifacts/', '^\\.esbuild/', '^\\.serverless/', '^miniapp/config/'] },
    // Type-only imports are seen too (circles through types count).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The workspaces' package.json `exports` (@mashang/shared/contracts → shared/src/contracts.ts).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['module', 'main', 'types'] },
  },
};
