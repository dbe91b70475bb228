import { describe, expect, it } from 'vitest';
import type { Actor } from '@mashang/shared';
import type { AuditChange, AuditLog } from '../ports/audit.ts';

/**
 * The contract of the audit log (functions/src/ports/audit.ts), run against the DynamoDB store
 * (tests/integration/audit-store-contract.test.ts, on DynamoDB Local: events written as an admin
 * change writes them, in `AdminStore.transact` with `AdminStore.audit`) and the memory store
 * (functions/src/store/memory/audit.test.ts) with the same assertions. Each case uses a county
 * of its own: a DynamoDB table is shared by the whole suite.
 */
export function auditContract(name: string, world: () => { log: AuditLog; write: (change: AuditChange) => Promise<void> }): void {
  let n = 0;
  const county = () => `county-${Date.now() % 1_000_000}-${++n}-${Math.floor(Math.random() * 1000)}`;
  const admin: Actor = { id: 'county-admin', role: 'admin', name: '何平', unitId: 'chengguan' };
  const change = (countyId: string, at: string, action: string, extra: Partial<AuditChange> = {}): AuditChange => ({ countyId, actor: admin, at, action, target: `unit:${action}`, ...extra });

  describe(`audit log contract: ${name}`, () => {
    it('lists a county\'s events of one month newest first, at most the limit; other counties and months apart', async () => {
      const c = county();
      for (const [at, action] of [
        ['2026-11-03T02:00:00.000Z', 'unit.create'],
        ['2026-11-20T02:00:00.000Z', 'unit.rename'],
        ['2026-11-10T02:00:00.000Z', 'staff.create'],
        ['2026-10-31T02:00:00.000Z', 'category.update'],
      ] as const)
        await world().write(change(c, at, action));
      await world().write(change(county(), '2026-11-15T02:00:00.000Z', 'unit.deactivate'));
      const month = await world().log.auditMonth(c, '2026-11', 10);
      expect(month.map((e) => [e.at, e.action])).toEqual([
        ['2026-11-20T02:00:00.000Z', 'unit.rename'],
        ['2026-11-10T02:00:00.000Z', 'staff.create'],
        ['2026-11-03T02:00:00.000Z', 'unit.create'],
      ]);
      expect((await world().log.auditMonth(c, '2026-11', 2)).map((e) => e.action)).toEqual(['unit.rename', 'staff.create']);
      expect((await world().log.auditMonth(c, '2026-10', 10)).map((e) => e.action)).toEqual(['category.update']);
      expect(await world().log.auditMonth(c, '2026-12', 10)).toEqual([]);
    });

    it('files an event under its Beijing month: 1 December 04:00 in Beijing is December, though November in UTC', async () => {
      const c = county();
      await world().write(change(c, '2026-11-30T20:00:00.000Z', 'calendar.loadYear'));
      await world().write(change(c, '2026-11-30T15:59:59.999Z', 'calendar.setCutoff'));
      expect((await world().log.auditMonth(c, '2026-12', 10)).map((e) => e.action)).toEqual(['calendar.loadYear']);
      expect((await world().log.auditMonth(c, '2026-11', 10)).map((e) => e.action)).toEqual(['calendar.setCutoff']);
    });

    it('stores who, when, what and on what, and before and after as JSON text without secrets or store attributes', async () => {
      const c = county();
      const before = { username: 'wang', passwordHash: 'scrypt$x', sessionVersion: 3, roles: ['handler'], PK: 'STAFF#wang', SK: 'A', entity: 'staff', rev: 2 };
      const after = { username: 'wang', password: 'secret-1', units: [{ id: 'gaolanlu', GSI1PK: 'UNIT#gaolanlu', passwordHash: 'nested' }] };
      await world().write(change(c, '2026-11-18T02:00:00.000Z', 'staff.update', { target: 'staff:wang', before, after }));
      await world().write(change(c, '2026-11-18T03:00:00.000Z', 'unit.create', { actor: { id: 'desk', role: 'admin' }, after: { name: '高兰路街道' } }));
      const [created, updated] = await world().log.auditMonth(c, '2026-11', 10);
      expect(updated).toEqual({ id: expect.any(String), countyId: c, at: '2026-11-18T02:00:00.000Z', actorId: 'county-admin', actorName: '何平', action: 'staff.update', target: 'staff:wang', before: expect.any(String), after: expect.any(String) });
      expect(JSON.parse(updated!.before!)).toEqual({ username: 'wang', roles: ['handler'] });
      expect(JSON.parse(updated!.after!)).toEqual({ username: 'wang', units: [{ id: 'gaolanlu' }] });
      // No name, no before: neither is stored.
      expect(created).toEqual({ id: expect.any(String), countyId: c, at: '2026-11-18T03:00:00.000Z', actorId: 'desk', action: 'unit.create', target: 'unit:unit.create', after: '{"name":"高兰路街道"}' });
    });

    it('keeps two events of the same instant, each with an id of its own', async () => {
      const c = county();
      await world().write(change(c, '2026-11-18T02:00:00.000Z', 'unit.create'));
      await world().write(change(c, '2026-11-18T02:00:00.000Z', 'unit.create'));
      const events = await world().log.auditMonth(c, '2026-11', 10);
      expect(events).toHaveLength(2);
      expect(events[0]!.id).not.toBe(events[1]!.id);
    });
  });
}
