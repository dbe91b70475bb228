import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { TicketListItem } from '@mashang/shared/contracts';
import { api, toApiError } from '../../services/api.ts';
import { TicketRow } from '../../components/TicketRow.tsx';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { nextMark } from '../../lib/clocks.ts';
import { useNow } from '../../lib/hooks.ts';
import { LOGIN_URL, requireStaff } from '../session.ts';
import '../staff.scss';

interface ListState {
  items: TicketListItem[];
  nextCursor?: string;
  loaded: boolean;
  error?: string;
}

/** The unit's inbox, newest first, with yellow/red marks from the next deadline. */
export default function InboxPage() {
  const [list, setList] = useState<ListState>({ items: [], loaded: false });
  const [loadingMore, setLoadingMore] = useState(false);
  const now = useNow(30_000);
  const session = api.staff.session();

  const onError = (err: unknown): string => {
    const e = toApiError(err);
    if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
    return e.message;
  };

  const refresh = useCallback(async () => {
    if (!requireStaff()) return;
    try {
      const reply = await api.staff.inbox();
      setList({ items: reply.items, nextCursor: reply.nextCursor, loaded: true });
    } catch (err) {
      const message = onError(err);
      setList((l) => ({ ...l, loaded: true, error: message }));
    }
  }, []);

  useDidShow(() => {
    void refresh();
  });
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  const more = async () => {
    if (!list.nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const reply = await api.staff.inbox(list.nextCursor);
      setList((l) => ({ items: [...l.items, ...reply.items], nextCursor: reply.nextCursor, loaded: true }));
    } catch (err) {
      void Taro.showToast({ title: onError(err), icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };

  const logout = () => {
    api.staff.logout();
    void Taro.redirectTo({ url: LOGIN_URL });
  };

  const open = (id: string) => void Taro.navigateTo({ url: `/pages-staff/ticket/index?id=${encodeURIComponent(id)}` });

  const tones = list.items.map((i) => nextMark(i.next, now)?.tone);
  const warnings = tones.filter((t) => t === 'yellow').length;
  const breaches = tones.filter((t) => t === 'red').length;

  return (
    <View className='page inbox'>
      <View className='inbox__head card'>
        <View className='inbox__who'>
          <Text className='inbox__unit' id='inbox-unit'>{session?.staff?.unit.name ?? '本单位'}</Text>
          <Text className='inbox__name'>{session?.staff?.name ?? session?.actor.name ?? ''}</Text>
        </View>
        <Text className='link' id='logout' onClick={logout}>
          退出
        </Text>
      </View>
      {list.loaded && list.items.length > 0 ? (
        <View className='inbox__stats'>
          <Text>共 {list.items.length} 条</Text>
          <Text className='mark--yellow'>黄牌 {warnings}</Text>
          <Text className='mark--red'>红牌 {breaches}</Text>
        </View>
      ) : null}
      {!list.loaded ? <Loading /> : null}
      {list.loaded && list.error && list.items.length === 0 ? <ErrorView title='加载失败' message={list.error} onRetry={() => void refresh()} /> : null}
      {list.loaded && !list.error && list.items.length === 0 ? (
        <View className='state' id='inbox-empty'>
          <Text>暂无待办诉求</Text>
        </View>
      ) : null}
      <View id='inbox-list'>
        {list.items.map((item) => (
          <TicketRow key={item.id} item={item} now={now} className='inbox-item' onOpen={open} />
        ))}
      </View>
      {list.nextCursor ? (
        <Button className='btn btn--ghost' id='inbox-more' disabled={loadingMore || undefined} onClick={() => void more()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
