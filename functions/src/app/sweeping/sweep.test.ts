import { describe, expect, it } from 'vitest';
import { actors, memoryWorld } from '../../../../tests/support/memory-world.ts';

// The SLA sweep on the memory store: every card exactly once, whatever the lanes.
describe('the sweep (memory store)', () => {
  it('records the yellow and then the red card of the response once each, and nothing for a request that was answered', async () => {
    const w = memoryWorld();
    const late = (await w.service.createTicket(actors.resident(), { clientToken: 'token-s-1', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' })).ticket;
    const answered = (await w.service.createTicket(actors.resident('wx-2'), { clientToken: 'token-s-2', locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '站牌被撞歪了' })).ticket;
    w.clock.advance(10);
    await w.service.command(actors.gllHandler, answered.id, { type: 'respond', via: 'call' });
    expect(await w.service.sweep()).toMatchObject({ due: 0, recorded: 0 });

    w.clock.advance(15); // 25 minutes: past 80 % of the 30-minute response window
    expect(await w.service.sweep({ pageSize: 1 })).toMatchObject({ due: 1, recorded: 1, warnings: 1, breaches: 0, conflicts: 0 });
    expect(await w.service.sweep()).toMatchObject({ due: 0, recorded: 0 });

    w.clock.advance(6); // 31 minutes: the response is late
    expect(await w.service.sweep()).toMatchObject({ due: 1, recorded: 1, breaches: 1 });
    const events = (await w.tickets.getWithEvents(late.id))!.events.map((e) => e.type);
    expect(events).toEqual(['submitted', 'sla_warning', 'sla_breach']);
    expect((await w.tickets.getWithEvents(answered.id))!.events.map((e) => e.type)).toEqual(['submitted', 'responded']);
  });

  it('stops at maxTickets and leaves the rest for the next sweep', async () => {
    const w = memoryWorld();
    for (let i = 0; i < 3; i++) await w.service.createTicket(actors.resident(`wx-${i}`), { clientToken: `token-m-${i}`, locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: '公交站台的灯不亮了' });
    w.clock.advance(25);
    expect(await w.service.sweep({ maxTickets: 2 })).toMatchObject({ due: 2, recorded: 2 });
    expect(await w.service.sweep()).toMatchObject({ due: 1, recorded: 1 });
  });
});
