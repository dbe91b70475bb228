/**
 * Two modules of the qrcode package (it has no `exports` map, so they are reachable): the
 * encoder, and the SVG renderer its browser build uses. Importing them instead of the package's
 * Node entry leaves out its PNG renderer, whose pngjs and zlib cost a cold start ≈ 8 ms
 * (functions/src/admin/org/posters.ts).
 */
declare module 'qrcode/lib/core/qrcode.js' {
  export { create } from 'qrcode';
}
declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { QRCode, QRCodeToStringOptions } from 'qrcode';
  export function render(qrData: QRCode, options?: QRCodeToStringOptions): string;
}
