/**
 * Time limits (时限): the four clocks every request carries, their deadlines, the
 * yellow card (黄牌, 80 % of a window elapsed) and the red card (红牌, window passed).
 *
 * Pure: `now`, the policy and the calendar are always arguments; nothing here reads
 * the system clock.
 *
 * Windows are half-open, [startAt, dueAt): a clock met at `dueAt` or later is late,
 * and an unmet clock is breached from the instant `dueAt` is reached. With the
 * default 24:00 cut-off, "end of Tue 2026-10-13" is `2026-10-13T16:00:00.000Z`, so
 * anything done on Oct 13 local time is on time.
 */
import * as z from 'zod/mini';
import type { WorkCalendar } from './calendar.ts';
import { fromEpochMs, InstantSchema, localDateOf, toEpochMs, type Instant } from './time.ts';
import { lazySchema } from './lazy-schema.ts';

/** The four clocks, in the order they normally run out. */
export const CLOCKS = ['respond', 'classify', 'resolve', 'followUp'] as const;

/** Name of one of the four clocks. */
export type ClockName = (typeof CLOCKS)[number];

/** Zod schema for a {@link ClockName}. */
export const ClockNameSchema = lazySchema(() => z.enum(CLOCKS));

/** Short Chinese labels, for badges and table headers. */
export const CLOCK_LABELS: Readonly<Record<ClockName, string>> = Object.freeze({
  respond: '响应',
  classify: '分类',
  resolve: '办结',
  followUp: '回访',
});

/** The long promises of the default policy, as the seeds word them. */
export const CLOCK_LONG_LABELS: Readonly<Record<ClockName, string>> = Object.freeze({
  respond: '30分钟内响应联系',
  classify: '24小时内分类办理',
  resolve: '5个工作日内办结反馈',
  followUp: '10个工作日内跟踪问效',
});

const CLOCK_ACTIONS: Readonly<Record<ClockName, string>> = Object.freeze({
  respond: '响应联系',
  classify: '分类办理',
  resolve: '办结反馈',
  followUp: '跟踪问效',
});

/** The time limits of one category. */
export interface SlaPolicy {
  /** Wall-clock minutes, 24×7. */
  respondMinutes: number;
  /** Wall-clock minutes, 24×7. */
  classifyMinutes: number;
  /** Working days after T0's date; due at the end of the last one. */
  resolveWorkingDays: number;
  /** Working days after T0's date; due at the end of the last one. */
  followUpWorkingDays: number;
}

// Upper bounds catch typos in the admin screen (minutes entered as seconds, days as
// hours) while leaving room for looser categories: 1 day to respond, 7 days to
// classify, 60 working days to resolve (the longest common administrative limit,
// e.g. 信访), 90 to follow up.
// A function, so its schemas are built with the policy schemas on first use, not at load.
const policyShape = () => ({
  respondMinutes: z.int().check(z.gte(1), z.lte(1440)),
  classifyMinutes: z.int().check(z.gte(1), z.lte(10_080)),
  resolveWorkingDays: z.int().check(z.gte(1), z.lte(60)),
  followUpWorkingDays: z.int().check(z.gte(1), z.lte(90)),
});

/**
 * Zod schema for a complete {@link SlaPolicy}. Beyond the bounds it requires
 * classify ≥ respond and follow-up ≥ resolve: a window that closes before the one it
 * depends on cannot be met honestly.
 */
export const SlaPolicySchema = lazySchema(() => z.object(policyShape()).check(z.refine((p) => p.classifyMinutes >= p.respondMinutes, {
    message: '分类时限不能短于响应时限',
    path: ['classifyMinutes'],
  }), z.refine((p) => p.followUpWorkingDays >= p.resolveWorkingDays, {
    message: '回访时限不能短于办结时限',
    path: ['followUpWorkingDays'],
  })) satisfies z.ZodMiniType<SlaPolicy>);

/**
 * Zod schema for a category's override: any subset of the clocks. Strict, so a
 * misspelt key is an error rather than a silently ignored stricter limit. The
 * cross-clock rules are checked on the merged policy by {@link resolvePolicy}.
 */
export const SlaPolicyOverrideSchema = lazySchema(() => z.partial(z.strictObject(policyShape())) satisfies z.ZodMiniType<Partial<SlaPolicy>>);

/** The seeds' limits (Lanzhou 小兰帮办): 30 min, 24 h, 5 and 10 working days. */
export const DEFAULT_POLICY: Readonly<SlaPolicy> = Object.freeze({
  respondMinutes: 30,
  classifyMinutes: 1440,
  resolveWorkingDays: 5,
  followUpWorkingDays: 10,
});

/** Example stricter policy for urgent safety hazards (井盖缺失、燃气泄漏 …). */
export const URGENT_POLICY: Readonly<SlaPolicy> = Object.freeze({
  respondMinutes: 10,
  classifyMinutes: 60,
  resolveWorkingDays: 1,
  followUpWorkingDays: 3,
});

/**
 * A category's effective policy: `override`'s clocks over `base` (default
 * {@link DEFAULT_POLICY}); unset or `undefined` entries keep the base value.
 * @throws zod's error (`$ZodError`) if the override or the merged policy is invalid.
 */
export function resolvePolicy(override?: Partial<SlaPolicy>, base: Readonly<SlaPolicy> = DEFAULT_POLICY): SlaPolicy {
  const parsed = SlaPolicyOverrideSchema.parse(override ?? {});
  return SlaPolicySchema.parse({
    respondMinutes: parsed.respondMinutes ?? base.respondMinutes,
    classifyMinutes: parsed.classifyMinutes ?? base.classifyMinutes,
    resolveWorkingDays: parsed.resolveWorkingDays ?? base.resolveWorkingDays,
    followUpWorkingDays: parsed.followUpWorkingDays ?? base.followUpWorkingDays,
  });
}

function formatMinutes(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}小时` : `${minutes}分钟`;
}

/**
 * The promise shown to the resident before submitting, e.g. `30分钟内响应联系`,
 * `1小时内分类办理`, `5个工作日内办结反馈`.
 */
export function describePromise(clock: ClockName, policy: SlaPolicy): string {
  switch (clock) {
    case 'respond':
      return `${formatMinutes(policy.respondMinutes)}内${CLOCK_ACTIONS.respond}`;
    case 'classify':
      return `${formatMinutes(policy.classifyMinutes)}内${CLOCK_ACTIONS.classify}`;
    case 'resolve':
      return `${policy.resolveWorkingDays}个工作日内${CLOCK_ACTIONS.resolve}`;
    case 'followUp':
      return `${policy.followUpWorkingDays}个工作日内${CLOCK_ACTIONS.followUp}`;
  }
}

/** One clock of one request. All instants are canonical UTC strings. */
export interface Clock {
  /** T0, or the reopen time for a restarted clock. */
  startAt: Instant;
  dueAt: Instant;
  /**
   * The yellow card: 80 % of the window — of the wall time for respond and classify
   * (rounded down to the second), of the working time for resolve and follow-up
   * ({@link workingWarnAt}).
   */
  warnAt: Instant;
  /** When the obligation was fulfilled; a met clock has no more checkpoints. */
  metAt?: Instant;
  /** When the yellow card was recorded. */
  warnedAt?: Instant;
  /** When the red card was recorded; recorded exactly once, never cleared. */
  breachedAt?: Instant;
  /** Working days added by approved extensions, summed. */
  extendedDays?: number;
}

/** Zod schema for a stored {@link Clock}. */
export const ClockSchema = lazySchema(() => z.object({
  startAt: InstantSchema,
  dueAt: InstantSchema,
  warnAt: InstantSchema,
  metAt: z.optional(InstantSchema),
  warnedAt: z.optional(InstantSchema),
  breachedAt: z.optional(InstantSchema),
  extendedDays: z.optional(z.int().check(z.gte(1))),
}) satisfies z.ZodMiniType<Clock>);

/** The four clocks of a request. */
export type Clocks = Record<ClockName, Clock>;

/** Zod schema for {@link Clocks}. */
export const ClocksSchema = lazySchema(() => z.object({
  respond: ClockSchema,
  classify: ClockSchema,
  resolve: ClockSchema,
  followUp: ClockSchema,
}) satisfies z.ZodMiniType<Clocks>);

const MS_PER_MINUTE = 60_000;

function requirePositiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer: ${value}`);
  return value;
}

function dueMs(clock: ClockName, startMs: number, policy: SlaPolicy, calendar: WorkCalendar): number {
  switch (clock) {
    case 'respond':
      return startMs + requirePositiveInt(policy.respondMinutes, 'respondMinutes') * MS_PER_MINUTE;
    case 'classify':
      return startMs + requirePositiveInt(policy.classifyMinutes, 'classifyMinutes') * MS_PER_MINUTE;
    case 'resolve':
    case 'followUp': {
      const days = clock === 'resolve' ? policy.resolveWorkingDays : policy.followUpWorkingDays;
      const date = calendar.addWorkingDays(localDateOf(fromEpochMs(startMs)), days);
      return toEpochMs(calendar.endOfWorkingDay(date));
    }
  }
}

function warnMs(startMs: number, due: number): number {
  // Integer arithmetic (×4/5, not ×0.8) so the result never depends on float rounding.
  return Math.floor((startMs + Math.floor(((due - startMs) * 4) / 5)) / 1000) * 1000;
}

const WORKING_DAY_CLOCKS: ReadonlySet<ClockName> = new Set(['resolve', 'followUp']);

/**
 * The yellow card of a working-day clock: 80 % of the WORKING time, not of the wall
 * time. The window's working time is its working days (T0's own date excluded, as for
 * the deadline), each from local midnight to the cut-off; 80 % of it is walked off day
 * by day. With 5 working days that is the end of the 4th, with 10 the end of the 8th;
 * with 1 it is 19:12 on that working day (24:00 cut-off). It therefore always falls on a
 * working day (an end-of-day instant belongs to the day it ends, like a deadline) and
 * never on a holiday, a weekend or a night between two working days.
 */
export function workingWarnAt(startAt: Instant, dueAt: Instant, calendar: WorkCalendar): Instant {
  const startDate = localDateOf(startAt);
  const days = calendar.countWorkingDays(startDate, calendar.deadlineDateOf(dueAt));
  if (days < 1) return fromEpochMs(warnMs(toEpochMs(startAt), toEpochMs(dueAt)));
  const cutoff = calendar.cutoffMinutes;
  // Whole minutes of working time; ×4/5 in integers.
  const target = Math.floor((days * cutoff * 4) / 5);
  const whole = Math.floor(target / cutoff);
  const rest = target - whole * cutoff;
  if (rest === 0 && whole > 0) return calendar.endOfWorkingDay(calendar.addWorkingDays(startDate, whole));
  const day = calendar.addWorkingDays(startDate, whole + 1);
  // Local midnight of `day` is its end-of-day instant minus the cut-off.
  return fromEpochMs(toEpochMs(calendar.endOfWorkingDay(day)) - (cutoff - rest) * MS_PER_MINUTE);
}

function clockWarnMs(clockName: ClockName, startMs: number, due: number, calendar: WorkCalendar): number {
  if (!WORKING_DAY_CLOCKS.has(clockName)) return warnMs(startMs, due);
  return toEpochMs(workingWarnAt(fromEpochMs(startMs), fromEpochMs(due), calendar));
}

function newClock(startMs: number, due: number, clockName: ClockName, calendar: WorkCalendar): Clock {
  return { startAt: fromEpochMs(startMs), dueAt: fromEpochMs(due), warnAt: fromEpochMs(clockWarnMs(clockName, startMs, due, calendar)) };
}

/**
 * The four clocks of a request received at `t0`.
 *
 * respond and classify run on the wall clock (holidays and nights do not pause them);
 * resolve and follow-up end at the calendar's end of the N-th working day after
 * T0's local date. Check `calendar.missingYears` (or {@link missingCalendarYears})
 * to know whether a fallback was used.
 */
export function computeClocks(t0: Instant, policy: SlaPolicy, calendar: WorkCalendar): Clocks {
  const start = toEpochMs(t0);
  return {
    respond: newClock(start, dueMs('respond', start, policy, calendar), 'respond', calendar),
    classify: newClock(start, dueMs('classify', start, policy, calendar), 'classify', calendar),
    resolve: newClock(start, dueMs('resolve', start, policy, calendar), 'resolve', calendar),
    followUp: newClock(start, dueMs('followUp', start, policy, calendar), 'followUp', calendar),
  };
}

/**
 * A fresh clock started at `at`, as if the request had been received then — used
 * when a resident reopens a request (resolve and follow-up start over).
 */
export function restartClock(clockName: ClockName, at: Instant, policy: SlaPolicy, calendar: WorkCalendar): Clock {
  const start = toEpochMs(at);
  return newClock(start, dueMs(clockName, start, policy, calendar), clockName, calendar);
}

/**
 * An approved extension (延期): the deadline moves to the end of the working day that
 * is `workingDays` working days after the old deadline's day.
 *
 * - The old deadline's day is the day it ends ({@link WorkCalendar.deadlineDateOf}),
 *   so with the 24:00 cut-off a due of `…-13T16:00Z` (00:00 on the 14th local) counts
 *   from the 13th, not the 14th.
 * - warnAt is recomputed over the whole new window from the original startAt (80 % of
 *   its working time, {@link workingWarnAt}).
 * - A recorded yellow card is history (the ticket's event log keeps it). If it was
 *   recorded before the new warnAt, `warnedAt` is cleared so the handler gets a fresh
 *   yellow card as the new deadline approaches; if it was recorded at or after the
 *   new warnAt it still covers the new window and stays.
 * - A recorded red card stays: a breach is recorded once and an extension granted
 *   after the deadline does not undo it (and the clock gets no new checkpoints).
 * - `extendedDays` accumulates across extensions.
 *
 * Meant for the working-day clocks (resolve, follow-up).
 * @throws RangeError if `workingDays` is not a positive integer or the clock is met.
 */
export function extendClock(clock: Clock, workingDays: number, calendar: WorkCalendar): Clock {
  requirePositiveInt(workingDays, 'workingDays');
  if (clock.metAt !== undefined) throw new RangeError('A met clock cannot be extended');
  const from = calendar.deadlineDateOf(clock.dueAt);
  const dueAt = calendar.endOfWorkingDay(calendar.addWorkingDays(from, workingDays));
  // Extensions apply to the working-day clocks: the yellow card is 80 % of the new working time.
  const warnAt = workingWarnAt(clock.startAt, dueAt, calendar);
  const { warnedAt, ...rest } = clock;
  const keepWarning = warnedAt !== undefined && toEpochMs(warnedAt) >= toEpochMs(warnAt);
  return {
    ...rest,
    dueAt,
    warnAt,
    ...(keepWarning ? { warnedAt } : {}),
    extendedDays: (clock.extendedDays ?? 0) + workingDays,
  };
}

/** State of a clock at a moment, for lists, countdowns and reports. */
export type ClockState = 'met' | 'met_late' | 'on_time' | 'warning' | 'breached';

/** Result of {@link clockStatus}. */
export interface ClockStatus {
  state: ClockState;
  /**
   * dueAt minus now (or minus metAt for a met clock): positive = time left or the
   * margin it was met by, zero or negative = overdue or met late.
   */
  remainingMs: number;
  /**
   * Share of the window used: (now or metAt − startAt) / (dueAt − startAt). Not
   * capped at 1 (1.5 = half a window late); 0 before startAt.
   */
  elapsedRatio: number;
}

/**
 * Where a clock stands at `now`. Purely time-based: it does not look at warnedAt or
 * breachedAt, which say what has been recorded, not what is true.
 */
export function clockStatus(clock: Clock, now: Instant): ClockStatus {
  const start = toEpochMs(clock.startAt);
  const due = toEpochMs(clock.dueAt);
  const met = clock.metAt === undefined ? undefined : toEpochMs(clock.metAt);
  const at = met ?? toEpochMs(now);
  const remainingMs = due - at;
  const elapsedRatio = due > start ? Math.max(0, (at - start) / (due - start)) : 1;
  let state: ClockState;
  if (met !== undefined) state = met < due ? 'met' : 'met_late';
  else if (at >= due) state = 'breached';
  else if (at >= toEpochMs(clock.warnAt)) state = 'warning';
  else state = 'on_time';
  return { state, remainingMs, elapsedRatio };
}

/** A moment the sweeper must record: a clock's yellow or red card. */
export interface Checkpoint {
  at: Instant;
  clock: ClockName;
  kind: 'warning' | 'breach';
}

function pendingCheckpoints(clocks: Partial<Clocks>): Array<Checkpoint & { ms: number; order: number }> {
  const out: Array<Checkpoint & { ms: number; order: number }> = [];
  CLOCKS.forEach((name, i) => {
    const c = clocks[name];
    if (c === undefined || c.metAt !== undefined || c.breachedAt !== undefined) return;
    if (c.warnedAt === undefined) out.push({ at: c.warnAt, clock: name, kind: 'warning', ms: toEpochMs(c.warnAt), order: i * 2 });
    out.push({ at: c.dueAt, clock: name, kind: 'breach', ms: toEpochMs(c.dueAt), order: i * 2 + 1 });
  });
  // Ties (same instant) fall back to clock order, warning before breach, so the
  // sweeper's order — and therefore the event log — is deterministic.
  return out.sort((a, b) => a.ms - b.ms || a.order - b.order);
}

function strip(c: Checkpoint & { ms: number; order: number }): Checkpoint {
  return { at: c.at, clock: c.clock, kind: c.kind };
}

/**
 * The earliest checkpoint not yet recorded, across all clocks, or undefined when
 * nothing is left to watch. A met clock has none; a clock whose breach is recorded
 * has none. An unrecorded warning comes before its breach even when both are past —
 * the sweeper records them in turn. This is the value for the sparse "due" index.
 */
export function nextCheckpoint(clocks: Partial<Clocks>): Checkpoint | undefined {
  const first = pendingCheckpoints(clocks)[0];
  return first === undefined ? undefined : strip(first);
}

/**
 * Every unrecorded checkpoint at or before `now`, in time order, so the sweeper can
 * record all of them in one write.
 */
export function dueCheckpoints(clocks: Partial<Clocks>, now: Instant): Checkpoint[] {
  const nowMs = toEpochMs(now);
  return pendingCheckpoints(clocks)
    .filter((c) => c.ms <= nowMs)
    .map(strip);
}

/**
 * Years whose calendar was missing when the working-day clocks were computed (the
 * Monday–Friday fallback was used), from the earliest start to the latest deadline.
 * Empty means the deadlines follow the official arrangement.
 */
export function missingCalendarYears(clocks: Partial<Clocks>, calendar: WorkCalendar): number[] {
  let from: string | undefined;
  let to: string | undefined;
  for (const name of ['resolve', 'followUp'] as const) {
    const c = clocks[name];
    if (c === undefined) continue;
    const start = localDateOf(c.startAt);
    const end = calendar.deadlineDateOf(c.dueAt);
    if (from === undefined || start < from) from = start;
    if (to === undefined || end > to) to = end;
  }
  return from === undefined || to === undefined ? [] : calendar.missingYears(from, to);
}

/**
 * A countdown in Chinese, two units at most, floored: `剩余 2 小时 5 分`,
 * `已超时 1 天 3 小时`, `剩余不足 1 分`. Zero or less counts as overdue, matching the
 * half-open windows (at dueAt the clock is breached).
 */
export function describeRemaining(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`describeRemaining: not a finite duration: ${ms}`);
  const prefix = ms > 0 ? '剩余' : '已超时';
  const totalMinutes = Math.floor(Math.abs(ms) / MS_PER_MINUTE);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (totalMinutes === 0) return `${prefix}不足 1 分`;
  let body: string;
  if (days > 0) body = hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  else if (hours > 0) body = minutes > 0 ? `${hours} 小时 ${minutes} 分` : `${hours} 小时`;
  else body = `${minutes} 分`;
  return `${prefix} ${body}`;
}

/**
 * A running clock re-derived under a new policy (a request re-classified into a category
 * with other time limits): the deadline is computed afresh from the clock's own start (T0,
 * or the reopening for a restarted clock) and approved extensions are applied again.
 * Recorded cards stay: a yellow or red card is history and is not issued twice. A met
 * clock is returned unchanged — it was judged by the policy in force when it was met.
 */
export function rederiveClock(clockName: ClockName, clock: Clock, policy: SlaPolicy, calendar: WorkCalendar): Clock {
  if (clock.metAt !== undefined) return clock;
  const start = toEpochMs(clock.startAt);
  let fresh = newClock(start, dueMs(clockName, start, policy, calendar), clockName, calendar);
  if (clock.extendedDays !== undefined && (clockName === 'resolve' || clockName === 'followUp')) fresh = extendClock(fresh, clock.extendedDays, calendar);
  return {
    ...fresh,
    // As in extendClock: a yellow card recorded before the new warning moment no longer
    // describes this window, so it is dropped (the event stays in the history) and a fresh
    // one fires later; a red card is recorded once and stays.
    ...(clock.warnedAt !== undefined && clock.warnedAt >= fresh.warnAt ? { warnedAt: clock.warnedAt } : {}),
    ...(clock.breachedAt !== undefined ? { breachedAt: clock.breachedAt } : {}),
  };
}
