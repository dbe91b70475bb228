import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { DispatchedItem } from '@mashang/shared/contracts/staff';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { useNow } from '../../lib/hooks.ts';
import { InboxRow } from '../components/InboxRow.tsx';
import { StaffHeader } from '../components/StaffHeader.tsx';
import { LOGIN_URL, requireStaff } from '../session.ts';
import '../staff.scss';

type Load = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; items: DispatchedItem[]; truncated: boolean };

/**
 * 已派出: what the street office dispatched (吹哨派单) and has not yet followed up. After
 * the department resolves a request it waits here for the office's return visit (回访).
 */
export default function DispatchedPage() {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const now = useNow(30_000);

  const fetch = useCallback(async () => {
    if (!requireStaff()) return;
    try {
      const reply = await api.staff.dispatched();
      setLoad({ phase: 'ready', items: reply.items, truncated: reply.truncated });
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
      setLoad({ phase: 'error', message: e.message });
    }
  }, []);

  useDidShow(() => void fetch());
  usePullDownRefresh(() => void fetch().finally(() => Taro.stopPullDownRefresh()));

  const open = (id: string) => void Taro.navigateTo({ url: `/pages-staff/ticket/index?id=${encodeURIComponent(id)}` });
  const waiting = load.phase === 'ready' ? load.items.filter((i) => i.awaitingFollowUp) : [];
  const elsewhere = load.phase === 'ready' ? load.items.filter((i) => !i.awaitingFollowUp) : [];
  const row = (item: DispatchedItem) => (
    <View key={item.id}>
      <InboxRow item={item} now={now} onOpen={open} />
      <Text className='dispatched-item__where'>现在：{item.currentUnitName}</Text>
    </View>
  );

  return (
    <View className='page dispatched'>
      <StaffHeader back backLabel='待办' />
      {load.phase === 'loading' ? <Loading /> : null}
      {load.phase === 'error' ? <ErrorView title='加载失败' message={load.message} onRetry={() => void fetch()} /> : null}
      {load.phase === 'ready' ? (
        <>
          <View className='section-title'>
            <Text id='dispatched-waiting-title'>待回访（承办单位已办结） {waiting.length}</Text>
          </View>
          <View id='dispatched-waiting'>{waiting.length ? waiting.map(row) : <Text className='muted'>暂无待回访的诉求</Text>}</View>
          <View className='section-title'>
            <Text>承办单位办理中 {elsewhere.length}</Text>
          </View>
          <View id='dispatched-working'>{elsewhere.length ? elsewhere.map(row) : <Text className='muted'>暂无</Text>}</View>
          {load.truncated ? <Text className='muted'>只显示最近的诉求</Text> : null}
        </>
      ) : null}
    </View>
  );
}
