import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import * as api from '../../services/api.ts';
import type { StaffChanges } from '@mashang/shared/contracts/staff';

/** How often the staff pages look for changes: a cheap marker, not the list. */
export const POLL_MS = 20_000;

/**
 * The unread-message badge of the staff pages. Polls the change marker every
 * {@link POLL_MS} and reports it, so a page can reload its list only when it moved.
 */
export function AlertBell({ onChanges }: { onChanges?: (c: StaffChanges) => void }) {
  const [unread, setUnread] = useState(0);
  const callback = useRef(onChanges);
  callback.current = onChanges;
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const c = await api.staff.changes();
        if (stopped) return;
        setUnread(c.unread);
        callback.current?.(c);
      } catch {
        // A missed poll is retried on the next tick; the page keeps what it shows.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <View className='alert-bell' id='alert-bell' onClick={() => void Taro.navigateTo({ url: '/pages-staff/messages/index' })}>
      <Text>消息</Text>
      {unread > 0 ? (
        <Text className='tag tag--red' id='alert-unread'>
          {unread}
        </Text>
      ) : null}
    </View>
  );
}
