import { DutyRosterSchema, onDutyAt, type DutyRoster } from '@mashang/shared/duty';
import { issueMessage } from '@mashang/shared/issue-message';
import type { Instant } from '@mashang/shared/time';

/**
 * Editing a duty roster (值班表) on the page: adding and removing shifts, the lines the page
 * shows, and who is on duty now. Pure; the server checks the roster again (shared/src/duty.ts).
 */

export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

export type ShiftDraft = { kind: 'weekly'; weekdays: number[] } | { kind: 'dated'; date: string; note?: string };

export interface ShiftInput {
  from: string;
  to: string;
  staffIds: string[];
}

/** Normalises "8:30" / "8：30" to "08:30"; undefined when not a time of day (24:00 allowed). */
export function normaliseTime(text: string): string | undefined {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

const byTime = (a: { from: string }, b: { from: string }) => a.from.localeCompare(b.from);

/** Adds a shift (to each chosen weekday, or to one date); a Chinese message when the input is not a shift. */
export function addShift(roster: DutyRoster, draft: ShiftDraft, input: ShiftInput): { roster: DutyRoster } | { error: string } {
  const from = normaliseTime(input.from);
  const to = normaliseTime(input.to);
  if (!from || !to) return { error: '请按 08:30 的格式填写开始和结束时间' };
  if (from === to) return { error: '开始和结束时间不能相同' };
  if (!input.staffIds.length) return { error: '请选择值班人员' };
  let next: DutyRoster;
  if (draft.kind === 'weekly') {
    if (!draft.weekdays.length) return { error: '请选择星期' };
    next = { ...roster, weekly: [...roster.weekly, ...draft.weekdays.map((weekday) => ({ weekday, from, to, staffIds: [...input.staffIds] }))] };
  } else {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date.trim())) return { error: '请按 2026-10-01 的格式填写日期' };
    const note = draft.note?.trim();
    next = { ...roster, exceptions: [...roster.exceptions, { date: draft.date.trim(), from, to, staffIds: [...input.staffIds], ...(note ? { note } : {}) }] };
  }
  const checked = DutyRosterSchema.safeParse(next);
  if (!checked.success) return { error: checked.error.issues[0] ? issueMessage(checked.error.issues[0]) : '值班安排不正确' };
  return { roster: sortRoster(checked.data) };
}

/** Weekly shifts by weekday then start; exceptions by date then start. */
export function sortRoster(r: DutyRoster): DutyRoster {
  return {
    weekly: [...r.weekly].sort((a, b) => a.weekday - b.weekday || byTime(a, b)),
    exceptions: [...r.exceptions].sort((a, b) => a.date.localeCompare(b.date) || byTime(a, b)),
  };
}

export function removeWeekly(r: DutyRoster, index: number): DutyRoster {
  return { ...r, weekly: r.weekly.filter((_, i) => i !== index) };
}

export function removeException(r: DutyRoster, index: number): DutyRoster {
  return { ...r, exceptions: r.exceptions.filter((_, i) => i !== index) };
}

/** "08:30–17:30", or "18:00–次日 08:30" for a shift running past midnight. */
export function shiftTime(s: { from: string; to: string }): string {
  return s.to <= s.from ? `${s.from}–次日 ${s.to}` : `${s.from}–${s.to}`;
}

export function namesOf(ids: readonly string[], staff: ReadonlyArray<{ id: string; name: string }>): string {
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return ids.map((id) => names.get(id) ?? id).join('、');
}

/** Who is on duty at `at` by name; with nobody, the page says alerts go to all handlers and supervisors. */
export function onDutyNow(r: DutyRoster, staff: ReadonlyArray<{ id: string; name: string }>, at: Instant): string {
  const ids = onDutyAt(r, at);
  return ids.length ? namesOf(ids, staff) : '';
}
