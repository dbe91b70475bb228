import * as z from 'zod/mini';
import * as c from '@mashang/shared/contracts';
import * as near from '@mashang/shared/near';
import { RiskRuleSetSchema } from '@mashang/shared/risk';
import { AdminSynonymRemoveReplySchema, AdminSynonymReplySchema, AdminSynonymsReplySchema, RemoveSynonymInputSchema, SynonymGroupInputSchema } from '@mashang/shared/synonyms';
import * as admin from '@mashang/shared/admin-contracts';
import * as org from '@mashang/shared/admin-org';
import * as erasure from '@mashang/shared/erasure';
import { CorrectDayInputSchema, CutoffInputSchema, LoadYearInputSchema } from '@mashang/shared/calendar-admin';
import { DutyRosterSchema } from '@mashang/shared/duty';
import * as search from '@mashang/shared/inbox-search';
import * as alertSettings from '@mashang/shared/alert-settings';
import { ChannelsInputSchema, MarkReadInputSchema, StaffSubscribeInputSchema } from '../app/notifying/alerts-api.ts';
import { ApiKeyListSchema, ApiKeyViewSchema, IssuedKeySchema, IssueKeyInputSchema, ReplayInputSchema, ReplayReplySchema } from '../integrations/service.ts';
import type { OPEN311_ROUTES } from '../handlers/open311.ts';
import { OPEN311_BASE } from '../handlers/open311.ts';
import { PostRequestFormSchema, RequestsQuerySchema } from '../open311/service.ts';
import { lazySchema, realSchema } from '@mashang/shared/lazy-schema';

/**
 * The OpenAPI 3.1 document of our HTTP API, generated from the shared zod schemas with
 * zod 4's `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1 uses as is). What is
 * written by hand here is only which schema belongs to which route; the schemas are the
 * ones the handlers parse with and the mini-program parses replies with.
 */

type Auth = 'none' | 'staff' | 'resident' | 'any' | 'apiKey';

export interface Operation {
  summary: string;
  tag: string;
  auth: Auth;
  /** JSON body (or, for Open311, a form body). */
  body?: z.ZodMiniType;
  form?: boolean;
  query?: z.ZodMiniType;
  reply: z.ZodMiniType;
  status?: number;
  /** Examples: each must validate against its schema (checked in the tests). */
  examples?: { body?: unknown; reply?: unknown };
  /** Alternative reply media type (Excel export, Open311 XML). */
  alternatives?: string[];
}

const items = (schema: z.ZodMiniType) => lazySchema(() => z.object({ items: z.array(schema) }));
/** A reply that has no shared zod schema yet. */
const untyped = lazySchema(() => z.record(z.string(), z.unknown()));
const xlsx = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
const xmlToo = ['text/xml'];

const TICKET_EXAMPLE = {
  clientToken: 'c-20261130-000001',
  locationId: 'loc-dajuyuan',
  categoryCode: 'traffic',
  description: '149路公交早高峰发车间隔太长',
  phone: '13893112345',
  anonymous: false,
  urgent: false,
  photos: [],
  subscriptions: [],
};

/** Every route of serverless.yml with its schemas. */
export const OPERATIONS: Record<string, Operation> = {
  'GET /api/locations/{id}': { summary: '扫码地点', tag: '居民', auth: 'none', reply: c.LocationViewSchema },
  'GET /api/categories': { summary: '诉求类别', tag: '居民', auth: 'none', reply: c.CategoriesReplySchema },
  'GET /api/deadlines': { summary: '承诺时限', tag: '居民', auth: 'none', query: c.DeadlinesQuerySchema, reply: c.PromisedDeadlinesSchema },
  'POST /api/auth/device': { summary: '设备匿名身份', tag: '身份', auth: 'none', reply: c.SessionReplySchema, status: 201 },
  'POST /api/auth/staff': { summary: '工作人员账号登录', tag: '身份', auth: 'none', body: c.StaffLoginInputSchema, reply: c.SessionReplySchema, examples: { body: { username: 'gll-handler', password: 'mashang2026' } } },
  'POST /api/tickets': { summary: '提交诉求（幂等）', tag: '居民', auth: 'resident', body: c.CreateTicketInputSchema, reply: c.CreateTicketReplySchema, status: 201, examples: { body: TICKET_EXAMPLE } },
  'GET /api/tickets/{id}': { summary: '诉求详情', tag: '诉求', auth: 'any', reply: c.TicketDetailSchema },
  'POST /api/tickets/{id}/commands': {
    summary: '办理操作（响应、派单、办结……）',
    tag: '诉求',
    auth: 'any',
    body: c.CommandInputSchema,
    reply: c.TicketDetailSchema,
    examples: { body: { expectedVersion: 1, command: { type: 'respond', via: 'call' } } },
  },
  'GET /api/me/tickets': { summary: '我的诉求', tag: '居民', auth: 'resident', query: c.InboxQuerySchema, reply: c.TicketListReplySchema },
  'GET /api/staff/inbox': { summary: '待办（按时限排序、筛选、计数）', tag: '工作台', auth: 'staff', query: c.StaffInboxQuerySchema, reply: c.InboxReplySchema },
  'GET /api/units': { summary: '单位树', tag: '工作台', auth: 'staff', reply: c.UnitsReplySchema },
  'POST /api/tickets/{id}/phone': { summary: '查看完整电话（留痕）', tag: '工作台', auth: 'staff', reply: c.RevealPhoneReplySchema },
  'POST /api/staff/tickets': { summary: '代为登记（网格上报、12345、110、信访）', tag: '工作台', auth: 'staff', body: c.StaffCreateTicketInputSchema, reply: c.CreateTicketReplySchema, status: 201 },
  'GET /api/staff/locations': { summary: '网格内的扫码地点', tag: '工作台', auth: 'staff', query: c.StaffLocationsQuerySchema, reply: c.StaffLocationsReplySchema },
  'POST /api/admin/invites': { summary: '微信绑定邀请码', tag: '管理', auth: 'staff', body: c.CreateInviteInputSchema, reply: c.InviteReplySchema, status: 201 },
  'POST /api/auth/staff/bind': { summary: '用邀请码绑定微信', tag: '身份', auth: 'none', body: c.BindWechatInputSchema, reply: c.SessionReplySchema },
  'POST /api/auth/staff/wechat': { summary: '工作人员微信登录', tag: '身份', auth: 'none', body: c.WeChatLoginInputSchema, reply: c.SessionReplySchema },
  'GET /api/reports/sla': { summary: '时限报表', tag: '督办', auth: 'staff', query: c.ReportQuerySchema, reply: c.SlaReportSchema, alternatives: xlsx },
  'GET /api/reports/drilldown': { summary: '报表明细', tag: '督办', auth: 'staff', query: c.DrillDownQuerySchema, reply: items(c.TicketListItemSchema), alternatives: xlsx },
  'GET /api/reports/ranking': { summary: '红黑榜', tag: '督办', auth: 'staff', query: c.RankingQuerySchema, reply: c.RankingReplySchema, alternatives: xlsx },
  'GET /api/reports/breaches': { summary: '超时诉求', tag: '督办', auth: 'staff', query: lazySchema(() => z.object({ unitId: z.optional(z.string()) })), reply: c.BreachListReplySchema, alternatives: xlsx },
  'POST /api/reports/urge': { summary: '督办单位', tag: '督办', auth: 'staff', body: c.UrgeUnitInputSchema, reply: c.UrgeUnitReplySchema },
  'GET /api/hotspots': { summary: '热点', tag: '督办', auth: 'staff', query: c.HotspotsQuerySchema, reply: c.HotspotsReplySchema },
  'GET /api/tickets/{id}/hotspot': { summary: '诉求所在热点', tag: '督办', auth: 'staff', query: c.TicketHotspotQuerySchema, reply: c.TicketHotspotReplySchema },
  'GET /api/tickets/{id}/risk': { summary: '诉求的风险预警', tag: '督办', auth: 'staff', reply: c.RiskWarningsReplySchema },
  'GET /api/risk/rules': { summary: '预警规则', tag: '督办', auth: 'staff', reply: RiskRuleSetSchema },
  'PUT /api/risk/rules': { summary: '修改预警规则', tag: '管理', auth: 'staff', body: c.PutRiskRulesInputSchema, reply: RiskRuleSetSchema },
  'GET /api/risk/warnings': { summary: '风险预警', tag: '督办', auth: 'staff', query: c.RiskWarningsQuerySchema, reply: c.RiskWarningsReplySchema },
  'GET /api/risk/tasks': { summary: '预警任务', tag: '工作台', auth: 'staff', query: c.RiskTasksQuerySchema, reply: c.RiskWarningsReplySchema },
  'POST /api/risk/tasks/{id}/done': { summary: '完成预警任务', tag: '工作台', auth: 'staff', body: c.CompleteRiskTaskInputSchema, reply: c.RiskWarningViewSchema },
  'POST /api/auth/wechat': { summary: '居民微信登录', tag: '身份', auth: 'none', body: c.WeChatLoginInputSchema, reply: c.SessionReplySchema },
  'GET /api/client-config': { summary: '客户端配置', tag: '居民', auth: 'none', reply: c.ClientConfigSchema },
  'GET /api/places': { summary: '无码找地点（名称或附近）', tag: '居民', auth: 'none', query: c.PlacesQuerySchema, reply: c.PlacesReplySchema },
  'GET /api/places/{id}/similar': { summary: '同地同类的办理中诉求', tag: '居民', auth: 'resident', query: c.SimilarQuerySchema, reply: c.SimilarTicketsReplySchema },
  'GET /api/places/route': { summary: '无二维码：定位点归哪个街道受理', tag: '居民', auth: 'resident', query: near.PointQuerySchema, reply: near.PointRouteReplySchema },
  'GET /api/places/{id}/nearby-open': { summary: '地点附近办理中的问题（我也遇到）', tag: '居民', auth: 'resident', reply: near.NearbyOpenReplySchema },
  'POST /api/tickets/at-point': {
    summary: '无二维码：在定位点提交诉求（幂等）',
    tag: '居民',
    auth: 'resident',
    body: near.PointTicketInputSchema,
    reply: c.CreateTicketReplySchema,
    status: 201,
    examples: { body: { clientToken: 'example-token-0001', lat: 36.0611, lng: 103.8343, datum: 'wgs84', place: '东岗西路123号门口', categoryCode: 'sanitation', description: '路边垃圾桶满了没人清运' } },
  },
  'POST /api/uploads': { summary: '照片上传授权', tag: '居民', auth: 'resident', body: c.UploadRequestSchema, reply: c.UploadTicketSchema, status: 201, examples: { body: { contentType: 'image/jpeg', size: 204800 } } },
  'POST /api/tickets/{id}/join': { summary: '我也遇到（关注）', tag: '居民', auth: 'resident', body: c.JoinInputSchema, reply: c.JoinReplySchema },
  'POST /api/tickets/{id}/subscriptions': { summary: '订阅进度通知', tag: '居民', auth: 'resident', body: c.SubscribeInputSchema, reply: c.SubscribeReplySchema },
  'POST /api/admin/integrations/keys': {
    summary: '签发对接密钥（仅显示一次）',
    tag: '对接',
    auth: 'staff',
    body: IssueKeyInputSchema,
    reply: IssuedKeySchema,
    status: 201,
    examples: { body: { system: 'hotline-12345', name: '城关区12345热线平台', channel: 'hotline_12345', ratePerMinute: 120 } },
  },
  'GET /api/admin/integrations/keys': { summary: '对接密钥列表', tag: '对接', auth: 'staff', reply: ApiKeyListSchema },
  'POST /api/admin/integrations/keys/{id}/revoke': { summary: '立即停用对接密钥', tag: '对接', auth: 'staff', reply: ApiKeyViewSchema },
  'POST /api/admin/integrations/webhooks/replay': { summary: '重发诉求的最新 Webhook 事件', tag: '对接', auth: 'staff', body: ReplayInputSchema, reply: ReplayReplySchema, status: 202 },
  // Routes whose reply has no shared schema yet are documented as an untyped object (`untyped`).
  'GET /api/health': { summary: '健康检查（定时任务心跳）', tag: '运维', auth: 'none', reply: untyped },
  'GET /q/{id}': { summary: '街道二维码链接（跳转到居民页面）', tag: '居民', auth: 'none', reply: untyped, status: 302 },
  'GET /api/admin/home': { summary: '管理首页', tag: '管理', auth: 'staff', reply: admin.AdminHomeReplySchema },
  'GET /api/admin/calendar': { summary: '工作日历', tag: '管理', auth: 'staff', query: admin.CalendarQuerySchema, reply: admin.CalendarYearReplySchema },
  'POST /api/admin/calendar/years': { summary: '导入一年的节假日安排', tag: '管理', auth: 'staff', body: LoadYearInputSchema, reply: admin.CalendarChangeReplySchema },
  'PUT /api/admin/calendar/days/{date}': { summary: '更正某一天', tag: '管理', auth: 'staff', body: CorrectDayInputSchema, reply: admin.CalendarChangeReplySchema },
  'PUT /api/admin/calendar/cutoff': { summary: '每日截止时间', tag: '管理', auth: 'staff', body: CutoffInputSchema, reply: admin.CutoffReplySchema },
  'GET /api/admin/jobs/rederive': { summary: '时限重算任务', tag: '管理', auth: 'staff', reply: admin.JobReplySchema },
  'POST /api/admin/jobs/rederive/run': { summary: '运行时限重算', tag: '管理', auth: 'staff', reply: admin.JobReplySchema },
  'GET /api/admin/categories': { summary: '诉求类别与时限策略', tag: '管理', auth: 'staff', reply: admin.AdminCategoriesReplySchema },
  'POST /api/admin/categories': { summary: '新增诉求类别', tag: '管理', auth: 'staff', body: admin.CreateCategoryInputSchema, reply: admin.AdminCategoryReplySchema, status: 201 },
  'PUT /api/admin/categories/{code}': { summary: '修改诉求类别', tag: '管理', auth: 'staff', body: admin.CategoryInputSchema, reply: admin.AdminCategoryReplySchema },
  'GET /api/admin/audit': { summary: '操作审计', tag: '管理', auth: 'staff', query: admin.AuditQuerySchema, reply: admin.AdminAuditReplySchema },
  'GET /api/admin/synonyms': { summary: '热点同义词表', tag: '管理', auth: 'staff', reply: AdminSynonymsReplySchema },
  'PUT /api/admin/synonyms/{id}': { summary: '新增或修改同义词组', tag: '管理', auth: 'staff', body: SynonymGroupInputSchema, reply: AdminSynonymReplySchema },
  'POST /api/admin/synonyms/{id}/remove': { summary: '停用、删除或恢复同义词组', tag: '管理', auth: 'staff', body: RemoveSynonymInputSchema, reply: AdminSynonymRemoveReplySchema },
  'GET /api/staff/messages': { summary: '工作人员提醒消息', tag: '工作台', auth: 'staff', reply: untyped },
  'POST /api/staff/messages/read': { summary: '标记消息已读', tag: '工作台', auth: 'staff', body: MarkReadInputSchema, reply: untyped },
  'GET /api/staff/changes': { summary: '待办变化标记', tag: '工作台', auth: 'staff', reply: untyped },
  'GET /api/staff/subscriptions': { summary: '微信提醒订阅状态', tag: '工作台', auth: 'staff', reply: alertSettings.StaffSubscriptionReplySchema },
  'POST /api/staff/subscriptions': { summary: '记录微信提醒订阅', tag: '工作台', auth: 'staff', body: StaffSubscribeInputSchema, reply: alertSettings.StaffSubscriptionReplySchema },
  'GET /api/units/{id}/duty': { summary: '值班表', tag: '管理', auth: 'staff', reply: alertSettings.DutyReplySchema },
  'PUT /api/units/{id}/duty': { summary: '修改值班表', tag: '管理', auth: 'staff', body: DutyRosterSchema, reply: alertSettings.PutDutyReplySchema },
  'PUT /api/units/{id}/channels': { summary: '提醒渠道（企业微信机器人）', tag: '管理', auth: 'staff', body: ChannelsInputSchema, reply: untyped },
  'GET /api/admin/alert-settings': { summary: '提醒与红黑榜设置', tag: '管理', auth: 'staff', reply: alertSettings.AlertSettingsReplySchema },
  'PUT /api/admin/alert-settings': { summary: '修改提醒与红黑榜设置', tag: '管理', auth: 'staff', body: alertSettings.AlertSettingsInputSchema, reply: alertSettings.AlertSettingsReplySchema },
  // First use (issue 13): the 已派出 view, lookup by number and phone, carrying requests to a new phone.
  'GET /api/staff/dispatched': { summary: '已派出的诉求', tag: '工作台', auth: 'staff', reply: c.DispatchedReplySchema },
  'POST /api/lookup': { summary: '凭编号和手机号查询诉求（只读）', tag: '居民', auth: 'resident', body: c.LookupInputSchema, reply: c.TicketDetailSchema },
  'POST /api/me/transfer': { summary: '生成换机转移码', tag: '居民', auth: 'resident', reply: c.TransferCodeReplySchema },
  'POST /api/auth/transfer': { summary: '用转移码在新手机上登录', tag: '居民', auth: 'none', body: c.RedeemTransferInputSchema, reply: c.SessionReplySchema },
  // Issue 13, staff side: inbox search by number, phone tail, whole phone (desk: the caller's earlier requests), work order, words.
  'GET /api/staff/search': { summary: '搜索诉求（编号、电话后4位、完整电话、12345工单号、关键词）', tag: '工作台', auth: 'staff', query: search.InboxSearchQuerySchema, reply: search.InboxSearchReplySchema },
  // The organisation's administration: units, staff, QR locations, posters, mediators.
  'GET /api/mediators': { summary: '可选择的调解组织', tag: '居民', auth: 'none', query: org.MediatorsQuerySchema, reply: org.MediatorsReplySchema },
  'GET /api/admin/units': { summary: '单位树', tag: '管理', auth: 'staff', reply: org.AdminUnitsReplySchema },
  'POST /api/admin/units': { summary: '新建单位', tag: '管理', auth: 'staff', body: org.CreateUnitInputSchema, reply: org.AdminUnitReplySchema, status: 201 },
  'PUT /api/admin/units/{id}/name': { summary: '单位改名', tag: '管理', auth: 'staff', body: org.RenameUnitInputSchema, reply: org.AdminUnitReplySchema },
  'POST /api/admin/units/{id}/move': { summary: '调整上级单位', tag: '管理', auth: 'staff', body: org.MoveUnitInputSchema, reply: org.AdminUnitReplySchema },
  'POST /api/admin/units/{id}/deactivate': { summary: '停用单位', tag: '管理', auth: 'staff', reply: org.AdminUnitReplySchema },
  'GET /api/admin/staff': { summary: '工作人员账号', tag: '管理', auth: 'staff', reply: org.AdminStaffListReplySchema },
  'POST /api/admin/staff': { summary: '新建工作人员账号（一次性密码）', tag: '管理', auth: 'staff', body: org.CreateStaffInputSchema, reply: org.StaffPasswordReplySchema, status: 201 },
  'POST /api/admin/staff/{username}/password': { summary: '重置密码', tag: '管理', auth: 'staff', reply: org.StaffPasswordReplySchema },
  'POST /api/admin/staff/{username}/deactivate': { summary: '停用账号（会话立即失效）', tag: '管理', auth: 'staff', reply: org.AdminStaffReplySchema },
  'GET /api/admin/locations': { summary: '网格的二维码地点', tag: '管理', auth: 'staff', reply: org.AdminLocationsReplySchema },
  'POST /api/admin/locations': { summary: '新建二维码地点', tag: '管理', auth: 'staff', body: org.LocationInputSchema, reply: org.AdminLocationReplySchema, status: 201 },
  'PUT /api/admin/locations/{id}': { summary: '修改二维码地点', tag: '管理', auth: 'staff', body: org.LocationInputSchema, reply: org.AdminLocationReplySchema },
  'POST /api/admin/locations/import': { summary: '批量导入二维码地点（CSV/Excel）', tag: '管理', auth: 'staff', body: org.ImportLocationsInputSchema, reply: org.ImportLocationsReplySchema },
  'GET /api/admin/posters': { summary: '打印二维码海报（PDF）', tag: '管理', auth: 'staff', query: org.PostersQuerySchema, reply: untyped, alternatives: ['application/pdf'] },
  'GET /api/admin/locations/{id}/qr': { summary: '单个二维码（SVG/PNG/小程序码）', tag: '管理', auth: 'staff', query: org.QrCodeQuerySchema, reply: untyped, alternatives: ['image/svg+xml', 'image/png'] },
  'GET /api/admin/mediators': { summary: '调解组织', tag: '管理', auth: 'staff', reply: org.MediatorsReplySchema },
  'POST /api/admin/mediators': { summary: '新建调解组织', tag: '管理', auth: 'staff', body: org.CreateMediatorInputSchema, reply: org.MediatorReplySchema, status: 201 },
  'POST /api/admin/mediators/{id}/deactivate': { summary: '停用调解组织', tag: '管理', auth: 'staff', reply: org.MediatorReplySchema },
  // Personal-data erasure (the request stays in the statistics without it).
  'POST /api/me/erase': { summary: '删除我的个人信息（诉求保留在统计中）', tag: '居民', auth: 'resident', body: erasure.EraseMeInputSchema, reply: erasure.ErasureReplySchema },
  'POST /api/admin/tickets/{id}/erase': { summary: '删除一件诉求中诉求人的个人信息（记入操作日志）', tag: '管理', auth: 'staff', body: erasure.EraseTicketInputSchema, reply: erasure.ErasureReplySchema },
};

const open311Reply = lazySchema(() => z.array(z.record(z.string(), z.unknown())));

/** The Open311 resources behind `ANY /open311/v2/{proxy+}` (see functions/src/handlers/open311.ts), keyed like OPEN311_ROUTES. */
export const OPEN311_OPERATIONS: Record<keyof typeof OPEN311_ROUTES, Operation> = {
  'GET discovery': { summary: 'Open311 服务发现', tag: 'Open311', auth: 'none', reply: lazySchema(() => z.record(z.string(), z.unknown())), alternatives: xmlToo },
  'GET services': { summary: 'Open311 服务（诉求类别）列表', tag: 'Open311', auth: 'none', reply: open311Reply, alternatives: xmlToo },
  'GET services/{code}': { summary: 'Open311 服务定义（附加字段）', tag: 'Open311', auth: 'none', reply: lazySchema(() => z.record(z.string(), z.unknown())), alternatives: xmlToo },
  'POST requests': {
    summary: 'Open311 提交诉求（表单，需 api_key；external_id 幂等）',
    tag: 'Open311',
    auth: 'apiKey',
    body: PostRequestFormSchema,
    form: true,
    reply: open311Reply,
    status: 201,
    alternatives: xmlToo,
    examples: { body: { service_code: 'traffic', address_id: 'loc-dajuyuan', description: '149路公交站牌倒了', external_id: 'GD-20261130-0001' } },
  },
  'GET requests': { summary: 'Open311 查询本系统提交的诉求（默认近90天、最多1000条）', tag: 'Open311', auth: 'apiKey', query: RequestsQuerySchema, reply: open311Reply, alternatives: xmlToo },
  'GET requests/{id}': { summary: 'Open311 诉求详情', tag: 'Open311', auth: 'apiKey', reply: open311Reply, alternatives: xmlToo },
  'POST subscriptions': { summary: '订阅本系统诉求的状态变化（Webhook，扩展）', tag: 'Open311', auth: 'apiKey', body: lazySchema(() => z.object({ url: z.string() })), form: true, reply: open311Reply, status: 201, alternatives: xmlToo },
  'GET subscriptions': { summary: 'Webhook 订阅列表（扩展）', tag: 'Open311', auth: 'apiKey', reply: open311Reply, alternatives: xmlToo },
  'DELETE subscriptions/{id}': { summary: '取消 Webhook 订阅（扩展）', tag: 'Open311', auth: 'apiKey', reply: open311Reply, alternatives: xmlToo },
};

/**
 * The generator's map of the schemas it has seen, keyed by the real schema: a lazy schema
 * (shared/src/lazy-schema.ts) is a Proxy, and zod's processors look their schema up by the
 * instance itself, so a Proxy key and its schema's key must be one.
 */
class SeenByRealSchema<V> extends Map<unknown, V> {
  override get(k: unknown): V | undefined {
    return super.get(realSchema(k));
  }
  override set(k: unknown, v: V): this {
    return super.set(realSchema(k), v);
  }
  override has(k: unknown): boolean {
    return super.has(realSchema(k));
  }
}

/**
 * A zod schema as JSON Schema 2020-12 (what goes in is the input side, what comes back the output
 * side): `z.toJSONSchema`'s steps, through zod's generator class so that its map of seen schemas
 * can be {@link SeenByRealSchema}.
 */
export function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const gen = new z.core.JSONSchemaGenerator({ target: 'draft-2020-12', io, unrepresentable: 'any' });
  (gen as unknown as { ctx: { seen: Map<unknown, unknown> } }).ctx.seen = new SeenByRealSchema();
  gen.process(schema);
  const { $schema: _s, ...rest } = gen.emit(schema) as Record<string, unknown>;
  return rest;
}

function parameters(path: string, query: z.ZodMiniType | undefined, auth: Auth): unknown[] {
  const out: unknown[] = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (query) {
    const s = jsonSchema(query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(s.properties ?? {})) out.push({ name, in: 'query', required: s.required?.includes(name) ?? false, schema });
  }
  if (auth === 'apiKey') out.push({ name: 'api_key', in: 'query', required: true, description: 'GET: 查询参数；POST: 表单字段', schema: { type: 'string' } });
  return out;
}

function operation(op: Operation, path: string, id: string): Record<string, unknown> {
  const status = String(op.status ?? 200);
  const reply = jsonSchema(op.reply, 'output');
  return {
    operationId: id,
    summary: op.summary,
    tags: [op.tag],
    ...(op.auth === 'none' || op.auth === 'apiKey' ? { security: [] } : { security: [{ bearer: [] }] }),
    parameters: parameters(path, op.query, op.auth === 'apiKey' && !op.form ? 'apiKey' : 'none'),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              [op.form ? 'application/x-www-form-urlencoded' : 'application/json']: {
                schema: op.form ? withApiKey(jsonSchema(op.body, 'input')) : jsonSchema(op.body, 'input'),
                ...(op.examples?.body !== undefined ? { example: op.examples.body } : {}),
              },
            },
          },
        }
      : {}),
    responses: {
      [status]: {
        description: '成功',
        content: {
          'application/json': { schema: reply, ...(op.examples?.reply !== undefined ? { example: op.examples.reply } : {}) },
          ...Object.fromEntries((op.alternatives ?? []).map((t) => [t, { schema: { type: 'string' } }])),
        },
      },
      '4XX': { description: '请求有误（中文说明 + 稳定错误码）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

function withApiKey(schema: Record<string, unknown>): Record<string, unknown> {
  const s = schema as { properties?: Record<string, unknown>; required?: string[] };
  return { ...s, properties: { api_key: { type: 'string' }, ...(s.properties ?? {}) }, required: ['api_key', ...(s.required ?? [])] };
}

/** The OpenAPI path of a route key: `GET /api/tickets/{id}` → `/api/tickets/{id}`; Open311 `GET services/{code}` → `/open311/v2/services/{code}.{format}`. */
export function open311Path(pattern: string): string {
  return `${OPEN311_BASE}/${pattern}.{format}`;
}

/** The whole document. */
export function openApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (method: string, path: string, op: Record<string, unknown>) => {
    paths[path] = { ...(paths[path] ?? {}), [method.toLowerCase()]: op };
  };
  for (const [key, op] of Object.entries(OPERATIONS)) {
    const [method, path] = key.split(' ') as [string, string];
    add(method, path, operation(op, path, key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '')));
  }
  for (const [key, op] of Object.entries(OPEN311_OPERATIONS)) {
    const [method, pattern] = key.split(' ') as [string, string];
    const path = open311Path(pattern);
    const built = operation(op, path, `open311_${key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '')}`);
    (built.parameters as Array<{ name: string; schema: unknown }>).forEach((p) => {
      if (p.name === 'format') p.schema = { type: 'string', enum: ['json', 'xml'] };
    });
    add(method, path, built);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '码上办 Mashang API',
      version: '0.1.0',
      description: '由共享 zod 契约生成（z.toJSONSchema）。Open311 GeoReport v2 接口见 /open311/v2/discovery.json；错误为 4xx + 中文说明 + 稳定错误码。',
    },
    servers: [{ url: serverUrl }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '登录后获得的会话令牌' } },
      schemas: { Error: jsonSchema(c.ErrorReplySchema, 'output') },
    },
    paths,
  };
}
