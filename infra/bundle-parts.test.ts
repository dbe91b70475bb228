import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { externalsOf, functionsOf, mainFieldsOf, partOf } from '../bench/cold.ts';

/**
 * One composition per function: each function is bundled from its handler as serverless.yml
 * builds it (the metafile lists every input). Only the functions that sign, check or (re-)tag
 * residents' photos carry the S3 requests (functions/src/adapters/s3-signed.ts, signed by the
 * SDK's signer): tickets, workbench and resident, the dispatcher (photos whose tagging failed at
 * filing: functions/src/app/photos/photo-tags.ts) and admin (erasure lets a request's photos expire).
 * None carries the SDK's S3 client (issue #9). The sweeper and alerts carry neither the S3
 * requests nor the filing code (risk early warning), the dispatcher no filing code.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');

async function inputsOf(name: string): Promise<string[]> {
  const fn = functionsOf(yml).find((f) => f.name === name)!;
  const r = await build({ entryPoints: [join(ROOT, fn.entry)], bundle: true, minify: true, platform: 'node', mainFields: mainFieldsOf(yml), target: 'node22', format: 'cjs', write: false, metafile: true, logLevel: 'error', external: externalsOf(yml) });
  return Object.keys(Object.values(r.metafile.outputs)[0]!.inputs);
}

/** A function's bundle text and the bytes each input adds to it. */
async function bundleOf(name: string): Promise<{ text: string; bytes: Record<string, number> }> {
  const fn = functionsOf(yml).find((f) => f.name === name)!;
  const r = await build({ entryPoints: [join(ROOT, fn.entry)], bundle: true, minify: true, platform: 'node', mainFields: mainFieldsOf(yml), target: 'node22', format: 'cjs', write: false, outfile: 'bundle.cjs', metafile: true, logLevel: 'error', external: externalsOf(yml) });
  const inputs = Object.values(r.metafile.outputs)[0]!.inputs;
  return { text: r.outputFiles[0]!.text, bytes: Object.fromEntries(Object.entries(inputs).map(([p, i]) => [p, i.bytesInOutput])) };
}

const s3Client = (inputs: string[]) => inputs.filter((p) => /node_modules\/@aws-sdk\/(client-s3|s3-presigned-post|s3-request-presigner|middleware-sdk-s3)\//.test(p));
const s3Requests = (inputs: string[]) => inputs.some((p) => p === 'functions/src/adapters/s3-signed.ts');

describe('function bundles', () => {
  it('reads every function of serverless.yml and its handler', () => {
    const fns = functionsOf(yml);
    expect(fns.map((f) => f.name)).toEqual(expect.arrayContaining(['tickets', 'sweeper', 'dispatcher', 'alerts', 'admin', 'interop']));
    for (const f of fns) expect(f.entry).toMatch(/^functions\/src\/handlers\/[a-z-]+\.ts$/);
  });

  it('splits inputs into own code, the AWS SDK and other libraries', () => {
    expect(partOf('functions/src/app/service.ts')).toBe('own');
    expect(partOf('shared/src/ticket.ts')).toBe('own');
    expect(partOf('node_modules/@aws-sdk/client-dynamodb/dist-es/index.js')).toBe('aws');
    expect(partOf('node_modules/@smithy/core/dist-es/index.js')).toBe('aws');
    expect(partOf('functions/node_modules/@aws-lambda-powertools/logger/lib/esm/index.js')).toBe('aws');
    expect(partOf('node_modules/zod/v4/classic/schemas.js')).toBe('other');
  });

  it("puts S3 requests only in the functions that sign, check or (re-)tag photos, and the SDK's S3 client in none", async () => {
    const photos = new Set(['tickets', 'workbench', 'resident', 'dispatcher', 'admin']);
    for (const { name } of functionsOf(yml)) {
      const inputs = await inputsOf(name);
      expect(s3Client(inputs), name).toEqual([]);
      expect(s3Requests(inputs), name).toBe(photos.has(name));
      if (['sweeper', 'dispatcher', 'alerts'].includes(name)) {
        expect(inputs.filter((p) => p.endsWith('functions/src/app/supervision/risk.ts') || p.includes('functions/src/compose/')), name).toEqual([]);
      }
      if (name === 'tickets') expect(inputs).toContain('functions/src/compose/photos.ts');
    }
  }, 240_000);

  it('leaves the default risk rules and their schemas out of the functions that never read them', async () => {
    // shared/src/risk.ts builds every top-level value in a pure call, so esbuild drops what a bundle does not use.
    for (const name of ['sweeper', 'staff']) {
      const { text, bytes } = await bundleOf(name);
      expect(text.includes('self-harm'), name).toBe(false);
      expect(bytes['shared/src/risk.ts'] ?? 0, name).toBeLessThan(4096);
    }
    expect((await bundleOf('tickets')).text).toContain('self-harm');
    // The dispatcher judges new requests' risk checks (functions/src/app/supervision/risk-checks.ts): it reads them, without the supervisors' risk service.
    const dispatcher = await bundleOf('dispatcher');
    expect(dispatcher.text).toContain('self-harm');
    expect(Object.keys(dispatcher.bytes).filter((p) => p.endsWith('functions/src/app/supervision/risk.ts'))).toEqual([]);
  }, 120_000);

  it('takes the ES module builds of the AWS SDK (serverless.yml mainFields), so no bundle carries its browser user-agent parser', async () => {
    expect(mainFieldsOf(yml)).toEqual(['module', 'main']);
    for (const name of ['sweeper', 'tickets']) {
      const { bytes } = await bundleOf(name);
      expect(Object.keys(bytes).filter((p) => p.includes('node_modules/bowser/')), name).toEqual([]);
      expect(Object.keys(bytes).filter((p) => /node_modules\/@aws-sdk\/client-dynamodb\/dist-cjs\//.test(p)), name).toEqual([]);
    }
  }, 120_000);
});
