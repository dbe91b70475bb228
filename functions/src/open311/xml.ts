import { XMLBuilder } from 'fast-xml-parser';
import type { Discovery, Open311Error, Open311PostReply, Open311Request, Open311Service, Open311ServiceDefinition } from './format.ts';

/**
 * The Open311 replies as XML documents of the specification's shapes. A module of its own so
 * that only the function serving Open311 (interop) carries the XML builder: the tickets
 * function and the dispatcher map requests with ./format.ts for webhooks, always as JSON.
 */
const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, processEntities: true });

/** XML documents of the specification's shapes; `null` fields become empty elements. */
function xml(root: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(nulls(root))}`;
}

function nulls(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(nulls);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, nulls(x)]));
  return v;
}

export const toXml = {
  services: (items: Open311Service[]) => xml({ services: { service: items } }),
  definition: (d: Open311ServiceDefinition) =>
    xml({
      service_definition: {
        service_code: d.service_code,
        attributes: { attribute: d.attributes.map(({ values, ...a }) => ({ ...a, ...(values ? { values: { value: values } } : {}) })) },
      },
    }),
  requests: (items: Open311Request[]) => xml({ service_requests: { request: items } }),
  posted: (items: Open311PostReply[]) => xml({ service_requests: { request: items } }),
  errors: (items: Open311Error[]) => xml({ errors: { error: items } }),
  subscriptions: (items: Array<Record<string, string>>) => xml({ subscriptions: { subscription: items } }),
  discovery: (d: Discovery) =>
    xml({
      discovery: {
        changeset: d.changeset,
        contact: d.contact,
        key_service: d.key_service,
        endpoints: { endpoint: d.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
      },
    }),
};
