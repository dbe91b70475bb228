/* global module, require */
// @ts-check
/**
 * An osls plugin that makes serverless-esbuild package code-split ES module bundles per function
 * (serverless.yml `custom.esbuild`: format esm, splitting; issue #9, cold start). serverless-esbuild
 * builds each function into the same folder and, per function, zips every file of that folder but
 * the other functions' entries, and installs the external packages (pdfkit, the CJK font, jieba)
 * that its entry file names. With code splitting an entry names only its chunks, so:
 *
 * - each function's zip gets its entry and the chunks it reaches (static and dynamic imports,
 *   transitively), not the chunks of the other functions;
 * - the external packages a function gets are those named by any of those files (the posters'
 *   pdfkit is imported by a chunk the admin routes load on demand, never by the entry).
 *
 * serverless-esbuild has no option for either; this plugin wraps its two helpers
 * (`getDepsFromBundle`, `filterFilesForZipPackage`), which its `pack` step looks up at call time.
 * List it after serverless-esbuild. Without splitting (one file per function) nothing changes:
 * an entry that imports no chunk reaches only itself.
 */
// osls loads local plugins with require(), so this one is CommonJS.
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');
const path = require('node:path');
const helper = require('serverless-esbuild/dist/helper');
const pack = require('serverless-esbuild/dist/pack');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Relative module specifiers of an esbuild output: `from"./chunks/x.mjs"`, `import"./x.mjs"`, `import("./x.mjs")`. */
const RELATIVE = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

/**
 * The files a bundle reaches through relative imports (itself included), as absolute paths.
 * @param {string} file
 * @returns {string[]}
 */
function reachable(file) {
  const seen = new Set();
  const stack = [path.resolve(file)];
  while (stack.length) {
    const f = /** @type {string} */ (stack.pop());
    if (seen.has(f) || !fs.existsSync(f)) continue;
    seen.add(f);
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(RELATIVE)) stack.push(path.resolve(path.dirname(f), /** @type {string} */ (m[1])));
  }
  return [...seen];
}

let patched = false;

/** Wraps serverless-esbuild's helpers once per process. */
function patch() {
  if (patched) return;
  patched = true;
  const getDeps = helper.getDepsFromBundle;
  /** @type {(bundlePath: string, useESM: boolean) => string[]} */
  helper.getDepsFromBundle = (bundlePath, useESM) => [...new Set(reachable(bundlePath).flatMap((f) => getDeps(f, useESM)))];

  const filter = pack.filterFilesForZipPackage;
  /** @param {{ files: { localPath: string; rootPath: string }[]; functionAlias: string } & Record<string, unknown>} args */
  pack.filterFilesForZipPackage = (args) => {
    const entry = entries.get(args.functionAlias);
    const kept = filter(args);
    if (!entry || !kept.length) return kept;
    const first = kept[0];
    const buildDir = first.rootPath.slice(0, first.rootPath.length - first.localPath.length);
    const entryFile = path.join(buildDir, entry);
    if (!fs.existsSync(entryFile)) return kept;
    const mine = new Set(reachable(entryFile));
    const bundleDir = path.dirname(entryFile);
    // Only the bundles' own files are sorted out (the entries' folder, chunks included); node_modules and other files stay as serverless-esbuild chose them.
    return kept.filter((f) => !/\.m?js$/.test(f.localPath) || !path.resolve(f.rootPath).startsWith(bundleDir + path.sep) || mine.has(path.resolve(f.rootPath)));
  };
}

/** Function name → its entry file relative to the build folder (functions/src/handlers/x.mjs). */
const entries = new Map();

class EsbuildChunks {
  /** @param {any} serverless */
  constructor(serverless) {
    const service = serverless.service;
    const ext = (service.custom && service.custom.esbuild && service.custom.esbuild.outputFileExtension) || '.js';
    for (const [name, fn] of Object.entries(service.functions || {})) {
      const handler = /** @type {{ handler?: string }} */ (fn).handler;
      if (handler) entries.set(name, handler.slice(0, handler.lastIndexOf('.')) + ext);
    }
    patch();
  }
}

module.exports = EsbuildChunks;
module.exports.reachable = reachable;
