import { describe, expect, it } from 'vitest';
import type { Location, StaffMember, Unit } from '@mashang/shared';
import type { Mediator } from '@mashang/shared/contracts/resident';
import type { AuditLog } from '../ports/audit.ts';
import { adminChangeKit } from './contract-kit.ts';
import { MAX_ORG_CHANGE_ROWS, type OrgAdminPort } from '../ports/org-changes.ts';
import type { StaffAccount } from './org.ts';

/** What the contract reads back beside the port: the rows a change writes for the other Lambdas. */
export interface OrgSideReads {
  /** Who a unit's alerts may reach (AlertStore.unitStaff). */
  unitStaff(unitId: string): Promise<StaffMember[]>;
  /** The ids of the locations a name search finds (PlaceStore.search, through the search rows). */
  placesNamed(query: string): Promise<string[]>;
}

export interface OrgWorld {
  store: OrgAdminPort;
  audit: AuditLog;
  reads: OrgSideReads;
  /** Stores units as the seed does: no audit events. */
  seedUnits(units: Unit[]): Promise<void>;
}

/**
 * The contract of the organisation's administration (functions/src/ports/org-changes.ts), run
 * against the DynamoDB store (tests/integration/org-changes-store-contract.test.ts, on DynamoDB
 * Local: OrgAdminStore, read back through AlertStore and PlaceStore) and the memory twin
 * (functions/src/store/memory/org-changes.test.ts) with the same assertions. Each case uses ids
 * and a county of its own: a DynamoDB table is shared by the whole suite.
 */
export function orgChangesContract(name: string, world: () => OrgWorld): void {
  const { unique, audit, events, refusal } = adminChangeKit(() => world().audit);
  const unit = async (id: string) => (await world().store.units()).get(id);

  /** A county with a street and two grids under it, stored as the seed stores them. */
  async function county(): Promise<{ countyId: string; street: Unit; g1: Unit; g2: Unit }> {
    const countyId = `cty-${unique()}`;
    const street = streetOf(countyId, '皋兰路街道');
    const grid = (name: string): Unit => {
      const id = `grid-${unique()}`;
      return { id, name, kind: 'grid', parentId: street.id, path: [countyId, street.id, id] };
    };
    const g1 = grid('东街第一网格');
    const g2 = grid('西街第一网格');
    await world().seedUnits([{ id: countyId, name: '城关区', kind: 'county', path: [countyId] }, street, g1, g2]);
    return { countyId, street, g1, g2 };
  }
  function streetOf(countyId: string, name: string): Unit {
    const id = `st-${unique()}`;
    return { id, name, kind: 'street', parentId: countyId, path: [countyId, id] };
  }
  const locationIn = (grid: Unit, name: string, extra: Partial<Location> = {}): Location => ({
    id: `loc-${unique()}`,
    name,
    gridId: grid.id,
    gridName: grid.name,
    communityName: '东街社区',
    centreUnitId: grid.path[1]!,
    centreName: '皋兰路街道综治中心',
    ...extra,
  });
  const account = (unitId: string, extra: Partial<StaffAccount> = {}): StaffAccount => ({ username: `u${unique()}`, name: '张伟', unitId, roles: ['handler'], passwordHash: 'scrypt$secret', ...extra });

  describe(`organisation changes contract: ${name}`, () => {
    describe('units', () => {
      it('creates a unit with its audit event; a taken id is a conflict that writes nothing', async () => {
        const { countyId, street } = await county();
        const deptId = `dept-${unique()}`;
        const dept: Unit = { id: deptId, name: '区文旅局', kind: 'department', parentId: countyId, path: [countyId, deptId] };
        await world().store.createUnit(dept, audit(countyId, 'unit.create', `unit:${dept.id}`, { after: dept }));
        expect(await unit(dept.id)).toEqual(dept);
        expect(await refusal(world().store.createUnit({ ...street, name: '重复' }, audit(countyId, 'unit.create', `unit:${street.id}`)))).toBe('admin_conflict');
        expect(await unit(street.id)).toEqual(street);
        expect(await events(countyId)).toEqual([{ action: 'unit.create', target: `unit:${dept.id}`, after: dept }]);
      });

      it('renames and deactivates a unit as read; a unit changed since, or gone, is a conflict that writes nothing', async () => {
        const { countyId, g1, g2 } = await county();
        await world().store.renameUnit(g1, '东街一号网格', audit(countyId, 'unit.rename', `unit:${g1.id}`, { before: { name: g1.name }, after: { name: '东街一号网格' } }));
        expect(await unit(g1.id)).toEqual({ ...g1, name: '东街一号网格' });
        // Read before the rename: refused.
        expect(await refusal(world().store.renameUnit(g1, '迟到的名字', audit(countyId, 'unit.rename', `unit:${g1.id}`)))).toBe('admin_conflict');
        expect(await refusal(world().store.deactivateUnit(g1, audit(countyId, 'unit.deactivate', `unit:${g1.id}`)))).toBe('admin_conflict');
        expect(await unit(g1.id)).toEqual({ ...g1, name: '东街一号网格' });

        await world().store.deactivateUnit(g2, audit(countyId, 'unit.deactivate', `unit:${g2.id}`, { before: { disabled: false }, after: { disabled: true } }));
        expect(await unit(g2.id)).toEqual({ ...g2, disabled: true });
        // Read while still active: deactivating or renaming it again is refused.
        expect(await refusal(world().store.deactivateUnit(g2, audit(countyId, 'unit.deactivate', `unit:${g2.id}`)))).toBe('admin_conflict');
        expect(await refusal(world().store.renameUnit(g2, '新名字', audit(countyId, 'unit.rename', `unit:${g2.id}`)))).toBe('admin_conflict');
        // Read as deactivated, it may be renamed.
        await world().store.renameUnit({ ...g2, disabled: true }, '西街旧网格', audit(countyId, 'unit.rename', `unit:${g2.id}`));
        expect(await unit(g2.id)).toEqual({ ...g2, name: '西街旧网格', disabled: true });

        const gone: Unit = { ...g1, id: `grid-${unique()}` };
        expect(await refusal(world().store.renameUnit(gone, '不存在', audit(countyId, 'unit.rename', `unit:${gone.id}`)))).toBe('admin_conflict');
        expect(await unit(gone.id)).toBeUndefined();
        expect((await events(countyId)).map((e) => e.action).sort()).toEqual(['unit.deactivate', 'unit.rename', 'unit.rename']);
        expect((await events(countyId)).find((e) => e.action === 'unit.deactivate')).toEqual({ action: 'unit.deactivate', target: `unit:${g2.id}`, before: { disabled: false }, after: { disabled: true } });
      });

      it('moves units together: when one of them changed since it was read, none moves', async () => {
        const { countyId, street, g1, g2 } = await county();
        const other = streetOf(countyId, '张掖路街道');
        await world().seedUnits([other]);
        const under = (u: Unit): Unit => ({ ...u, parentId: other.id, path: [countyId, other.id, u.id] });
        // g2 renamed by another admin after this one read it.
        await world().store.renameUnit(g2, '西街二号网格', audit(countyId, 'unit.rename', `unit:${g2.id}`));
        expect(await refusal(world().store.moveUnits([g1, g2].map((u) => ({ before: u, after: under(u) })), audit(countyId, 'unit.move', `unit:${street.id}`)))).toBe('admin_conflict');
        expect(await unit(g1.id)).toEqual(g1);

        const g2now = (await unit(g2.id))!;
        const move = audit(countyId, 'unit.move', `unit:${g1.id}`, { before: { parentId: street.id, path: g1.path }, after: { parentId: other.id, path: under(g1).path } });
        await world().store.moveUnits([g1, g2now].map((u) => ({ before: u, after: under(u) })), move);
        expect(await unit(g1.id)).toEqual(under(g1));
        expect(await unit(g2.id)).toEqual(under(g2now));
        expect((await events(countyId)).filter((e) => e.action === 'unit.move')).toEqual([{ action: 'unit.move', target: `unit:${g1.id}`, before: move.before, after: move.after }]);
      });

      it(`moves ${MAX_ORG_CHANGE_ROWS - 1} units at once (with the audit event, ${MAX_ORG_CHANGE_ROWS} rows) and refuses one more, writing nothing`, async () => {
        const { countyId, street } = await county();
        const target = streetOf(countyId, '张掖路街道');
        const grids: Unit[] = Array.from({ length: MAX_ORG_CHANGE_ROWS }, (_, i) => {
          const id = `grid-${unique()}-${i}`;
          return { id, name: `第${i + 1}网格`, kind: 'grid', parentId: street.id, path: [countyId, street.id, id] };
        });
        await world().seedUnits([target, ...grids]);
        const under = (u: Unit): Unit => ({ ...u, parentId: target.id, path: [countyId, target.id, u.id] });

        const fits = grids.slice(0, MAX_ORG_CHANGE_ROWS - 1);
        await world().store.moveUnits(fits.map((u) => ({ before: u, after: under(u) })), audit(countyId, 'unit.move', `unit:${fits[0]!.id}`));
        const back = grids.map((u, i) => (i < fits.length ? { before: under(u), after: u } : { before: u, after: { ...u, name: '不该改的名字' } }));
        expect(await refusal(world().store.moveUnits(back, audit(countyId, 'unit.move', 'unit:too-many')))).toBe('org_change_too_large');
        const stored = await world().store.units();
        expect(fits.every((u) => JSON.stringify(stored.get(u.id)) === JSON.stringify(under(u)))).toBe(true);
        expect(stored.get(grids[MAX_ORG_CHANGE_ROWS - 1]!.id)).toEqual(grids[MAX_ORG_CHANGE_ROWS - 1]);
        expect((await events(countyId)).map((e) => e.target)).toEqual([`unit:${fits[0]!.id}`]);
      });
    });

    describe('staff accounts', () => {
      it('creates an account listed under its county and among its unit\'s staff, audited without secrets; a taken user name is a conflict', async () => {
        const { countyId, street } = await county();
        const a = account(street.id, { phone: '13800000000' });
        const { passwordHash: _secret, ...shown } = a;
        await world().store.createStaff(countyId, a, audit(countyId, 'staff.create', `staff:${a.username}`, { after: a }));
        expect(await world().store.staff(a.username)).toEqual(a);
        expect(await world().store.staffOfCounty(countyId)).toEqual([{ username: a.username, name: '张伟', unitId: street.id, roles: ['handler'], disabled: false, wechatBound: false }]);
        expect(await world().reads.unitStaff(street.id)).toEqual([{ id: a.username, name: '张伟', roles: ['handler'] }]);
        expect(await events(countyId)).toEqual([{ action: 'staff.create', target: `staff:${a.username}`, after: shown }]);

        // The same name in capitals is the same account.
        const again = { ...a, username: a.username.toUpperCase(), name: '李娜' };
        expect(await refusal(world().store.createStaff(countyId, again, audit(countyId, 'staff.create', `staff:${again.username}`)))).toBe('admin_conflict');
        expect(await world().store.staff(a.username)).toEqual(a);
        expect(await world().store.staffOfCounty(countyId)).toHaveLength(1);
        expect(await events(countyId)).toHaveLength(1);
      });

      it('replaces an account as read (its session version): listing and unit staff follow; a stale read is a conflict that writes nothing', async () => {
        const { countyId, street, g1 } = await county();
        const a = account(street.id);
        await world().store.createStaff(countyId, a, audit(countyId, 'staff.create', `staff:${a.username}`));
        // Moved to a grid as a grid worker, the first change that bumps its session version.
        const moved: StaffAccount = { ...a, unitId: g1.id, roles: ['grid_worker'], sessionVersion: 1 };
        await world().store.replaceStaff(countyId, a, moved, audit(countyId, 'staff.update', `staff:${a.username}`));
        expect(await world().store.staff(a.username)).toEqual(moved);
        expect(await world().reads.unitStaff(street.id)).toEqual([]);
        expect(await world().reads.unitStaff(g1.id)).toEqual([{ id: a.username, name: '张伟', roles: ['grid_worker'] }]);

        // Read before that change (no session version): refused.
        expect(await refusal(world().store.replaceStaff(countyId, a, { ...a, passwordHash: 'scrypt$other', sessionVersion: 1 }, audit(countyId, 'staff.reset_password', `staff:${a.username}`)))).toBe('admin_conflict');
        expect(await world().store.staff(a.username)).toEqual(moved);

        const stopped: StaffAccount = { ...moved, disabled: true, sessionVersion: 2 };
        await world().store.replaceStaff(countyId, moved, stopped, audit(countyId, 'staff.deactivate', `staff:${a.username}`, { before: { disabled: false }, after: { disabled: true } }));
        expect(await world().store.staff(a.username)).toEqual(stopped);
        expect(await world().store.staffOfCounty(countyId)).toEqual([{ username: a.username, name: '张伟', unitId: g1.id, roles: ['grid_worker'], disabled: true, wechatBound: false }]);
        expect(await world().reads.unitStaff(g1.id)).toEqual([]);
        // An account that is not there cannot be replaced.
        const ghost = account(street.id);
        expect(await refusal(world().store.replaceStaff(countyId, ghost, { ...ghost, sessionVersion: 1 }, audit(countyId, 'staff.deactivate', `staff:${ghost.username}`)))).toBe('admin_conflict');
        expect(await world().store.staff(ghost.username)).toBeUndefined();
        expect((await events(countyId)).map((e) => e.action).sort()).toEqual(['staff.create', 'staff.deactivate', 'staff.update']);
      });
    });

    describe('QR locations', () => {
      it('creates a location listed under its grid and found by name; a taken id is a conflict that writes nothing', async () => {
        const { countyId, g1 } = await county();
        const word = `甲${unique()}`;
        const loc = locationIn(g1, `${word}菜市场北门`, { address: '东街12号', lat: 36.06, lng: 103.83 });
        await world().store.createLocation(loc, audit(countyId, 'location.create', `location:${loc.id}`, { after: loc }));
        expect(await world().store.location(loc.id)).toEqual(loc);
        expect(await world().store.locationsOfGrid(g1.id)).toEqual([loc]);
        expect(await world().store.existingLocations([loc.id, loc.id, 'loc-none'])).toEqual(new Set([loc.id]));
        expect(await world().reads.placesNamed(`${word}菜市场`)).toEqual([loc.id]);

        expect(await refusal(world().store.createLocation({ ...loc, name: `${word}别的名字` }, audit(countyId, 'location.create', `location:${loc.id}`)))).toBe('admin_conflict');
        expect(await world().store.location(loc.id)).toEqual(loc);
        expect(await world().reads.placesNamed(`${word}别的`)).toEqual([]);
        expect(await events(countyId)).toEqual([{ action: 'location.create', target: `location:${loc.id}`, after: loc }]);
      });

      it('edits a location as read: its grid listing and search rows follow; a stale read is a conflict that writes nothing', async () => {
        const { countyId, g1, g2 } = await county();
        const word = `乙${unique()}`;
        const before = locationIn(g1, `${word}东门`);
        await world().store.createLocation(before, audit(countyId, 'location.create', `location:${before.id}`));
        const after: Location = { ...before, name: `${word}综合市场`, gridId: g2.id, gridName: g2.name };
        await world().store.updateLocation(before, after, audit(countyId, 'location.update', `location:${before.id}`, { before, after }));
        expect(await world().store.location(before.id)).toEqual(after);
        expect(await world().store.locationsOfGrid(g1.id)).toEqual([]);
        expect(await world().store.locationsOfGrid(g2.id)).toEqual([after]);
        expect(await world().reads.placesNamed(`${word}东门`)).toEqual([]);
        expect(await world().reads.placesNamed(`${word}综合`)).toEqual([before.id]);

        // Read before the edit: refused.
        expect(await refusal(world().store.updateLocation(before, { ...before, name: `${word}迟到` }, audit(countyId, 'location.update', `location:${before.id}`)))).toBe('admin_conflict');
        const ghost = locationIn(g1, `${word}不存在`);
        expect(await refusal(world().store.updateLocation(ghost, { ...ghost, name: `${word}仍不存在` }, audit(countyId, 'location.update', `location:${ghost.id}`)))).toBe('admin_conflict');
        expect(await world().store.location(before.id)).toEqual(after);
        expect(await world().store.location(ghost.id)).toBeUndefined();
        expect(await world().reads.placesNamed(`${word}迟到`)).toEqual([]);
        expect((await events(countyId)).map((e) => e.action).sort()).toEqual(['location.create', 'location.update']);
      });

      it('edits a location from one longest name to another, with new coordinates and grid, in one change', async () => {
        // Every search row of the old version removed, every one of the new written: still one transaction.
        const { countyId, g1, g2 } = await county();
        const longest = (from: number) => Array.from({ length: 40 }, (_, i) => String.fromCodePoint(0x4e00 + from + i)).join('');
        const before = locationIn(g1, longest(0), { lat: 36.06, lng: 103.83 });
        await world().store.createLocation(before, audit(countyId, 'location.create', `location:${before.id}`));
        const after: Location = { ...before, name: longest(100), gridId: g2.id, gridName: g2.name, lat: 36.5, lng: 103.5 };
        await world().store.updateLocation(before, after, audit(countyId, 'location.update', `location:${before.id}`));
        expect(await world().store.location(before.id)).toEqual(after);
        expect(await world().reads.placesNamed(longest(0).slice(10, 20))).not.toContain(before.id);
        expect(await world().reads.placesNamed(longest(100).slice(10, 20))).toContain(before.id);
        expect((await events(countyId)).map((e) => e.action).sort()).toEqual(['location.create', 'location.update']);
      });
    });

    describe('mediation teams', () => {
      it('creates a team and stops it, each with its audit event; a taken id, a stopped or unknown team is a conflict', async () => {
        const { countyId, street } = await county();
        const team: Mediator = { id: `med-${unique()}`, name: '元大妈工作室', unitId: street.id, unitName: street.name, specialty: '邻里纠纷', contact: '0931-8888123' };
        await world().store.createMediator(countyId, team, audit(countyId, 'mediator.create', `mediator:${team.id}`, { after: team }));
        expect(await world().store.mediators(countyId)).toEqual([team]);
        expect(await refusal(world().store.createMediator(countyId, { ...team, name: '重复' }, audit(countyId, 'mediator.create', `mediator:${team.id}`)))).toBe('admin_conflict');
        // Another county's list is its own.
        expect(await world().store.mediators(`cty-${unique()}`)).toEqual([]);

        await world().store.stopMediator(countyId, team, audit(countyId, 'mediator.deactivate', `mediator:${team.id}`, { before: { disabled: false }, after: { disabled: true } }));
        expect(await world().store.mediators(countyId)).toEqual([{ ...team, disabled: true }]);
        expect(await refusal(world().store.stopMediator(countyId, team, audit(countyId, 'mediator.deactivate', `mediator:${team.id}`)))).toBe('admin_conflict');
        const ghost: Mediator = { ...team, id: `med-${unique()}` };
        expect(await refusal(world().store.stopMediator(countyId, ghost, audit(countyId, 'mediator.deactivate', `mediator:${ghost.id}`)))).toBe('admin_conflict');
        expect(await world().store.mediators(countyId)).toEqual([{ ...team, disabled: true }]);
        // Both events have the same instant: their order in the month is not defined.
        expect((await events(countyId)).sort((a, b) => (a.action < b.action ? -1 : 1))).toEqual([
          { action: 'mediator.create', target: `mediator:${team.id}`, after: team },
          { action: 'mediator.deactivate', target: `mediator:${team.id}`, before: { disabled: false }, after: { disabled: true } },
        ]);
      });
    });
  });
}
