import { Button, Text, View } from '@tarojs/components';
import type { NearbyOpenItem } from '@mashang/shared/near';
import { ageText, distanceText, reporters } from '../lib/near.ts';

interface Props {
  items: NearbyOpenItem[];
  radiusM: number;
  busyId?: string;
  onJoin: (id: string) => void;
  onOpen: (id: string) => void;
}

/**
 * Open problems at and near this place (like FixMyStreet): what is already being handled,
 * so a resident can join one (我也遇到, with confirmation) instead of filing it again.
 */
export function NearbyOpen({ items, radiusM, busyId, onJoin, onOpen }: Props) {
  if (items.length === 0) return null;
  const now = Date.now();
  return (
    <View className='card similar nearby-open' id='nearby-open'>
      <Text className='field__label'>附近正在办理的问题（{items.length}）</Text>
      <Text className='muted'>这里和附近{distanceText(radiusM)}内已有人反映、正在办理。是同一件事就点“我也遇到”，不必重复反映。</Text>
      {items.map((s) => (
        <View key={s.id} className='similar__item' id={`nearby-${s.id}`}>
          <View className='similar__top'>
            <Text className={`badge badge--${s.status}`}>{s.statusLabel}</Text>
            <Text className='similar__meta'>
              {s.categoryName} · {ageText(s.receivedAt, now)}
            </Text>
          </View>
          <Text className='similar__summary'>{s.summary}</Text>
          <Text className='similar__meta'>
            {s.distanceM > 0 ? `${s.placeName}（约${distanceText(s.distanceM)}）` : s.placeName} · <Text id={`nearby-count-${s.id}`}>{reporters(s.followerCount)}人遇到</Text>
          </Text>
          {s.mine || s.following ? (
            <Button className='btn btn--ghost btn--small' id={`nearby-open-${s.id}`} onClick={() => onOpen(s.id)}>
              {s.mine ? '这是我反映的，查看进度' : '已跟进，查看进度'}
            </Button>
          ) : (
            <Button className='btn btn--metoo' id={`nearby-join-${s.id}`} disabled={busyId !== undefined || undefined} onClick={() => onJoin(s.id)}>
              {busyId === s.id ? '正在加入…' : '我也遇到，一起跟进'}
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
