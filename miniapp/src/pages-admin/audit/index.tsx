import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import * as api from '../../services/api.ts';
import { formatTime } from '../../lib/time.ts';
import { AdminHeader, ErrorText, useAdminLoad } from '../common.tsx';
import '../admin.scss';

const ACTION_LABELS: Record<string, string> = {
  'calendar.loadYear': '加载全年节假日安排',
  'calendar.correctDay': '更正某天',
  'calendar.cutoff': '修改每日截止时间',
  'category.create': '新增诉求类别',
  'category.update': '修改诉求类别',
  'ticket.erasePersonalData': '删除居民个人信息',
};

function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const short = (v: unknown) => {
  const text = JSON.stringify(v);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** The county's admin events, newest first, month by month: who, when, what, before and after. */
export default function AdminAuditPage() {
  const [month, setMonth] = useState<string | undefined>();
  const { value, error } = useAdminLoad(() => api.admin.audit(month), [month]);
  return (
    <View className='page admin-audit-page'>
      <AdminHeader title='操作记录' />
      <ErrorText id='audit-error' message={error} />
      <View className='card' id='audit-list'>
        <Text className='field__label'>{value?.month ?? ''} 的管理操作</Text>
        {value && value.items.length === 0 ? <Text className='muted'>本月没有管理操作</Text> : null}
        {value?.items.map((e) => (
          <View key={e.id} className='admin-audit' id={`audit-${e.id}`}>
            <Text>
              {formatTime(e.at)} · {e.actorName ?? e.actorId}
            </Text>
            <Text className='admin-link__title'>
              {ACTION_LABELS[e.action] ?? e.action}：{e.target}
            </Text>
            {e.before !== undefined ? <Text className='admin-audit__diff'>之前 {short(e.before)}</Text> : null}
            {e.after !== undefined ? <Text className='admin-audit__diff'>之后 {short(e.after)}</Text> : null}
          </View>
        ))}
      </View>
      {value ? (
        <Button id='audit-earlier' className='btn btn--ghost' onClick={() => setMonth(monthBefore(value.month))}>
          查看 {monthBefore(value.month)}
        </Button>
      ) : null}
    </View>
  );
}
