import { Text, View } from '@tarojs/components';
import { barPercent, compactTrend, sharePercent, trendSummary, type TrendSeries, type UnitRates } from '../lib/chart-data.ts';
import { formatRate } from '../lib/supervisor-format.ts';

/**
 * The compact charts drawn with plain Views (CSS bars): the mini-program and
 * phone-width H5 use these, so no chart library enters the mini-program.
 */

/**
 * Requests received per day (per few days for long periods) as columns, the
 * resolved part of each in green (a day's cohort: what was received that day
 * and has been resolved), with the totals and the busiest day in words.
 */
export function TrendBars({ series }: { series: TrendSeries }) {
  const cols = compactTrend(series, 31);
  const max = Math.max(1, ...cols.map((c) => c.received));
  const summary = trendSummary(series);
  const first = series.labels[0] ?? '';
  const last = series.labels[series.labels.length - 1] ?? '';
  return (
    <View className='cbars' id='chart-trend-bars'>
      <View className='cbars__legend'>
        <Text className='cbars__key cbars__key--blue'>受理</Text>
        <Text className='cbars__key cbars__key--green'>其中已办结</Text>
      </View>
      <View className='ccols'>
        <Text className='ccols__max'>{max}</Text>
        <View className='ccols__plot'>
          {cols.map((c) => (
            <View className='ccols__col' key={c.label}>
              <View className='ccols__bar' style={{ height: `${barPercent(c.received, max)}%` }}>
                <View className='ccols__done' style={{ height: `${sharePercent(c.resolved, c.received)}%` }} />
              </View>
            </View>
          ))}
        </View>
        <View className='ccols__axis'>
          <Text>{first}</Text>
          <Text>{last}</Text>
        </View>
      </View>
      <Text className='cbars__summary' id='chart-trend-summary'>
        合计受理 {summary.received} 件，其中已办结 {summary.resolved} 件
        {summary.peakLabel ? `；受理最多的一天是 ${summary.peakLabel}（${summary.peak} 件）` : ''}
      </Text>
    </View>
  );
}

/** One rate as a labelled bar out of 100 %. */
function RateLine({ label, rate, tone }: { label: string; rate: number | null; tone: 'blue' | 'red' }) {
  return (
    <View className='cbars__line'>
      <Text className='cbars__line-label'>{label}</Text>
      <View className='cbars__track'>
        <View className={`cbars__bar cbars__bar--${tone}`} style={{ width: `${barPercent(rate, 1)}%` }} />
      </View>
      <Text className='cbars__value'>{formatRate(rate)}</Text>
    </View>
  );
}

/** 响应率 and 按时办结率 of each unit, as bars out of 100 %. */
export function UnitRateBars({ rows }: { rows: readonly UnitRates[] }) {
  return (
    <View className='cbars' id='chart-units-bars'>
      {rows.map((r) => (
        <View className='cbars__unit' key={`${r.role}-${r.unitId}`}>
          <Text className='cbars__name'>
            {r.name}
            {r.role === 'handling' ? '（承办）' : ''}
          </Text>
          {r.role === 'origin' ? <RateLine label='响应率' rate={r.responseRate} tone='blue' /> : null}
          <RateLine label='按时办结率' rate={r.resolveOnTimeRate} tone='red' />
        </View>
      ))}
    </View>
  );
}
