import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { createCalendar } from './calendar.ts';
import {
  CLOCK_LABELS,
  CLOCK_LONG_LABELS,
  CLOCKS,
  ClockSchema,
  clockStatus,
  computeClocks,
  DEFAULT_POLICY,
  describePromise,
  describeRemaining,
  dueCheckpoints,
  extendClock,
  missingCalendarYears,
  nextCheckpoint,
  resolvePolicy,
  restartClock,
  SlaPolicySchema,
  URGENT_POLICY,
  type Clock,
  type Clocks,
  type SlaPolicy,
} from './sla.ts';
import { fromEpochMs, toEpochMs } from './time.ts';

const calendar = createCalendar();
const calendar1730 = createCalendar({ cutoffMinutes: 1050 });

/** PRODUCT.md: received Wed 2026-09-30 10:00 Shanghai. */
const EXAMPLE_T0 = '2026-09-30T02:00:00.000Z';
const example = computeClocks(EXAMPLE_T0, DEFAULT_POLICY, calendar);

describe('computeClocks: PRODUCT.md example (Wed 2026-09-30 10:00, National Day 2026)', () => {
  it('gives all four deadlines and 80 % warnings', () => {
    expect(example).toEqual({
      // 10:30 local.
      respond: { startAt: EXAMPLE_T0, dueAt: '2026-09-30T02:30:00.000Z', warnAt: '2026-09-30T02:24:00.000Z' },
      // Thu Oct 1 10:00 local, a holiday: wall clock.
      classify: { startAt: EXAMPLE_T0, dueAt: '2026-10-01T02:00:00.000Z', warnAt: '2026-09-30T21:12:00.000Z' },
      // End of Tue Oct 13 (Oct 8, 9, 10 make-up Sat, 12, 13); yellow at the end of the 4th working day, Mon Oct 12.
      resolve: { startAt: EXAMPLE_T0, dueAt: '2026-10-13T16:00:00.000Z', warnAt: '2026-10-12T16:00:00.000Z' },
      // End of Tue Oct 20 (… 14, 15, 16, 19, 20); yellow at the end of the 8th, Fri Oct 16.
      followUp: { startAt: EXAMPLE_T0, dueAt: '2026-10-20T16:00:00.000Z', warnAt: '2026-10-16T16:00:00.000Z' },
    });
    expect(missingCalendarYears(example, calendar)).toEqual([]);
  });

  it('with a 17:30 cut-off resolve is due Tue 2026-10-13 17:30 local', () => {
    const clocks = computeClocks(EXAMPLE_T0, DEFAULT_POLICY, calendar1730);
    expect(clocks.resolve.dueAt).toBe('2026-10-13T09:30:00.000Z');
    expect(clocks.followUp.dueAt).toBe('2026-10-20T09:30:00.000Z');
    // The cut-off only sets the deadline hour; it does not change the wall-clock clocks.
    expect(clocks.respond).toEqual(example.respond);
    expect(clocks.classify).toEqual(example.classify);
  });

  it('with a 17:30 cut-off a request received after 17:30 still counts from its own date', () => {
    const clocks = computeClocks('2026-09-30T10:00:00.000Z', DEFAULT_POLICY, calendar1730); // 18:00 local
    expect(clocks.resolve.dueAt).toBe('2026-10-13T09:30:00.000Z');
  });
});

describe('computeClocks: resolve and follow-up over real 2025 and 2026 holidays (24:00 cut-off)', () => {
  it.each([
    ['Spring Festival 2025 (off Jan 28–Feb 4, make-up Sun Jan 26 and Sat Feb 8): Fri Jan 24 10:00', '2025-01-24T02:00:00.000Z', '2025-02-07T16:00:00.000Z', '2025-02-13T16:00:00.000Z'],
    ['Spring Festival 2026 (off Feb 15–23, make-up Sat Feb 14 and Sat Feb 28): Thu Feb 12 10:00', '2026-02-12T02:00:00.000Z', '2026-02-26T16:00:00.000Z', '2026-03-04T16:00:00.000Z'],
    ['National Day 2025 (off Oct 1–8, make-up Sun Sep 28 and Sat Oct 11): Fri Sep 26 10:00', '2025-09-26T02:00:00.000Z', '2025-10-10T16:00:00.000Z', '2025-10-16T16:00:00.000Z'],
    ['received on a holiday, Sat 2026-10-03 15:00: counts as from Sep 30', '2026-10-03T07:00:00.000Z', '2026-10-13T16:00:00.000Z', '2026-10-20T16:00:00.000Z'],
    ['received on a holiday, Wed 2025-10-01 09:00: Oct 9, 10, 11, 13, 14', '2025-10-01T01:00:00.000Z', '2025-10-14T16:00:00.000Z', '2025-10-21T16:00:00.000Z'],
    ['received Thu 2026-10-08 23:59 local: T0’s date is Oct 8', '2026-10-08T15:59:00.000Z', '2026-10-14T16:00:00.000Z', '2026-10-21T16:00:00.000Z'],
    ['received Fri 2026-10-09 00:00 local (16:00Z on Oct 8): T0’s date is Oct 9', '2026-10-08T16:00:00.000Z', '2026-10-15T16:00:00.000Z', '2026-10-22T16:00:00.000Z'],
    ['received Wed 2025-12-31 10:00: into 2026 past New Year (make-up Sun Jan 4)', '2025-12-31T02:00:00.000Z', '2026-01-08T16:00:00.000Z', '2026-01-15T16:00:00.000Z'],
  ])('%s', (_name, t0, resolveDue, followUpDue) => {
    const clocks = computeClocks(t0, DEFAULT_POLICY, calendar);
    expect(clocks.resolve.dueAt).toBe(resolveDue);
    expect(clocks.followUp.dueAt).toBe(followUpDue);
    expect(missingCalendarYears(clocks, calendar)).toEqual([]);
  });

  it('2027 has no data: Wed 2026-12-30 falls back to Monday–Friday and reports 2027', () => {
    const clocks = computeClocks('2026-12-30T02:00:00.000Z', DEFAULT_POLICY, calendar);
    // Dec 31, Jan 1 (counted: the fallback does not know 元旦), Jan 4, 5, 6.
    expect(clocks.resolve.dueAt).toBe('2027-01-06T16:00:00.000Z');
    expect(clocks.followUp.dueAt).toBe('2027-01-13T16:00:00.000Z');
    expect(missingCalendarYears(clocks, calendar)).toEqual([2027]);
  });

  it('a deadline at 24:00 on Dec 31 does not report the next year as missing', () => {
    // Fri 2026-12-25 + 4 working days = Thu Dec 31; 24:00 is 2027-01-01 00:00 local.
    const clocks = computeClocks('2026-12-25T02:00:00.000Z', { ...DEFAULT_POLICY, resolveWorkingDays: 4 }, calendar);
    expect(clocks.resolve.dueAt).toBe('2026-12-31T16:00:00.000Z');
    expect(missingCalendarYears({ resolve: clocks.resolve }, calendar)).toEqual([]);
  });

  it('the urgent policy: 10 min, 60 min, 1 and 3 working days', () => {
    // Wed 2025-09-24 14:00 local: next working days Thu 25, Fri 26, Sun 28 (make-up).
    const clocks = computeClocks('2025-09-24T06:00:00.000Z', URGENT_POLICY, calendar);
    expect(clocks.respond.dueAt).toBe('2025-09-24T06:10:00.000Z');
    expect(clocks.classify.dueAt).toBe('2025-09-24T07:00:00.000Z');
    expect(clocks.resolve.dueAt).toBe('2025-09-25T16:00:00.000Z');
    expect(clocks.followUp.dueAt).toBe('2025-09-28T16:00:00.000Z');
  });
});

describe('respond and classify run on the wall clock, 24×7', () => {
  it.each([
    ['across midnight into a holiday: Wed 2026-09-30 23:45', '2026-09-30T15:45:00.000Z', '2026-09-30T16:15:00.000Z', '2026-10-01T15:45:00.000Z'],
    ['during a holiday: Fri 2026-10-02 09:00', '2026-10-02T01:00:00.000Z', '2026-10-02T01:30:00.000Z', '2026-10-03T01:00:00.000Z'],
    ['on Spring Festival eve 2026: Mon 2026-02-16 22:00', '2026-02-16T14:00:00.000Z', '2026-02-16T14:30:00.000Z', '2026-02-17T14:00:00.000Z'],
    ['across New Year: Wed 2025-12-31 23:50', '2025-12-31T15:50:00.000Z', '2025-12-31T16:20:00.000Z', '2026-01-01T15:50:00.000Z'],
  ])('%s', (_name, t0, respondDue, classifyDue) => {
    const clocks = computeClocks(t0, DEFAULT_POLICY, calendar);
    expect(clocks.respond.dueAt).toBe(respondDue);
    expect(clocks.classify.dueAt).toBe(classifyDue);
    expect(toEpochMs(clocks.respond.warnAt) - toEpochMs(t0)).toBe(24 * 60_000);
    expect(toEpochMs(clocks.classify.warnAt) - toEpochMs(t0)).toBe(1152 * 60_000);
  });

  it('accepts an offset T0 and stores it in canonical UTC form', () => {
    const clocks = computeClocks('2026-09-30T10:00:00+08:00', DEFAULT_POLICY, calendar);
    expect(clocks).toEqual(example);
  });

  it('rounds warnAt down to the second', () => {
    const policy = { ...DEFAULT_POLICY, respondMinutes: 1 };
    // 80 % of 60 s = 48 s after 01:00:00.500 is 01:00:48.500 → 01:00:48.
    expect(computeClocks('2026-03-02T01:00:00.500Z', policy, calendar).respond.warnAt).toBe('2026-03-02T01:00:48.000Z');
    // 80 % of 7 min = 5 min 36 s exactly.
    expect(computeClocks('2026-03-02T01:00:00.000Z', { ...policy, respondMinutes: 7 }, calendar).respond.warnAt).toBe(
      '2026-03-02T01:05:36.000Z',
    );
  });
});

describe('clockStatus: on time, warning at 80 %, breached at the deadline, met or met late', () => {
  const r = example.resolve; // 2026-09-30T02:00Z → 2026-10-13T16:00Z, warn 2026-10-10T22:48Z
  const span = toEpochMs(r.dueAt) - toEpochMs(r.startAt);
  it.each([
    ['just received', {}, '2026-09-30T02:00:00.000Z', 'on_time', span, 0],
    ['one second before the warning', {}, '2026-10-12T15:59:59.000Z', 'on_time', 86_401_000, null],
    ['at the warning (end of the 4th of 5 working days)', {}, '2026-10-12T16:00:00.000Z', 'warning', 86_400_000, null],
    ['last millisecond of Oct 13 local', {}, '2026-10-13T15:59:59.999Z', 'warning', 1, null],
    ['at 24:00 on Oct 13: breached', {}, '2026-10-13T16:00:00.000Z', 'breached', 0, 1],
    ['one day late', {}, '2026-10-14T16:00:00.000Z', 'breached', -86_400_000, null],
    ['met on Oct 12, looked at much later', { metAt: '2026-10-12T03:00:00.000Z' }, '2026-12-01T00:00:00.000Z', 'met', 133_200_000, null],
    ['met at 23:59 on Oct 13 local', { metAt: '2026-10-13T15:59:00.000Z' }, '2026-10-20T00:00:00.000Z', 'met', 60_000, null],
    ['met exactly at the deadline is late (half-open window)', { metAt: '2026-10-13T16:00:00.000Z' }, '2026-10-20T00:00:00.000Z', 'met_late', 0, 1],
    ['met a day late', { metAt: '2026-10-14T16:00:00.000Z' }, '2026-10-20T00:00:00.000Z', 'met_late', -86_400_000, null],
  ] as const)('%s', (_name, patch, now, state, remainingMs, ratio) => {
    const status = clockStatus({ ...r, ...patch }, now);
    expect(status.state).toBe(state);
    expect(status.remainingMs).toBe(remainingMs);
    if (ratio !== null) expect(status.elapsedRatio).toBeCloseTo(ratio, 9);
  });

  it('the elapsed ratio is 0 before the start and exceeds 1 when late', () => {
    expect(clockStatus(r, '2026-09-29T00:00:00.000Z').elapsedRatio).toBe(0);
    expect(clockStatus(r, fromEpochMs(toEpochMs(r.startAt) + span * 1.5)).elapsedRatio).toBeCloseTo(1.5, 9);
  });

  it('recorded cards do not change the state: it is derived from time alone', () => {
    const recorded = { ...r, warnedAt: '2026-10-10T23:00:00.000Z' };
    expect(clockStatus(recorded, '2026-10-01T00:00:00.000Z').state).toBe('on_time');
  });
});

describe('nextCheckpoint: the earliest unrecorded yellow or red card', () => {
  const w = (c: Clock, warnedAt: string): Clock => ({ ...c, warnedAt });
  it.each<[string, Partial<Clocks>, ReturnType<typeof nextCheckpoint>]>([
    ['fresh request: the respond warning', example, { at: '2026-09-30T02:24:00.000Z', clock: 'respond', kind: 'warning' }],
    [
      'respond warning recorded: the respond breach comes next',
      { ...example, respond: w(example.respond, '2026-09-30T02:24:05.000Z') },
      { at: '2026-09-30T02:30:00.000Z', clock: 'respond', kind: 'breach' },
    ],
    [
      'respond met: the classify warning',
      { ...example, respond: { ...example.respond, metAt: '2026-09-30T02:10:00.000Z' } },
      { at: '2026-09-30T21:12:00.000Z', clock: 'classify', kind: 'warning' },
    ],
    [
      'respond breach recorded (warning never recorded): that clock is done',
      { ...example, respond: { ...example.respond, breachedAt: '2026-09-30T02:30:01.000Z' } },
      { at: '2026-09-30T21:12:00.000Z', clock: 'classify', kind: 'warning' },
    ],
    [
      'respond and classify met: the resolve warning on Oct 10',
      {
        ...example,
        respond: { ...example.respond, metAt: '2026-09-30T02:10:00.000Z' },
        classify: { ...example.classify, metAt: '2026-09-30T05:00:00.000Z' },
      },
      { at: '2026-10-12T16:00:00.000Z', clock: 'resolve', kind: 'warning' },
    ],
    [
      'only follow-up left, warned: its breach',
      { followUp: w(example.followUp, '2026-10-16T13:12:30.000Z') },
      { at: '2026-10-20T16:00:00.000Z', clock: 'followUp', kind: 'breach' },
    ],
    ['all met: nothing to watch', Object.fromEntries(CLOCKS.map((n) => [n, { ...example[n], metAt: '2026-10-01T00:00:00.000Z' }])), undefined],
    ['no clocks', {}, undefined],
  ])('%s', (_name, clocks, expected) => {
    expect(nextCheckpoint(clocks)).toEqual(expected);
  });

  it('when warning and breach are both past and unrecorded, the warning comes first', () => {
    // Nothing recorded for respond although it is long overdue (e.g. the sweeper was down).
    const clocks = { respond: example.respond };
    expect(nextCheckpoint(clocks)).toEqual({ at: '2026-09-30T02:24:00.000Z', clock: 'respond', kind: 'warning' });
  });

  it('equal instants are ordered by clock, then warning before breach', () => {
    const due = '2026-10-13T16:00:00.000Z';
    const same: Clock = { startAt: EXAMPLE_T0, dueAt: due, warnAt: due };
    expect(nextCheckpoint({ followUp: same, resolve: same })).toEqual({ at: due, clock: 'resolve', kind: 'warning' });
  });
});

describe('dueCheckpoints: everything the sweeper must record at now, in time order', () => {
  it('a day after T0 with nothing recorded: respond and classify, warning then breach', () => {
    expect(dueCheckpoints(example, '2026-10-01T03:00:00.000Z')).toEqual([
      { at: '2026-09-30T02:24:00.000Z', clock: 'respond', kind: 'warning' },
      { at: '2026-09-30T02:30:00.000Z', clock: 'respond', kind: 'breach' },
      { at: '2026-09-30T21:12:00.000Z', clock: 'classify', kind: 'warning' },
      { at: '2026-10-01T02:00:00.000Z', clock: 'classify', kind: 'breach' },
    ]);
  });

  it('includes a checkpoint exactly at now, not one a millisecond later', () => {
    expect(dueCheckpoints(example, '2026-09-30T02:24:00.000Z')).toEqual([
      { at: '2026-09-30T02:24:00.000Z', clock: 'respond', kind: 'warning' },
    ]);
    expect(dueCheckpoints(example, '2026-09-30T02:23:59.999Z')).toEqual([]);
  });

  it('skips recorded and met clocks and interleaves clocks by time', () => {
    const clocks: Clocks = {
      respond: { ...example.respond, metAt: '2026-09-30T02:05:00.000Z' },
      classify: { ...example.classify, warnedAt: '2026-09-30T21:12:10.000Z', breachedAt: '2026-10-01T02:00:10.000Z' },
      resolve: { ...example.resolve, warnedAt: '2026-10-12T16:00:10.000Z' },
      followUp: example.followUp,
    };
    expect(dueCheckpoints(clocks, '2026-10-17T00:00:00.000Z')).toEqual([
      { at: '2026-10-13T16:00:00.000Z', clock: 'resolve', kind: 'breach' },
      { at: '2026-10-16T16:00:00.000Z', clock: 'followUp', kind: 'warning' },
    ]);
  });

  it('agrees with nextCheckpoint: the first due checkpoint is the next one', () => {
    const now = '2026-10-21T00:00:00.000Z';
    expect(dueCheckpoints(example, now)[0]).toEqual(nextCheckpoint(example));
    expect(dueCheckpoints(example, now)).toHaveLength(8);
  });
});

describe('extendClock: an approved extension moves the working-day deadlines', () => {
  it('resolve, 24:00 cut-off: due Oct 13 24:00 + 3 working days → end of Fri Oct 16 (counting from the 13th, not the 14th)', () => {
    const extended = extendClock(example.resolve, 3, calendar);
    expect(extended).toEqual({
      startAt: EXAMPLE_T0,
      dueAt: '2026-10-16T16:00:00.000Z',
      // 80 % of the 8 working days' time: 6.4 days → 09:36 on the 7th working day, Thu Oct 15.
      warnAt: '2026-10-15T01:36:00.000Z',
      extendedDays: 3,
    });
  });

  it('follow-up moves too: Oct 20 + 3 → end of Fri Oct 23', () => {
    expect(extendClock(example.followUp, 3, calendar).dueAt).toBe('2026-10-23T16:00:00.000Z');
  });

  it('17:30 cut-off: Oct 13 17:30 + 3 → Oct 16 17:30', () => {
    const r = computeClocks(EXAMPLE_T0, DEFAULT_POLICY, calendar1730).resolve;
    expect(extendClock(r, 3, calendar1730).dueAt).toBe('2026-10-16T09:30:00.000Z');
  });

  it('extensions accumulate: +3 then +2 → end of Tue Oct 20, 5 days on the record', () => {
    const twice = extendClock(extendClock(example.resolve, 3, calendar), 2, calendar);
    expect(twice.dueAt).toBe('2026-10-20T16:00:00.000Z');
    expect(twice.extendedDays).toBe(5);
    expect(twice.startAt).toBe(EXAMPLE_T0);
  });

  it('skips National Day 2025: due end of Sun Sep 28 (make-up day) + 3 → Sep 29, 30, Oct 9', () => {
    // Mon 2025-09-22 + 5 working days: 23, 24, 25, 26, Sun 28.
    const r = computeClocks('2025-09-22T02:00:00.000Z', DEFAULT_POLICY, calendar).resolve;
    expect(r.dueAt).toBe('2025-09-28T16:00:00.000Z');
    expect(extendClock(r, 3, calendar).dueAt).toBe('2025-10-09T16:00:00.000Z');
  });

  it('a warning recorded before the new warnAt is cleared, so a new yellow card is due', () => {
    const warned = { ...example.resolve, warnedAt: '2026-10-10T22:48:30.000Z' };
    const extended = extendClock(warned, 3, calendar);
    expect(extended.warnedAt).toBeUndefined();
    expect(nextCheckpoint({ resolve: extended })).toEqual({ at: '2026-10-15T01:36:00.000Z', clock: 'resolve', kind: 'warning' });
  });

  it('a warning recorded at or after the new warnAt still covers the new window and stays', () => {
    const warned = { ...example.resolve, warnedAt: '2026-10-15T02:00:00.000Z' };
    const extended = extendClock(warned, 3, calendar);
    expect(extended.warnedAt).toBe('2026-10-15T02:00:00.000Z');
    expect(nextCheckpoint({ resolve: extended })).toEqual({ at: '2026-10-16T16:00:00.000Z', clock: 'resolve', kind: 'breach' });
  });

  it('a recorded breach stays and the clock gets no new checkpoints', () => {
    const breached = { ...example.resolve, warnedAt: '2026-10-10T22:48:30.000Z', breachedAt: '2026-10-13T16:00:30.000Z' };
    const extended = extendClock(breached, 2, calendar);
    expect(extended.breachedAt).toBe('2026-10-13T16:00:30.000Z');
    expect(extended.dueAt).toBe('2026-10-15T16:00:00.000Z');
    expect(nextCheckpoint({ resolve: extended })).toBeUndefined();
  });

  it.each([0, -1, 2.5])('rejects %s working days', (n) => {
    expect(() => extendClock(example.resolve, n, calendar)).toThrow(RangeError);
  });

  it('refuses to extend a met clock', () => {
    expect(() => extendClock({ ...example.resolve, metAt: '2026-10-09T00:00:00.000Z' }, 3, calendar)).toThrow(RangeError);
  });
});

describe('restartClock: a reopened request gets fresh windows from the reopen time', () => {
  const reopenedAt = '2026-10-16T01:00:00.000Z'; // Fri 09:00 local
  it.each([
    ['resolve: Oct 19–23 → end of Fri Oct 23', 'resolve', '2026-10-23T16:00:00.000Z'],
    ['follow-up: … 26–30 → end of Fri Oct 30', 'followUp', '2026-10-30T16:00:00.000Z'],
    ['respond: 30 minutes later', 'respond', '2026-10-16T01:30:00.000Z'],
  ] as const)('%s', (_name, clock, dueAt) => {
    const restarted = restartClock(clock, reopenedAt, DEFAULT_POLICY, calendar);
    expect(restarted.startAt).toBe(reopenedAt);
    expect(restarted.dueAt).toBe(dueAt);
    expect(Object.keys(restarted).sort()).toEqual(['dueAt', 'startAt', 'warnAt']);
  });

  it('drops the old record fields: met, warned, breached and extended', () => {
    const restarted = restartClock('resolve', reopenedAt, DEFAULT_POLICY, calendar);
    expect(nextCheckpoint({ resolve: restarted })?.kind).toBe('warning');
  });
});

describe('policies', () => {
  it.each<[string, Partial<SlaPolicy> | undefined, SlaPolicy]>([
    ['no override is the default', undefined, { respondMinutes: 30, classifyMinutes: 1440, resolveWorkingDays: 5, followUpWorkingDays: 10 }],
    ['a category overrides one clock', { resolveWorkingDays: 3 }, { respondMinutes: 30, classifyMinutes: 1440, resolveWorkingDays: 3, followUpWorkingDays: 10 }],
    ['undefined entries keep the default', { respondMinutes: undefined, followUpWorkingDays: 15 }, { ...DEFAULT_POLICY, followUpWorkingDays: 15 }],
    ['urgent is a full override', URGENT_POLICY, { respondMinutes: 10, classifyMinutes: 60, resolveWorkingDays: 1, followUpWorkingDays: 3 }],
  ])('resolvePolicy: %s', (_name, override, expected) => {
    expect(resolvePolicy(override)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['zero minutes', { respondMinutes: 0 }],
    ['fractional days', { resolveWorkingDays: 2.5 }],
    ['more than 60 working days to resolve', { resolveWorkingDays: 61, followUpWorkingDays: 90 }],
    ['a misspelt key', { resolveDays: 3 }],
    ['resolve later than follow-up', { resolveWorkingDays: 12 }],
    ['classify sooner than respond', { respondMinutes: 120, classifyMinutes: 60 }],
  ])('resolvePolicy rejects %s', (_name, override) => {
    expect(() => resolvePolicy(override as Partial<SlaPolicy>)).toThrow();
  });

  it('SlaPolicySchema accepts the default and urgent policies', () => {
    expect(SlaPolicySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(SlaPolicySchema.parse(URGENT_POLICY)).toEqual(URGENT_POLICY);
  });

  it.each([
    ['respond', '30分钟内响应联系', '10分钟内响应联系'],
    ['classify', '24小时内分类办理', '1小时内分类办理'],
    ['resolve', '5个工作日内办结反馈', '1个工作日内办结反馈'],
    ['followUp', '10个工作日内跟踪问效', '3个工作日内跟踪问效'],
  ] as const)('describePromise(%s): %s by default, %s when urgent', (clock, normal, urgent) => {
    expect(describePromise(clock, DEFAULT_POLICY)).toBe(normal);
    expect(CLOCK_LONG_LABELS[clock]).toBe(normal);
    expect(describePromise(clock, URGENT_POLICY)).toBe(urgent);
  });

  it('short labels are 响应 / 分类 / 办结 / 回访 in clock order', () => {
    expect(CLOCKS.map((c) => CLOCK_LABELS[c])).toEqual(['响应', '分类', '办结', '回访']);
  });
});

describe('ClockSchema', () => {
  it('accepts computed clocks', () => {
    for (const name of CLOCKS) expect(ClockSchema.parse(example[name])).toEqual(example[name]);
  });

  it.each([
    ['a non-canonical instant', { ...example.resolve, dueAt: '2026-10-13T16:00:00Z' }],
    ['an offset instant', { ...example.resolve, startAt: '2026-09-30T10:00:00.000+08:00' }],
    ['zero extended days', { ...example.resolve, extendedDays: 0 }],
  ])('rejects %s', (_name, value) => {
    expect(ClockSchema.safeParse(value).success).toBe(false);
  });
});

describe('describeRemaining: the countdown text', () => {
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;
  it.each([
    [2 * HOUR + 5 * MIN, '剩余 2 小时 5 分'],
    [2 * HOUR + 5 * MIN + 59_999, '剩余 2 小时 5 分'],
    [-(DAY + 3 * HOUR), '已超时 1 天 3 小时'],
    [-(DAY + 3 * HOUR + 59 * MIN), '已超时 1 天 3 小时'],
    [4 * DAY + 20 * HOUR, '剩余 4 天 20 小时'],
    [DAY, '剩余 1 天'],
    [3 * HOUR, '剩余 3 小时'],
    [29 * MIN, '剩余 29 分'],
    [59_999, '剩余不足 1 分'],
    [0, '已超时不足 1 分'],
    [-1, '已超时不足 1 分'],
    [-5 * MIN, '已超时 5 分'],
  ])('%i ms → %s', (ms, text) => {
    expect(describeRemaining(ms)).toBe(text);
  });

  it('describes the example’s resolve countdown on Oct 12 00:00 local', () => {
    const { remainingMs } = clockStatus(example.resolve, '2026-10-11T16:00:00.000Z');
    expect(describeRemaining(remainingMs)).toBe('剩余 2 天');
  });
});

describe('properties over 2025–2026', () => {
  const t0Arb = fc.integer({ min: toEpochMs('2025-01-01T00:00:00.000+08:00'), max: toEpochMs('2026-12-31T23:59:59.999+08:00') });
  const policyArb = fc
    .record({
      respondMinutes: fc.integer({ min: 1, max: 1440 }),
      classifyMinutes: fc.integer({ min: 1, max: 10_080 }),
      resolveWorkingDays: fc.integer({ min: 1, max: 60 }),
      followUpWorkingDays: fc.integer({ min: 1, max: 90 }),
    })
    .filter((p) => SlaPolicySchema.safeParse(p).success);
  const calendars = [calendar, calendar1730, createCalendar({ cutoffMinutes: 60 }), createCalendar({ cutoffMinutes: 480 })];

  it('computeClocks always gives startAt < warnAt < dueAt, for any policy and cut-off', () => {
    fc.assert(
      fc.property(t0Arb, policyArb, fc.constantFrom(...calendars), (ms, policy, cal) => {
        const clocks = computeClocks(fromEpochMs(ms), policy, cal);
        for (const name of CLOCKS) {
          const c = clocks[name];
          expect(toEpochMs(c.startAt)).toBeLessThan(toEpochMs(c.warnAt));
          expect(toEpochMs(c.warnAt)).toBeLessThan(toEpochMs(c.dueAt));
          expect(ClockSchema.safeParse(c).success).toBe(true);
        }
        expect(clocks.resolve.dueAt <= clocks.followUp.dueAt).toBe(true);
        // Nothing is recorded yet, so the next checkpoint is the earliest warning.
        const earliestWarn = Math.min(...CLOCKS.map((n) => toEpochMs(clocks[n].warnAt)));
        expect(nextCheckpoint(clocks)).toMatchObject({ at: fromEpochMs(earliestWarn), kind: 'warning' });
      }),
      { numRuns: 500 },
    );
  });

  it('extending never brings a deadline forward and keeps startAt < warnAt < dueAt', () => {
    fc.assert(
      fc.property(t0Arb, fc.integer({ min: 1, max: 30 }), fc.constantFrom(...calendars), (ms, n, cal) => {
        const r = computeClocks(fromEpochMs(ms), DEFAULT_POLICY, cal).resolve;
        const e = extendClock(r, n, cal);
        expect(e.dueAt > r.dueAt).toBe(true);
        expect(e.warnAt >= r.warnAt).toBe(true);
        expect(cal.countWorkingDays(cal.deadlineDateOf(r.dueAt), cal.deadlineDateOf(e.dueAt))).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});
