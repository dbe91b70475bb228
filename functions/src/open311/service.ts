import { createHash } from 'node:crypto';
import {
  AppError,
  centreOf,
  fromEpochMs,
  isWithin,
  type Category,
  type Location,
  type Ticket,
  type Unit,
} from '@mashang/shared';
import { PhoneSchema } from '@mashang/shared/contracts/common';
import * as z from 'zod/mini';
import type { MashangService } from '../app/service.ts';
import type { IntegrationStore } from '../integrations/store.ts';
import type { Integration } from '../integrations/service.ts';
import type { OrgStore } from '../store/org.ts';
import type { PlaceStore } from '../store/places.ts';
import type { TicketRepository } from '../ports/tickets.ts';
import { serviceAttributes, toRequest, toService, type Open311PostReply, type Open311Request, type Open311Service, type Open311ServiceDefinition } from './format.ts';
import { lazySchema } from '@mashang/shared/lazy-schema';

export interface Open311Deps {
  service: MashangService;
  tickets: TicketRepository;
  org: OrgStore;
  places: PlaceStore;
  integrations: IntegrationStore;
  now: () => number;
}

/** A point further than this from every QR location goes to the key's default grid with the point as its place. */
export const NEAREST_PLACE_METRES = 300;
/** The specification's defaults: the last 90 days, at most 1,000 requests. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_ROWS = 1000;
/** Listing rows read at most for one GET requests (filters run on the tickets read). */
const MAX_SCANNED = 10_000;

const optionalText = (max: number, message: string) =>
  z.optional(z.pipe(z.string().check(z.trim(), z.maxLength(max, message)), z.transform((v) => (v === '' ? undefined : v))));

const coordinate = (min: number, max: number, message: string) =>
  z.optional(z.pipe(z.pipe(z.string().check(z.trim(), z.regex(/^-?\d{1,3}(\.\d+)?$/, message)), z.transform(Number)), z.number().check(z.gte(min, message), z.lte(max, message))));

/** POST requests, as form fields (application/x-www-form-urlencoded). */
export const PostRequestFormSchema = lazySchema(() => z.object({
  service_code: z.string({ message: '缺少 service_code' }).check(z.trim(), z.minLength(1, '缺少 service_code'), z.maxLength(40)),
  lat: coordinate(-90, 90, 'lat 无效'),
  long: coordinate(-180, 180, 'long 无效'),
  address_string: optionalText(120, 'address_string 不能超过120字'),
  address_id: optionalText(60, 'address_id 无效'),
  description: z.string({ message: '请填写 description（诉求内容）' }).check(z.trim(), z.minLength(5, '请至少用5个字描述问题'), z.maxLength(1000, '描述不能超过1000字')),
  phone: z.optional(z.pipe(z.pipe(z.string().check(z.trim()), z.transform((v) => (v === '' ? undefined : v))), z.optional(PhoneSchema))),
  first_name: optionalText(10, 'first_name 不能超过10字'),
  last_name: optionalText(10, 'last_name 不能超过10字'),
  email: optionalText(120, 'email 太长'),
  device_id: optionalText(120, 'device_id 太长'),
  account_id: optionalText(120, 'account_id 太长'),
  media_url: z.pipe(optionalText(500, 'media_url 太长'), z.optional(z.url({ protocol: /^https?$/, message: 'media_url 应为 http(s) 链接' }))),
  /** Extension: the caller's own reference (e.g. a 12345 work-order number). Posting it again returns the same request. */
  external_id: z.pipe(optionalText(64, 'external_id 不能超过64字'), z.optional(z.string().check(z.regex(/^[\w.:/-]+$/, 'external_id 只能包含字母、数字和 ._:/-')))),
  'attribute[urgent]': z.optional(z.enum(['true', 'false'], { message: 'attribute[urgent] 应为 true 或 false' })),
  jurisdiction_id: z.optional(z.string().check(z.maxLength(60))),
}).check(z.refine((f) => f.address_id !== undefined || f.address_string !== undefined || (f.lat !== undefined && f.long !== undefined), {
    message: '请提供位置：lat 和 long、address_string 或 address_id（二维码地点编号）',
    path: ['lat'],
  })));
export type PostRequestForm = z.input<typeof PostRequestFormSchema>;

const list = (what: string, item: z.ZodMiniType<string, string>) =>
  z.optional(z.pipe(z.pipe(z.string().check(z.trim()), z.transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))), z.array(item).check(z.minLength(1, `${what} 为空`), z.maxLength(100, `${what} 最多100个`))));

/** GET requests: the specification's filters. */
export const RequestsQuerySchema = lazySchema(() => z.object({
  service_request_id: list('service_request_id', z.string().check(z.regex(/^\d{6,20}$/, 'service_request_id 无效'))),
  service_code: list('service_code', z.string().check(z.maxLength(40))),
  status: list('status', z.enum(['open', 'closed'], { message: 'status 应为 open 或 closed' })),
  start_date: z.optional(z.iso.datetime({ offset: true, message: 'start_date 应为 ISO 8601 时间（如 2026-11-18T00:00:00+08:00）' })),
  end_date: z.optional(z.iso.datetime({ offset: true, message: 'end_date 应为 ISO 8601 时间（如 2026-11-30T00:00:00+08:00）' })),
  jurisdiction_id: z.optional(z.string().check(z.maxLength(60))),
}));
export type RequestsQuery = z.output<typeof RequestsQuerySchema>;

/**
 * The Open311 GeoReport v2 use cases. A request posted with an integration key enters the
 * same lifecycle and clocks as any other (openTicket, the ticket store's create transaction,
 * risk rules), tagged with the key's channel and the system's own reference. A key reads
 * only the requests its system entered.
 */
export class Open311 {
  constructor(private readonly deps: Open311Deps) {}

  async services(): Promise<Open311Service[]> {
    return (await this.deps.service.categories()).map(toService);
  }

  async definition(code: string): Promise<Open311ServiceDefinition> {
    const category = await this.category(code);
    return { service_code: category.code, attributes: serviceAttributes(category) };
  }

  private async category(code: string): Promise<Category> {
    const category = (await this.deps.service.ref()).categories.get(code);
    if (!category) throw new AppError('NOT_FOUND', `service_code ${code} 不存在`);
    return category;
  }

  /** Files a request; idempotent on the system's `external_id`. */
  async post(integration: Integration, form: z.output<typeof PostRequestFormSchema>): Promise<{ reply: Open311PostReply; created: boolean }> {
    const { key, actor } = integration;
    const clientToken = form.external_id ? `ext-${createHash('sha256').update(`${key.system}\n${form.external_id}`).digest('hex').slice(0, 40)}` : undefined;
    if (clientToken) {
      const replay = await this.deps.tickets.findByClientToken(clientToken);
      if (replay) return { reply: posted(replay.ticketId, form.account_id), created: false };
    }
    const ref = await this.deps.service.ref();
    const category = ref.categories.get(form.service_code);
    if (!category) throw new AppError('CATEGORY_NOT_FOUND', `service_code ${form.service_code} 不存在`, [{ path: 'service_code', message: '请选择有效的诉求类别' }]);
    const place = await this.place(form, key.defaultGridId, key.unitId, ref.units);
    const contactName = [form.last_name, form.first_name].filter(Boolean).join('') || undefined;
    // The one filing path (functions/src/app/filing/file-request.ts), with the system's listing as a side-write.
    const filed = await this.deps.service.fileRequest(actor, {
      clientToken,
      channel: key.channel,
      category,
      description: form.description,
      phone: form.phone,
      contactName: contactName?.slice(0, 20),
      anonymous: contactName === undefined,
      residentId: undefined,
      urgent: form['attribute[urgent]'] === 'true' || category.urgent === true,
      place: { locationId: place.locationId, locationName: place.name, gridId: place.gridId, coordinatorUnitId: place.centreId },
      external: { system: key.system, keyId: key.keyId, ...(form.external_id ? { ref: form.external_id } : {}), ...(form.media_url ? { mediaUrl: form.media_url } : {}) },
      sideWrites: (t) => [
        { kind: 'external_request', system: key.system, ticketId: t.id, receivedAt: t.receivedAt, categoryCode: t.categoryCode, ...(form.external_id ? { ref: form.external_id } : {}) },
      ],
    });
    return { reply: posted(filed.created ? filed.decision.ticket.id : filed.ticketId, form.account_id), created: filed.created };
  }

  /** Where a request goes: a QR location by id, the nearest one to a point, one found by name, or the key's default grid. */
  private async place(
    form: z.output<typeof PostRequestFormSchema>,
    defaultGridId: string | undefined,
    scopeUnitId: string,
    units: Map<string, Unit>,
  ): Promise<{ locationId?: string; name: string; gridId: string; centreId: string }> {
    let location: Location | undefined;
    if (form.address_id) {
      location = await this.deps.org.location(form.address_id);
      if (!location) throw new AppError('LOCATION_NOT_FOUND', `address_id ${form.address_id} 不存在`, [{ path: 'address_id', message: '未找到该二维码地点' }]);
    } else if (form.lat !== undefined && form.long !== undefined) {
      const near = (await this.deps.places.nearby(form.lat, form.long, 1))[0];
      if (near && (near.distanceM ?? Infinity) <= NEAREST_PLACE_METRES) location = await this.deps.org.location(near.id);
    } else if (form.address_string) {
      const found = await this.deps.places.search(form.address_string, 1);
      if (found[0]) location = await this.deps.org.location(found[0].id);
    }
    if (location) {
      const centre = units.get(location.centreUnitId);
      if (!centre || !isWithin(centre, scopeUnitId)) throw new AppError('FORBIDDEN', '该地点不在本对接系统的辖区内');
      const name = form.address_string && form.address_string !== location.name ? `${location.name}（${form.address_string}）` : location.name;
      return { locationId: location.id, name: name.slice(0, 80), gridId: location.gridId, centreId: location.centreUnitId };
    }
    const grid = defaultGridId ? units.get(defaultGridId) : undefined;
    const centre = grid ? centreOf(grid, units) : undefined;
    if (!grid || !centre) {
      throw new AppError('LOCATION_NOT_FOUND', '无法确定诉求位置：请提供附近的二维码地点编号（address_id），或请管理员为该密钥设置默认网格', [
        { path: 'address_string', message: '无法确定位置' },
      ]);
    }
    const name = form.address_string ?? `${form.lat},${form.long}`;
    return { name: name.slice(0, 80), gridId: grid.id, centreId: centre.id };
  }

  /** One request of the caller's system; anybody else's is missing. */
  async request(integration: Integration, id: string): Promise<Open311Request> {
    const ticket = /^\d{6,20}$/.test(id) ? await this.deps.tickets.get(id) : undefined;
    if (!ticket || ticket.external?.system !== integration.key.system) throw new AppError('TICKET_NOT_FOUND', `service_request_id ${id} 不存在`);
    return (await this.present([ticket]))[0]!;
  }

  /**
   * The caller's system's requests by the specification's filters: by id (the other
   * filters are then ignored, as the specification says), or in a window of at most 90 days
   * (the last 90 days by default), newest first, at most 1,000.
   */
  async requests(integration: Integration, q: RequestsQuery): Promise<Open311Request[]> {
    const system = integration.key.system;
    if (q.service_request_id) {
      const own = (await this.deps.integrations.tickets([...new Set(q.service_request_id)])).filter((t) => t.external?.system === system);
      return this.present(own);
    }
    const now = this.deps.now();
    const day = 86_400_000;
    const end = q.end_date ? Date.parse(q.end_date) : q.start_date ? Math.min(Date.parse(q.start_date) + DEFAULT_WINDOW_DAYS * day, now) : now;
    const start = q.start_date ? Date.parse(q.start_date) : end - DEFAULT_WINDOW_DAYS * day;
    if (start > end) throw new AppError('VALIDATION_FAILED', 'start_date 不能晚于 end_date', [{ path: 'start_date', message: 'start_date 不能晚于 end_date' }]);
    if (end - start > DEFAULT_WINDOW_DAYS * day) throw new AppError('VALIDATION_FAILED', '查询区间不能超过90天', [{ path: 'end_date', message: '查询区间不能超过90天' }]);
    const ids = await this.deps.integrations.externalRequestIds(system, fromEpochMs(start), fromEpochMs(end), MAX_SCANNED);
    const codes = q.service_code ? new Set(q.service_code) : undefined;
    const statuses = q.status ? new Set(q.status) : undefined;
    const { units, categories } = await this.deps.service.ref();
    const out: Ticket[] = [];
    for (let i = 0; i < ids.length && out.length < MAX_ROWS; i += 100) {
      for (const t of await this.deps.integrations.tickets(ids.slice(i, i + 100))) {
        if (codes && !codes.has(t.categoryCode)) continue;
        if (statuses && !statuses.has(toRequest(t, { units, categories }).status)) continue;
        if (out.length < MAX_ROWS) out.push(t);
      }
    }
    return this.present(out);
  }

  private async present(tickets: Ticket[]): Promise<Open311Request[]> {
    const { units, categories } = await this.deps.service.ref();
    const ids = [...new Set(tickets.map((t) => t.locationId).filter((id): id is string => id !== undefined))];
    const locations = new Map((await Promise.all(ids.map((id) => this.deps.org.location(id)))).filter((l): l is Location => l !== undefined).map((l) => [l.id, l]));
    return tickets.map((t) => toRequest(t, { units, categories, location: t.locationId ? locations.get(t.locationId) : undefined }));
  }
}

function posted(id: string, accountId: string | undefined): Open311PostReply {
  return { service_request_id: id, service_notice: '已受理，将在规定时限内响应和办理', account_id: accountId ?? null };
}
