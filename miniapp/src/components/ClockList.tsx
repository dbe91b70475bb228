import { Text, View } from '@tarojs/components';
import type { TicketDetail } from '@mashang/shared/contracts/common';
import { liveClock } from '../lib/clocks.ts';
import { useNow } from '../lib/hooks.ts';
import { formatDue } from '../lib/time.ts';

interface Props {
  clocks: TicketDetail['clocks'];
  /** Phone time when the detail was fetched; the countdown runs from there. */
  fetchedAt: number;
}

/** The four time limits with a live countdown, coloured green / yellow / red / grey. */
export function ClockList({ clocks, fetchedAt }: Props) {
  const now = useNow(30_000);
  return (
    <View className='clocks' id='clocks'>
      {clocks.map((c) => {
        const live = liveClock(c, fetchedAt, now);
        return (
          <View key={c.clock} className={`clock clock--${live.tone}`} id={`clock-${c.clock}`}>
            <View className='clock__head'>
              <Text className='clock__label'>{c.label}</Text>
              <Text className={`clock__state clock__state--${live.tone}`}>{live.text}</Text>
            </View>
            <Text className='clock__due'>
              {c.provisional ? '预计期限 ' : '期限 '}
              {formatDue(c.dueAt)}
              {c.provisional ? '（节假日安排未加载，按周一至周五推算）' : ''}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
