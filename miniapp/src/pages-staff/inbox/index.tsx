import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Category } from '@mashang/shared/categories';
import type { TicketListItem } from '@mashang/shared/contracts/common';
import type { InboxCounts, StaffInboxQuery } from '@mashang/shared/contracts/staff';
import { ROLE_LABELS } from '@mashang/shared/org';
import type { Status } from '@mashang/shared/ticket';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { sortCategories } from '../../lib/categories.ts';
import { nextMark } from '../../lib/clocks.ts';
import { useNow } from '../../lib/hooks.ts';
import { InboxRow } from '../components/InboxRow.tsx';
import { AlertBell } from '../components/AlertBell.tsx';
import { InboxSearchBox } from '../components/InboxSearchBox.tsx';
import { WeChatAlertConsent } from '../components/WeChatAlertConsent.tsx';
import { DESK_URL, DUTY_URL, INVITES_URL, LOGIN_URL, requireStaff, SUPERVISOR_URL } from '../session.ts';
import '../staff.scss';

/** The inbox's status tabs, named after what the unit owes next. */
const TABS: Array<{ status: Status; label: string }> = [
  { status: 'submitted', label: '待响应' },
  { status: 'responded', label: '待派单' },
  { status: 'returned', label: '被退回' },
  { status: 'dispatched', label: '待承接' },
  { status: 'accepted', label: '办理中' },
  { status: 'escalated', label: '已上报' },
  { status: 'reopened', label: '重新办理' },
  { status: 'resolved', label: '待回访' },
];

interface Filters {
  status?: Status;
  category?: string;
  mine: boolean;
  urgent: boolean;
}

interface ListState {
  items: TicketListItem[];
  nextCursor?: string;
  counts?: InboxCounts;
  loaded: boolean;
  error?: string;
}

const toQuery = (f: Filters, cursor?: string): StaffInboxQuery => ({
  cursor,
  status: f.status,
  category: f.category,
  mine: f.mine ? '1' : undefined,
  urgent: f.urgent ? '1' : undefined,
});

/**
 * The unit's open requests, the deadline that runs out first on top, with yellow and red
 * marks, filters (status, category, my requests, urgent) and the unit's counts by status.
 */
export default function InboxPage() {
  const [filters, setFilters] = useState<Filters>({ mine: false, urgent: false });
  const [list, setList] = useState<ListState>({ items: [], loaded: false });
  const [loadingMore, setLoadingMore] = useState(false);
  const [categories, setCategories] = useState<Category[]>([]);
  const [showCategories, setShowCategories] = useState(false);
  const now = useNow(30_000);
  const session = api.sessions.staff();
  const role = session?.actor.role;
  const latest = useRef(0);
  // The inbox change marker last seen, and what the page announces when it moves (new requests).
  const marker = useRef<number | undefined>(undefined);
  const [announce, setAnnounce] = useState('');

  const onError = (err: unknown): string => {
    const e = toApiError(err);
    if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
    return e.message;
  };

  const load = useCallback(async (f: Filters) => {
    if (!requireStaff()) return;
    // Only the answer to the latest filter change is shown.
    const ticket = ++latest.current;
    try {
      const reply = await api.staff.inbox(toQuery(f));
      if (ticket === latest.current) setList({ items: reply.items, nextCursor: reply.nextCursor, counts: reply.counts, loaded: true });
    } catch (err) {
      const message = onError(err);
      if (ticket === latest.current) setList((l) => ({ ...l, loaded: true, error: message }));
    }
  }, []);

  useDidShow(() => {
    void load(filters);
    if (categories.length === 0) {
      api.reference
        .categoriesForStaff()
        .then((c) => setCategories(sortCategories(c.items)))
        .catch(() => undefined);
    }
  });
  usePullDownRefresh(() => {
    void load(filters).finally(() => Taro.stopPullDownRefresh());
  });

  const change = (next: Partial<Filters>) => {
    const f = { ...filters, ...next };
    setFilters(f);
    setList((l) => ({ ...l, loaded: false, error: undefined }));
    void load(f);
  };

  const more = async () => {
    if (!list.nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const reply = await api.staff.inbox(toQuery(filters, list.nextCursor));
      setList((l) => ({ ...l, items: [...l.items, ...reply.items], nextCursor: reply.nextCursor, counts: reply.counts, loaded: true }));
    } catch (err) {
      void Taro.showToast({ title: onError(err), icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };

  // Polled every ~20 s by the bell: reload the list (no page reload) only when the unit's inbox changed.
  const onChanges = (c: { inbox: number }) => {
    const before = marker.current;
    marker.current = c.inbox;
    if (before === undefined || before === c.inbox) return;
    const known = new Set(list.items.map((i) => i.id));
    void api.staff.inbox(toQuery(filters)).then(
      (reply) => {
        const fresh = reply.items.filter((i) => !known.has(i.id));
        setList({ items: reply.items, nextCursor: reply.nextCursor, counts: reply.counts, loaded: true });
        if (fresh.length) setAnnounce(`新诉求 ${fresh.length} 件：${fresh.map((i) => i.summary).join('；')}`);
      },
      () => undefined,
    );
  };

  const logout = () => {
    api.sessions.staffLogout();
    void Taro.redirectTo({ url: LOGIN_URL });
  };

  const open = (id: string) => void Taro.navigateTo({ url: `/pages-staff/ticket/index?id=${encodeURIComponent(id)}` });
  const go = (url: string) => void Taro.navigateTo({ url });

  const tones = list.items.map((i) => nextMark(i.next, now)?.tone);
  const warnings = tones.filter((t) => t === 'yellow').length;
  const breaches = tones.filter((t) => t === 'red').length;
  const counts = list.counts;
  const categoryName = categories.find((c) => c.code === filters.category)?.name;
  const filtered = filters.status !== undefined || filters.category !== undefined || filters.mine || filters.urgent;

  const chip = (id: string, active: boolean, label: string, onClick: () => void) => (
    <View key={id} id={id} className={`chip chip--small chip--filter ${active ? 'chip--active' : ''}`} onClick={onClick}>
      <Text className='chip__name'>{label}</Text>
    </View>
  );

  return (
    <View className='page inbox'>
      <View className='inbox__head card'>
        <View className='inbox__who'>
          <Text className='inbox__unit' id='inbox-unit'>
            {session?.staff?.unit.name ?? '本单位'}
          </Text>
          <Text className='inbox__name'>
            {session?.staff?.name ?? session?.actor.name ?? ''}
            {role ? ` · ${ROLE_LABELS[role]}` : ''}
          </Text>
        </View>
        <AlertBell onChanges={onChanges} />
        <Text className='link' id='logout' onClick={logout}>
          退出
        </Text>
      </View>
      {announce ? (
        <View className='notice' id='inbox-new' role='alert' aria-live='assertive' onClick={() => setAnnounce('')}>
          <Text>{announce}</Text>
        </View>
      ) : null}

      <WeChatAlertConsent />
      <View className='inbox__tools'>
        {role === 'grid_worker' ? (
          <Button className='btn btn--tool' id='go-desk' onClick={() => go(DESK_URL)}>
            网格上报
          </Button>
        ) : null}
        {role === 'grid_worker' ? (
          <Button className='btn btn--tool' id='go-risk-tasks' onClick={() => go('/pages-admin/risk-tasks/index')}>
            风险预警任务
          </Button>
        ) : null}
        {role === 'operator' || role === 'handler' || role === 'supervisor' ? (
          <Button className='btn btn--tool' id='go-desk' onClick={() => go(DESK_URL)}>
            登记来电/来信/来访
          </Button>
        ) : null}
        {role === 'handler' || role === 'supervisor' ? (
          <Button className='btn btn--tool' id='go-dispatched' onClick={() => go('/pages-staff/dispatched/index')}>
            已派出
          </Button>
        ) : null}
        {role === 'supervisor' ? (
          <Button className='btn btn--tool' id='go-supervisor' onClick={() => go(SUPERVISOR_URL)}>
            督办统计
          </Button>
        ) : null}
        {role === 'handler' || role === 'supervisor' || role === 'admin' ? (
          <Button className='btn btn--tool' id='go-duty' onClick={() => go(DUTY_URL)}>
            值班表
          </Button>
        ) : null}
        {role === 'admin' ? (
          <Button className='btn btn--tool' id='go-invites' onClick={() => go(INVITES_URL)}>
            微信绑定邀请码
          </Button>
        ) : null}
      </View>

      <InboxSearchBox now={now} me={session?.actor.id} onOpen={open} />

      <View className='card inbox__filters' id='inbox-filters'>
        <View className='chips' id='status-tabs'>
          {chip('tab-all', filters.status === undefined, `全部 ${counts?.total ?? ''}`.trim(), () => change({ status: undefined }))}
          {TABS.map((t) => chip(`tab-${t.status}`, filters.status === t.status, `${t.label} ${counts?.byStatus[t.status] ?? 0}`, () => change({ status: t.status })))}
        </View>
        <View className='chips inbox__toggles'>
          {chip('filter-mine', filters.mine, '我的', () => change({ mine: !filters.mine }))}
          {chip('filter-urgent', filters.urgent, '紧急', () => change({ urgent: !filters.urgent }))}
          {chip('filter-category', filters.category !== undefined || showCategories, categoryName ? `类别：${categoryName}` : '类别 ▾', () => setShowCategories(!showCategories))}
        </View>
        {showCategories ? (
          <View className='chips' id='category-options'>
            {chip('category-all', filters.category === undefined, '全部类别', () => {
              setShowCategories(false);
              change({ category: undefined });
            })}
            {categories.map((c) =>
              chip(`category-${c.code}`, filters.category === c.code, c.name, () => {
                setShowCategories(false);
                change({ category: c.code });
              }),
            )}
          </View>
        ) : null}
      </View>

      {list.loaded && list.items.length > 0 ? (
        <View className='inbox__stats' id='inbox-stats'>
          <Text>显示 {list.items.length} 条</Text>
          <Text className='mark--yellow'>黄牌 {warnings}</Text>
          <Text className='mark--red'>红牌 {breaches}</Text>
        </View>
      ) : null}
      {!list.loaded ? <Loading /> : null}
      {list.loaded && list.error && list.items.length === 0 ? <ErrorView title='加载失败' message={list.error} onRetry={() => void load(filters)} /> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <View className='state' id='inbox-empty'>
          <Text>{filtered ? '没有符合条件的诉求' : '暂无待办诉求'}</Text>
        </View>
      ) : null}
      <View id='inbox-list'>
        {list.loaded ? list.items.map((item) => <InboxRow key={item.id} item={item} now={now} me={session?.actor.id} onOpen={open} />) : null}
      </View>
      {list.loaded && list.nextCursor ? (
        <Button className='btn btn--ghost' id='inbox-more' disabled={loadingMore || undefined} onClick={() => void more()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
