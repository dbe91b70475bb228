import { defineConfig } from 'vitest/config';
import { bundleAliases } from './infra/bundle-alias.ts';
import { integrationWorkers } from './tests/support/workers.ts';

// The function bundles replace a library's dependency with a module of ours (serverless.yml
// `custom.esbuild.alias`: the spreadsheet libraries' fflate by Node's zlib). The unit and integration
// tests resolve it the same way; the libraries that import it are inlined so the alias reaches them.
const asBundled = {
  resolve: { alias: bundleAliases() },
};
const inlineAliased = { deps: { inline: ['read-excel-file', 'write-excel-file'] } };

// Three projects so `npm test` can run the fast ones first and fail early.
export default defineConfig({
  test: {
    projects: [
      {
        ...asBundled,
        test: {
          name: 'unit',
          server: inlineAliased,
          include: ['shared/src/**/*.test.ts', 'functions/src/**/*.test.ts', 'miniapp/src/**/*.test.ts', 'infra/**/*.test.ts'],
          // Powertools: request log lines only where a test captures them (functions/src/http/observe.test.ts).
          env: { TZ: 'America/New_York', POWERTOOLS_LOG_LEVEL: 'WARN' },
          // A guard against hangs, not a speed test: a busy machine must not fail a correct test.
          testTimeout: 30_000,
        },
      },
      {
        ...asBundled,
        test: {
          name: 'integration',
          server: inlineAliased,
          include: ['tests/integration/**/*.test.ts'],
          env: { POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
          globalSetup: ['tests/support/dynamo-global-setup.ts'],
          // Every function's composition registered before a test builds a service (tests/support/compositions.ts).
          setupFiles: ['tests/support/compositions.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two files at a time on the 2-core CI machine: each file has its own table in its worker's
          // DynamoDB Local (one instance per worker: tests/support/dynamo-global-setup.ts), and most of a
          // file's time is spent waiting on it. INTEGRATION_WORKERS=1 runs them one by one.
          maxWorkers: integrationWorkers(),
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Builds the H5 pages once and starts one DynamoDB Local for every file (tests/support/e2e.ts).
          globalSetup: ['tests/support/e2e-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          // One file at a time unless E2E_WORKERS says more. Files may run side by side (each has its own
          // table, API, front door and browser on free ports, and much of a file's time is waiting), and
          // E2E_WORKERS=2 saves minutes on an otherwise idle machine; with other work on the 2 shared cores
          // (load ≈ 25–30) two stacks at once made pages miss their 30 s waits, so it is not the default.
          maxWorkers: Number(process.env.E2E_WORKERS ?? 1),
        },
      },
    ],
  },
});
