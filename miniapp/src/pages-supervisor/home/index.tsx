import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { FIGURES, type Figure, type ReportRow } from '@mashang/shared/contracts/reports';
import type { Unit } from '@mashang/shared/org';
import * as api from '../../services/api.ts';
import { ErrorView, FieldError, Loading } from '../../components/Status.tsx';
import { ChartPanel, type ChartData } from '../../components/ChartPanel.tsx';
import { hasTrend, trendSeries, unitRates } from '../../lib/chart-data.ts';
import {
  count,
  drillUnits,
  FIGURE_LABELS,
  formatRate,
  KIND_LABELS,
  RATE_FIGURE,
  RATE_KEYS,
  RATE_LABELS,
  rateTone,
  reportUnits,
  type RateKey,
} from '../../lib/supervisor-format.ts';
import { checkCustomRange, PERIOD_KINDS, PERIOD_LABELS, quickRange, rangeLabel, todayIn, type DateRange, type PeriodKind } from '../../lib/supervisor-period.ts';
import { BREACHES_URL, ExportButton, LIST_URL, NotSupervisor, SupervisorHeader, useSupervisor, useSupervisorLoad, useWideScreen } from '../common.tsx';
import { HotspotsCard, RiskCard } from '../signals.tsx';
import '../supervisor.scss';

/** What a drill-down shows: one figure of one or more units' rows, optionally of one category. */
interface Drill {
  figure: Figure;
  units: Array<{ id: string; name: string }>;
  role: 'origin' | 'handling';
  title: string;
  categoryCode?: string;
}

/**
 * The supervisor's home: the month report (12345 measures) of their unit or a
 * unit below it, with every figure opening the requests behind it, the trend and
 * on-time charts, and the way to the breach list. Two columns on a wide screen.
 */
export default function SupervisorHomePage() {
  const { session, allowed } = useSupervisor();
  const wide = useWideScreen();
  const ownUnitId = session?.staff?.unit.id ?? session?.actor.unitId ?? '';
  const [kind, setKind] = useState<PeriodKind>('thisMonth');
  const [range, setRange] = useState<DateRange>(() => quickRange('thisMonth', todayIn(Date.now())));
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [customError, setCustomError] = useState<{ field: 'from' | 'to'; message: string } | undefined>();
  const [unitId, setUnitId] = useState(ownUnitId);
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitsOpen, setUnitsOpen] = useState(false);
  const [openBreaches, setOpenBreaches] = useState<number | undefined>();
  const { load, reload } = useSupervisorLoad(
    allowed && Boolean(unitId),
    async () => {
      const [report, breaches] = await Promise.all([api.reports.sla({ unitId: unitId!, from: range.from, to: range.to }), api.reports.breaches(unitId).catch(() => undefined)]);
      setOpenBreaches(breaches?.items.length);
      return report;
    },
    [unitId, range],
  );

  useEffect(() => {
    if (!allowed) return;
    api.units
      .list()
      .then((reply) => setUnits(reportUnits(reply.items, ownUnitId)))
      .catch(() => setUnits([]));
  }, [allowed, ownUnitId]);

  const report = load.phase === 'ready' ? load.value : undefined;
  const trend = useMemo<ChartData | undefined>(() => (report ? { kind: 'trend', series: trendSeries(report.byDay, { from: report.from, to: report.to }) } : undefined), [report]);
  const byUnitRates = useMemo<ChartData | undefined>(() => (report ? { kind: 'units', rows: unitRates(report.byUnit) } : undefined), [report]);

  if (!session) return <View className='page' />;
  if (!allowed) {
    return (
      <View className='page sv-page'>
        <NotSupervisor />
      </View>
    );
  }

  const choosePeriod = (k: PeriodKind) => {
    setKind(k);
    setCustomError(undefined);
    if (k === 'custom') {
      setCustom((c) => (c.from || c.to ? c : { from: range.from, to: range.to }));
      return;
    }
    setRange(quickRange(k, todayIn(Date.now())));
  };

  const applyCustom = () => {
    const checked = checkCustomRange(custom.from, custom.to, todayIn(Date.now()));
    if (!checked.ok) {
      setCustomError({ field: checked.field, message: checked.message });
      return;
    }
    setCustomError(undefined);
    setCustom(checked.range);
    setRange(checked.range);
  };

  const unitName = units.find((u) => u.id === unitId)?.name ?? report?.unitName ?? session.staff?.unit.name ?? '';

  const drill = (d: Drill) => {
    if (!report) return;
    const query = [
      `figure=${d.figure}`,
      `role=${d.role}`,
      `from=${report.from}`,
      `to=${report.to}`,
      `units=${encodeURIComponent(d.units.map((u) => u.id).join(','))}`,
      `names=${encodeURIComponent(d.units.map((u) => u.name).join(','))}`,
      `title=${encodeURIComponent(d.title)}`,
      d.categoryCode ? `category=${encodeURIComponent(d.categoryCode)}` : '',
    ].filter(Boolean);
    void Taro.navigateTo({ url: `${LIST_URL}?${query.join('&')}` });
  };

  /** The totals of the chosen unit sum several units' rows: the list asks each of them. */
  const drillTotal = (figure: Figure, categoryCode?: string, categoryName?: string) => {
    if (!report) return;
    const ids = drillUnits(report.byUnit, figure);
    const names = new Map(report.byUnit.map((r) => [`${r.role}|${r.key}`, r.name]));
    const role = figure === 'dispatched' ? 'handling' : 'origin';
    drill({
      figure,
      role,
      units: ids.map((id) => ({ id, name: names.get(`${role}|${id}`) ?? id })),
      title: `${report.unitName}${categoryName ? ` · ${categoryName}` : ''} · ${FIGURE_LABELS[figure]}`,
      categoryCode,
    });
  };

  const drillRow = (row: ReportRow, figure: Figure) => {
    if (!report) return;
    drill({ figure, role: row.role, units: [{ id: row.key, name: row.name }], title: `${row.name} · ${FIGURE_LABELS[figure]}` });
  };

  const periodCard = (
    <View className='card sv-filters' id='sv-filters'>
      <Text className='sv-label'>统计时段</Text>
      <View className='sv-choices sv-choices--even'>
        {PERIOD_KINDS.map((k) => (
          <View key={k} id={`period-${k}`} className={`sv-choice ${kind === k ? 'sv-choice--active' : ''}`} onClick={() => choosePeriod(k)}>
            <Text>{PERIOD_LABELS[k]}</Text>
          </View>
        ))}
      </View>
      {kind === 'custom' ? (
        <View className='sv-custom' id='sv-custom'>
          <View className='sv-custom__field'>
            <Text className='sv-custom__label'>开始日期</Text>
            <Input id='custom-from' className='input' value={custom.from} maxlength={10} placeholder='2026-11-01' onInput={(e) => setCustom((c) => ({ ...c, from: e.detail.value }))} />
            <FieldError id='custom-from-error' message={customError?.field === 'from' ? customError.message : undefined} />
          </View>
          <View className='sv-custom__field'>
            <Text className='sv-custom__label'>结束日期</Text>
            <Input id='custom-to' className='input' value={custom.to} maxlength={10} placeholder='2026-11-30' onInput={(e) => setCustom((c) => ({ ...c, to: e.detail.value }))} />
            <FieldError id='custom-to-error' message={customError?.field === 'to' ? customError.message : undefined} />
          </View>
          <Button id='custom-apply' className='btn btn--primary sv-custom__apply' onClick={applyCustom}>
            查询
          </Button>
        </View>
      ) : null}
      <Text className='sv-range' id='sv-range'>
        {rangeLabel(range)}
      </Text>

      <View className='sv-unit-line'>
        <Text className='sv-label'>统计单位</Text>
        <Text className='sv-unit-current' id='sv-unit-current'>
          {unitName}
        </Text>
        {units.length > 1 ? (
          <Text className='sv-link' id='sv-unit-toggle' onClick={() => setUnitsOpen((o) => !o)}>
            {unitsOpen ? '收起' : '更换单位'}
          </Text>
        ) : null}
      </View>
      {unitsOpen ? (
        <View id='sv-units'>
          {(['county', 'street', 'community', 'department'] as const).map((k) => {
            const group = units.filter((u) => u.kind === k);
            if (!group.length) return null;
            return (
              <View key={k} className='sv-unit-group'>
                <Text className='sv-unit-group__title'>{KIND_LABELS[k]}</Text>
                <View className='sv-choices'>
                  {group.map((u) => (
                    <View
                      key={u.id}
                      id={`unit-${u.id}`}
                      className={`sv-choice ${u.id === unitId ? 'sv-choice--active' : ''}`}
                      onClick={() => {
                        setUnitId(u.id);
                        setUnitsOpen(false);
                      }}
                    >
                      <Text>{u.name}</Text>
                    </View>
                  ))}
                </View>
              </View>
            );
          })}
        </View>
      ) : null}
    </View>
  );

  const totalsCard = report ? (
    <View className='card' id='sv-totals'>
      <View className='sv-card-head'>
        <Text className='sv-card-title'>
          {report.unitName} · 总体情况
        </Text>
        <ExportButton id='export-sla' report='sla' query={{ unitId: report.unitId, from: report.from, to: report.to }} filename={`时限报表_${report.unitName}_${report.from}_${report.to}.xlsx`} />
      </View>
      <Text className='muted sv-hint'>点数字查看对应的诉求</Text>
      <View className='sv-figures'>
        {FIGURES.map((f) => {
          // Totals sum the receiving offices' rows, which count no dispatches: add up the handling units' rows instead.
          const value = f === 'dispatched' ? report.byUnit.filter((r) => r.role === 'handling').reduce((s, r) => s + count(r, 'dispatched'), 0) : count(report.totals, f);
          return (
            <View key={f} id={`figure-${f}`} className={`sv-figure ${f === 'openBreached' && value > 0 ? 'sv-figure--red' : ''}`} onClick={() => (value > 0 ? drillTotal(f) : undefined)}>
              <Text className='sv-figure__value'>{value}</Text>
              <Text className='sv-figure__label'>{FIGURE_LABELS[f]}</Text>
            </View>
          );
        })}
      </View>
    </View>
  ) : null;

  const ratesCard = report ? (
    <View className='card' id='sv-rates'>
      <Text className='sv-card-title'>六项指标（12345 口径）</Text>
      {RATE_KEYS.map((k: RateKey) => {
        const rate = report.totals.rates[k];
        return (
          <View key={k} className='sv-rate' id={`rate-${k}`} onClick={() => (count(report.totals, RATE_FIGURE[k]) > 0 ? drillTotal(RATE_FIGURE[k]) : undefined)}>
            <View className='sv-rate__head'>
              <Text className='sv-rate__label'>{RATE_LABELS[k]}</Text>
              <Text className={`sv-rate__value mark--${rateTone(rate)}`}>{formatRate(rate)}</Text>
            </View>
            <View className='sv-rate__track'>
              <View className={`sv-rate__bar sv-rate__bar--${rateTone(rate)}`} style={{ width: `${rate === null ? 0 : Math.round(rate * 100)}%` }} />
            </View>
            <Text className='sv-rate__formula'>{report.formulas[k] ?? ''}</Text>
          </View>
        );
      })}
    </View>
  ) : null;

  const breachCard = (
    <View className='card sv-breach-card' id='sv-breach-card' onClick={() => void Taro.navigateTo({ url: `${BREACHES_URL}?unitId=${encodeURIComponent(unitId)}` })}>
      <View className='sv-card-head'>
        <Text className='sv-card-title'>超时未办结</Text>
        <Text className='sv-link'>去督办 ›</Text>
      </View>
      <Text className='sv-breach-card__count' id='sv-open-breaches'>
        {openBreaches === undefined ? '—' : `${openBreaches} 件`}
      </Text>
      <Text className='muted'>当前仍在办理、已超过时限的诉求（不限统计时段），按超时先后排列</Text>
    </View>
  );

  // Hotspots and risk early warnings (functions/src/handlers/supervision.ts), for the chosen unit.
  const signalSections = (
    <>
      <HotspotsCard unitId={unitId} />
      <RiskCard unitId={unitId} />
    </>
  );

  const chartsCards =
    report && trend && byUnitRates ? (
      <>
        <View className='card' id='sv-trend'>
          <Text className='sv-card-title'>受理与办结趋势（按受理日）</Text>
          {hasTrend(report) ? <ChartPanel data={trend} wide={wide} /> : <Text className='muted'>本时段暂无诉求</Text>}
        </View>
        <View className='card' id='sv-unit-chart'>
          <Text className='sv-card-title'>各单位按时率</Text>
          {byUnitRates.kind === 'units' && byUnitRates.rows.length ? <ChartPanel data={byUnitRates} wide={wide} /> : <Text className='muted'>本时段暂无可统计的单位</Text>}
        </View>
      </>
    ) : null;

  const unitRows: BreakdownRow[] = (report?.byUnit ?? []).map((r) => {
    const intake: Figure = r.role === 'origin' ? 'received' : 'dispatched';
    return {
      key: `${r.role}-${r.key}`,
      name: r.name,
      tag: r.role === 'handling' ? '承办' : undefined,
      cells: [
        { label: r.role === 'origin' ? '受理' : '派办', value: count(r, intake), onTap: () => drillRow(r, intake) },
        { label: '办结', value: count(r, 'resolved'), onTap: () => drillRow(r, 'resolved') },
        { label: '超时未办结', value: count(r, 'openBreached'), onTap: () => drillRow(r, 'openBreached'), red: true },
        { label: '响应率', rate: r.rates.responseRate },
        { label: '按时办结率', rate: r.rates.resolveOnTimeRate },
        { label: '满意率', rate: r.rates.satisfactionRate },
      ],
    };
  });

  const categoryRows: BreakdownRow[] = (report?.byCategory ?? []).map((r) => ({
    key: r.key,
    name: r.name,
    cells: [
      { label: '受理', value: count(r, 'received'), onTap: () => drillTotal('received', r.key, r.name) },
      { label: '办结', value: count(r, 'resolved'), onTap: () => drillTotal('resolved', r.key, r.name) },
      { label: '超时未办结', value: count(r, 'openBreached'), onTap: () => drillTotal('openBreached', r.key, r.name), red: true },
      { label: '响应率', rate: r.rates.responseRate },
      { label: '按时办结率', rate: r.rates.resolveOnTimeRate },
      { label: '满意率', rate: r.rates.satisfactionRate },
    ],
  }));

  const unitTable = report ? (
    <View className='card' id='sv-by-unit'>
      <Text className='sv-card-title'>按单位</Text>
      <Text className='muted sv-hint'>“承办”为派办到该单位的诉求；点数字查看诉求</Text>
      <Breakdown idPrefix='unit-row' columns={['单位', '受理/派办', '办结', '超时未办结', '响应率', '按时办结率', '满意率']} rows={unitRows} wide={wide} />
    </View>
  ) : null;

  const categoryTable = report ? (
    <View className='card' id='sv-by-category'>
      <Text className='sv-card-title'>按类别</Text>
      <Breakdown idPrefix='category-row' columns={['类别', '受理', '办结', '超时未办结', '响应率', '按时办结率', '满意率']} rows={categoryRows} wide={wide} />
    </View>
  ) : null;

  return (
    <View className={`page sv-page ${wide ? 'sv-page--wide' : ''}`} id='sv-home'>
      <SupervisorHeader session={session} current='home' />
      <View className='sv-columns'>
        <View className='sv-col sv-col--left'>
          {periodCard}
          {load.phase === 'loading' ? <Loading text='正在统计…' /> : null}
          {load.phase === 'error' ? <ErrorView title='统计失败' message={load.message} onRetry={() => void reload()} /> : null}
          {totalsCard}
          {breachCard}
          {ratesCard}
        </View>
        <View className='sv-col sv-col--right'>
          {chartsCards}
          {unitTable}
          {categoryTable}
          {signalSections}
        </View>
      </View>
    </View>
  );
}

/** One figure of a breakdown row: a count that opens its requests, or a rate. */
type BreakdownCell = { label: string; value: number; onTap: () => void; red?: boolean; rate?: undefined } | { label: string; rate: number | null; value?: undefined };

interface BreakdownRow {
  key: string;
  name: string;
  tag?: string;
  cells: BreakdownCell[];
}

/**
 * A breakdown by unit or category: a table on the wide screen; on a phone one
 * small card per row (a six-column table would need sideways scrolling there).
 * Counts open the requests behind them; a zero opens nothing.
 */
function Breakdown({ idPrefix, columns, rows, wide }: { idPrefix: string; columns: string[]; rows: BreakdownRow[]; wide: boolean }) {
  if (rows.length === 0) return <Text className='muted sv-empty'>本时段暂无数据</Text>;
  const value = (c: BreakdownCell, className: string) =>
    c.value === undefined ? (
      <Text className={`${className} mark--${rateTone(c.rate)}`}>{formatRate(c.rate)}</Text>
    ) : (
      <Text className={`${className} ${c.value > 0 ? 'sv-td--link' : ''} ${c.red && c.value > 0 ? 'mark--red' : ''}`} onClick={() => (c.value > 0 ? c.onTap() : undefined)}>
        {c.value}
      </Text>
    );
  if (!wide) {
    return (
      <View className='sv-mcards'>
        {rows.map((r) => (
          <View className='sv-mcard' key={r.key} id={`${idPrefix}-${r.key}`}>
            <View className='sv-mcard__head'>
              <Text className='sv-mcard__name'>{r.name}</Text>
              {r.tag ? <Text className='tag'>{r.tag}</Text> : null}
            </View>
            <View className='sv-mcard__grid'>
              {r.cells.map((c) => (
                <View className='sv-mcard__cell' key={c.label}>
                  {value(c, 'sv-mcard__value')}
                  <Text className='sv-mcard__label'>{c.label}</Text>
                </View>
              ))}
            </View>
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className='sv-table'>
      <View className='sv-tr sv-tr--head'>
        {columns.map((label, i) => (
          <Text className={`sv-td ${i === 0 ? 'sv-td--name' : ''}`} key={label}>
            {label}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View className='sv-tr' key={r.key} id={`${idPrefix}-${r.key}`}>
          <View className='sv-td sv-td--name'>
            <Text>{r.name}</Text>
            {r.tag ? <Text className='tag'>{r.tag}</Text> : null}
          </View>
          {r.cells.map((c) => (
            <View className='sv-td' key={c.label}>
              {value(c, '')}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
