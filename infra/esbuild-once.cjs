/* global module, require, process */
// @ts-check
/**
 * An osls plugin that lets several serverless-offline APIs share one set of bundles (the end-to-end
 * tests start one API per file; bundling the functions took ~30 s of each start).
 *
 * - `osls offline-bundle --stage local` runs serverless-esbuild's own offline steps (bundle every
 *   function with `custom.esbuild`, install the externals, copy extras) into its work folder
 *   (`custom.esbuild.outputWorkFolder`, i.e. MASHANG_ESBUILD_DIR) and stops: no server.
 * - `osls offline start` with MASHANG_ESBUILD_PREBUILT=<that work folder> serves those bundles and
 *   builds nothing: every function is marked `skipEsbuild` (serverless-esbuild's per-function
 *   switch), its externals are already installed there (so none are installed again), and
 *   serverless-offline's `location` points at the folder's `.build`. The folder is only read.
 *
 * serverless-esbuild's own `skipBuild` does not fit: it expects packaged zips in .serverless/ and
 * copies them at `initialize`, which `offline start` never has.
 * Without MASHANG_ESBUILD_PREBUILT (`npm start`, `npm run package`) this plugin changes nothing.
 */
// osls loads local plugins with require(), so this one is CommonJS.
/* eslint-disable @typescript-eslint/no-require-imports */
const path = require('node:path');
const fs = require('node:fs');
/* eslint-enable @typescript-eslint/no-require-imports */

class EsbuildOnce {
  /**
   * @param {any} serverless
   * @param {Record<string, unknown>} options
   */
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options || {};
    this.commands = {
      'offline-bundle': {
        usage: 'Bundles every function as `offline start` does, into custom.esbuild.outputWorkFolder, and exits',
        lifecycleEvents: ['bundle'],
      },
    };
    this.hooks = {
      'offline-bundle:bundle': () => this.bundle(),
    };
    const prebuilt = process.env.MASHANG_ESBUILD_PREBUILT;
    if (prebuilt) this.usePrebuilt(prebuilt);
  }

  /** serverless-esbuild's plugin instance (listed before this one in serverless.yml). */
  esbuildPlugin() {
    const plugin = this.serverless.pluginManager.plugins.find((/** @type {any} */ p) => p && p.constructor && p.constructor.name === 'EsbuildServerlessPlugin');
    if (!plugin) throw new Error('esbuild-once: serverless-esbuild is not loaded (list it before ./infra/esbuild-once.cjs)');
    return plugin;
  }

  /** The same steps as serverless-esbuild's `before:offline:start:init` hook, without the server. */
  async bundle() {
    const esbuild = this.esbuildPlugin();
    await esbuild.bundle();
    await esbuild.packExternalModules();
    await esbuild.copyExtras();
    await esbuild.disposeContexts();
  }

  /** @param {string} workFolder */
  usePrebuilt(workFolder) {
    const serviceDir = this.serverless.config.serviceDir || this.serverless.config.servicePath;
    const buildDir = path.join(path.resolve(serviceDir, workFolder), '.build');
    if (!fs.existsSync(buildDir)) throw new Error(`esbuild-once: MASHANG_ESBUILD_PREBUILT has no bundles (${buildDir} is missing; run \`osls offline-bundle\` first)`);
    const service = this.serverless.service;
    for (const fn of Object.values(service.functions || {})) /** @type {any} */ (fn).skipEsbuild = true;
    service.custom = service.custom || {};
    // The externals are installed in the prebuilt folder already.
    service.custom.esbuild = { ...(service.custom.esbuild || {}), external: [] };
    service.custom['serverless-offline'] = { ...(service.custom['serverless-offline'] || {}), location: path.relative(serviceDir, buildDir) };
  }
}

module.exports = EsbuildOnce;
