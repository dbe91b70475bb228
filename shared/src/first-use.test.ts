import { describe, expect, it } from 'vitest';
import { canRevealForFollowUp, commandUnits, dispatchTargetAllowed, inCommandScope, noteVisibleToResident, statusLabelOf } from './first-use.ts';
import type { Unit } from './org.ts';

describe('status words people use', () => {
  it.each([
    [{ status: 'closed', rating: 'satisfied' }, '已评价'],
    [{ status: 'closed', followUpResult: 'satisfied' }, '已回访'],
    [{ status: 'closed', rating: 'unsatisfied', followUpResult: 'satisfied' }, '已回访'],
    [{ status: 'reopened' }, '重新办理'],
    [{ status: 'resolved' }, '已办结'],
  ] as const)('%o reads %s', (ticket, label) => {
    expect(statusLabelOf(ticket)).toBe(label);
  });
});

describe('which notes reach the resident', () => {
  it.each([
    [{ type: 'dispatched', data: { unitId: 'x' } }, false],
    [{ type: 'returned', data: {} }, false],
    [{ type: 'urged' }, false],
    [{ type: 'followed_up', data: { result: 'satisfied' } }, false],
    [{ type: 'responded', data: { via: 'call' } }, false],
    [{ type: 'responded', data: { via: 'message' } }, true],
    [{ type: 'dispatched', data: { unitId: 'x', forResident: true } }, true],
    [{ type: 'resolved' }, true],
    [{ type: 'rejected' }, true],
    [{ type: 'rated' }, true],
    [{ type: 'reopened' }, true],
  ] as const)('%o → %s', (event, shown) => {
    expect(noteVisibleToResident(event)).toBe(shown);
  });
});

describe('which unit may issue a command', () => {
  const unit = (id: string, path: string[]): Unit => ({ id, name: id, kind: 'street', path, parentId: path.at(-2) }) as Unit;
  const units = new Map<string, Unit>([
    ['county', unit('county', ['county'])],
    ['gaolanlu', unit('gaolanlu', ['county', 'gaolanlu'])],
    ['zhangyelu', unit('zhangyelu', ['county', 'zhangyelu'])],
    ['dept', unit('dept', ['county', 'dept'])],
  ]);
  const dispatched = { currentUnitId: 'dept', coordinatorUnitId: 'gaolanlu' };
  it('the office that coordinates a dispatched request may record its return visit, nothing else', () => {
    expect(commandUnits(dispatched, 'follow_up')).toEqual(['dept', 'gaolanlu']);
    expect(inCommandScope(dispatched, 'follow_up', 'gaolanlu', units)).toBe(true);
    expect(inCommandScope(dispatched, 'resolve', 'gaolanlu', units)).toBe(false);
    expect(inCommandScope(dispatched, 'follow_up', 'zhangyelu', units)).toBe(false);
    expect(inCommandScope(dispatched, 'resolve', 'dept', units)).toBe(true);
    expect(inCommandScope(dispatched, 'follow_up', 'county', units)).toBe(true);
    expect(inCommandScope(dispatched, 'follow_up', undefined, units)).toBe(false);
  });
});

describe('where a unit may dispatch', () => {
  const u = (id: string, kind: Unit['kind'], path: string[]) => ({ id, kind, path, parentId: path.at(-2) });
  const gaolanlu = u('gaolanlu', 'street', ['chengguan', 'gaolanlu']);
  const county = u('chengguan', 'county', ['chengguan']);
  it.each([
    ['a department of its district', u('dept-zhujian', 'department', ['chengguan', 'dept-zhujian']), gaolanlu, true],
    ['its own community', u('gll-dongjie', 'community', ['chengguan', 'gaolanlu', 'gll-dongjie']), gaolanlu, true],
    ['another street’s community', u('zyl-jinta', 'community', ['chengguan', 'zhangyelu', 'zyl-jinta']), gaolanlu, false],
    ['another street', u('zhangyelu', 'street', ['chengguan', 'zhangyelu']), gaolanlu, false],
    ['its own county', county, gaolanlu, false],
    ['a department of another district', u('dept-x', 'department', ['qilihe', 'dept-x']), gaolanlu, false],
    ['the county down to a street', u('zhangyelu', 'street', ['chengguan', 'zhangyelu']), county, true],
  ] as const)('%s → %s', (_name, target, from, ok) => {
    expect(dispatchTargetAllowed(target, from)).toBe(ok);
  });
});

describe('who may call the resident for the return visit', () => {
  const resolved = {
    status: 'resolved' as const,
    phone: '13912345678',
    coordinatorUnitId: 'gaolanlu',
    currentUnitId: 'dept-zhujian',
    followUpResult: undefined,
    coordinatorAssignee: { id: 'gll-handler', unitId: 'gaolanlu' },
  };
  const handler = (id: string, unitId: string) => ({ id, role: 'handler' as const, unitId });
  it.each([
    ['the office’s 承办人 once the department resolved it', resolved, handler('gll-handler', 'gaolanlu'), true],
    ['another handler of the office while it has a 承办人', resolved, handler('gll-other', 'gaolanlu'), false],
    ['any handler of the office when nobody took it before the dispatch', { ...resolved, coordinatorAssignee: undefined }, handler('gll-other', 'gaolanlu'), true],
    ['the office after the resident rated (no 回访 yet)', { ...resolved, status: 'closed' as const }, handler('gll-handler', 'gaolanlu'), true],
    ['the office after its 回访', { ...resolved, status: 'closed' as const, followUpResult: 'satisfied' as const }, handler('gll-handler', 'gaolanlu'), false],
    ['the office while the department still works on it', { ...resolved, status: 'accepted' as const }, handler('gll-handler', 'gaolanlu'), false],
    ['another street', resolved, handler('zyl-handler', 'zhangyelu'), false],
    ['a request without a phone', { ...resolved, phone: undefined }, handler('gll-handler', 'gaolanlu'), false],
  ] as const)('%s → %s', (_name, ticket, actor, ok) => {
    expect(canRevealForFollowUp(ticket, actor)).toBe(ok);
  });
});
