/**
 * The .xlsx writer (write-excel-file's universal build; its zip layer is Node's zlib in the
 * bundles: functions/src/adapters/fflate-on-zlib.ts), behind the dynamic import in
 * ./export.ts: a module of ours that re-exports only what the exports use, so an export loads it
 * and a report route does not (issue #9, cold start). It imports nothing else of ours: a module
 * loaded on demand that shared code with the routes would make esbuild cut that code into one
 * more chunk for every report route to load.
 */
export { default as writeXlsxFile } from 'write-excel-file/universal';
