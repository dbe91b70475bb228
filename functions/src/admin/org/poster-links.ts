/** The link printed in a location's QR code: the resident form of that location (`/q/<id>`, see infra/web.ts). */
export function formUrl(base: string, locationId: string): string {
  return `${base.replace(/\/+$/, '')}/q/${locationId}`;
}
