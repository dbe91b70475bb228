import type { AdminStore } from '../store/admin.ts';

/**
 * Admins are told when a request is filed with provisional (预计) deadlines because a year
 * is not loaded: a counter per year that the admin home shows (`CALENDAR`/`NEEDED#yyyy`),
 * and for the first such request of a year an outbox message to the admins. Written after
 * the request's own transaction — an alert, never a reason to fail a filing.
 */
export function calendarAlert(store: AdminStore) {
  return async (years: number[], ticketId: string, at: string): Promise<void> => {
    for (const year of years) {
      const first = await store.countNeeded(year, ticketId, at);
      if (first) {
        await store.alertAdmins(ticketId, at, `${year} 年节假日安排尚未加载：诉求 ${ticketId} 等的办结、回访期限按周一至周五预计，请在管理后台加载 ${year} 年日历。`, 'calendar_missing');
      }
    }
  };
}
