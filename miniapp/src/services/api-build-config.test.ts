import Config from 'webpack-chain';
import { describe, expect, it, vi } from 'vitest';

/**
 * Both builds, weapp and H5, tell webpack that the API client's modules are side-effect free
 * (rule `api-client-side-effect-free`, miniapp/config/index.ts). Without the rule in the weapp
 * build, services/api.ts (used by the resident pages) pulled every resource module into the main
 * package's common.js: the staff, supervisor and admin calls and their schemas, 18 KB of the
 * 2 MB main package. This runs the config's own webpack-chain hooks on an empty chain.
 */
vi.mock('@tarojs/cli', () => ({ defineConfig: (f: unknown) => f }));

type Hook = (chain: Config) => void;
type Built = { mini?: { webpackChain?: Hook }; h5?: { webpackChain?: Hook } };

/** Taro's merge for plain objects (later wins, objects merged key by key). */
function merge(target: Record<string, unknown>, ...sources: Record<string, unknown>[]): Record<string, unknown> {
  for (const source of sources) {
    for (const [k, v] of Object.entries(source)) {
      const t = target[k];
      target[k] = v && typeof v === 'object' && !Array.isArray(v) && t && typeof t === 'object' && !Array.isArray(t) ? merge({ ...(t as Record<string, unknown>) }, v as Record<string, unknown>) : v;
    }
  }
  return target;
}

async function config(env: 'weapp' | 'h5'): Promise<Built> {
  vi.stubEnv('TARO_ENV', env);
  vi.stubEnv('NODE_ENV', 'production');
  vi.resetModules();
  const { default: make } = (await import('../../config/index.ts')) as unknown as { default: (m: typeof merge) => Promise<Built> };
  const built = await make(merge);
  vi.unstubAllEnvs();
  return built;
}

function sideEffectFree(hook: Hook | undefined): RegExp | undefined {
  if (!hook) return undefined;
  const chain = new Config();
  chain.optimization.splitChunks({ cacheGroups: {} });
  hook(chain);
  const rules = (chain.toConfig().module?.rules ?? []) as Array<{ test?: RegExp; sideEffects?: boolean }>;
  return rules.find((r) => r.sideEffects === false)?.test;
}

const CLIENT = ['/repo/miniapp/src/services/api.ts', '/repo/miniapp/src/services/api/admin.ts', 'C:\\repo\\miniapp\\src\\services\\api\\tickets.ts'];
const NOT_CLIENT = ['/repo/miniapp/src/services/http.ts', '/repo/miniapp/src/pages/report/index.tsx', '/repo/shared/src/contracts.ts'];

describe('the API client is side-effect free in both builds', () => {
  for (const env of ['weapp', 'h5'] as const) {
    it(env, async () => {
      const built = await config(env);
      const test = sideEffectFree((env === 'weapp' ? built.mini : built.h5)?.webpackChain);
      expect(test, `${env}: no api-client-side-effect-free rule`).toBeInstanceOf(RegExp);
      for (const f of CLIENT) expect(test!.test(f), f).toBe(true);
      for (const f of NOT_CLIENT) expect(test!.test(f), f).toBe(false);
    });
  }
});
