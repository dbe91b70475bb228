import type { Compiler } from 'webpack';

/**
 * Writes `<file>` (e.g. report.html): the build's index.html plus a `<link rel="preload">`
 * for every script and style of one page's chunks. Taro's H5 entry loads a page with
 * `import()` only after the entry has run, so without it the page's chunks start
 * downloading one round trip after the entry has finished; with it they download
 * alongside the entry. Only the page's own HTML carries the preloads (the front door and
 * CloudFront serve it for that page's paths and the street QR links), so other pages do
 * not download them.
 */
export class PageHtml {
  constructor(private readonly opts: { page: string; file: string; template?: string }) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('page-html', (compilation) => {
      // After the real content hashes are set (OPTIMIZE_HASH), so the file names are final.
      compilation.hooks.processAssets.tap({ name: 'page-html', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, () => {
        const template = compilation.getAsset(this.opts.template ?? 'index.html');
        if (!template) return;
        const request = `./${this.opts.page}`;
        const group = compilation.chunkGroups.find((g) => g.origins.some((o) => o.request === request));
        if (!group) {
          compilation.errors.push(new compiler.webpack.WebpackError(`page-html: no chunk group is loaded by import('${request}')`));
          return;
        }
        const entry = new Set(compilation.entrypoints.get('app')?.getFiles() ?? []);
        const base = String(compilation.outputOptions.publicPath ?? '/');
        const links = group
          .getFiles()
          .filter((f) => !entry.has(f) && /\.(js|css)$/.test(f))
          .sort((a, b) => Number(b.endsWith('.css')) - Number(a.endsWith('.css')) || a.localeCompare(b))
          .map((f) => `<link rel="preload" as="${f.endsWith('.css') ? 'style' : 'script'}" href="${base}${f}">`)
          .join('');
        const html = template.source.source().toString();
        if (!html.includes('</head>')) throw new Error(`page-html: no </head> in ${template.name}`);
        compilation.emitAsset(this.opts.file, new sources.RawSource(html.replace('</head>', `${links}</head>`)));
      });
    });
  }
}
