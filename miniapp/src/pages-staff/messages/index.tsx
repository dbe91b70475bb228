import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { StaffMessageView } from '@mashang/shared/contracts/staff';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { formatTime } from '../../lib/time.ts';
import { requireStaff } from '../session.ts';
import { StaffHeader } from '../components/StaffHeader.tsx';
import { WeChatAlertConsent } from '../components/WeChatAlertConsent.tsx';
import '../staff.scss';

/**
 * 提醒消息: the alerts sent to the signed-in staff member (new requests, 15-minute checks,
 * yellow and red cards, dispatches, reopenings, 督办), newest first, unread marked.
 * Tapping one marks it read and opens the request.
 */
export default function MessagesPage() {
  const [state, setState] = useState<{ items: StaffMessageView[]; unread: number; loaded: boolean; error?: string }>({ items: [], unread: 0, loaded: false });
  const load = useCallback(async () => {
    if (!requireStaff()) return;
    try {
      const reply = await api.staff.messages();
      setState({ items: reply.items, unread: reply.unread, loaded: true });
    } catch (err) {
      setState((s) => ({ ...s, loaded: true, error: toApiError(err).message }));
    }
  }, []);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const open = async (m: StaffMessageView) => {
    if (!m.read) {
      setState((s) => ({ ...s, unread: Math.max(0, s.unread - 1), items: s.items.map((i) => (i.id === m.id ? { ...i, read: true } : i)) }));
      api.staff.markRead(m.id, m.createdAt).catch(() => undefined);
    }
    void Taro.navigateTo({ url: `/${m.link}` });
  };

  return (
    <View className='page messages' id='staff-messages'>
      {/* The list shows its own unread count; no second badge here. */}
      <StaffHeader back bell={false} />
      <View className='card'>
        <Text className='inbox__unit'>提醒消息</Text>
        <Text className='muted' id='messages-unread'>
          未读 {state.unread} 条
        </Text>
      </View>
      <WeChatAlertConsent />
      {!state.loaded ? <Loading /> : null}
      {state.loaded && state.error ? <ErrorView title='加载失败' message={state.error} onRetry={() => void load()} /> : null}
      {state.loaded && !state.error && state.items.length === 0 ? (
        <View className='state' id='messages-empty'>
          <Text>暂无提醒</Text>
        </View>
      ) : null}
      <View id='messages-list'>
        {state.items.map((m) => (
          <View key={m.id} className={`card message ${m.read ? '' : 'message--unread'}`} id={`message-${m.id}`} onClick={() => void open(m)}>
            <Text className='message__title'>{m.title}</Text>
            <Text className='message__body muted'>{m.body}</Text>
            <Text className='muted'>{formatTime(m.createdAt)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
