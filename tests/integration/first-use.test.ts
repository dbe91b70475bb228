import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import { DispatchedView } from '../../functions/src/app/reading/dispatched.ts';
import { createDocClient } from '../../functions/src/store/client.ts';
import { DispatchedStore } from '../../functions/src/store/dispatched.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { workbenchOf } from '../support/workbench.ts';

/**
 * Issue 13 on DynamoDB Local: the street office keeps the requests it dispatched in
 * view (已派出) and records their return visit (回访) after the department resolved them,
 * whether or not the resident rated; the resident may still rate after a return visit;
 * staff notes stay out of the resident's timeline; and a street office dispatches only
 * inside its own area.
 */
let h: Harness;
let view: DispatchedView;

const resident: Actor = { id: 'dev-first-use-1', role: 'resident' };
const gll: Actor = { id: 'gll-handler', role: 'handler', unitId: 'gaolanlu', name: '王芳' };
const zyl: Actor = { id: 'zyl-handler', role: 'handler', unitId: 'zhangyelu', name: '赵敏' };
const zhujian: Actor = { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian', name: '孙磊' };

beforeAll(async () => {
  h = await createHarness();
  view = new DispatchedView({ reference: h.service, store: new DispatchedStore(createDocClient({ tableName: h.tableName, endpoint: h.endpoint }), h.tableName), now: h.clock.now });
});
afterAll(() => h.drop());

let n = 0;
async function dispatchedToZhujian(note?: string): Promise<string> {
  const { ticket } = await h.service.createTicket(resident, { clientToken: `first-use-${++n}-${Date.now()}`, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运', phone: '13893112345' });
  await h.service.command(gll, ticket.id, { type: 'respond', via: 'call' });
  await h.service.command(gll, ticket.id, { type: 'dispatch', unitId: 'dept-zhujian', ...(note ? { note } : {}) });
  return ticket.id;
}

describe('the street office after 吹哨派单', () => {
  it('lists what it dispatched (已派出) until it recorded the return visit, and may record it after the department resolved it and the resident rated', async () => {
    const id = await dispatchedToZhujian('该路段垃圾桶归住建局管理（内部）');
    let list = await view.list(gll);
    expect(list.items.find((i) => i.id === id)).toMatchObject({ currentUnitId: 'dept-zhujian', currentUnitName: '区住建局', awaitingFollowUp: false, statusLabel: '已派单' });
    // Not the other street's, nor the department's view.
    expect((await view.list(zyl)).items.map((i) => i.id)).not.toContain(id);

    // Before the department resolves, the office cannot close it with a return visit.
    await expect(h.service.command(gll, id, { type: 'follow_up', result: 'satisfied' })).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await h.service.command(zhujian, id, { type: 'accept' });
    await h.service.command(zhujian, id, { type: 'resolve', feedback: '已安排环卫车辆清运并增加频次' });
    expect((await h.service.ticketDetail(gll, id)).actions).toContain('follow_up');
    // The office calls the resident for the 回访: its 承办人 may see the number (recorded), another street may not.
    expect((await h.service.ticketDetail(gll, id)).canRevealPhone).toBe(true);
    const revealed = await workbenchOf(h).workbench.revealPhone(gll, id);
    expect(revealed.phone).toBe('13893112345');
    expect(revealed.ticket.events.at(-1)).toMatchObject({ type: 'phone_viewed', actor: { id: 'gll-handler' } });
    expect((await view.list(gll)).items.find((i) => i.id === id)).toMatchObject({ awaitingFollowUp: true, statusLabel: '已办结' });

    // The resident rates first: the request reads 已评价, and the office still records its 回访.
    h.clock.advance(60);
    const rated = await h.service.command(resident, id, { type: 'rate', rating: 'basic' });
    expect(rated.statusLabel).toBe('已评价');
    expect((await view.list(gll)).items.find((i) => i.id === id)).toMatchObject({ awaitingFollowUp: true });
    h.clock.advance(60);
    const visited = await h.service.command(gll, id, { type: 'follow_up', result: 'satisfied', note: '电话回访，居民认可' });
    expect(visited).toMatchObject({ status: 'closed', statusLabel: '已回访', rating: 'basic', followUpResult: 'satisfied' });
    expect(visited.events.map((e) => e.type).slice(-2)).toEqual(['rated', 'followed_up']);
    expect(visited.canRevealPhone).toBe(false);
    // Followed up: it leaves the 已派出 view; another street's handler may not record it.
    list = await view.list(gll);
    expect(list.items.map((i) => i.id)).not.toContain(id);
    await expect(h.service.command(zyl, id, { type: 'follow_up', result: 'satisfied' })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });

  it('a staff return visit does not lock the resident out: they rate and reopen within the window, not after it', async () => {
    const id = await dispatchedToZhujian();
    await h.service.command(zhujian, id, { type: 'accept' });
    await h.service.command(zhujian, id, { type: 'resolve', feedback: '已安排环卫车辆清运' });
    await h.service.command(gll, id, { type: 'follow_up', result: 'satisfied' });
    const seen = await h.service.ticketDetail(resident, id);
    expect(seen.actions).toEqual(['rate']);
    expect(seen.statusLabel).toBe('已回访');
    h.clock.advance(24 * 60);
    const rated = await h.service.command(resident, id, { type: 'rate', rating: 'unsatisfied', comment: '第二天又满了' });
    expect(rated.actions).toEqual(['reopen']);
    const timeline = rated.events.map((e) => e.label);
    expect(timeline).toContain('工作人员已回访');
    expect(timeline).toContain('评价：不满意');

    // Eight days after closing, reopening is refused with a reason.
    h.clock.advance(7 * 24 * 60);
    expect((await h.service.ticketDetail(resident, id)).actions).toEqual([]);
    await expect(h.service.command(resident, id, { type: 'reopen', reason: '还是没解决' })).rejects.toMatchObject({ code: 'WRONG_STATE' });
  });

  it('keeps staff notes out of the resident’s timeline unless marked for the resident', async () => {
    const id = await dispatchedToZhujian('该路段垃圾桶归住建局管理（内部）');
    await h.service.command(zhujian, id, { type: 'return', reason: '该路段请改派区城管局' });
    await h.service.command(gll, id, { type: 'dispatch', unitId: 'dept-zhujian', note: '经核实仍属住建局' });
    await h.service.command(zhujian, id, { type: 'accept', note: '已派环卫班组，预计明天上午清运', forResident: true });
    const detail = await h.service.ticketDetail(resident, id);
    const notes = detail.events.map((e) => e.note).filter(Boolean);
    expect(notes).toEqual(['已派环卫班组，预计明天上午清运']);
    // Staff still read every note.
    const staffNotes = (await h.service.ticketDetail(gll, id)).events.map((e) => e.note).filter(Boolean);
    expect(staffNotes).toEqual(['该路段垃圾桶归住建局管理（内部）', '该路段请改派区城管局', '经核实仍属住建局', '已派环卫班组，预计明天上午清运']);
  });

  it('dispatches only to its own communities and the district’s departments', async () => {
    const { ticket } = await h.service.createTicket(resident, { clientToken: `first-use-scope-${Date.now()}`, locationId: 'loc-donggang', categoryCode: 'sanitation', description: '路口垃圾桶满了两天没人清运' });
    const before = await h.tickets.get(ticket.id);
    await expect(h.service.command(gll, ticket.id, { type: 'dispatch', unitId: 'zyl-jinta' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.service.command(gll, ticket.id, { type: 'dispatch', unitId: 'zhangyelu' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.tickets.get(ticket.id)).toEqual(before);
    expect((await h.service.command(gll, ticket.id, { type: 'dispatch', unitId: 'gll-dongjie' })).status).toBe('dispatched');
  });
});
