import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { RankingReply } from '@mashang/shared/contracts/reports';
import * as api from '../../services/api.ts';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { formatRate, formatScore, rateTone } from '../../lib/supervisor-format.ts';
import { monthLabel, monthOf, shiftMonth, todayIn } from '../../lib/supervisor-period.ts';
import { ExportButton, NotSupervisor, SupervisorHeader, useSupervisor, useSupervisorLoad, useWideScreen } from '../common.tsx';
import '../supervisor.scss';

type Entry = RankingReply['offices'][number];
/** The three rates of the composite score (shared/src/ranking.ts), as the page labels them. */
const PARTS: Array<[keyof NonNullable<Entry['parts']>, string]> = [
  ['response', '响应率'],
  ['resolve', '解决率'],
  ['satisfaction', '满意率'],
];

/**
 * 红黑榜: the month's ranking of street offices and of the departments and
 * communities requests were dispatched to, with the published formula, the
 * red and black lists marked, and the Excel export.
 */
export default function RankingPage() {
  const { session, allowed } = useSupervisor();
  const wide = useWideScreen();
  const thisMonth = monthOf(todayIn(Date.now()));
  const [month, setMonth] = useState(thisMonth);
  const { load, reload } = useSupervisorLoad(allowed, () => api.reports.ranking(month), [month]);

  if (!session) return <View className='page' />;
  if (!allowed) {
    return (
      <View className='page sv-page'>
        <NotSupervisor />
      </View>
    );
  }

  const list = (id: string, title: string, entries: Entry[], intake: string) => (
    <View className='card' id={id}>
      <Text className='sv-card-title'>{title}</Text>
      {entries.length === 0 ? <Text className='muted'>本月暂无可排名的单位</Text> : null}
      {entries.map((e) => (
        <View key={e.unitId} id={`rank-${e.unitId}`} className={`sv-rank ${e.list ? `sv-rank--${e.list}` : ''}`}>
          <View className='sv-rank__head'>
            <Text className='sv-rank__no'>{e.rank}</Text>
            <View className='sv-rank__who'>
              <Text className='sv-rank__name'>{e.unitName}</Text>
              <Text className='muted'>
                {intake} {e.kind === 'office' ? (e.counters.received ?? 0) : (e.counters.dispatched ?? 0)} 件
              </Text>
            </View>
            {e.list === 'red' ? <Text className='sv-badge sv-badge--red'>红榜</Text> : null}
            {e.list === 'black' ? <Text className='sv-badge sv-badge--black'>黑榜</Text> : null}
            <View className='sv-rank__score'>
              <Text className='sv-rank__score-value'>{formatScore(e.score)}</Text>
              <Text className='sv-rank__score-label'>综合得分</Text>
            </View>
          </View>
          <View className='sv-rank__rates'>
            {PARTS.filter(([k]) => e.parts?.[k] !== null && e.parts?.[k] !== undefined).map(([k, label]) => (
              <Text key={k} className='sv-rank__rate'>
                {label} <Text className={`mark--${rateTone(e.parts![k])}`}>{formatRate(e.parts![k])}</Text>
              </Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  );

  return (
    <View className={`page sv-page ${wide ? 'sv-page--wide' : ''}`} id='sv-ranking'>
      <SupervisorHeader session={session} current='ranking' />
      <View className='card'>
        <View className='sv-month'>
          <Text className='sv-month__step' id='month-prev' onClick={() => setMonth((m) => shiftMonth(m, -1))}>
            ‹ 上月
          </Text>
          <Text className='sv-month__label' id='month-label'>
            {monthLabel(month)}
          </Text>
          <Text className={`sv-month__step ${month >= thisMonth ? 'sv-month__step--off' : ''}`} id='month-next' onClick={() => (month < thisMonth ? setMonth((m) => shiftMonth(m, 1)) : undefined)}>
            下月 ›
          </Text>
        </View>
        <View className='sv-card-head'>
          <Text className='muted'>{month === thisMonth ? '本月数据截至今天，月末为准' : '按受理月份统计'}</Text>
          <ExportButton id='export-ranking' report='ranking' query={{ month }} filename={`红黑榜_${month}.xlsx`} />
        </View>
      </View>
      <View className='card sv-formula' id='ranking-formula'>
        <Text className='sv-card-title'>评分办法</Text>
        <Text className='sv-formula__text' id='ranking-formula-text'>
          {load.phase === 'ready' ? load.value.formula : '—'}
        </Text>
        <Text className='muted'>按综合得分排名：得分最高的 20%（至少 1 个）列入红榜，最低的 20%（至少 1 个）列入黑榜，参与排名的单位不少于 2 个时才评。</Text>
      </View>
      {load.phase === 'loading' ? <Loading /> : null}
      {load.phase === 'error' ? <ErrorView title='加载失败' message={load.message} onRetry={() => void reload()} /> : null}
      {load.phase === 'ready' ? (
        <View className='sv-columns'>
          <View className='sv-col'>{list('ranking-offices', '街道/乡镇', load.value.offices, '受理')}</View>
          <View className='sv-col'>{list('ranking-departments', '部门（承办）', load.value.departments, '派办')}</View>
          {load.value.communities?.length ? <View className='sv-col'>{list('ranking-communities', '社区（承办）', load.value.communities, '派办')}</View> : null}
        </View>
      ) : null}
      {load.phase === 'ready' && load.value.unranked?.length ? (
        <View className='card' id='ranking-unranked'>
          <Text className='sv-card-title'>不参与排名</Text>
          {load.value.unranked.map((u) => (
            <Text key={u.unitId} className='muted' id={`unranked-${u.unitId}`}>
              {u.unitName}：{u.kind === 'office' ? '受理' : '派办'} {u.volume} 件，{u.reason === 'too_few' ? `少于 ${load.value.minRequests ?? ''} 件` : '暂无可考核数据'}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
