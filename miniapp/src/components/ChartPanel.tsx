import { useEffect, useRef, useState } from 'react';
import type { TrendSeries, UnitRates } from '../lib/chart-data.ts';
import type { DrawnChart } from '../lib/chart-echarts.ts';
import { TrendBars, UnitRateBars } from './ChartBars.tsx';

/** What a chart shows: the trend of received vs resolved, or on-time rates by unit. */
export type ChartData = { kind: 'trend'; series: TrendSeries } | { kind: 'units'; rows: readonly UnitRates[] };

/**
 * One chart of the supervisors' report. On the wide-screen H5 view it is drawn
 * with echarts, loaded on first use through a guarded dynamic import (the
 * condition is a build-time constant, so the mini-program build drops the
 * import and echarts with it); everywhere else, and if that chunk fails to
 * load, the plain-View bars are shown.
 */
export function ChartPanel({ data, wide }: { data: ChartData; wide: boolean }) {
  const [failed, setFailed] = useState(false);
  if (process.env.TARO_ENV === 'h5' && wide && !failed) return <EchartsBox data={data} onFail={() => setFailed(true)} />;
  return data.kind === 'trend' ? <TrendBars series={data.series} /> : <UnitRateBars rows={data.rows} />;
}

function EchartsBox({ data, onFail }: { data: ChartData; onFail: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const drawn = useRef<DrawnChart | undefined>(undefined);
  const fail = useRef(onFail);
  fail.current = onFail;

  useEffect(() => {
    let live = true;
    if (process.env.TARO_ENV === 'h5') {
      import(/* webpackChunkName: "echarts" */ '../lib/chart-echarts.ts')
        .then((m) => {
          const el = box.current;
          if (!live || !el) return;
          drawn.current = data.kind === 'trend' ? m.drawTrend(el, data.series) : m.drawUnitRates(el, data.rows);
        })
        .catch(() => {
          if (live) fail.current();
        });
    }
    return () => {
      live = false;
    };
  }, [data]);

  useEffect(() => {
    const onResize = () => drawn.current?.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      drawn.current?.dispose();
      drawn.current = undefined;
    };
  }, []);

  const rows = data.kind === 'units' ? data.rows.length : 0;
  // Unit bars need room per unit; the trend has a fixed height.
  const height = data.kind === 'trend' ? 300 : Math.max(200, 64 + rows * 48);
  return <div className='chart-canvas' id={`chart-${data.kind}`} ref={box} style={{ height: `${height}px` }} />;
}
