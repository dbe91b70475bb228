import { describe, expect, it } from 'vitest';
import { decideJoin, type Actor, type Ticket } from '@mashang/shared';
import { holdsPersonalData } from '@mashang/shared/erasure';
import { DEMO_UNITS } from '../../../../infra/seed.ts';
import { actors, memoryWorld } from '../../../../tests/support/memory-world.ts';
import { MemoryErasureRows } from '../../store/memory/erasure.ts';
import { PersonalDataErasure } from './erasure.ts';

/**
 * Personal-data erasure on the memory stores (the erasure twin holds the DynamoDB store's
 * conditions and transaction sizes: functions/src/store/erasure-contract.ts). The HTTP routes,
 * the photos and the DynamoDB rows are covered by tests/integration/erasure.test.ts.
 */
const PHONE = '13912345678';

function world() {
  const w = memoryWorld();
  const rows = new MemoryErasureRows(w.tickets);
  const units = async () => new Map(DEMO_UNITS.map((u) => [u.id, u]));
  const erasure = new PersonalDataErasure({ store: rows, units, now: w.clock.now });
  const file = async (resident: Actor, token: string) => {
    const res = await w.service.createTicket(resident, { clientToken: token, locationId: 'loc-dajuyuan', categoryCode: 'traffic', description: `公交站台的灯不亮了，电话${PHONE}` });
    return (await w.tickets.get(res.ticket.id))!;
  };
  /** `resident` joins ("me too") with a consent to be messaged, as the resident service writes it. */
  const join = async (t: Ticket, resident: Actor) => {
    const at = new Date(w.clock.now()).toISOString();
    await w.tickets.save(t, decideJoin(t, resident, at), [
      { kind: 'follower', ticketId: t.id, residentId: resident.id, at },
      { kind: 'consent', ticketId: t.id, residentId: resident.id, templateIds: ['tpl-status'], at },
    ]);
  };
  return { ...w, rows, erasure, file, join };
}

describe('personal-data erasure (memory stores)', () => {
  it('a resident erases what they filed and leaves what they joined; the others\' part stays; a re-run finds nothing', async () => {
    const { erasure, rows, tickets, clock, file, join } = world();
    const me = actors.resident('wx-erase-me');
    const other = actors.resident('wx-erase-other');
    const mine = await file(me, 'token-erase-1');
    clock.advance(1);
    const theirs = await file(other, 'token-erase-2');
    clock.advance(1);
    await join(theirs, me);
    clock.advance(1);
    await join((await tickets.get(theirs.id))!, actors.resident('wx-erase-third'));
    clock.advance(1);

    expect(await erasure.eraseMe(me)).toMatchObject({ requests: 1, joined: 1 });
    const erased = (await tickets.get(mine.id))!;
    expect(holdsPersonalData(erased)).toBe(false);
    expect(erased.residentId).toBeUndefined();
    expect(JSON.stringify(erased)).not.toContain(PHONE);
    // The joined request: my follower row and consent are gone, the others' stay, and so does its follower count.
    const joined = await rows.record(theirs.id);
    expect(joined.followers.map((f) => f.residentId)).toEqual(['wx-erase-third']);
    expect(joined.consents.map((c) => c.residentId).sort()).toEqual(['wx-erase-third']);
    expect(joined.ticket).toMatchObject({ residentId: other.id, followerCount: theirs.followerCount + 2 });
    expect(await rows.residentPage(me.id, 10)).toEqual([]);
    expect(await erasure.eraseMe(me)).toMatchObject({ requests: 0, joined: 0 });
  });

  it('a staff change made while the erasure runs is kept: the erasure reads again and erases over it', async () => {
    const { erasure, rows, tickets, service, file } = world();
    const me = actors.resident('wx-erase-race');
    const t = await file(me, 'token-erase-3');
    let raced = false;
    const saveTicket = rows.saveTicket.bind(rows);
    rows.saveTicket = async (before, after, audit) => {
      if (!raced) {
        raced = true;
        await service.command(actors.gllHandler, t.id, { type: 'respond', via: 'call' });
      }
      return saveTicket(before, after, audit);
    };
    expect(await erasure.eraseMe(me)).toMatchObject({ requests: 1 });
    const after = (await tickets.get(t.id))!;
    expect(after.status).toBe('responded');
    expect(after.residentId).toBeUndefined();
  });

  it('an admin erases one request of their unit\'s subtree, audited once; another street\'s admin does not find it', async () => {
    const { erasure, rows, file } = world();
    const t = await file(actors.resident('wx-erase-admin'), 'token-erase-4');
    const street: Actor = { id: 'zyl-admin', role: 'admin', name: '赵敏', unitId: 'zhangyelu' };
    await expect(erasure.eraseTicket(street, t.id, '居民来电要求删除')).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    const county: Actor = { id: 'county-admin', role: 'admin', name: '何平', unitId: 'chengguan' };
    expect(await erasure.eraseTicket(county, t.id, `居民来电要求删除（来电${PHONE}）`)).toMatchObject({ requests: 1 });
    const audits = () => rows.audit.auditMonth('chengguan', '2026-11', 10);
    expect(await audits()).toHaveLength(1);
    expect((await audits())[0]).toMatchObject({ countyId: 'chengguan', actorId: 'county-admin', action: 'ticket.erasePersonalData', target: `ticket:${t.id}` });
    expect((await audits())[0]!.after).not.toContain(PHONE);
    expect(await erasure.eraseTicket(county, t.id, '再次删除')).toMatchObject({ requests: 0, already: true });
    expect(await audits()).toHaveLength(1);
  });
});
