import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * JSON Schemas of the Open311 GeoReport v2 replies, written from the specification
 * (http://wiki.open311.org/GeoReport_v2) with the same required fields, types, enums and
 * nullability as the open311/schema-validation project's georeport-v2 schemas (request,
 * requests, service, services, service-definition), plus the POST reply, the error list
 * and the discovery document, which that project has no schema for.
 */

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const str = nullable({ type: 'string' });

const service = {
  $id: 'service.json',
  type: 'object',
  required: ['service_code', 'service_name', 'metadata', 'type'],
  properties: {
    service_code: { type: 'string' },
    service_name: { type: 'string' },
    description: str,
    metadata: { type: 'boolean' },
    type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'] },
    keywords: str,
    group: str,
  },
};

const serviceDefinition = {
  $id: 'service-definition.json',
  type: 'object',
  required: ['service_code', 'attributes'],
  properties: {
    service_code: { type: 'string' },
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'code', 'datatype', 'required'],
        properties: {
          variable: { type: 'boolean' },
          code: { type: 'string' },
          datatype: { type: 'string', enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: str,
          order: nullable({ type: 'integer' }),
          description: str,
          values: {
            type: 'array',
            items: { type: 'object', required: ['key', 'name'], properties: { key: { type: 'string' }, name: { type: 'string' } } },
          },
        },
      },
    },
  },
};

const request = {
  $id: 'request.json',
  type: 'object',
  required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
  properties: {
    service_request_id: { type: 'string' },
    status: { type: 'string', enum: ['open', 'closed'] },
    status_notes: str,
    service_name: str,
    service_code: { type: 'string' },
    description: nullable({ type: 'string', maxLength: 4000 }),
    agency_responsible: str,
    service_notice: str,
    requested_datetime: { type: 'string', format: 'date-time' },
    updated_datetime: nullable({ type: 'string', format: 'date-time' }),
    expected_datetime: nullable({ type: 'string', format: 'date-time' }),
    address: str,
    address_id: str,
    zipcode: str,
    lat: nullable({ type: 'number' }),
    long: nullable({ type: 'number' }),
    media_url: nullable({ type: 'string', format: 'uri' }),
  },
};

const posted = {
  $id: 'post-reply.json',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['service_request_id'],
    properties: { service_request_id: { type: 'string' }, token: str, service_notice: str, account_id: str },
  },
};

const errors = {
  $id: 'errors.json',
  type: 'array',
  minItems: 1,
  items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer', minimum: 400, maximum: 599 }, description: { type: 'string', minLength: 1 } } },
};

const discovery = {
  $id: 'discovery.json',
  type: 'object',
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  properties: {
    changeset: { type: 'string', format: 'date-time' },
    contact: { type: 'string' },
    key_service: { type: 'string' },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: { type: 'string', format: 'date-time' },
          type: { type: 'string', enum: ['production', 'test'] },
          formats: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema([service, serviceDefinition, request, posted, errors, discovery]);
ajv.addSchema({ $id: 'services.json', type: 'array', items: { $ref: 'service.json' } });
ajv.addSchema({ $id: 'requests.json', type: 'array', items: { $ref: 'request.json' } });

export type Open311SchemaName = 'service.json' | 'services.json' | 'service-definition.json' | 'request.json' | 'requests.json' | 'post-reply.json' | 'errors.json' | 'discovery.json';

/** The ajv validator of one schema. */
export function open311Validator(name: Open311SchemaName): ValidateFunction {
  const v = ajv.getSchema(name);
  if (!v) throw new Error(`no schema ${name}`);
  return v;
}

/** Validates `value` and returns ajv's errors as text ('' when valid), so a failing test says why. */
export function schemaErrors(name: Open311SchemaName, value: unknown): string {
  const v = open311Validator(name);
  return v(value) ? '' : ajv.errorsText(v.errors);
}

/** Checks XML well-formedness with a real parser, then parses it (repeated elements as arrays where the spec repeats them). */
export function parseXml(text: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`XML not well-formed: ${valid.err.msg} at line ${valid.err.line}`);
  const parser = new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format', 'subscription'].includes(name),
  });
  return parser.parse(text) as Record<string, unknown>;
}
