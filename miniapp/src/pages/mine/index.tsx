import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { TicketListItem } from '@mashang/shared/contracts';
import { api, toApiError } from '../../services/api.ts';
import { ElderToggle } from '../../components/ElderToggle.tsx';
import { TicketRow } from '../../components/TicketRow.tsx';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { pageClass } from '../../lib/elder.ts';
import { useNow } from '../../lib/hooks.ts';
import { useElderMode } from '../../lib/use-elder.ts';
import '../../styles/resident.scss';
import './index.scss';

interface ListState {
  items: TicketListItem[];
  nextCursor?: string;
  loaded: boolean;
  error?: string;
}

/** 我的诉求: the requests this phone has filed or joined ("me too"), newest first. */
export default function MinePage() {
  const [elder, setElder] = useElderMode();
  const [list, setList] = useState<ListState>({ items: [], loaded: false });
  const [loadingMore, setLoadingMore] = useState(false);
  const now = useNow(60_000);

  const refresh = useCallback(async () => {
    try {
      const reply = await api.myTickets();
      setList({ items: reply.items, nextCursor: reply.nextCursor, loaded: true });
    } catch (err) {
      setList((l) => ({ ...l, loaded: true, error: toApiError(err).message }));
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
      const reply = await api.myTickets(list.nextCursor);
      setList((l) => ({ items: [...l.items, ...reply.items], nextCursor: reply.nextCursor, loaded: true }));
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };

  const open = (id: string) => void Taro.navigateTo({ url: `/pages/ticket/index?id=${encodeURIComponent(id)}` });
  const report = () => void Taro.navigateTo({ url: '/pages/report/index' });

  if (!list.loaded) return <View className={pageClass(elder)}><Loading /></View>;
  if (list.error && list.items.length === 0) {
    return (
      <View className={pageClass(elder)}>
        <ErrorView title='加载失败' message={list.error} onRetry={() => void refresh()} />
      </View>
    );
  }
  return (
    <View className={pageClass(elder, 'mine')}>
      <ElderToggle on={elder} onChange={setElder} />
      {list.items.length === 0 ? (
        <View className='state' id='mine-empty'>
          <Text>您还没有反映过诉求。扫描街道上的“码上办”二维码，或点下面的按钮选择地点即可反映。</Text>
        </View>
      ) : (
        <View id='mine-list'>
          {list.items.map((item) => (
            <TicketRow key={item.id} item={item} now={now} className='mine-item' onOpen={open} />
          ))}
        </View>
      )}
      {list.nextCursor ? (
        <Button className='btn btn--ghost' id='mine-more' disabled={loadingMore || undefined} onClick={() => void more()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
      <Button className='btn btn--primary' id='mine-report' onClick={report}>
        反映新问题
      </Button>
    </View>
  );
}
