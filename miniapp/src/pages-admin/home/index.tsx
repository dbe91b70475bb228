import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import * as api from '../../services/api.ts';
import { formatTime } from '../../lib/time.ts';
import { ADMIN_PAGES, adminUrl, AdminHeader, ErrorText, hhmm, LOGIN_URL, useAdminLoad } from '../common.tsx';
import '../admin.scss';

/**
 * The admin home: the calendar warning (from 1 November when next year is not loaded) and
 * the requests already filed on provisional deadlines, system health, the county's counts,
 * and links to every admin page.
 */
export default function AdminHomePage() {
  const { value: home, error } = useAdminLoad(() => api.admin.home());
  const logout = () => {
    api.sessions.staffLogout();
    void Taro.redirectTo({ url: LOGIN_URL });
  };
  const go = (name: string) => void Taro.navigateTo({ url: adminUrl(name) });
  return (
    <View className='page admin-home'>
      <AdminHeader title={home ? `${home.county.name} 管理后台` : '管理后台'} />
      <ErrorText id='home-error' message={error} />
      {home?.calendar.warn ? (
        <View className='card admin-warn' id='calendar-warning' onClick={() => go('calendar')}>
          <Text className='admin-warn__title'>节假日日历需要加载</Text>
          <Text>{home.calendar.message}</Text>
          {home.calendar.provisional.map((p) => (
            <Text key={p.year} className='muted' id={`provisional-${p.year}`}>
              已有 {p.tickets} 件诉求的期限落在 {p.year} 年，目前为预计（最早 {formatTime(p.firstAt)}，最近一件 {p.lastTicketId}）
            </Text>
          ))}
          <Text className='link'>去加载 ›</Text>
        </View>
      ) : null}
      {home ? (
        <>
          <View className='card' id='health'>
            <Text className='field__label'>系统状态</Text>
            <View className='admin-kv'>
              <Text>时限监控最近运行</Text>
              <Text id='health-sweep'>{home.health.lastSweepAt ? formatTime(home.health.lastSweepAt) : '尚未运行'}</Text>
            </View>
            <View className='admin-kv'>
              <Text>待记录的时限检查点滞后</Text>
              <Text id='health-lag'>{home.health.sweepLagSeconds} 秒</Text>
            </View>
            <View className='admin-kv'>
              <Text>待发送通知</Text>
              <Text id='health-outbox'>{home.health.outboxWaiting} 条</Text>
            </View>
            <View className='admin-kv'>
              <Text>日历</Text>
              <Text id='health-calendar'>
                {home.calendar.year} 年{home.calendar.yearLoaded ? '已加载' : '未加载'} · {home.calendar.nextYear} 年{home.calendar.nextYearLoaded ? '已加载' : '未加载'} · 每日截止 {hhmm(home.calendar.cutoffMinutes)}
              </Text>
            </View>
            {home.job ? (
              <View className='admin-kv'>
                <Text>时限重算</Text>
                <Text id='health-job'>
                  {home.job.status === 'done' ? '已完成' : '进行中'}（{home.job.reason}，已检查 {home.job.scanned} 件，调整 {home.job.changed} 件）
                </Text>
              </View>
            ) : null}
          </View>
          <View className='card' id='counts'>
            <Text className='field__label'>本区县</Text>
            <View className='admin-kv'>
              <Text>单位</Text>
              <Text id='count-units'>{home.counts.units}</Text>
            </View>
            <View className='admin-kv'>
              <Text>工作人员</Text>
              <Text id='count-staff'>{home.counts.staff ?? '—'}</Text>
            </View>
            <View className='admin-kv'>
              <Text>二维码点位</Text>
              <Text id='count-locations'>{home.counts.locations}</Text>
            </View>
          </View>
        </>
      ) : null}
      <View className='card'>
        <View className='admin-grid-links'>
          {ADMIN_PAGES.map((p) => (
            <View key={p.name} className='admin-link' id={`link-${p.name}`} onClick={() => go(p.name)}>
              <Text className='admin-link__title'>{p.title}</Text>
              <Text className='muted'>{p.hint}</Text>
            </View>
          ))}
          <View className='admin-link' id='link-invites' onClick={() => void Taro.navigateTo({ url: '/pages-staff/invites/index' })}>
            <Text className='admin-link__title'>微信绑定邀请码</Text>
            <Text className='muted'>工作人员绑定微信</Text>
          </View>
        </View>
        <Text className='link' id='logout' onClick={logout}>
          退出登录
        </Text>
      </View>
    </View>
  );
}
