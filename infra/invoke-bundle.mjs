/* global process, console, performance */
// Runs on the Lambda runtime's Node major (started by infra/check-bundles.ts through the npm
// package `node`): loads one packaged function bundle the way Lambda does (import of the .mjs
// entry, whose routes' chunks its handler imports on the first event; require of a .cjs file)
// and calls its handler once per event given, printing one JSON line per result.
// No AWS: the environment points DynamoDB and S3 at a closed local port.
//   node infra/invoke-bundle.mjs <bundle.mjs> <events.json>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [bundle, eventsFile] = process.argv.slice(2);
const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
const require = createRequire(import.meta.url);
const started = performance.now();
const mod = bundle.endsWith('.mjs') ? await import(pathToFileURL(bundle).href) : require(bundle);
const loadMs = performance.now() - started;
console.log(JSON.stringify({ bundleCheck: true, kind: 'loaded', node: process.version, loadMs: Math.round(loadMs), handler: typeof mod.handler }));
const context = { awsRequestId: 'bundle-check', functionName: 'bundle-check', functionVersion: '$LATEST', memoryLimitInMB: '512', getRemainingTimeInMillis: () => 10_000 };
// What the handler writes to stderr during one event (the error mapper logs a 500's cause there).
let captured = '';
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  captured += String(chunk);
  return write(chunk, ...rest);
};
for (const { label, event } of events) {
  captured = '';
  try {
    const res = await mod.handler(event, context);
    const body = typeof res?.body === 'string' ? res.body.slice(0, 300) : undefined;
    console.log(JSON.stringify({ bundleCheck: true, kind: 'result', label, statusCode: res?.statusCode, body, stderr: captured.slice(0, 2000) }));
  } catch (err) {
    console.log(JSON.stringify({ bundleCheck: true, kind: 'threw', label, message: String(err?.message ?? err).slice(0, 300), code: err?.code ?? err?.name, stderr: captured.slice(0, 2000) }));
  }
}
