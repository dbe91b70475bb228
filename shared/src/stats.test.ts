import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';
import type { Actor } from './org.ts';
import { computeClocks, DEFAULT_POLICY } from './sla.ts';
import { contribution, rates, statDeltas, sumCounters, type Counters, type StatDelta } from './stats.ts';
import { decide } from './commands/decide.ts';
import { openTicket, type Command, type Ticket } from './ticket.ts';
import { addMinutes } from './time.ts';

const calendar = createCalendar();
const resident: Actor = { id: 'r1', role: 'resident' };
const handler: Actor = { id: 'h1', role: 'handler', unitId: 'street' };
const dept: Actor = { id: 'd1', role: 'handler', unitId: 'dept' };
const supervisor: Actor = { id: 's1', role: 'supervisor', unitId: 'county' };
const system: Actor = { id: 'sweeper', role: 'system' };
const ctx = { calendar, categoryPolicy: () => DEFAULT_POLICY, parentUnitId: 'county' };

function fresh(t0 = '2026-09-30T02:00:00.000Z'): Ticket {
  return openTicket(
    {
      id: 'T1',
      channel: 'qr',
      categoryCode: 'property',
      description: '电梯坏了',
      anonymous: false,
      residentId: 'r1',
      urgent: false,
      locationName: '西街小区',
      coordinatorUnitId: 'street',
      receivedAt: t0,
      policy: DEFAULT_POLICY,
      clocks: computeClocks(t0, DEFAULT_POLICY, calendar),
      photos: [],
    },
    resident,
  ).ticket;
}

/** Applies the deltas of each step to a running table, as the store does. */
function replay(steps: Array<[Actor, Command, string]>, start = fresh()): { ticket: Ticket; table: Map<string, Counters> } {
  const table = new Map<string, Counters>();
  const apply = (ds: StatDelta[]) => {
    for (const d of ds) {
      const k = `${d.role}|${d.unitId}|${d.day}|${d.categoryCode}`;
      const row = table.get(k) ?? {};
      for (const [c, v] of Object.entries(d.counters) as [keyof Counters, number][]) row[c] = (row[c] ?? 0) + v;
      table.set(k, row);
    }
  };
  apply(statDeltas(undefined, start));
  let t = start;
  for (const [actor, cmd, at] of steps) {
    const next = decide(t, cmd, actor, at, ctx).ticket;
    apply(statDeltas(t, next));
    t = next;
  }
  return { ticket: t, table };
}

describe('report counters', () => {
  it('counts a request resolved on time and rated satisfied, in its day of receipt and for the handling department', () => {
    const { table } = replay([
      [handler, { type: 'respond', via: 'call' }, '2026-09-30T02:10:00.000Z'],
      [handler, { type: 'dispatch', unitId: 'dept' }, '2026-09-30T03:00:00.000Z'],
      [dept, { type: 'accept' }, '2026-09-30T04:00:00.000Z'],
      [dept, { type: 'resolve', feedback: '已更换电梯主板' }, '2026-10-12T04:00:00.000Z'],
      [resident, { type: 'rate', rating: 'satisfied' }, '2026-10-12T06:00:00.000Z'],
    ]);
    const origin = sumCounters([table.get('origin|street|2026-09-30|property')!]);
    expect(origin).toMatchObject({ received: 1, respondedOnTime: 1, classifiedOnTime: 1, resolved: 1, resolvedOnTime: 1, followedUpOnTime: 1, rated: 1, satisfied: 1, openBreached: 0 });
    expect(sumCounters([table.get('handling|dept|2026-09-30|property')!])).toMatchObject({ dispatched: 1, resolved: 1, resolvedOnTime: 1 });
  });

  it('counts a late response, a breach that is open and then closed, a reopening and an extension', () => {
    const { table, ticket } = replay([
      [system, { type: 'record_checkpoint', clock: 'respond', kind: 'warning' }, '2026-09-30T02:24:00.000Z'],
      [system, { type: 'record_checkpoint', clock: 'respond', kind: 'breach' }, '2026-09-30T02:30:00.000Z'],
      [handler, { type: 'respond', via: 'call' }, '2026-09-30T03:00:00.000Z'],
      [handler, { type: 'request_extension', workingDays: 2, reason: '需要协调' }, '2026-10-09T03:00:00.000Z'],
      [supervisor, { type: 'decide_extension', approve: true }, '2026-10-09T04:00:00.000Z'],
      [handler, { type: 'resolve', feedback: '已协调物业维修' }, '2026-10-14T04:00:00.000Z'],
      [resident, { type: 'reopen', reason: '又坏了' }, '2026-10-15T04:00:00.000Z'],
    ]);
    expect(ticket.status).toBe('reopened');
    const origin = sumCounters([table.get('origin|street|2026-09-30|property')!]);
    // The first resolve window (met on time within the extension) stays counted after the reopening; the new one runs.
    expect(origin).toMatchObject({ received: 1, responded: 1, respondedOnTime: 0, breachRespond: 1, openBreached: 0, resolved: 1, resolvedOnTime: 1, resolveEnded: 1, reopened: 1, extended: 1 });
  });

  it('a request resolved late and then reopened still counts its resolution and its first breach', () => {
    const { table, ticket } = replay([
      [handler, { type: 'respond', via: 'call' }, '2026-09-30T02:10:00.000Z'],
      // Resolve due at the end of Tue Oct 13; the red card is recorded, then it is resolved late.
      [system, { type: 'record_checkpoint', clock: 'resolve', kind: 'warning' }, '2026-10-12T16:00:00.000Z'],
      [system, { type: 'record_checkpoint', clock: 'resolve', kind: 'breach' }, '2026-10-13T16:00:30.000Z'],
      [handler, { type: 'resolve', feedback: '已协调物业维修' }, '2026-10-14T04:00:00.000Z'],
      [resident, { type: 'reopen', reason: '又坏了' }, '2026-10-15T04:00:00.000Z'],
    ]);
    expect(ticket.pastWindows?.find((w) => w.clock === 'resolve')).toMatchObject({ outcome: 'met_late', breachedAt: '2026-10-13T16:00:30.000Z' });
    const origin = sumCounters([table.get('origin|street|2026-09-30|property')!]);
    expect(origin).toMatchObject({ resolved: 1, resolvedOnTime: 0, breachResolve: 1, resolveEnded: 1, reopened: 1 });
    expect(rates(origin).resolveOnTimeRate).toBe(0);
  });

  it('a follow-up window overdue when the request is reopened counts as breached even before the sweeper saw it', () => {
    const { table } = replay([
      [handler, { type: 'respond', via: 'call' }, '2026-09-30T02:10:00.000Z'],
      [handler, { type: 'resolve', feedback: '已处理' }, '2026-10-09T04:00:00.000Z'],
      // Follow-up was due at the end of Oct 20; the resident reopens on Oct 22.
      [resident, { type: 'reopen', reason: '又坏了' }, '2026-10-22T04:00:00.000Z'],
    ]);
    expect(sumCounters([table.get('origin|street|2026-09-30|property')!])).toMatchObject({ breachFollowUp: 1, followUpEnded: 1, resolvedOnTime: 1 });
  });

  it('a request still inside its 30 minutes does not count against the response rate', () => {
    const { table } = replay([]);
    const origin = sumCounters([table.get('origin|street|2026-09-30|property')!]);
    expect(origin).toMatchObject({ received: 1, respondEnded: 0 });
    expect(rates(origin).responseRate).toBeNull();
    const late = replay([[system, { type: 'record_checkpoint', clock: 'respond', kind: 'breach' }, '2026-09-30T02:30:00.000Z']]).table;
    expect(rates(sumCounters([late.get('origin|street|2026-09-30|property')!])).responseRate).toBe(0);
  });

  it('keeps an open breach counted until the clock is met', () => {
    const { table } = replay([[system, { type: 'record_checkpoint', clock: 'respond', kind: 'warning' }, '2026-09-30T02:24:00.000Z'], [system, { type: 'record_checkpoint', clock: 'respond', kind: 'breach' }, '2026-09-30T02:30:00.000Z']]);
    expect(sumCounters([table.get('origin|street|2026-09-30|property')!])).toMatchObject({ openBreached: 1, breachRespond: 1 });
  });

  it('moves the counts to the new category when a dispatch re-classifies', () => {
    const { table } = replay([[handler, { type: 'dispatch', unitId: 'dept', categoryCode: 'housing' }, '2026-09-30T03:00:00.000Z']]);
    expect(sumCounters([table.get('origin|street|2026-09-30|property') ?? {}]).received).toBe(0);
    expect(table.get('origin|street|2026-09-30|housing')).toMatchObject({ received: 1, classifiedOnTime: 1 });
  });

  it('satisfaction prefers the resident’s own rating and falls back on the return visit’s result', () => {
    const base = fresh();
    const sat = (t: typeof base) => [...contribution(t).values()].find((r) => r.role === 'origin')!.counters;
    expect(sat({ ...base, followUpResult: 'unsatisfied' })).toMatchObject({ rated: 1, unsatisfied: 1 });
    expect(sat({ ...base, followUpResult: 'unsatisfied', rating: 'satisfied' })).toMatchObject({ rated: 1, satisfied: 1 });
    expect(sat({ ...base, followUpResult: 'unsatisfied', rating: 'satisfied' }).unsatisfied ?? 0).toBe(0);
  });

  it('always equals the contribution of the final state, whatever the sequence of commands (the scan baseline)', () => {
    const commands: Array<[Actor, Command]> = [
      [handler, { type: 'respond', via: 'call' }],
      [handler, { type: 'dispatch', unitId: 'dept' }],
      [handler, { type: 'dispatch', unitId: 'dept2', categoryCode: 'housing' }],
      [dept, { type: 'accept' }],
      [dept, { type: 'return', reason: '不属于本部门' }],
      [handler, { type: 'escalate', reason: '需要上级协调' }],
      [dept, { type: 'resolve', feedback: '已处理完毕' }],
      [handler, { type: 'resolve', feedback: '已处理完毕' }],
      [resident, { type: 'rate', rating: 'unsatisfied' }],
      [resident, { type: 'rate', rating: 'basic' }],
      [resident, { type: 'reopen', reason: '没有解决' }],
      [handler, { type: 'follow_up', result: 'satisfied' }],
      [handler, { type: 'reject', reason: '不属于受理范围' }],
      [handler, { type: 'request_extension', workingDays: 3, reason: '需要协调' }],
      [supervisor, { type: 'decide_extension', approve: true }],
      [system, { type: 'record_checkpoint', clock: 'respond', kind: 'warning' }],
      [system, { type: 'record_checkpoint', clock: 'respond', kind: 'breach' }],
      [system, { type: 'record_checkpoint', clock: 'classify', kind: 'warning' }],
      [system, { type: 'record_checkpoint', clock: 'classify', kind: 'breach' }],
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(commands.length - 1), fc.integer({ min: 1, max: 6000 })), { maxLength: 25 }), (plan) => {
        let t = fresh();
        const deltas: StatDelta[] = [...statDeltas(undefined, t)];
        let at = t.receivedAt;
        for (const [i, minutes] of plan) {
          at = addMinutes(at, minutes);
          const [actor, cmd] = commands[i]!;
          // The department actor works whichever unit the ticket is at; scoping is not the point here.
          try {
            const next = decide(t, cmd, actor, at, ctx).ticket;
            deltas.push(...statDeltas(t, next));
            t = next;
          } catch {
            // refused commands change nothing
          }
        }
        const summed = new Map<string, Required<Counters>>();
        for (const d of deltas) {
          const k = `${d.role}|${d.unitId}|${d.day}|${d.categoryCode}`;
          summed.set(k, sumCounters([summed.get(k) ?? {}, d.counters]));
        }
        const expected = contribution(t);
        for (const [k, row] of summed) expect(row).toEqual(sumCounters([expected.get(k)?.counters ?? {}]));
        for (const k of expected.keys()) expect(summed.has(k)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rates', () => {
  it('computes the 12345 rates from hand-counted totals', () => {
    // 10 received, 2 of them still inside their response window: the rates divide by the windows that ended.
    const t = sumCounters([
      { received: 10, respondedOnTime: 8, respondEnded: 8, classifiedOnTime: 8, classifyEnded: 8, resolved: 8, resolvedOnTime: 7, resolveEnded: 8, followedUpOnTime: 6, followUpEnded: 8 },
      { rated: 5, satisfied: 3, basic: 1, unsatisfied: 1, rejected: 2 },
    ]);
    const r = rates(t);
    expect(r).toEqual({ responseRate: 1, classifyRate: 1, resolveRate: 1, resolveOnTimeRate: 7 / 8, followUpRate: 6 / 8, satisfactionRate: 0.8 });
  });

  it('gives no rate when nothing was received', () => {
    const r = rates(sumCounters([]));
    expect(r.responseRate).toBeNull();
  });
});
