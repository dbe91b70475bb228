import { AppError, fromEpochMs, localDateOf, monthsBetween, type Actor, type Role, type Ticket } from '@mashang/shared';
import { matchesWords, parseSearch, phoneEndsWith, SEARCH_MONTHS, type InboxSearchReply } from '@mashang/shared/inbox-search';
import type { SearchStore } from '../../store/search.ts';
import type { ReferenceReader } from '../reference.ts';
import { toListItem } from './views.ts';
import type { Visibility } from '../visibility.ts';

export interface InboxSearchDeps {
  /** Units and categories (reference.ts). */
  reference: ReferenceReader;
  /** Who may see what (visibility.ts): every hit is checked as the ticket page checks it. */
  visibility: Pick<Visibility, 'canSee'>;
  store: SearchStore;
  now: () => number;
}

// Admins too: to find the request a resident asks to have their data erased from (删除居民个人信息,
// miniapp pages-admin/erasure), by its number or the caller's whole phone, within the admin's subtree.
const SEARCHERS: ReadonlySet<Role> = new Set(['handler', 'supervisor', 'grid_worker', 'operator', 'admin']);
const MAX_RESULTS = 20;

/**
 * Inbox search (issue 13): by request number, the last four digits of the resident's
 * phone, a whole phone number (the operator desk's "this caller's earlier requests"), a
 * 12345 work-order number, or words of the text. Every hit is checked with the same
 * visibility rule as the ticket page (`canSee`), so a request of another unit is never
 * found; phone numbers never appear in the reply (list rows, masked text).
 */
export class InboxSearch {
  constructor(private readonly deps: InboxSearchDeps) {}

  async search(actor: Actor, q: string): Promise<InboxSearchReply> {
    if (!actor.unitId || !SEARCHERS.has(actor.role)) throw new AppError('FORBIDDEN', '当前身份不能搜索诉求');
    const query = parseSearch(q);
    if (query.kind === 'words' && query.words.join('').length < 2) {
      throw new AppError('VALIDATION_FAILED', '请输入诉求编号、电话后4位或关键词（至少2个字）', [{ path: 'q', message: '关键词至少2个字' }]);
    }
    const now = fromEpochMs(this.deps.now());
    const byWorkOrder = query.workOrderNo ? this.deps.store.byWorkOrder(query.workOrderNo) : Promise.resolve(undefined);
    let found: Ticket[] = [];
    let truncated = false;
    let matchedBy: InboxSearchReply['matchedBy'] = query.kind;
    if (query.kind === 'id') {
      const t = await this.deps.store.ticket(query.id);
      found = t ? [t] : [];
    } else if (query.kind === 'phone') {
      found = await this.deps.store.tickets(await this.deps.store.idsByPhone(query.phone));
    } else {
      const to = localDateOf(now);
      const months = monthsBetween(monthsAgo(to, SEARCH_MONTHS - 1), to);
      const filter = query.kind === 'phone_tail' ? { kind: 'phone_tail' as const, tail: query.tail } : { kind: 'words' as const, words: query.words };
      const res = await this.deps.store.ofUnit(actor.unitId, months, filter);
      truncated = res.truncated;
      // The filter was approximate (contains); the exact test here.
      found = res.items.filter((t) => (query.kind === 'phone_tail' ? phoneEndsWith(t.phone, query.tail) : matchesWords(t, query.words)));
    }
    const workOrderId = await byWorkOrder;
    if (workOrderId && !found.some((t) => t.id === workOrderId)) {
      const t = await this.deps.store.ticket(workOrderId);
      if (t) {
        found = [t, ...found];
        matchedBy = 'work_order';
      }
    }
    const unique = [...new Map(found.map((t) => [t.id, t])).values()];
    const visible: Ticket[] = [];
    for (const t of unique) if (await this.deps.visibility.canSee(actor, t)) visible.push(t);
    visible.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    const ref = await this.deps.reference.ref();
    const ctx = { units: ref.units, categories: ref.categories, now };
    return {
      matchedBy,
      items: visible.slice(0, MAX_RESULTS).map((t) => ({
        ...toListItem(t, ctx),
        assigneeId: t.assignee?.id,
        assigneeName: t.assignee?.name,
        currentUnitId: t.currentUnitId,
        currentUnitName: ref.units.get(t.currentUnitId)?.name ?? t.currentUnitId,
        ...(t.workOrderNo ? { workOrderNo: t.workOrderNo } : {}),
      })),
      truncated: truncated || visible.length > MAX_RESULTS,
    };
  }
}

/** YYYY-MM-01 of the month `n` months before `date`'s. */
function monthsAgo(date: string, n: number): string {
  let [y, m] = date.slice(0, 7).split('-').map(Number) as [number, number];
  m -= n;
  while (m < 1) [y, m] = [y - 1, m + 12];
  return `${y}-${String(m).padStart(2, '0')}-01`;
}
