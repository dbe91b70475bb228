/**
 * The wide-screen charts, drawn with echarts. H5 only: this module is reached
 * through a `process.env.TARO_ENV === 'h5'` guarded dynamic import
 * (components/ChartPanel.tsx), so it never enters the mini-program build, and on
 * H5 it is its own chunk, fetched when a wide screen first shows a chart.
 * Only what is drawn is imported (tree-shaken echarts/core).
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { TrendSeries, UnitRates } from './chart-data.ts';

echarts.use([LineChart, BarChart, GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

const FONT = "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
const TEXT = { fontFamily: FONT, fontSize: 15, color: '#1f2328' };
const RED = '#c8161d';
const GREEN = '#1a7f37';
const BLUE = '#0a58ca';

/** A drawn chart: call `resize` when its box changes and `dispose` when it goes away. */
export interface DrawnChart {
  resize(): void;
  dispose(): void;
}

const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

function draw(el: HTMLElement, option: echarts.EChartsCoreOption): DrawnChart {
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption({ textStyle: TEXT, animation: false, ...option }, true);
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}

/** Received vs resolved per day of receipt: two lines. */
export function drawTrend(el: HTMLElement, s: TrendSeries): DrawnChart {
  return draw(el, {
    tooltip: { trigger: 'axis', textStyle: TEXT },
    legend: { top: 0, textStyle: TEXT, data: ['受理', '办结'] },
    grid: { left: 48, right: 20, top: 44, bottom: 36 },
    xAxis: { type: 'category', data: s.labels, boundaryGap: false, axisLabel: { ...TEXT, fontSize: 14, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { ...TEXT, fontSize: 14 } },
    series: [
      { name: '受理', type: 'line', data: s.received, smooth: false, symbolSize: 7, lineStyle: { width: 3, color: BLUE }, itemStyle: { color: BLUE } },
      { name: '办结', type: 'line', data: s.resolved, smooth: false, symbolSize: 7, lineStyle: { width: 3, color: GREEN }, itemStyle: { color: GREEN } },
    ],
  });
}

/** On-time rates by unit: horizontal bars of 响应率 and 按时办结率, in percent. */
export function drawUnitRates(el: HTMLElement, rows: readonly UnitRates[]): DrawnChart {
  // echarts draws the first category at the bottom of a vertical axis: reverse so the list reads top-down.
  const ordered = [...rows].reverse();
  return draw(el, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: TEXT, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
    legend: { top: 0, textStyle: TEXT, data: ['响应率', '按时办结率'] },
    grid: { left: 8, right: 56, top: 44, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { ...TEXT, fontSize: 14, formatter: '{value}%' } },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { ...TEXT, fontSize: 15 } },
    series: [
      {
        name: '响应率',
        type: 'bar',
        data: ordered.map((r) => percent(r.responseRate)),
        itemStyle: { color: BLUE },
        label: { show: true, position: 'right', ...TEXT, fontSize: 14, formatter: '{c}%' },
        barMaxWidth: 18,
      },
      {
        name: '按时办结率',
        type: 'bar',
        data: ordered.map((r) => percent(r.resolveOnTimeRate)),
        itemStyle: { color: RED },
        label: { show: true, position: 'right', ...TEXT, fontSize: 14, formatter: '{c}%' },
        barMaxWidth: 18,
      },
    ],
  });
}
