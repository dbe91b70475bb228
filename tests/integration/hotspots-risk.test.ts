import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, defaultRiskRules, HotspotsReplySchema, RiskRulesReplySchema, RiskWarningsReplySchema, TicketHotspotReplySchema, type Actor, type RiskRuleInput } from '@mashang/shared';
import { HOTSPOT_FIXTURES, OLD_BUS_FIXTURE, type HotspotFixture } from '../../shared/src/hotspots.fixtures.ts';
import { jiebaSegmenter } from '../../functions/src/adapters/segmenter.ts';
import { HotspotService } from '../../functions/src/app/supervision/hotspots.ts';
import { ThesaurusData } from '../../functions/src/app/supervision/thesaurus.ts';
import { RiskService } from '../../functions/src/app/supervision/risk.ts';
import { RiskChecks } from '../../functions/src/app/supervision/risk-checks.ts';
import { RiskEvaluator } from '../../functions/src/app/supervision/risk-evaluation.ts';
import { OutboxStore } from '../../functions/src/store/outbox.ts';
import { MashangService } from '../../functions/src/app/service.ts';
import { TokenService } from '../../functions/src/app/sessions/tokens.ts';
import { Workbench } from '../../functions/src/app/workbench.ts';
import type { HttpEvent, HttpResult } from '../../functions/src/http/http.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { InboxStore } from '../../functions/src/store/inbox.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import { StaffStore } from '../../functions/src/store/staff.ts';
import { SupervisionStore } from '../../functions/src/store/supervision.ts';
import { TicketStore } from '../../functions/src/store/tickets.ts';
import { createHarness, TEST_SECRET, type Harness } from '../support/harness.ts';
import { sessionTokenOf } from '../support/staff-session.ts';

/**
 * Hotspots and risk early warning against DynamoDB Local, with real jieba:
 * requests filed through the real use cases (QR, grid worker, the 12345 desk),
 * clusters read from the byOrigin index, a new request's warning written by the
 * dispatcher's risk check after the request's transaction (run here with `checks.run()`,
 * as the dispatcher runs it a minute later), a reopening's in the change's own transaction,
 * grid workers' tasks with conditional completion, admins' rules.
 */
let h: Harness;
let db: DynamoDBDocumentClient;
let store: SupervisionStore;
let svc: MashangService;
let risk: RiskService;
let checks: RiskChecks;
let hotspots: HotspotService;
let workbench: Workbench;

const NOW = '2026-11-20T02:00:00.000Z';
const at = (hoursAgo: number) => new Date(Date.parse(NOW) - hoursAgo * 3_600_000).toISOString();

const countySupervisor: Actor = { id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan', name: '陈刚' };
const gllHandler: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const zylHandler: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu', name: '赵敏' };
const gridWorker: Actor = { id: 'gll-grid', role: 'grid_worker', unitId: 'gll-dongjie-g1', name: '马超' };
const xijieGrid: Actor = { id: 'xijie-grid', role: 'grid_worker', unitId: 'gll-xijie-g1', name: '网格员' };
const operator: Actor = { id: 'desk-operator', role: 'operator', unitId: 'chengguan', name: '刘静' };
const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };
const resident = (n: string): Actor => ({ id: `dev-resident-${n}`, role: 'resident' });

/** The grid a 12345 operator picks for a place said on the phone. */
const DESK_GRID: Record<string, string> = {
  甘肃大剧院附近: 'gll-dongjie-g1',
  甘肃大剧院: 'gll-dongjie-g1',
  西街小区: 'gll-xijie-g1',
  东岗西路皋兰路口: 'gll-dongjie-g2',
  张掖路步行街: 'zyl-buxingjie-g1',
};

/** One more 149路 request, from a stop in another grid that names 甘肃大剧院: it joins by the place word. */
const BUS_DONGGANG: HotspotFixture = {
  key: 'bus-donggang',
  text: '在东岗西路口坐149路，车到甘肃大剧院站就挤满了，早高峰等不上车',
  categoryCode: 'traffic',
  channel: 'qr',
  locationId: 'loc-donggang',
  locationName: '东岗西路与皋兰路口',
  gridId: 'gll-dongjie-g2',
  hoursAgo: 1,
  group: 'bus149',
};

let seq = 0;
const token = (p: string) => `${p}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

/** Files a fixture through the use case its channel uses; returns the ticket id. */
async function fileFixture(f: HotspotFixture): Promise<string> {
  h.clock.set(at(f.hoursAgo));
  if (f.channel === 'hotline_12345') {
    const res = await workbench.fileTicket(operator, {
      clientToken: token('desk'),
      channel: 'hotline_12345',
      gridId: DESK_GRID[f.locationName]!,
      place: f.locationName,
      categoryCode: f.categoryCode,
      description: f.text,
    });
    return res.ticket.id;
  }
  const actor = f.channel === 'grid' ? { ...gridWorker, unitId: f.gridId! } : resident(f.key);
  const res = await svc.createTicket(actor, { clientToken: token('hs'), locationId: f.locationId!, categoryCode: f.categoryCode, description: f.text });
  return res.ticket.id;
}

const ids = new Map<string, string>();
const keyOf = new Map<string, string>();
const groupKeys = (group: string) => [...HOTSPOT_FIXTURES, BUS_DONGGANG].filter((f) => f.group === group).map((f) => f.key);

function services(client: DynamoDBDocumentClient = db, log?: (e: Record<string, unknown>) => void) {
  const s = new SupervisionStore(client, h.tableName);
  const r = new RiskService({ store: s, tickets: h.tickets, reference: () => svc.ref(), now: h.clock.now, rulesTtlMs: 0 });
  const thesaurus = new ThesaurusData({ source: h.org, now: h.clock.now, ttlMs: 0 });
  const hs = new HotspotService({ store: s, tickets: h.tickets, reference: () => svc.ref(), thesaurus: () => thesaurus.thesaurus(), segmenter: jiebaSegmenter, now: h.clock.now });
  // The dispatcher's risk checks of new requests (functions/src/app/supervision/risk-checks.ts), rules read afresh each time.
  const c = new RiskChecks({ outbox: new OutboxStore(client, h.tableName), tickets: h.tickets, evaluator: new RiskEvaluator({ store: s, now: h.clock.now, rulesTtlMs: 0 }), now: h.clock.now, log });
  return { store: s, risk: r, hotspots: hs, checks: c };
}

beforeAll(async () => {
  h = await createHarness(NOW);
  db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  ({ store, risk, hotspots, checks } = services());
  svc = new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 0, risk });
  workbench = new Workbench({
    service: svc,
    tickets: h.tickets,
    inbox: new InboxStore(db, h.tableName),
    staff: new StaffStore(db, h.tableName),
    org: h.org,
    now: h.clock.now,
  });
  for (const f of [...HOTSPOT_FIXTURES, BUS_DONGGANG, OLD_BUS_FIXTURE]) {
    const id = await fileFixture(f);
    ids.set(f.key, id);
    keyOf.set(id, f.key);
  }
  h.clock.set(NOW);
  // The dispatcher's pass after the filings: each request judged as of its receipt.
  await checks.run();
});
afterAll(() => h.drop());

const keys = (memberIds: string[]) => memberIds.map((id) => keyOf.get(id) ?? id).sort();

describe('hotspots of a unit’s subtree', () => {
  it('groups this week’s requests into the four hotspots, across QR, grid worker and 12345, and nothing else', async () => {
    const reply = await hotspots.hotspots(countySupervisor, { days: 7, minSize: 2 });
    expect(reply).toMatchObject({ unitId: 'chengguan', from: '2026-11-13T02:00:00.000Z', to: NOW, truncated: false, considered: HOTSPOT_FIXTURES.length + 1 });
    const got = reply.items.map((c) => keys(c.members.map((m) => m.id)));
    expect(got).toEqual(
      expect.arrayContaining(['bus149', 'lift', 'trash', 'noise'].map((g) => groupKeys(g).sort())),
    );
    expect(got).toHaveLength(4);
    expect(reply.items.flatMap((c) => c.members.map((m) => m.id))).not.toContain(ids.get('bus-old'));
  });

  it('shows the 149路 hotspot with its keywords, places, channels and requests — and no phone numbers', async () => {
    const reply = await hotspots.hotspots(countySupervisor, { days: 7, minSize: 2 });
    const bus = reply.items[0]!;
    expect(bus.id).toBe(ids.get('bus-qr'));
    expect(bus.size).toBe(5);
    expect(bus.keywords.slice(0, 2)).toEqual(['149路', '甘肃大剧院']);
    expect(bus.channels).toEqual([
      { channel: 'qr', label: '扫码反映', count: 3 },
      { channel: 'grid', label: '网格上报', count: 1 },
      { channel: 'hotline_12345', label: '12345热线', count: 1 },
    ]);
    expect(bus.categories).toEqual([
      { code: 'traffic', name: '道路交通', count: 4 },
      { code: 'other', name: '其他', count: 1 },
    ]);
    expect(bus.members[0]).toMatchObject({ status: 'submitted', statusLabel: '已受理', locationName: '甘肃大剧院东门公交站' });
    expect(JSON.stringify(reply)).not.toMatch(/phone|1[3-9]\d{9}/);
  });

  it('gives a street office the hotspots of its own subtree only', async () => {
    const gll = await hotspots.hotspots(gllHandler, { days: 7, minSize: 2 });
    expect(gll.items.map((c) => keyOf.get(c.id)).sort()).toEqual(['bus-qr', 'lift-qr', 'trash-qr']);
    const zyl = await hotspots.hotspots(zylHandler, { days: 7, minSize: 2 });
    expect(zyl.items.map((c) => keyOf.get(c.id))).toEqual(['noise-qr']);
  });

  it('shows a grid worker the members in their grid and only counts the others', async () => {
    const reply = await hotspots.hotspots(gridWorker, { days: 7, minSize: 2 });
    expect(reply.items.map((c) => keyOf.get(c.id))).toEqual(['bus-qr']);
    const bus = reply.items[0]!;
    expect(bus.size).toBe(5);
    expect(bus.hiddenCount).toBe(1);
    expect(bus.members.map((m) => m.id)).not.toContain(ids.get('bus-donggang'));
  });

  it('narrows the window and raises the minimum size on request', async () => {
    // In the last 24 hours only the 149路 complaints repeat; 2 of the 3 lift requests are older.
    const lastDay = await hotspots.hotspots(countySupervisor, { days: 1, minSize: 2 });
    expect(lastDay.items.map((c) => keys(c.members.map((m) => m.id)))).toEqual([['bus-12345', 'bus-donggang', 'bus-grid', 'bus-other-cat']]);
    const big = await hotspots.hotspots(countySupervisor, { days: 7, minSize: 4 });
    expect(big.items.map((c) => keyOf.get(c.id))).toEqual(['bus-qr']);
  });

  it('reads the window through the byOrigin index — one query per office and month, never a scan', async () => {
    const sent: string[] = [];
    // A client that records each command; built on the real one so the SDK's paginator accepts it.
    const spy: DynamoDBDocumentClient = Object.create(db);
    spy.send = ((cmd: { constructor: { name: string }; input: { IndexName?: string } }) => (sent.push(`${cmd.constructor.name}:${cmd.input.IndexName ?? 'table'}`), db.send(cmd as never))) as never;
    await services(spy).hotspots.hotspots(countySupervisor, { days: 7, minSize: 2 });
    expect(sent).toEqual(['QueryCommand:byOrigin', 'QueryCommand:byOrigin', 'QueryCommand:byOrigin']); // 城关区, 皋兰路, 张掖路 in November
  });

  it('refuses residents, other subtrees and unknown units', async () => {
    await expect(hotspots.hotspots(resident('x'), { days: 7, minSize: 2 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(hotspots.hotspots(zylHandler, { unitId: 'gaolanlu', days: 7, minSize: 2 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(hotspots.hotspots(countySupervisor, { unitId: 'nowhere', days: 7, minSize: 2 })).rejects.toMatchObject({ code: 'UNIT_NOT_FOUND' });
  });
});

describe('the hotspot of one request, and merging from it', () => {
  it('finds the cluster a 12345 call belongs to', async () => {
    const reply = await hotspots.ticketHotspot(gllHandler, ids.get('bus-12345')!, 7);
    expect(reply.hotspot?.id).toBe(ids.get('bus-qr'));
    expect(keys(reply.hotspot!.members.map((m) => m.id))).toEqual(groupKeys('bus149').sort());
  });

  it('answers null for a request about something else at the same stop', async () => {
    expect((await hotspots.ticketHotspot(gllHandler, ids.get('shelter')!, 7)).hotspot).toBeNull();
  });

  it('hides requests of another street office', async () => {
    await expect(hotspots.ticketHotspot(zylHandler, ids.get('bus-qr')!, 7)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });

  it('lets the handler merge a duplicate it found there; the hotspot then shows it merged', async () => {
    const dup = ids.get('bus-grid')!;
    const target = ids.get('bus-qr')!;
    const merged = await svc.command(gllHandler, dup, { type: 'merge', intoTicketId: target });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: target });
    const reply = await hotspots.ticketHotspot(gllHandler, target, 7);
    expect(reply.hotspot?.members.find((m) => m.id === dup)).toMatchObject({ status: 'merged', statusLabel: '已合并', mergedInto: target });
  });
});

describe('risk early warning', () => {
  it('writes a warning task for the grid worker with the request that says 已报警 — a neighbour dispute', async () => {
    const id = ids.get('dispute')!;
    const [w] = await store.warningsOfTicket(id);
    expect(w).toMatchObject({
      id: `${id}-c`,
      trigger: 'created',
      level: 'medium',
      status: 'open',
      assignedUnitId: 'gll-xijie-g1',
      officeUnitId: 'gaolanlu',
      createdAt: at(4),
      dueAt: new Date(Date.parse(at(4)) + 120 * 60_000).toISOString(),
    });
    expect(w!.fired.map((f) => [f.ruleId, f.indicators])).toEqual([
      ['police', ['包含“已报警”']],
      ['dispute-neighbour', ['包含“邻居”和“报警”']],
    ]);
    expect(w!.fired[1]!.explanation).toContain('人民调解');
    const outbox = (await h.tickets.recentOutbox(8, 500)).filter((m) => m.ticketId === id);
    expect(outbox.filter((m) => m.unitId === 'gll-xijie-g1').map((m) => m.text)).toEqual([expect.stringContaining('风险预警（预警）：已报警/多次报警、邻里纠纷。请在120分钟内')]);
    // A medium warning alerts no supervisor.
    expect(outbox.filter((m) => m.audience === 'supervisors' && m.alert === 'risk')).toEqual([]);
  });

  it('writes no warning for ordinary requests', async () => {
    for (const key of ['lift-qr', 'bus-qr', 'noise-12345', 'market']) expect(await store.warningsOfTicket(ids.get(key)!), key).toEqual([]);
  });

  it('lists the task for the grid worker of that grid, overdue once its clock has passed', async () => {
    h.clock.set(NOW);
    const open = await risk.tasks(xijieGrid, 'open');
    expect(open.map((t) => t.ticketId)).toEqual([ids.get('dispute')]);
    expect(open[0]).toMatchObject({ levelLabel: '预警', statusLabel: '待核实', assignedUnitName: '西街第一网格', overdue: true });
    expect(await risk.tasks(gridWorker, 'open')).toEqual([]);
  });

  it('lets the grid worker mark it done with a note exactly once, even when two try at once', async () => {
    const id = `${ids.get('dispute')}-c`;
    await expect(risk.completeTask(xijieGrid, id, { note: '已上门', expectedVersion: 7 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = services().risk;
    const results = await Promise.allSettled([
      risk.completeTask(xijieGrid, id, { note: '已上门了解，双方同意由社区调解' }),
      other.completeTask({ ...xijieGrid, id: 'xijie-grid-2' }, id, { note: '电话联系报警人，情况属实' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect(['CONFLICT', 'WRONG_STATE']).toContain((failed.reason as AppError).code);
    const stored = await store.warning(id);
    expect(stored).toMatchObject({ status: 'done', version: 2, doneAt: NOW });
    await expect(risk.completeTask(xijieGrid, id, { note: '再次提交' })).rejects.toMatchObject({ code: 'WRONG_STATE' });
    expect(await risk.tasks(xijieGrid, 'open')).toEqual([]);
    expect((await risk.tasks(xijieGrid, 'done')).map((t) => t.id)).toEqual([id]);
  });

  it('does not let another grid close the task', async () => {
    h.clock.set(NOW);
    const res = await svc.createTicket(resident('fight'), {
      clientToken: token('risk'),
      locationId: 'loc-xijie-xiaoqu',
      categoryCode: 'dispute',
      description: '和对门邻里矛盾好几年了，昨天两家人在楼道里打架',
    });
    expect(await store.warningsOfTicket(res.ticket.id)).toEqual([]); // not on the request path: the dispatcher's check writes it
    expect(await checks.run()).toMatchObject({ checked: 1, warned: 1 });
    const id = `${res.ticket.id}-c`;
    await expect(risk.completeTask(gridWorker, id, { note: '不是我的网格' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [w] = await store.warningsOfTicket(res.ticket.id);
    expect(w).toMatchObject({ level: 'high', dueAt: new Date(Date.parse(NOW) + 60 * 60_000).toISOString() });
    expect(w!.fired.map((f) => f.ruleId).sort()).toEqual(['dispute-neighbour', 'long-dispute', 'violence']);
  });

  it('warns on the third request by the same resident within 7 days, naming the earlier ones', async () => {
    const r = resident('repeat');
    const file = async (hoursAgo: number, text: string) => {
      h.clock.set(at(hoursAgo));
      const id = (await svc.createTicket(r, { clientToken: token('rep'), locationId: 'loc-jinta', categoryCode: 'market', description: text })).ticket.id;
      await checks.run();
      return id;
    };
    const first = await file(24 * 10, '菜市场摊位乱收费');
    const second = await file(24 * 5, '菜市场门口的摊贩占道');
    const third = await file(24 * 2, '菜市场称重不准，缺斤短两');
    expect(await store.warningsOfTicket(third)).toEqual([]); // the first was 8 days before it
    const fourth = await file(1, '菜市场卫生太差，没人打扫');
    const [w] = await store.warningsOfTicket(fourth);
    expect(w!.fired).toEqual([expect.objectContaining({ ruleId: 'repeat-person', indicators: ['7天内同一人第3次反映同类问题'] })]);
    expect([...w!.fired[0]!.relatedTicketIds!].sort()).toEqual([second, third].sort());
    expect(w!.fired[0]!.relatedTicketIds).not.toContain(first);
    expect(w!.assignedUnitId).toBe('zyl-jinta-g1');
  });

  it('warns on the third 12345 call from the same phone number, found by its hash', async () => {
    const call = async (hoursAgo: number) => {
      h.clock.set(at(hoursAgo));
      const res = await workbench.fileTicket(operator, {
        clientToken: token('call'),
        channel: 'hotline_12345',
        gridId: 'zyl-buxingjie-g1',
        place: '张掖路步行街',
        categoryCode: 'labour',
        description: '步行街一家餐馆拖欠工资两个月',
        phone: '139-1900-8888'.replace(/-/g, ''),
      });
      await checks.run();
      return res.ticket.id;
    };
    await call(30);
    const second = await call(20);
    const ruleIds = async (id: string) => (await store.warningsOfTicket(id)).flatMap((w) => w.fired.map((f) => f.ruleId));
    expect(await ruleIds(second)).toEqual(['wage-arrears']); // the words, not yet a repeat
    const third = await call(2);
    const [w] = await store.warningsOfTicket(third);
    // The desk's calls carry no resident id: their categories come from one BatchGet of the requests found by phone.
    expect(w?.fired.map((f) => [f.ruleId, f.indicators])).toEqual([
      ['wage-arrears', ['包含“拖欠工资”']],
      ['repeat-person', ['7天内同一人第3次反映同类问题']],
    ]);
    expect(w?.assignedUnitId).toBe('zyl-buxingjie-g1');
  });

  it('warns on the second reopening, and at once when the reason threatens 上访', async () => {
    const r = resident('reopen');
    h.clock.set(NOW);
    const id = (await svc.createTicket(r, { clientToken: token('ro'), locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶又满了' })).ticket.id;
    await checks.run();
    await svc.command(gllHandler, id, { type: 'respond', via: 'call' });
    const resolveAndReopen = async (reason: string) => {
      h.clock.advance(30);
      await svc.command(gllHandler, id, { type: 'resolve', feedback: '已通知环卫公司清运完毕' });
      h.clock.advance(30);
      await svc.command(r, id, { type: 'reopen', reason });
    };
    await resolveAndReopen('还是没有清运干净');
    expect(await store.warningsOfTicket(id)).toEqual([]);
    await resolveAndReopen('第二次了还是这样');
    let ws = await store.warningsOfTicket(id);
    expect(ws.map((w) => [w.id, w.trigger, w.fired.map((f) => f.indicators[0])])).toEqual([[`${id}-r2`, 'reopened', ['第2次申请重新办理']]]);
    expect(ws[0]!.assignedUnitId).toBe('gll-dongjie-g2');
    await resolveAndReopen('再不解决我就去上访');
    ws = await store.warningsOfTicket(id);
    expect(ws.at(-1)!.fired.map((f) => f.ruleId).sort()).toEqual(['petition', 'reopened']);
    expect(ws.at(-1)!.level).toBe('medium');
  });

  it('does not count three different problems in three places as one person repeating (fails on main)', async () => {
    const r = resident('three-things');
    const file = async (hoursAgo: number, locationId: string, categoryCode: string, text: string) => {
      h.clock.set(at(hoursAgo));
      const id = (await svc.createTicket(r, { clientToken: token('three'), locationId, categoryCode, description: text })).ticket.id;
      await checks.run();
      return id;
    };
    await file(30, 'loc-donggang', 'traffic', '路口红绿灯坏了');
    await file(20, 'loc-jinta', 'market', '菜市场鸡蛋涨价太快');
    const third = await file(3, 'loc-xijie-xiaoqu', 'property', '小区门禁刷不开');
    const fired = (await store.warningsOfTicket(third)).flatMap((w) => w.fired.map((f) => f.ruleId));
    expect(fired).not.toContain('repeat-person');
    // The same person's third request of one family does count.
    const fourth = await file(2, 'loc-xijie-xiaoqu', 'utilities', '家里暖气不热');
    const fifth = await file(1, 'loc-donggang', 'housing', '顶楼房顶漏雨了');
    expect((await store.warningsOfTicket(fourth)).flatMap((w) => w.fired.map((f) => f.ruleId))).not.toContain('repeat-person');
    const [w] = (await store.warningsOfTicket(fifth)).filter((x) => x.fired.some((f) => f.ruleId === 'repeat-person'));
    expect(w!.fired.find((f) => f.ruleId === 'repeat-person')).toMatchObject({ indicators: ['7天内同一人第3次反映同类问题'], relatedTicketIds: expect.arrayContaining([third, fourth]) });
  });

  it('alerts the office’s supervisors at once for a high-level warning: an outbox row of kind risk_high', async () => {
    h.clock.set(NOW);
    const id = (
      await svc.createTicket(resident('despair'), { clientToken: token('hi'), locationId: 'loc-xijie-xiaoqu', categoryCode: 'other', description: '我真的撑不下去了，活着没什么意思' })
    ).ticket.id;
    await checks.run();
    const [w] = await store.warningsOfTicket(id);
    expect(w).toMatchObject({ level: 'high', assignedUnitId: 'gll-xijie-g1', officeUnitId: 'gaolanlu' });
    expect(w!.fired[0]).toMatchObject({ ruleId: 'self-harm', explanation: expect.stringContaining('30分钟内') });
    const rows = (await h.tickets.recentOutbox(8, 500)).filter((m) => m.ticketId === id) as unknown as Array<Record<string, unknown>>;
    expect(rows.find((m) => m.audience === 'supervisors')).toMatchObject({
      kind: 'risk_high',
      template: 'risk_high',
      status: 'pending',
      unitId: 'gaolanlu',
      recipientUnitId: 'gaolanlu',
      recipientRole: 'supervisor',
      warningId: `${id}-c`,
      text: expect.stringMatching(/^高危风险预警：极端情绪\/自伤（包含“撑不下去”，包含“活着没什么意思”）。诉求/),
    });
    expect(rows.filter((m) => m.audience === 'handlers' && m.unitId === 'gll-xijie-g1').map((m) => m.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('风险预警（高危）：极端情绪/自伤。请在30分钟内')]),
    );
  });

  it('reads a bounded page of history per person, phone and place in the risk check, none while filing: newest first, at most 50 items each', async () => {
    const sent: Array<{ name: string; index?: string; limit?: number; forward?: boolean }> = [];
    const spy: DynamoDBDocumentClient = Object.create(db);
    spy.send = ((cmd: { constructor: { name: string }; input: { IndexName?: string; Limit?: number; ScanIndexForward?: boolean } }) => (
      sent.push({ name: cmd.constructor.name, index: cmd.input.IndexName, limit: cmd.input.Limit, forward: cmd.input.ScanIndexForward }), db.send(cmd as never)
    )) as never;
    const spied = services(spy);
    const withSpy = new MashangService({ tickets: new TicketStore(spy, h.tableName), org: h.org, tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 0, risk: spied.risk });
    h.clock.set(NOW);
    await withSpy.createTicket(resident('bounded'), { clientToken: token('bd'), locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮' });
    const isHistory = (c: { index?: string }) => c.index === 'byResident' || c.index === 'byPlace' || c.index === 'byPhone';
    // Filing: the create's one transaction, no history read.
    expect(sent.filter(isHistory)).toEqual([]);
    expect(sent.map((c) => c.name)).toContain('TransactWriteCommand');
    sent.length = 0;
    await spied.checks.run();
    const history = sent.filter(isHistory);
    expect(history.map((c) => c.index).sort()).toEqual(['byPlace', 'byResident']);
    for (const c of history) expect(c).toMatchObject({ name: 'QueryCommand', limit: 50, forward: false });
    // The store's own bound: the newest `limit` requests at a place.
    const two = await store.byPlace('loc-dajuyuan', at(24 * 7), NOW, 2);
    expect(two).toHaveLength(2);
    expect(two[0]!.receivedAt >= two[1]!.receivedAt).toBe(true);
  });

  it('stores one warning for a request filed twice with the same client token, and one however often the checks run', async () => {
    h.clock.set(NOW);
    const input = { clientToken: token('idem'), locationId: 'loc-jinta', categoryCode: 'dispute', description: '邻居扬言要报复我家，已报警' };
    const a = await svc.createTicket(resident('idem'), input);
    const b = await svc.createTicket(resident('idem'), input);
    expect(b.created).toBe(false);
    expect(b.ticket.id).toBe(a.ticket.id);
    // Three dispatchers at once, then another pass: each check is claimed once, its warning put once.
    const passes = await Promise.all([checks.run(), services().checks.run(), services().checks.run()]);
    expect(passes.reduce((n, p) => n + p.warned, 0)).toBe(1);
    expect((await checks.run()).read).toBe(0);
    expect(await store.warningsOfTicket(a.ticket.id)).toHaveLength(1);
    const messages = (await h.tickets.recentOutbox(8, 500)).filter((m) => m.ticketId === a.ticket.id && m.alert === 'risk');
    expect(messages.filter((m) => m.audience === 'handlers')).toHaveLength(1);
  });

  it('stores the request whatever the rules do, and writes its warning once they can be read again (the check is tried again, logged)', async () => {
    const logged: Array<Record<string, unknown>> = [];
    const broken = new RiskChecks({
      outbox: new OutboxStore(db, h.tableName),
      tickets: h.tickets,
      evaluator: new RiskEvaluator({ store: Object.assign(Object.create(store) as SupervisionStore, { rules: () => Promise.reject(new Error('table unavailable')) }), now: h.clock.now, rulesTtlMs: 0 }),
      now: h.clock.now,
      log: (e) => logged.push(e),
    });
    h.clock.set(NOW);
    const res = await svc.createTicket(resident('broken'), { clientToken: token('br'), locationId: 'loc-jinta', categoryCode: 'dispute', description: '已报警，对方还在闹' });
    expect(res.created).toBe(true);
    expect(await h.tickets.get(res.ticket.id)).toBeDefined();
    expect(await broken.run()).toMatchObject({ retried: 1, checked: 0 });
    expect(await store.warningsOfTicket(res.ticket.id)).toEqual([]);
    expect(logged).toEqual([expect.objectContaining({ level: 'error', ticketId: res.ticket.id, attempts: 1, error: 'table unavailable' })]);
    // Given back for a minute: not before then, by nobody.
    expect((await checks.run()).checked).toBe(0);
    h.clock.advance(1);
    expect(await checks.run()).toMatchObject({ checked: 1, warned: 1 });
    const [w] = await store.warningsOfTicket(res.ticket.id);
    // Judged as of the filing: the task is due from then, not from the retry.
    expect(w).toMatchObject({ createdAt: NOW, dueAt: new Date(Date.parse(NOW) + 120 * 60_000).toISOString() });
    h.clock.set(NOW);
  });

  it('lists a subtree’s warnings for supervisors, open first by due time', async () => {
    h.clock.set(NOW);
    const all = await risk.warnings(countySupervisor, { days: 30 });
    expect(all.length).toBeGreaterThanOrEqual(5);
    const open = all.filter((w) => w.status === 'open');
    expect(open.map((w) => w.dueAt)).toEqual([...open.map((w) => w.dueAt)].sort());
    expect(all.findIndex((w) => w.status === 'done')).toBeGreaterThanOrEqual(open.length);
    const zyl = await risk.warnings(zylHandler, { days: 30 });
    expect(zyl.length).toBeGreaterThan(0);
    expect(zyl.every((w) => w.officeUnitId === 'zhangyelu')).toBe(true);
    expect((await risk.warnings(countySupervisor, { days: 30, status: 'done' })).map((w) => w.ticketId)).toEqual([ids.get('dispute')]);
    await expect(risk.ticketWarnings(zylHandler, ids.get('dispute')!)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect(await risk.ticketWarnings(gllHandler, ids.get('dispute')!)).toHaveLength(1);
  });
});

describe('the rules as data', () => {
  const manhole: RiskRuleInput = { id: 'manhole', name: '井盖缺失', kind: 'keywords', level: 'high', responseMinutes: 15, keywords: ['井盖'] };

  it('starts from the defaults and lets an admin add a rule the next request is judged by', async () => {
    h.clock.set(NOW);
    const current = await risk.rules(countySupervisor);
    expect(current).toEqual(defaultRiskRules());
    const saved = await risk.saveRules(admin, { expectedVersion: 0, responseMinutes: 90, rules: [...current.rules, manhole] });
    expect(saved).toMatchObject({ version: 1, responseMinutes: 90, updatedBy: 'county-admin', updatedAt: NOW });
    expect(await store.rules()).toEqual(saved);
    const res = await svc.createTicket(resident('manhole'), { clientToken: token('mh'), locationId: 'loc-buxingjie', categoryCode: 'safety_hazard', description: '步行街中段井盖丢了，晚上很危险' });
    expect(await checks.run()).toMatchObject({ checked: 1, warned: 1 });
    const [w] = await store.warningsOfTicket(res.ticket.id);
    expect(w).toMatchObject({ level: 'high', dueAt: new Date(Date.parse(NOW) + 15 * 60_000).toISOString(), assignedUnitId: 'zyl-buxingjie-g1' });
  });

  it('refuses a stale version, non-admins and broken rules, changing nothing', async () => {
    const before = await store.rules();
    await expect(risk.saveRules(admin, { expectedVersion: 0, responseMinutes: 60, rules: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(risk.saveRules(countySupervisor, { expectedVersion: 1, responseMinutes: 60, rules: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(risk.saveRules(admin, { expectedVersion: 1, responseMinutes: 60, rules: [{ ...manhole, keywords: [] }] })).rejects.toThrow('至少填写一个关键词');
    expect(await store.rules()).toEqual(before);
  });
});

describe('the supervision Lambda over HTTP', () => {
  let api: (e: HttpEvent) => Promise<HttpResult>;
  const tokens = new TokenService(TEST_SECRET);
  // Staff sessions need a live account (MashangService.authenticate): tests/support/staff-session.ts makes one.
  const bearer = async (actor: Actor) => `Bearer ${await sessionTokenOf(h, tokens, actor)}`;

  beforeAll(async () => {
    process.env.TABLE_NAME = h.tableName;
    process.env.DYNAMO_ENDPOINT = h.endpoint;
    process.env.SESSION_SECRET = TEST_SECRET;
    api = (await import('../../functions/src/handlers/supervision.ts')).handler;
  });

  it('answers hotspots, warnings, rules and tasks in the shapes the mini-program parses', async () => {
    const auth = await bearer(countySupervisor);
    const hs = await api({ routeKey: 'GET /api/hotspots', headers: { authorization: auth }, queryStringParameters: { days: '31' } });
    expect(hs.statusCode).toBe(200);
    expect(HotspotsReplySchema.parse(JSON.parse(hs.body))).toMatchObject({ unitId: 'chengguan', truncated: false });
    // The Lambda's clock is the wall clock: the newest lift request sees the older two whatever today is.
    const one = await api({ routeKey: 'GET /api/tickets/{id}/hotspot', headers: { authorization: auth }, pathParameters: { id: ids.get('lift-12345')! } });
    expect(TicketHotspotReplySchema.parse(JSON.parse(one.body)).hotspot?.size).toBe(3);
    const warnings = await api({ routeKey: 'GET /api/risk/warnings', headers: { authorization: auth }, queryStringParameters: { status: 'open' } });
    const open = RiskWarningsReplySchema.parse(JSON.parse(warnings.body)).items;
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((w) => w.status === 'open')).toBe(true);
    const tasks = await api({ routeKey: 'GET /api/risk/tasks', headers: { authorization: await bearer({ ...gridWorker, unitId: 'zyl-jinta-g1' }) } });
    expect(RiskWarningsReplySchema.parse(JSON.parse(tasks.body)).items.map((t) => t.assignedUnitId)).toContain('zyl-jinta-g1');
  });

  it('maps bad input, roles and unknown tasks to codes', async () => {
    const auth = await bearer(countySupervisor);
    const bad = await api({ routeKey: 'GET /api/hotspots', headers: { authorization: auth }, queryStringParameters: { days: '90' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'days', message: '时间范围不能超过31天' }] });
    const rules = await api({ routeKey: 'GET /api/risk/rules', headers: { authorization: auth } });
    expect(RiskRulesReplySchema.parse(JSON.parse(rules.body)).version).toBe(1);
    const put = await api({ routeKey: 'PUT /api/risk/rules', headers: { authorization: await bearer(admin) }, body: JSON.stringify({ expectedVersion: 1, responseMinutes: 0, rules: [] }) });
    expect(put.statusCode).toBe(400);
    const tasks = await api({ routeKey: 'GET /api/risk/tasks', headers: { authorization: await bearer(resident('http')) } });
    expect(JSON.parse(tasks.body).error.code).toBe('FORBIDDEN');
    const none = await api({ routeKey: 'POST /api/risk/tasks/{id}/done', headers: { authorization: await bearer(gridWorker) }, pathParameters: { id: 'nope-c' }, body: JSON.stringify({ note: '已核实' }) });
    expect(none.statusCode).toBe(404);
  });
});

describe('the hotspot thesaurus as data', () => {
  it('groups two requests by a concept an admin added as a table row (read with the hotspots\' thesaurus), not before', async () => {
    // A service of its own: the shared one's reference cache saw this file's clock moved back and forth.
    h.clock.set(NOW);
    const fresh = new MashangService({ tickets: h.tickets, org: h.org, tokens: new TokenService(TEST_SECRET), now: h.clock.now, referenceTtlMs: 0 });
    const thesaurus = new ThesaurusData({ source: h.org, now: h.clock.now, ttlMs: 0 });
    const hotspots = new HotspotService({ store, tickets: h.tickets, reference: () => fresh.ref(), thesaurus: () => thesaurus.thesaurus(), segmenter: jiebaSegmenter, now: h.clock.now });
    const file = async (text: string) =>
      (await fresh.createTicket(resident(`pump-${++seq}`), { clientToken: token('pump'), locationId: 'loc-jinta', categoryCode: 'market', description: text })).ticket.id;
    const a = await file('菜市场后面的加压泵天天漏油，地上全是油');
    const b = await file('金塔巷菜市场的水泵房设备漏油严重');
    expect((await hotspots.ticketHotspot(zylHandler, b, 7)).hotspot).toBeNull(); // 漏油 alone is an ordinary word, no topic
    await h.org.putAll([OrgStore.synonymRow({ id: 'pump', concept: '加压泵', terms: ['加压泵', '水泵房', '泵房'], aspect: false, enabled: true })]);
    const reply = await hotspots.ticketHotspot(zylHandler, b, 7);
    expect(reply.hotspot?.members.map((m) => m.id).sort()).toEqual([a, b].sort());
    expect(reply.hotspot?.keywords).toContain('加压泵');
    // An admin row can also switch a default group off.
    await h.org.putAll([OrgStore.synonymRow({ id: 'pump', concept: '加压泵', terms: ['加压泵'], aspect: false, enabled: false })]);
    expect((await hotspots.ticketHotspot(zylHandler, b, 7)).hotspot).toBeNull();
  });
});
