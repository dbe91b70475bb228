/**
 * The .xlsx reader of a location import: read-excel-file's `readSheet` (universal build; its zip
 * layer is Node's zlib in the bundles, functions/src/adapters/fflate-on-zlib.ts), behind the
 * dynamic import in ./locations.ts. A module of ours that re-exports only what the import uses: a
 * dynamic import of the package itself would keep its whole namespace (the schema parser, the
 * whole-workbook reader) in the chunk.
 */
export { readSheet } from 'read-excel-file/universal';
