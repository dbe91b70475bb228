import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

interface FakeService {
  functions: Record<string, { handler: string; skipEsbuild?: boolean }>;
  custom: Record<string, Record<string, unknown>>;
}
type Plugin = { commands: Record<string, unknown>; hooks: Record<string, () => Promise<void>> };
const EsbuildOnce = createRequire(import.meta.url)('./esbuild-once.cjs') as new (serverless: unknown, options: unknown) => Plugin;

const serviceDir = mkdtempSync(join(tmpdir(), 'esbuild-once-'));
const fakeServerless = (plugins: unknown[] = []) => {
  const service: FakeService = {
    functions: { public: { handler: 'functions/src/handlers/public.handler' }, admin: { handler: 'functions/src/handlers/admin.handler' } },
    custom: { esbuild: { minify: true, external: ['pdfkit'] }, 'serverless-offline': { host: '127.0.0.1' } },
  };
  return { service, config: { serviceDir }, pluginManager: { plugins } };
};

describe('infra/esbuild-once.cjs (osls plugin)', () => {
  afterEach(() => {
    delete process.env.MASHANG_ESBUILD_PREBUILT;
  });

  it('changes nothing without MASHANG_ESBUILD_PREBUILT (npm start, package)', () => {
    const sls = fakeServerless();
    new EsbuildOnce(sls, {});
    expect(sls.service.functions.public!.skipEsbuild).toBeUndefined();
    expect(sls.service.custom.esbuild).toEqual({ minify: true, external: ['pdfkit'] });
    expect(sls.service.custom['serverless-offline']).toEqual({ host: '127.0.0.1' });
  });

  it('with MASHANG_ESBUILD_PREBUILT, builds nothing and points serverless-offline at the prebuilt .build', () => {
    mkdirSync(join(serviceDir, '.esbuild/e2e-1/.build'), { recursive: true });
    process.env.MASHANG_ESBUILD_PREBUILT = '.esbuild/e2e-1';
    const sls = fakeServerless();
    new EsbuildOnce(sls, {});
    expect(Object.values(sls.service.functions).map((f) => f.skipEsbuild)).toEqual([true, true]);
    // The other esbuild options stay as serverless.yml has them; no externals are installed again.
    expect(sls.service.custom.esbuild).toEqual({ minify: true, external: [] });
    expect(sls.service.custom['serverless-offline']).toEqual({ host: '127.0.0.1', location: join('.esbuild/e2e-1', '.build') });
  });

  it('refuses a prebuilt folder that has no bundles', () => {
    process.env.MASHANG_ESBUILD_PREBUILT = '.esbuild/never-built';
    expect(() => new EsbuildOnce(fakeServerless(), {})).toThrow(/no bundles/);
  });

  it('`offline-bundle` runs serverless-esbuild’s offline steps in order', async () => {
    const calls: string[] = [];
    class EsbuildServerlessPlugin {
      bundle = async () => void calls.push('bundle');
      packExternalModules = async () => void calls.push('packExternalModules');
      copyExtras = async () => void calls.push('copyExtras');
      disposeContexts = async () => void calls.push('disposeContexts');
    }
    const plugin = new EsbuildOnce(fakeServerless([{}, new EsbuildServerlessPlugin()]), {});
    expect(Object.keys(plugin.commands)).toEqual(['offline-bundle']);
    await plugin.hooks['offline-bundle:bundle']!();
    expect(calls).toEqual(['bundle', 'packExternalModules', 'copyExtras', 'disposeContexts']);
  });
});

process.on('exit', () => rmSync(serviceDir, { recursive: true, force: true }));
