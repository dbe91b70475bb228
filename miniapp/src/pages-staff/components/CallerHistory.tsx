import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PhoneSchema } from '@mashang/shared/contracts/common';
import type { InboxSearchReply } from '@mashang/shared/inbox-search';
import { formatTime } from '../../lib/time.ts';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';

/**
 * The operator desk: once the caller's number is typed in full, the caller's earlier
 * requests (same number, within what the desk may see), newest first, so the operator
 * can open one (to add to it or tell the caller where it stands) or reference it (引用)
 * in the request being entered. The number itself is never shown back in a list.
 */
export function CallerHistory({ phone, related, onToggle }: { phone: string; related: readonly string[]; onToggle: (id: string) => void }) {
  const [reply, setReply] = useState<InboxSearchReply | undefined>();
  const [error, setError] = useState('');
  const valid = PhoneSchema.safeParse(phone).success;

  useEffect(() => {
    setReply(undefined);
    setError('');
    if (!valid) return;
    let live = true;
    const timer = setTimeout(() => {
      api.staff.search(phone.trim()).then(
        (r) => live && setReply(r),
        (err: unknown) => live && setError(toApiError(err).message),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [phone, valid]);

  if (!valid) return null;
  return (
    <View className='action-form' id='caller-history'>
      <Text className='field__label'>该来电人此前的诉求</Text>
      {error ? <Text className='form-error'>{error}</Text> : null}
      {!reply && !error ? <Text className='muted'>正在查询…</Text> : null}
      {reply && reply.items.length === 0 ? (
        <Text className='muted' id='caller-history-empty'>
          没有查到该号码此前的诉求
        </Text>
      ) : null}
      {(reply?.items ?? []).map((item) => {
        const on = related.includes(item.id);
        return (
          <View key={item.id} className='row' id={`caller-${item.id}`}>
            <View className='row__top'>
              <Text className='row__id'>{item.id}</Text>
              <Text className={`badge badge--${item.status}`}>{item.statusLabel}</Text>
            </View>
            <Text className='row__summary'>{item.summary}</Text>
            <Text className='row__meta'>
              {item.categoryName} · {item.locationName} · {formatTime(item.receivedAt)} · 现在：{item.currentUnitName}
            </Text>
            <View className='chips'>
              <View id={`caller-ref-${item.id}`} className={`chip chip--small ${on ? 'chip--active' : ''}`} onClick={() => onToggle(item.id)}>
                <Text className='chip__name'>{on ? '已引用' : '引用'}</Text>
              </View>
              <View id={`caller-open-${item.id}`} className='chip chip--small' onClick={() => void Taro.navigateTo({ url: `/pages-staff/ticket/index?id=${encodeURIComponent(item.id)}` })}>
                <Text className='chip__name'>查看</Text>
              </View>
            </View>
          </View>
        );
      })}
    </View>
  );
}
