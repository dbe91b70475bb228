import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { OPEN311_ROUTES } from '../handlers/open311.ts';
import { jsonSchema, OPEN311_OPERATIONS, open311Path, openApiDocument, OPERATIONS } from './document.ts';

/** The generated OpenAPI 3.1 document against the deployed route table and its own examples. */
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, any>> };

/** The routes API Gateway serves: every `httpApi:` event of serverless.yml. */
function deployedRoutes(): string[] {
  const yml = readFileSync(fileURLToPath(new URL('../../../serverless.yml', import.meta.url)), 'utf8');
  return [...yml.matchAll(/httpApi:\s*'([A-Z]+ [^']+)'/g)].map((m) => m[1]!);
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with JSON Schema 2020-12', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    // Every schema in the document compiles as JSON Schema 2020-12.
    let compiled = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const sections: Array<{ content?: Record<string, { schema: object }> }> = [...Object.values(op.responses as Record<string, { content?: Record<string, { schema: object }> }>), op.requestBody ?? {}];
        const contents = sections.flatMap((r) => Object.values(r.content ?? {}));
        for (const media of contents) {
          if ('$ref' in media.schema) continue; // the shared error schema, compiled below
          expect(() => ajv.compile(media.schema), `${method} ${path}`).not.toThrow();
          compiled++;
        }
      }
    }
    expect(compiled).toBeGreaterThan(70);
    expect(() => ajv.compile((doc as unknown as { components: { schemas: { Error: object } } }).components.schemas.Error)).not.toThrow();
  });

  it('has every route of serverless.yml, and every Open311 resource behind the proxy route', () => {
    const routes = deployedRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      if (path.includes('{proxy+}')) continue;
      if (!doc.paths[path]?.[method.toLowerCase()]) missing.push(route);
    }
    expect(missing, 'routes in serverless.yml without an entry in functions/src/openapi/document.ts').toEqual([]);
    expect(routes).toContain('ANY /open311/v2/{proxy+}');
    for (const key of Object.keys(OPEN311_ROUTES)) {
      const [method, pattern] = key.split(' ') as [string, string];
      expect(doc.paths[open311Path(pattern)]?.[method.toLowerCase()], key).toBeDefined();
    }
    // And nothing documented that is not served.
    for (const key of Object.keys(OPERATIONS)) expect(routes, key).toContain(key);
    expect(Object.keys(OPEN311_OPERATIONS).sort()).toEqual(Object.keys(OPEN311_ROUTES).sort());
  });

  it('has examples that validate against their own schemas (JSON Schema and zod)', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    let checked = 0;
    for (const [key, op] of [...Object.entries(OPERATIONS), ...Object.entries(OPEN311_OPERATIONS)]) {
      if (op.examples?.body !== undefined) {
        const validate = ajv.compile(jsonSchema(op.body!, 'input'));
        expect(validate(op.examples.body), `${key}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        expect(op.body!.safeParse(op.examples.body).success, key).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
    // And a wrong example would be caught.
    const create = ajv.compile(jsonSchema(OPERATIONS['POST /api/tickets']!.body!, 'input'));
    expect(create({ ...(OPERATIONS['POST /api/tickets']!.examples!.body as object), description: '短' })).toBe(false);
  });

  it('puts path parameters and query parameters from the schemas', () => {
    const inbox = doc.paths['/api/staff/inbox']!.get;
    expect(inbox.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['cursor', 'limit', 'sort', 'status', 'category', 'mine', 'urgent']));
    expect(doc.paths['/api/tickets/{id}']!.get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(doc.paths['/open311/v2/requests.{format}']!.get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['format', 'service_request_id', 'status', 'start_date', 'end_date', 'api_key']));
  });
});
