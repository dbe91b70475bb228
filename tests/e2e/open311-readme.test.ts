import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Stack } from '../../infra/stack.ts';
import { startE2eStack } from '../support/e2e.ts';
import { parseXml, schemaErrors } from '../support/open311-schemas.ts';

/**
 * The README's Open311 walk-through, run exactly as written (the shell block between the
 * open311-demo markers, with only the API origin swapped for this stack's) against the
 * local product: the admin issues a key, services are listed, a request is posted in
 * Open311 form, the handler sees it in the inbox with its channel, and it reads back as XML
 * and JSON with its expected deadline.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startE2eStack();
});
afterAll(async () => {
  await stack?.stop();
});

function readmeScript(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- open311-demo:start -->\n```sh\n([\s\S]*?)```\n<!-- open311-demo:end -->/.exec(readme);
  if (!block) throw new Error('README has no open311-demo block');
  return block[1]!;
}

describe('the README’s Open311 curl lines', () => {
  it('issue a key, list services, post a request, show it in the inbox and read it back in XML and JSON', async () => {
    const script = readmeScript();
    expect(script).toContain('API=http://127.0.0.1:8080');
    // Each command's output on its own lines, with a marker after each step's curl.
    const run = script.replace('API=http://127.0.0.1:8080', `API=${stack.webUrl}`).replace(/^(curl -s [^\n]*(?:\n {2}[^\n]*)*)$/gm, '$1\necho; echo "@@"');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', run], { timeout: 120_000, maxBuffer: 10 * 1024 * 1024 });
    const outputs = stdout.split('@@').map((s) => s.trim());
    const [services, inbox, xmlText, jsonText] = outputs;

    const list = JSON.parse(services!);
    expect(schemaErrors('services.json', list)).toBe('');
    expect(list.map((s: { service_code: string }) => s.service_code)).toContain('traffic');

    expect(inbox).toMatch(/^\d{13} hotline_12345 已受理$/);
    const id = inbox!.split(' ')[0];

    const doc = parseXml(xmlText!) as { service_requests: { request: Array<Record<string, string>> } };
    const fromXml = doc.service_requests.request[0]!;
    expect(fromXml.service_request_id).toBe(id);
    expect(fromXml.expected_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const fromJson = JSON.parse(jsonText!);
    expect(schemaErrors('requests.json', fromJson)).toBe('');
    expect(fromJson[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'traffic', agency_responsible: '皋兰路街道', expected_datetime: fromXml.expected_datetime });
    expect(Date.parse(fromJson[0].expected_datetime)).toBeGreaterThan(Date.parse(fromJson[0].requested_datetime));

    // The OpenAPI document and its browsable page are served by the same front door.
    const openapi = (await (await fetch(`${stack.webUrl}/docs/openapi.json`)).json()) as { openapi: string };
    expect(openapi.openapi).toBe('3.1.0');
    const page = await fetch(`${stack.webUrl}/docs/`);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${stack.webUrl}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });
});
