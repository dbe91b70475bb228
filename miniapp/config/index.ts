import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import { PageHtml } from './page-html';
import prodConfig from './prod';

/**
 * The shared package is TypeScript source reached through a workspace symlink
 * (node_modules/@mashang/shared -> ../../shared). webpack resolves symlinks to the
 * real path, and Taro's script rule only compiles sourceRoot and Taro's own
 * packages, so the real path of shared/src goes into `mini.compile.include` and
 * `h5.compile.include`.
 */
const sharedSrc = fs.realpathSync(path.resolve(__dirname, '..', '..', 'shared', 'src'));

/**
 * Where the API lives. H5 is served on the same origin as the API (`/api/...`),
 * so the base is empty; the mini-program needs an absolute URL, taken from
 * TARO_APP_API_BASE at build time.
 */
function apiBase(): string {
  if (process.env.TARO_ENV === 'h5') return process.env.TARO_APP_API_BASE_H5 ?? '';
  return (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
}

/** Writes the build's stats as JSON once the compilation is done (see `H5_STATS` below). */
class StatsJson {
  constructor(private readonly file: string) {}
  apply(compiler: { hooks: { done: { tap: (name: string, fn: (stats: { toJson: (o: object) => unknown }) => void) => void } } }) {
    compiler.hooks.done.tap('stats-json', (stats) => {
      const json = stats.toJson({
        all: false,
        assets: true,
        chunks: true,
        chunkModules: true,
        chunkModulesSpace: Infinity,
        // Without it (all: false) a chunk's modules that other modules of the chunk import are
        // left out as "hidden modules": nearly everything but the page's own files.
        dependentModules: true,
        nestedModules: true,
        nestedModulesSpace: Infinity,
        chunkOrigins: true,
        chunkRelations: true,
        entrypoints: true,
        ids: true,
      });
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(this.file, JSON.stringify(json));
    });
  }
}

/**
 * weapp: the same rule as H5's `api-client-side-effect-free` below (the API client only
 * re-exports and declares functions). Without it the mini-program's main package (common.js)
 * carried every staff, supervisor and admin call and their schemas, since services/api.ts is
 * used by the resident pages; with it they stay in their subpackages.
 */
function apiClientSideEffectFree(chain: { module: { rule: (name: string) => { test: (re: RegExp) => { set: (key: string, value: unknown) => unknown } } } }): void {
  chain.module.rule('api-client-side-effect-free').test(/[\\/]src[\\/]services[\\/]api(\.ts$|[\\/])/).set('sideEffects', false);
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'mashang',
    date: '2026-1-1',
    // 375 so that a px in the styles is a CSS px on a 375-wide phone (rpx on weapp, rem on H5).
    designWidth: 375,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
    },
    // weapp: the sitemap that keeps request pages out of WeChat search.
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
    // H5 renders with Preact (preact/compat, Taro's supported 'preact' framework): the same
    // React code, ≈ 35 KB less compressed JS on every page than react-dom. The mini-program
    // keeps React (its size is the main package's, not a download on every visit).
    framework: process.env.TARO_ENV === 'h5' ? 'preact' : 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      webpackChain(chain) {
        apiClientSideEffectFree(chain);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [sharedSrc] },
      publicPath: '/',
      staticDirectory: 'static',
      // Served from the site root: /pages/report/index?loc=ID is a real URL. Leave
      // basename unset — '/' makes Taro's router match '//pages/...' and render nothing.
      router: {
        mode: 'browser',
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // H5_STATS=<file>: write webpack's stats (chunks, their modules and sizes) for
        // bench/h5-chunks.ts, which says what a page loads and why. Off by default.
        if (process.env.H5_STATS) chain.plugin('stats-json').use(StatsJson, [path.resolve(process.env.H5_STATS)]);
        // report.html: index.html that also preloads the resident form's chunks (the QR landing
        // page), served for /q/<id> and /pages/report/index (infra/web.ts, infra/hosting.yml).
        chain.plugin('report-html').use(PageHtml, [{ page: 'pages/report/index', file: 'report.html' }]);
        // The API client (services/api.ts and its resource modules under services/api/) only
        // re-exports and declares functions: evaluating it has no side effects. Webpack cannot
        // tell by itself, because the modules it imports (zod schemas) do have some; told so, it
        // sends `api.tickets.create` straight to services/api/tickets.ts, and a page's chunks
        // carry only the resource modules it calls (the QR page: no staff or admin schemas).
        chain.module.rule('api-client-side-effect-free').test(/[\\/]src[\\/]services[\\/]api(\.ts$|[\\/])/).set('sideEffects', false);
        // Taro splits only initial chunks on H5, so every lazily loaded page chunk
        // would carry its own copy of zod and the shared contracts. One async chunk
        // for what two or more pages use keeps them once.
        const splitChunks = chain.optimization.get('splitChunks') as { cacheGroups?: Record<string, unknown> } | false | undefined;
        if (splitChunks) {
          chain.optimization.splitChunks({
            ...splitChunks,
            cacheGroups: {
              ...splitChunks.cacheGroups,
              // Unnamed, so webpack makes one shared chunk per set of pages that share modules: a
              // resident's QR page loads what the resident pages share, not what the staff and
              // admin pages share too (one named chunk for all of them was 525 KB on that page).
              // Not below 20 KB (before minification): a smaller shared piece stays in each page's
              // chunk, so the QR page loads a handful of chunks instead of nineteen (each one a
              // request and, on a phone network, a round trip).
              pagesCommon: { chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true, minSize: 20_000 },
              // What only the supervisors' pages share stays in their own chunk, so a
              // resident's first page does not download it with pages-common.
              supervisor: {
                name: 'pages-supervisor',
                test: /[\\/]src[\\/](pages-supervisor[\\/]|lib[\\/](supervisor-|chart-data)|components[\\/]Chart)/,
                chunks: 'async',
                minChunks: 2,
                priority: 10,
                reuseExistingChunk: true,
                enforce: true,
              },
            },
          });
        }
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // The root font size follows the screen's shorter side up to this cap. Taro's
        // default cap (40px) draws a 1440×900 desktop at 2× — a "wide-screen view" 720
        // design px wide. 23px leaves every phone (≤ 430 px wide) exactly as before and
        // lets a desktop show 1,250 design px (the supervisors' two-column view).
        pxtransform: { enable: true, config: { maxRootSize: 23 } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
