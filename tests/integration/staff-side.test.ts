import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { PersonalDataErasure } from '../../functions/src/app/residents/erasure.ts';
import { InboxSearch } from '../../functions/src/app/reading/inbox-search.ts';
import { StaffAlerts } from '../../functions/src/app/notifying/staff-alerts.ts';
import { AlertStore } from '../../functions/src/store/alerts.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { ErasureStore } from '../../functions/src/store/erasure.ts';
import { OrgStore } from '../../functions/src/store/org.ts';
import type { OutboxRow } from '../../functions/src/store/outbox.ts';
import { SearchStore } from '../../functions/src/store/search.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { workbenchOf } from '../support/workbench.ts';

/**
 * Issue 13, the staff side, on DynamoDB Local: 转交 (handing a request to a colleague of
 * the same unit), the inbox search (number, phone tail, whole phone, work order, words —
 * never another unit's request, never a full phone number in the reply), and the desk's
 * 12345 work-order number and the caller's earlier requests.
 */
let h: Harness;
let search: InboxSearch;
let alerts: StaffAlerts;
let erasure: PersonalDataErasure;

const resident: Actor = { id: 'dev-staff-side-1', role: 'resident' };
const wang: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const zhangwei: Actor = { id: 'gll-night', role: 'handler', unitId: 'gaolanlu', name: '张伟' };
const li: Actor = { id: 'gll-supervisor', role: 'supervisor', unitId: 'gaolanlu', name: '李强' };
const zhao: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu', name: '赵敏' };
const sun: Actor = { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian', name: '孙磊' };
const desk: Actor = { id: 'desk-operator', role: 'operator', unitId: 'chengguan', name: '刘静' };
const county: Actor = { id: 'county-supervisor', role: 'supervisor', unitId: 'chengguan', name: '陈刚' };

beforeAll(async () => {
  h = await createHarness('2026-11-18T02:00:00.000Z');
  const db = createDocClient({ tableName: h.tableName, endpoint: h.endpoint });
  search = new InboxSearch({ reference: h.service, visibility: h.service, store: new SearchStore(db, h.tableName), now: h.clock.now });
  alerts = new StaffAlerts({ alerts: new AlertStore(db, h.tableName), org: h.org });
  erasure = new PersonalDataErasure({ store: new ErasureStore(db, h.tableName), units: async () => (await h.service.ref()).units, now: h.clock.now });
  // A deactivated colleague at 皋兰路街道, still listed in the org (old requests name him).
  await h.org.putAll([OrgStore.staffRow({ username: 'gll-retired', name: '退休', unitId: 'gaolanlu', roles: ['handler'], passwordHash: 'x', disabled: true })]);
});
afterAll(() => h.drop());

let n = 0;
async function file(locationId: string, description: string, phone?: string): Promise<string> {
  const { ticket } = await h.service.createTicket(resident, { clientToken: `staff-side-${++n}-${Date.now()}`, locationId, categoryCode: 'sanitation', description, ...(phone ? { phone } : {}) });
  return ticket.id;
}

describe('转交: a handler hands a request he holds to a colleague of the same unit', () => {
  it('moves the 承办人, records an internal event, puts it in the colleague’s 我的 and alerts him', async () => {
    const id = await file('loc-donggang', '东岗路口垃圾桶满了两天没人清运', '13893110001');
    await h.service.command(wang, id, { type: 'respond', via: 'call' });
    h.clock.advance(5);
    const after = await h.service.command(wang, id, { type: 'hand_over', toStaffId: 'gll-night', note: '我明天休假，已联系居民，请继续跟进' });
    expect(after.status).toBe('responded');
    expect(after.assignee).toEqual({ id: 'gll-night', name: '张伟', unitId: 'gaolanlu' });
    expect(after.events.at(-1)).toMatchObject({ type: 'handed_over', label: '转交 → 张伟', note: '我明天休假，已联系居民，请继续跟进', actor: { id: 'gll-handler' } });
    // Wang no longer holds it: no 转交 offered, and the number is the new 承办人's to reveal.
    expect(after.actions).not.toContain('hand_over');
    expect((await h.service.ticketDetail(zhangwei, id)).actions).toContain('hand_over');
    expect((await h.service.ticketDetail(zhangwei, id)).canRevealPhone).toBe(true);
    expect((await h.service.ticketDetail(wang, id)).canRevealPhone).toBe(false);

    // In 张伟's 我的, not in 王芳's.
    const { workbench } = workbenchOf(h);
    expect((await workbench.inbox(zhangwei, { sort: 'deadline', limit: 50, mine: true })).items.map((i) => i.id)).toContain(id);
    expect((await workbench.inbox(wang, { sort: 'deadline', limit: 50, mine: true })).items.map((i) => i.id)).not.toContain(id);

    // The resident's timeline does not show it at all.
    const seen = await h.service.ticketDetail(resident, id);
    expect(seen.events.map((e) => e.type)).not.toContain('handed_over');
    expect(JSON.stringify(seen)).not.toContain('休假');

    // One alert in the outbox, in the same transaction; the dispatcher sends it to 张伟 only.
    const rows = (await h.tickets.recentOutbox(8, 500)).filter((m) => m.ticketId === id && m.alert === 'handed_over');
    expect(rows).toHaveLength(1);
    const ticket = (await h.tickets.get(id))!;
    const plan = await alerts.plan(rows[0] as unknown as OutboxRow, ticket, new Date(h.clock.now()).toISOString());
    expect(plan.recipients.map((r) => r.id)).toEqual(['gll-night']);
    expect(plan.message?.title).toBe('【转交】王芳转交给您：我明天休假，已联系居民，请继续跟进');
  });

  it('is refused across units, to deactivated accounts, to non-handlers and by somebody who does not hold it — changing nothing', async () => {
    const id = await file('loc-donggang', '东岗路口路灯不亮已经三天了');
    await h.service.command(wang, id, { type: 'respond', via: 'call' });
    const before = await h.tickets.get(id);
    const refuse = (actor: Actor, toStaffId: string) => h.service.command(actor, id, { type: 'hand_over', toStaffId, note: '请接手办理' });
    await expect(refuse(wang, 'zyl-handler')).rejects.toMatchObject({ code: 'FORBIDDEN', message: '只能转交给本单位的工作人员' });
    await expect(refuse(wang, 'gll-retired')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '该账号已停用，不能转交' });
    await expect(refuse(wang, 'gll-grid')).rejects.toMatchObject({ code: 'FORBIDDEN' }); // a grid worker belongs to his grid, not the street office
    await expect(refuse(wang, 'nobody-here')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(refuse(zhangwei, 'gll-supervisor')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another street's handler cannot even see it.
    await expect(refuse(zhao, 'zyl-handler')).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect(await h.tickets.get(id)).toEqual(before);
    // The unit's supervisor may reassign it.
    expect((await refuse(li, 'gll-night')).assignee?.id).toBe('gll-night');
  });
});

describe('inbox search', () => {
  let gllId: string;
  let zylId: string;
  let oldId: string;
  beforeAll(async () => {
    gllId = await file('loc-donggang', '东岗路口井盖松动，车辆经过哐哐响', '13893115678');
    // Same phone tail, same words, another street.
    zylId = await file('loc-jinta', '金塔巷井盖松动，晚上看不清', '13700005678');
    // Received a month ago at 皋兰路, dispatched and closed: still found through the office's received requests.
    h.clock.advance(-30 * 24 * 60);
    oldId = await file('loc-donggang', '东岗路口井盖丢失，已用锥桶围住', '0931-8125678');
    await h.service.command(wang, oldId, { type: 'respond', via: 'call' });
    await h.service.command(wang, oldId, { type: 'dispatch', unitId: 'dept-zhujian' });
    await h.service.command(sun, oldId, { type: 'accept' });
    await h.service.command(sun, oldId, { type: 'resolve', feedback: '已更换新井盖并加固' });
    await h.service.command(wang, oldId, { type: 'follow_up', result: 'satisfied' });
    h.clock.advance(30 * 24 * 60);
    // A phone with 5678 in the middle, not at the end.
    await file('loc-donggang', '东岗路口井盖边上有积水', '13856781234');
  });

  it('finds by phone tail, words and number within the caller’s unit — never another street’s request, never a full number', async () => {
    const tail = await search.search(wang, '5678');
    expect(tail.matchedBy).toBe('phone_tail');
    expect(tail.items.map((i) => i.id).sort()).toEqual([gllId, oldId].sort());
    expect(JSON.stringify(tail)).not.toMatch(/13893115678|8125678/);

    const words = await search.search(wang, '井盖 松动');
    expect(words.matchedBy).toBe('words');
    expect(words.items.map((i) => i.id)).toEqual([gllId]);

    expect((await search.search(wang, oldId)).items).toMatchObject([{ id: oldId, currentUnitName: '区住建局', statusLabel: '已回访' }]);
    // 张掖路's request: not by its number, its tail, its words nor its whole phone.
    expect((await search.search(wang, zylId)).items).toEqual([]);
    expect((await search.search(wang, '金塔巷')).items).toEqual([]);
    expect((await search.search(wang, '13700005678')).items).toEqual([]);
    // 张掖路 finds its own.
    expect((await search.search(zhao, '5678')).items.map((i) => i.id)).toEqual([zylId]);
  });

  it('a department finds what is in its inbox; the county finds a number anywhere; residents may not search', async () => {
    const id = await file('loc-donggang', '东岗路口井盖塌陷需要住建局维修', '13893119999');
    await h.service.command(wang, id, { type: 'respond', via: 'call' });
    await h.service.command(wang, id, { type: 'dispatch', unitId: 'dept-zhujian' });
    expect((await search.search(sun, '9999')).items.map((i) => i.id)).toEqual([id]);
    expect((await search.search(county, id)).items.map((i) => i.id)).toEqual([id]);
    await expect(search.search(resident, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(search.search(wang, '井')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('a county admin finds a resident’s requests by their whole phone (for an erasure), an admin of another street does not; erased requests are no longer found', async () => {
    const admin: Actor = { id: 'county-admin', role: 'admin', unitId: 'chengguan', name: '何平' };
    const zylAdmin: Actor = { id: 'zyl-admin', role: 'admin', unitId: 'zhangyelu' };
    const a = await file('loc-donggang', '东岗路口路灯不亮（删除前查找）', '13893116543');
    const b = await file('loc-jinta', '金塔巷路灯不亮（删除前查找）', '13893116543');
    const found = await search.search(admin, '13893116543');
    expect(found.matchedBy).toBe('phone');
    expect(found.items.map((i) => i.id).sort()).toEqual([a, b].sort());
    expect(JSON.stringify(found)).not.toContain('13893116543');
    expect((await search.search(zylAdmin, '13893116543')).items.map((i) => i.id)).toEqual([b]);
    // After the admin erased one, the phone no longer leads to it.
    await erasure.eraseTicket(admin, a, '居民本人要求删除');
    expect((await search.search(admin, '13893116543')).items.map((i) => i.id)).toEqual([b]);
  });
});

describe('the desk: 12345 work-order number and the caller’s earlier requests', () => {
  it('stores the work-order number, finds the request by it, refuses a second request for it and a number on another channel', async () => {
    const { workbench } = workbenchOf(h);
    const input = { channel: 'hotline_12345' as const, gridId: 'gll-dongjie-g1', place: '东街12号楼下', categoryCode: 'sanitation', description: '来电反映东街12号楼下垃圾堆放', phone: '13893117777' };
    // The caller called before (a QR request with the same number).
    const earlier = await file('loc-donggang', '东街12号楼下垃圾没人清理', '13893117777');
    const history = await search.search(desk, '13893117777');
    expect(history).toMatchObject({ matchedBy: 'phone', items: [{ id: earlier, currentUnitName: '皋兰路街道' }] });
    expect(JSON.stringify(history)).not.toContain('13893117777');
    h.clock.advance(1);

    const { ticket } = await workbench.fileTicket(desk, { ...input, clientToken: `desk-wo-${Date.now()}`, workOrderNo: 'gs2026-1130-001', relatedTicketIds: [earlier] });
    expect(ticket).toMatchObject({ workOrderNo: 'GS2026-1130-001', relatedTicketIds: [earlier], channel: 'hotline_12345' });
    expect((await h.service.ticketDetail(wang, ticket.id)).workOrderNo).toBe('GS2026-1130-001');
    expect(await search.search(desk, 'GS2026-1130-001')).toMatchObject({ matchedBy: 'work_order', items: [{ id: ticket.id, workOrderNo: 'GS2026-1130-001' }] });
    // The caller's history now holds both, newest first.
    expect((await search.search(desk, '13893117777')).items.map((i) => i.id)).toEqual([ticket.id, earlier]);

    const token = `desk-wo-again-${Date.now()}`;
    await expect(workbench.fileTicket(desk, { ...input, clientToken: token, workOrderNo: 'GS2026-1130-001' })).rejects.toMatchObject({ code: 'CONFLICT', message: `该12345工单已登记为诉求 ${ticket.id}` });
    expect(await h.tickets.findByClientToken(token)).toBeUndefined();
    await expect(workbench.fileTicket(desk, { ...input, channel: 'letter', clientToken: `desk-wo-letter-${Date.now()}`, workOrderNo: 'GS2026-1130-002' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('references only requests the desk may see', async () => {
    const { workbench } = workbenchOf(h);
    const theirs = await file('loc-jinta', '金塔巷菜市场门口占道经营', '13700001111');
    const base = { channel: 'visit' as const, gridId: 'gll-dongjie-g1', place: '东街', categoryCode: 'sanitation', description: '来访反映东街垃圾问题' };
    // A 皋兰路 handler at the front desk may not reference 张掖路's request (or probe that it exists).
    await expect(workbench.fileTicket(wang, { ...base, clientToken: `desk-rel-${Date.now()}`, relatedTicketIds: [theirs] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: `未找到诉求 ${theirs}` });
    await expect(workbench.fileTicket(desk, { ...base, clientToken: `desk-rel-none-${Date.now()}`, relatedTicketIds: ['2611189999999'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
