import { Text, View } from '@tarojs/components';
import type { TicketDetail } from '@mashang/shared/contracts/common';
import { ROLE_LABELS } from '@mashang/shared/org';
import { formatTime } from '../lib/time.ts';

interface Props {
  events: TicketDetail['events'];
  /** Staff see who did it; residents see the role only. */
  showActorName?: boolean;
}

/** Every step of the request, newest first (全过程留痕). */
export function Timeline({ events, showActorName = false }: Props) {
  const sorted = [...events].sort((a, b) => b.seq - a.seq);
  return (
    <View className='timeline' id='timeline'>
      {sorted.map((e) => (
        <View key={e.seq} className='timeline__item'>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <View className='timeline__head'>
              <Text className='timeline__label'>{e.label}</Text>
              <Text className='timeline__time'>{formatTime(e.at)}</Text>
            </View>
            <Text className='timeline__actor'>
              {showActorName && e.actor.name ? `${e.actor.name}（${ROLE_LABELS[e.actor.role]}）` : ROLE_LABELS[e.actor.role]}
            </Text>
            {e.note ? <Text className='timeline__note'>{e.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
