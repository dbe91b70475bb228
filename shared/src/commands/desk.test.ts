import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../org.ts';
import { allowedCommands, CommandSchema, type Ticket } from '../ticket.ts';
import { addMinutes } from '../time.ts';
import { decide } from './decide.ts';
import { callerJoin } from './desk.ts';
import { resolve, respond } from './working.ts';
import { openedTicket } from './opened.fixtures.ts';

/** 来电附议: the operator desk adds a phone caller to an open request, like a resident's 我也遇到. */
const calendar = createCalendar();
const T0 = '2026-11-18T02:00:00.000Z';
const OFFICE = 'street-1';
const operator: Actor = { id: 'desk-operator', role: 'operator', unitId: 'county', name: '刘静' };
const wang: Actor = { id: 'wang', role: 'handler', unitId: OFFICE, name: '王芳' };

const opened = (): Ticket => openedTicket('2611180000001', T0, calendar);

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
};

describe('caller_join (来电附议)', () => {
  it('counts the caller like a resident who joined, records the channel and work order, and keeps the status and clocks', () => {
    const t = respond(opened(), { type: 'respond', via: 'call' }, { calendar, actor: wang, now: addMinutes(T0, 5) }).ticket;
    const now = addMinutes(T0, 60);
    const d = decide(t, { type: 'caller_join', channel: 'hotline_12345', workOrderNo: 'GS2026113000123', note: '来电人也住在东岗路' }, operator, now, { calendar });
    expect(d.ticket.followerCount).toBe(t.followerCount + 1);
    expect(d.ticket.status).toBe('responded');
    expect(d.ticket.clocks).toEqual(t.clocks);
    expect(d.ticket.assignee).toEqual(t.assignee);
    expect(d.ticket.version).toBe(t.version + 1);
    expect(d.events).toEqual([
      {
        type: 'joined',
        at: now,
        actor: operator,
        from: 'responded',
        to: 'responded',
        note: '来电人也住在东岗路',
        data: { followerCount: t.followerCount + 1, channel: 'hotline_12345', channelLabel: '12345热线', workOrderNo: 'GS2026113000123' },
      },
    ]);
    expect(d.effects).toEqual([]);
    // A second caller counts again.
    const again = callerJoin(d.ticket, { type: 'caller_join', channel: 'visit' }, { calendar, actor: operator, now });
    expect(again.ticket.followerCount).toBe(t.followerCount + 2);
    expect(again.events[0]!.data).toEqual({ followerCount: t.followerCount + 2, channel: 'visit', channelLabel: '来访' });
  });

  it('only the desk offers it, and only while the request is open', () => {
    const t = opened();
    expect(allowedCommands(t, 'operator')).toEqual(['caller_join']);
    expect(allowedCommands(t, 'handler')).not.toContain('caller_join');
    expect(refusal(() => decide(t, { type: 'caller_join', channel: 'police_110' }, wang, T0, { calendar })).code).toBe('FORBIDDEN');
    expect(refusal(() => decide(t, { type: 'caller_join', channel: 'police_110' }, { id: 'res-2', role: 'resident' }, T0, { calendar })).code).toBe('FORBIDDEN');
    const done = resolve(respond(t, { type: 'respond', via: 'call' }, { calendar, actor: wang, now: T0 }).ticket, { type: 'resolve', feedback: '垃圾已清运完毕' }, { calendar, actor: wang, now: T0 }).ticket;
    expect(allowedCommands(done, 'operator')).toEqual([]);
    const refused = refusal(() => decide(done, { type: 'caller_join', channel: 'hotline_12345' }, operator, T0, { calendar }));
    expect(refused.code).toBe('WRONG_STATE');
    expect(refused.message).toContain('不能来电附议');
  });

  it('the channel is one of the desk’s, the work-order number well formed; no phone field exists', () => {
    expect(CommandSchema.safeParse({ type: 'caller_join', channel: 'qr' }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: 'caller_join' }).success).toBe(false);
    const bad = CommandSchema.safeParse({ type: 'caller_join', channel: 'hotline_12345', workOrderNo: '工单1' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('工单编号为4至32位字母、数字或“-”');
    const withPhone = CommandSchema.parse({ type: 'caller_join', channel: 'hotline_12345', phone: '13893112345' });
    expect(withPhone).toEqual({ type: 'caller_join', channel: 'hotline_12345' });
  });
});
