import { Text, View } from '@tarojs/components';
import type { TicketListItem } from '@mashang/shared/contracts/common';
import { CHANNEL_LABELS } from '@mashang/shared/ticket';
import { nextMark } from '../../lib/clocks.ts';
import { formatTime } from '../../lib/time.ts';

interface Props {
  item: TicketListItem;
  now: number;
  /** The signed-in staff member: their own requests are marked 我的. */
  me?: string;
  onOpen: (id: string) => void;
}

/** One request in the workbench inbox: the deadline that runs out next (yellow/red), what, where, who works it. */
export function InboxRow({ item, now, me, onOpen }: Props) {
  const mark = nextMark(item.next, now);
  return (
    <View className={`row inbox-item ${mark ? `row--${mark.tone}` : ''}`} id={`row-${item.id}`} onClick={() => onOpen(item.id)}>
      {mark ? <Text className={`row__mark row__mark--top mark--${mark.tone}`}>{mark.text}</Text> : null}
      <View className='row__top'>
        <Text className='row__id'>{item.id}</Text>
        <Text className={`badge badge--${item.status}`}>{item.statusLabel}</Text>
      </View>
      <View className='row__tags'>
        <Text className='tag'>{item.categoryName}</Text>
        {item.channel !== 'qr' ? <Text className='tag'>{CHANNEL_LABELS[item.channel]}</Text> : null}
        {item.urgent ? <Text className='tag tag--red'>紧急</Text> : null}
        {item.supervisionLevel > 0 ? <Text className='tag tag--yellow'>督办 {item.supervisionLevel} 级</Text> : null}
        {item.assigneeId && item.assigneeId === me ? <Text className='tag tag--mine'>我的</Text> : null}
      </View>
      <Text className='row__summary'>{item.summary}</Text>
      <Text className='row__meta'>
        {item.locationName} · {formatTime(item.receivedAt)}
        {item.assigneeName ? ` · 承办 ${item.assigneeName}` : ''}
      </Text>
    </View>
  );
}
