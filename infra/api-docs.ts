import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import sirv from 'sirv';
import { openApiDocument } from '../functions/src/openapi/document.ts';

/**
 * Local routes of the front door for the interoperability work: the browsable API
 * reference at `/docs/` (Swagger UI's own static build from the `swagger-ui-dist` package,
 * no network) over the OpenAPI 3.1 document generated from the shared zod schemas at
 * `/docs/openapi.json`, and `/open311/*` forwarded to the API like `/api/*`.
 */
const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const files = sirv(assets, { dev: false, etag: true });

const INDEX = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>码上办 API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
};`;

export function apiDocsRoutes(apiOrigin: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const api = new URL(apiOrigin);
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/open311/')) {
      const upstream = request({ host: api.hostname, port: api.port, method: req.method, path: req.url, headers: { ...req.headers, host: api.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('API unavailable');
      });
      req.pipe(upstream);
      return true;
    }
    if (path === '/docs' || path === '/docs/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(INDEX);
      return true;
    }
    if (path === '/docs/init.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(INIT);
      return true;
    }
    if (path === '/docs/openapi.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(openApiDocument('/'), null, 2));
      return true;
    }
    if (path.startsWith('/docs/')) {
      req.url = req.url!.slice('/docs'.length);
      files(req, res, () => {
        res.writeHead(404).end();
      });
      return true;
    }
    return false;
  };
}
