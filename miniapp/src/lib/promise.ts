import { formatDue } from './time.ts';

/** A deadline as the form shows it and as the stored request carries it. */
export interface DeadlineLike {
  clock: string;
  dueAt: string;
}

/** The working-day clocks: their promised date can move by a day between the form and the submit. */
const DATED_CLOCKS = ['resolve', 'followUp'] as const;

/**
 * The working-day deadlines whose shown date (as the resident read it, `YYYY-MM-DD HH:mm`)
 * differs from the stored one — e.g. a promise fetched at 23:58 and a submit at 00:03 move
 * resolve by a day. respond and classify are promised as "30分钟内 / 24小时内" and move with
 * every minute, so they are not compared. Empty when nothing was shown.
 */
export function movedDeadlines(shown: readonly DeadlineLike[] | undefined, stored: readonly DeadlineLike[]): string[] {
  if (!shown?.length) return [];
  return DATED_CLOCKS.filter((clock) => {
    const before = shown.find((d) => d.clock === clock);
    const after = stored.find((d) => d.clock === clock);
    return before !== undefined && after !== undefined && formatDue(before.dueAt) !== formatDue(after.dueAt);
  });
}
