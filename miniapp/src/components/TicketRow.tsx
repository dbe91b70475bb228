import { Text, View } from '@tarojs/components';
import type { TicketListItem } from '@mashang/shared/contracts/common';
import { nextMark } from '../lib/clocks.ts';
import { formatTime } from '../lib/time.ts';

interface Props {
  item: TicketListItem;
  now: number;
  className: string;
  onOpen: (id: string) => void;
}

/** One request in a list: number, status, category, place, received time and the next deadline's mark. */
export function TicketRow({ item, now, className, onOpen }: Props) {
  const mark = nextMark(item.next, now);
  return (
    <View className={`row ${className} ${mark ? `row--${mark.tone}` : ''}`} id={`row-${item.id}`} onClick={() => onOpen(item.id)}>
      <View className='row__top'>
        <Text className='row__id'>{item.id}</Text>
        <Text className={`badge badge--${item.status}`}>{item.statusLabel}</Text>
      </View>
      <View className='row__tags'>
        <Text className='tag'>{item.categoryName}</Text>
        {item.urgent ? <Text className='tag tag--red'>紧急</Text> : null}
        {item.followed ? <Text className='tag tag--follow'>我也遇到</Text> : null}
        {item.supervisionLevel > 0 ? <Text className='tag tag--yellow'>督办 {item.supervisionLevel} 级</Text> : null}
      </View>
      <Text className='row__summary'>{item.summary}</Text>
      <Text className='row__meta'>
        {item.locationName} · {formatTime(item.receivedAt)}
      </Text>
      {mark ? <Text className={`row__mark mark--${mark.tone}`}>{mark.text}</Text> : null}
    </View>
  );
}
