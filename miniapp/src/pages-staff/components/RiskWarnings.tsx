import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { RiskWarningView } from '@mashang/shared/contracts/signals';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { formatTime } from '../../lib/time.ts';

type Load = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; items: RiskWarningView[] };

const LEVEL_CLASS: Record<string, string> = { high: 'risk-level--high', medium: 'risk-level--medium', low: 'risk-level--low' };

/**
 * 风险预警 on a request's page: each warning with the indicators that fired
 * and what they mean for the grid worker (the rule's explanation), its
 * response deadline and whether it was handled. Nothing when there is none.
 */
export function RiskWarnings({ ticketId, version }: { ticketId: string; version: number }) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  useEffect(() => {
    let live = true;
    const run = async () => {
      // A cold or busy backend (5xx, no network) is asked again; a refusal is final and shows
      // nothing — operators are not risk readers, and the page works without the warning.
      for (const wait of [0, 2_000, 5_000]) {
        if (wait) await new Promise((r) => setTimeout(r, wait));
        if (!live) return;
        try {
          const r = await api.tickets.risk(ticketId);
          if (live) setLoad({ phase: 'ready', items: r.items });
          return;
        } catch (err) {
          const e = toApiError(err);
          if (e.status !== 0 && e.status < 500) {
            if (live) setLoad({ phase: 'ready', items: [] });
            return;
          }
          if (wait === 5_000 && live) setLoad({ phase: 'error', message: e.message });
        }
      }
    };
    void run();
    return () => {
      live = false;
    };
  }, [ticketId, version]);
  if (load.phase === 'loading' || (load.phase === 'ready' && load.items.length === 0)) return null;
  if (load.phase === 'error') return <Text className='form-error'>风险预警加载失败：{load.message}</Text>;
  return (
    <View className='card' id='risk-warnings'>
      <Text className='field__label'>风险预警</Text>
      {load.items.map((w) => (
        <View key={w.id} className='risk-warning' id={`risk-${w.id}`}>
          <Text className={`risk-level ${LEVEL_CLASS[w.level] ?? ''}`}>{w.levelLabel}</Text>
          <Text className={w.overdue ? 'mark--red' : 'muted'}>
            {w.statusLabel} · 由{w.assignedUnitName}在 {formatTime(w.dueAt)} 前核实{w.overdue ? '（已超时）' : ''}
          </Text>
          {w.fired.map((f) => (
            <View key={f.ruleId} className='risk-indicator'>
              <Text className='risk-indicator__name'>
                {f.ruleName}：{f.indicators.join('；')}
              </Text>
              {f.explanation ? <Text className='risk-indicator__explain'>{f.explanation}</Text> : null}
            </View>
          ))}
          {w.note ? <Text className='muted'>处置情况：{w.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}
