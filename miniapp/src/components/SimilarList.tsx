import { Button, Text, View } from '@tarojs/components';
import type { SimilarTicket } from '@mashang/shared/contracts/resident';
import { formatTime } from '../lib/time.ts';

interface Props {
  items: SimilarTicket[];
  busyId?: string;
  onJoin: (id: string) => void;
  onOpen: (id: string) => void;
}

/** "Me too": open requests at this place and category, each joinable in one tap instead of filing again. */
export function SimilarList({ items, busyId, onJoin, onOpen }: Props) {
  if (items.length === 0) return null;
  return (
    <View className='card similar' id='similar'>
      <Text className='field__label'>这里已有人反映了同类问题</Text>
      <Text className='muted'>如果是同一件事，点“我也遇到”一起跟进，不必重复填写。</Text>
      {items.map((s) => (
        <View key={s.id} className='similar__item' id={`similar-${s.id}`}>
          <View className='similar__top'>
            <Text className={`badge badge--${s.status}`}>{s.statusLabel}</Text>
            <Text className='similar__meta'>
              {formatTime(s.receivedAt)}
              {s.followerCount > 0 ? ` · ${s.followerCount + 1}人反映` : ''}
            </Text>
          </View>
          <Text className='similar__summary'>{s.summary}</Text>
          {s.mine || s.following ? (
            <Button className='btn btn--ghost btn--small' onClick={() => onOpen(s.id)}>
              {s.mine ? '这是我反映的，查看进度' : '已跟进，查看进度'}
            </Button>
          ) : (
            <Button className='btn btn--metoo' id={`join-${s.id}`} disabled={busyId !== undefined || undefined} onClick={() => onJoin(s.id)}>
              {busyId === s.id ? '正在加入…' : '我也遇到，一起跟进'}
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
