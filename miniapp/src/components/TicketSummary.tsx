import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { TicketDetail } from '@mashang/shared/contracts/common';
import { RATING_LABELS } from '@mashang/shared/ticket';
import { formatTime } from '../lib/time.ts';

/** Status, what, where, when and the outcome of a request. */
export function TicketSummary({ detail, children }: { detail: TicketDetail; children?: ReactNode }) {
  return (
    <View className='card summary' id='ticket-summary'>
      <View className='summary__top'>
        <Text className='summary__id' id='ticket-id' userSelect>
          诉求编号 {detail.id}
        </Text>
        <Text className={`badge badge--${detail.status}`} id='ticket-status'>
          {detail.statusLabel}
        </Text>
      </View>
      {detail.urgent ? <Text className='tag tag--red'>紧急</Text> : null}
      {detail.supervisionLevel > 0 ? <Text className='tag tag--yellow'>督办 {detail.supervisionLevel} 级</Text> : null}
      <View className='kv'>
        <Text className='kv__k'>类别</Text>
        <Text className='kv__v'>{detail.categoryName}</Text>
      </View>
      <View className='kv'>
        <Text className='kv__k'>地点</Text>
        <Text className='kv__v'>{detail.locationName}</Text>
      </View>
      <View className='kv'>
        <Text className='kv__k'>受理时间</Text>
        <Text className='kv__v'>{formatTime(detail.receivedAt)}</Text>
      </View>
      <View className='kv'>
        <Text className='kv__k'>办理单位</Text>
        <Text className='kv__v' id='ticket-unit'>{detail.currentUnitName}</Text>
      </View>
      {children}
      <Text className='summary__desc' id='ticket-description'>{detail.description}</Text>
      {detail.feedback ? (
        <View className='outcome' id='ticket-feedback'>
          <Text className='outcome__title'>办理反馈</Text>
          <Text className='outcome__text'>{detail.feedback}</Text>
        </View>
      ) : null}
      {detail.rejectReason ? (
        <View className='outcome outcome--red' id='ticket-reject-reason'>
          <Text className='outcome__title'>不予受理原因</Text>
          <Text className='outcome__text'>{detail.rejectReason}</Text>
        </View>
      ) : null}
      {detail.mergedInto ? (
        <View className='outcome'>
          <Text className='outcome__title'>已合并到诉求 {detail.mergedInto} 一并办理</Text>
        </View>
      ) : null}
      {detail.rating ? (
        <View className='outcome' id='ticket-rating'>
          <Text className='outcome__title'>评价：{RATING_LABELS[detail.rating]}</Text>
          {detail.ratingComment ? <Text className='outcome__text'>{detail.ratingComment}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
