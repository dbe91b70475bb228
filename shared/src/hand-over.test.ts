import { describe, expect, it } from 'vitest';
import { alertRecipients } from './alerts.ts';
import { createCalendar } from './calendar.ts';
import { AppError } from './errors.ts';
import type { Actor } from './org.ts';
import { addMinutes } from './time.ts';
import { decide } from './commands/decide.ts';
import { allowedCommands, CommandSchema, mayHandOver, type Command, type DecideContext, type HandOverTarget, type Ticket } from './ticket.ts';
import { openedTicket } from './commands/opened.fixtures.ts';

/**
 * 转交: the 承办人 (or a supervisor of the unit) hands a request to a colleague of the same
 * unit with a note. Table-driven over holder, actor, target and status.
 */

const calendar = createCalendar();
const T0 = '2026-11-18T02:00:00.000Z';
const at = (m: number) => addMinutes(T0, m);
const OFFICE = 'street-1';

const wang: Actor = { id: 'wang', role: 'handler', unitId: OFFICE, name: '王芳' };
const li: Actor = { id: 'li', role: 'handler', unitId: OFFICE, name: '李明' };
const boss: Actor = { id: 'boss', role: 'supervisor', unitId: OFFICE, name: '李强' };
const grid: Actor = { id: 'grid', role: 'grid_worker', unitId: OFFICE, name: '马超' };

const colleague: HandOverTarget = { id: 'zhang', name: '张伟', unitId: OFFICE, roles: ['handler'] };

const opened = (): Ticket => openedTicket('T-9', T0, calendar);

const ctx = (handOverTo?: HandOverTarget): DecideContext => ({ calendar, handOverTo });
const handOver = (toStaffId = 'zhang', note = '我明天休假，请接手'): Command => ({ type: 'hand_over', toStaffId, note });
/** A request王芳 holds (she made the first contact). */
const heldByWang = (): Ticket => decide(opened(), { type: 'respond', via: 'call' }, wang, at(5), ctx()).ticket;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return undefined;
}

describe('转交 (hand_over)', () => {
  const cases: Array<{ name: string; ticket: () => Ticket; actor: Actor; target?: HandOverTarget; command?: Command; code?: string }> = [
    { name: 'the 承办人 hands it to a handler of the same unit', ticket: heldByWang, actor: wang, target: colleague },
    { name: 'a supervisor of the unit reassigns it', ticket: heldByWang, actor: boss, target: colleague },
    { name: 'a supervisor assigns a request nobody holds yet', ticket: opened, actor: boss, target: colleague },
    { name: 'to a supervisor of the unit', ticket: heldByWang, actor: wang, target: { ...colleague, id: 'boss2', roles: ['supervisor'] } },
    { name: 'another handler who does not hold it: FORBIDDEN', ticket: heldByWang, actor: li, target: colleague, code: 'FORBIDDEN' },
    { name: 'a handler when nobody holds it: FORBIDDEN (take it by contacting first)', ticket: opened, actor: wang, target: colleague, code: 'FORBIDDEN' },
    { name: 'a grid worker: FORBIDDEN', ticket: heldByWang, actor: grid, target: colleague, code: 'FORBIDDEN' },
    { name: 'a resident: FORBIDDEN', ticket: heldByWang, actor: { id: 'res-1', role: 'resident' }, target: colleague, code: 'FORBIDDEN' },
    { name: 'to somebody of another unit: FORBIDDEN', ticket: heldByWang, actor: wang, target: { ...colleague, unitId: 'street-2' }, code: 'FORBIDDEN' },
    { name: 'to a deactivated account: VALIDATION_FAILED', ticket: heldByWang, actor: wang, target: { ...colleague, disabled: true }, code: 'VALIDATION_FAILED' },
    { name: 'to a grid worker (does not handle requests): VALIDATION_FAILED', ticket: heldByWang, actor: wang, target: { ...colleague, roles: ['grid_worker'] }, code: 'VALIDATION_FAILED' },
    { name: 'to the 承办人 himself: VALIDATION_FAILED', ticket: heldByWang, actor: wang, target: { ...colleague, id: 'wang' }, command: handOver('wang'), code: 'VALIDATION_FAILED' },
    { name: 'to an unknown account: NOT_FOUND', ticket: heldByWang, actor: wang, target: undefined, code: 'NOT_FOUND' },
    {
      name: 'a resolved request: WRONG_STATE',
      ticket: () => decide(heldByWang(), { type: 'resolve', feedback: '已清运完毕并消毒' }, wang, at(60), ctx()).ticket,
      actor: wang,
      target: colleague,
      code: 'WRONG_STATE',
    },
  ];

  it.each(cases)('$name', ({ ticket, actor, target, command, code }) => {
    const before = ticket();
    const snapshot = structuredClone(before);
    const run = () => decide(before, command ?? handOver(target?.id), actor, at(30), ctx(target));
    if (code) {
      expect(codeOf(run)).toBe(code);
      expect(before).toEqual(snapshot);
      return;
    }
    const d = run();
    expect(d.ticket.status).toBe(before.status);
    expect(d.ticket.assignee).toEqual({ id: target!.id, name: target!.name, unitId: OFFICE });
    expect(d.ticket.currentUnitId).toBe(before.currentUnitId);
    expect(d.ticket.clocks).toEqual(before.clocks);
    expect(d.ticket.version).toBe(before.version + 1);
    expect(d.events).toEqual([
      expect.objectContaining({
        type: 'handed_over',
        note: '我明天休假，请接手',
        data: expect.objectContaining({ toStaffId: target!.id, toStaffName: target!.name, ...(before.assignee ? { fromStaffId: before.assignee.id } : {}) }),
      }),
    ]);
    // The new 承办人 is alerted through the outbox; the resident hears nothing.
    expect(d.effects).toEqual([expect.objectContaining({ audience: 'handlers', unitId: OFFICE, alert: 'handed_over' })]);
    expect(before).toEqual(snapshot);
  });

  it('needs a note of two characters or more and a colleague', () => {
    expect(CommandSchema.safeParse({ type: 'hand_over', toStaffId: 'zhang', note: '交' }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: 'hand_over', toStaffId: '', note: '请接手' }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: 'hand_over', toStaffId: 'zhang', note: '请接手' }).success).toBe(true);
  });

  it('is offered to handlers and supervisors while the request is worked; only its holder or a supervisor may use it', () => {
    const t = heldByWang();
    expect(allowedCommands(t, 'handler')).toContain('hand_over');
    expect(allowedCommands(t, 'grid_worker')).not.toContain('hand_over');
    expect(mayHandOver(t, wang)).toBe(true);
    expect(mayHandOver(t, li)).toBe(false);
    expect(mayHandOver(t, boss)).toBe(true);
  });

  it('after the hand-over the new 承办人 holds it: the old one may not hand it on, the new one may', () => {
    const moved = decide(heldByWang(), handOver(), wang, at(30), ctx(colleague)).ticket;
    const zhang: Actor = { id: 'zhang', role: 'handler', unitId: OFFICE, name: '张伟' };
    expect(codeOf(() => decide(moved, handOver('li'), wang, at(40), ctx({ ...colleague, id: 'li', name: '李明' })))).toBe('FORBIDDEN');
    const back = decide(moved, handOver('wang', '已处理完我这部分，交回'), zhang, at(40), ctx({ ...colleague, id: 'wang', name: '王芳' }));
    expect(back.ticket.assignee?.id).toBe('wang');
  });

  it('the alert goes to the holder: the new 承办人', () => {
    expect(alertRecipients('handed_over', { assigneeId: 'zhang', onDuty: ['wang'], staff: [{ id: 'wang', name: '王芳', roles: ['handler'] }, { id: 'zhang', name: '张伟', roles: ['handler'] }] })).toEqual(['zhang']);
  });
});
