import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { type TicketListItem } from '@mashang/shared/contracts/common';
import { FIGURES, type Figure } from '@mashang/shared/contracts/reports';
import * as api from '../../services/api.ts';
import { ApiError } from '../../services/api.ts';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { TicketRow } from '../../components/TicketRow.tsx';
import { useNow } from '../../lib/hooks.ts';
import { rangeLabel } from '../../lib/supervisor-period.ts';
import { ExportButton, NotSupervisor, openTicket, useSupervisor, useSupervisorLoad } from '../common.tsx';
import '../supervisor.scss';

const param = (v: string | undefined) => (v ? decodeURIComponent(v) : '');

/**
 * The requests behind one figure of the report (drill-down). A total of a
 * county sums several units' rows, so the page asks each unit and merges the
 * lists, newest first; a tap opens the request's full record.
 */
export default function DrillDownPage() {
  const { params } = useRouter();
  const { session, allowed } = useSupervisor();
  const now = useNow(30_000);
  const figureParam = param(params.figure);
  const figure: Figure | undefined = (FIGURES as readonly string[]).includes(figureParam) ? (figureParam as Figure) : undefined;
  const role = param(params.role) === 'handling' ? 'handling' : 'origin';
  const from = param(params.from);
  const to = param(params.to);
  const categoryCode = param(params.category) || undefined;
  const unitIds = param(params.units).split(',').filter(Boolean);
  const names = param(params.names).split(',');
  const title = param(params.title) || '诉求清单';
  const unitsKey = unitIds.join(',');
  const { load, reload } = useSupervisorLoad(
    allowed,
    async () => {
      if (!figure || !from || !to) throw new ApiError(400, 'VALIDATION_FAILED', '缺少查询条件，请从统计页面进入');
      const ids = unitsKey ? unitsKey.split(',') : [];
      const replies = await Promise.all(ids.map((unitId) => api.reports.drillDown({ unitId, from, to, figure, role, categoryCode })));
      const byId = new Map<string, TicketListItem>();
      for (const item of replies.flatMap((r) => r.items)) byId.set(item.id, item);
      return [...byId.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    },
    [figure, from, to, role, categoryCode, unitsKey],
  );

  if (!session) return <View className='page' />;
  if (!allowed) {
    return (
      <View className='page sv-page'>
        <NotSupervisor />
      </View>
    );
  }

  return (
    <View className='page sv-page sv-page--narrow' id='sv-list'>
      <View className='card'>
        <Text className='sv-card-title' id='list-title'>
          {title}
        </Text>
        <Text className='muted'>受理日期 {from && to ? rangeLabel({ from, to }) : ''}</Text>
        {load.phase === 'ready' ? (
          <Text className='sv-list-count' id='list-count'>
            共 {load.value.length} 件
          </Text>
        ) : null}
        {figure && unitIds.length ? (
          <View className='sv-exports'>
            {unitIds.map((unitId, i) => (
              <ExportButton
                key={unitId}
                id={`export-list-${unitId}`}
                report='drilldown'
                query={{ unitId, from, to, figure, role, categoryCode }}
                filename={`诉求清单_${names[i] ?? unitId}_${from}_${to}.xlsx`}
                label={unitIds.length > 1 ? `导出Excel（${names[i] ?? unitId}）` : '导出Excel'}
              />
            ))}
          </View>
        ) : null}
      </View>
      {load.phase === 'loading' ? <Loading /> : null}
      {load.phase === 'error' ? <ErrorView title='加载失败' message={load.message} onRetry={() => void reload()} /> : null}
      {load.phase === 'ready' && load.value.length === 0 ? (
        <View className='state' id='list-empty'>
          <Text>没有符合条件的诉求</Text>
        </View>
      ) : null}
      <View id='list-items'>
        {load.phase === 'ready' ? load.value.map((item) => <TicketRow key={item.id} item={item} now={now} className='sv-list-item' onOpen={openTicket} />) : null}
      </View>
    </View>
  );
}
