import { maskPhonesInText, STATUS_LABELS, type Category, type Status, type Ticket, type Unit } from '@mashang/shared';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) replies: our tickets and
 * categories as the specification's service requests and services (in XML: ./xml.ts).
 * Only what the specification names leaves, and never a phone number, a name or an
 * internal note: descriptions and replies have phone-like numbers masked.
 */

export const OPEN311_SPEC = 'http://wiki.open311.org/GeoReport_v2';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: Array<{ key: string; name: string }>;
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311PostReply {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

export interface Open311Error {
  code: number;
  description: string;
}

/** Statuses after which nothing more is done for the request: Open311's `closed`. */
const CLOSED: ReadonlySet<Status> = new Set<Status>(['resolved', 'closed', 'rejected', 'merged']);

/** An instant (UTC ISO) in ISO 8601 with the +08:00 offset: China has one zone and no summer time. */
export function beijingIso(instant: string): string {
  const ms = Date.parse(instant);
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The extra field every non-urgent category takes: marking the request urgent (安全隐患 are urgent already). */
export function serviceAttributes(category: Category): Open311Attribute[] {
  if (category.urgent) return [];
  return [
    {
      variable: true,
      code: 'urgent',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: '是否紧急',
      order: 1,
      description: '涉及人身财产安全的紧急情况请选择“是”，将按10分钟响应处理',
      values: [
        { key: 'false', name: '否' },
        { key: 'true', name: '是' },
      ],
    },
  ];
}

export function toService(category: Category): Open311Service {
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.hint ?? null,
    metadata: serviceAttributes(category).length > 0,
    type: 'realtime',
    keywords: category.hint ? category.hint.split('、').join(',') : null,
    group: category.urgent ? '紧急' : '民生诉求',
  };
}

/** What the status means to an outside reader; never an internal note or a staff name. */
function statusNotes(t: Ticket, units: Map<string, Unit>): string {
  const unit = units.get(t.handlingUnitId ?? t.currentUnitId)?.name;
  switch (t.status) {
    case 'resolved':
    case 'closed':
      return maskPhonesInText(`${STATUS_LABELS[t.status]}${t.feedback ? `：${t.feedback}` : ''}`);
    case 'rejected':
      return maskPhonesInText(`${STATUS_LABELS.rejected}${t.rejectReason ? `：${t.rejectReason}` : ''}`);
    case 'merged':
      return `${STATUS_LABELS.merged}${t.mergedInto ? `：与诉求 ${t.mergedInto} 合并办理` : ''}`;
    default:
      return unit ? `${STATUS_LABELS[t.status]}（${unit}）` : STATUS_LABELS[t.status];
  }
}

export function toRequest(t: Ticket, ctx: { units: Map<string, Unit>; categories: Map<string, Category>; location?: { lat?: number; lng?: number } }): Open311Request {
  const agency = ctx.units.get(t.handlingUnitId ?? t.currentUnitId)?.name ?? null;
  return {
    service_request_id: t.id,
    status: CLOSED.has(t.status) ? 'closed' : 'open',
    status_notes: statusNotes(t, ctx.units),
    service_name: ctx.categories.get(t.categoryCode)?.name ?? null,
    service_code: t.categoryCode,
    description: maskPhonesInText(t.description),
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: beijingIso(t.receivedAt),
    updated_datetime: beijingIso(t.updatedAt),
    expected_datetime: beijingIso(t.clocks.resolve.dueAt),
    address: t.locationName,
    address_id: t.locationId ?? null,
    zipcode: null,
    lat: ctx.location?.lat ?? null,
    long: ctx.location?.lng ?? null,
    media_url: t.external?.mediaUrl ?? null,
  };
}

export interface Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: Array<{ specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }>;
}
