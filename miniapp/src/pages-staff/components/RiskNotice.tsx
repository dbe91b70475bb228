import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { RiskWarningView } from '@mashang/shared/contracts';
import { firstUseApi, toApiError } from '../../services/api.ts';

/** The risk warnings of one request; an empty list when there are none or the viewer may not read them. */
export function useRiskWarnings(ticketId: string): RiskWarningView[] {
  const [warnings, setWarnings] = useState<RiskWarningView[]>([]);
  useEffect(() => {
    if (!ticketId) return;
    let live = true;
    const load = async () => {
      // A cold or busy backend (5xx, no network) is asked again; a refusal is final —
      // operators are not risk readers, and the page works without the warning.
      for (const wait of [0, 2_000, 5_000]) {
        if (wait) await new Promise((r) => setTimeout(r, wait));
        if (!live) return;
        try {
          const reply = await firstUseApi.ticketRisk(ticketId);
          if (live) setWarnings(reply.items);
          return;
        } catch (err) {
          const status = toApiError(err).status;
          if (status !== 0 && status < 500) return;
        }
      }
    };
    void load();
    return () => {
      live = false;
    };
  }, [ticketId]);
  return warnings;
}

/** The request's risk warning on top of the staff ticket page: its level, what fired, and the grid worker's task. */
export function RiskNotice({ warnings }: { warnings: RiskWarningView[] }) {
  if (warnings.length === 0) return null;
  return (
    <View className='risk-notice' id='ticket-risk'>
      {warnings.map((w) => (
        <View key={w.id} className={`risk-notice__item risk-notice__item--${w.level}`}>
          <Text className='risk-notice__title'>
            风险预警（{w.levelLabel}）· {w.statusLabel}
          </Text>
          {w.fired.map((f) => (
            <Text key={f.ruleId} className='risk-notice__text'>
              {f.ruleName}：{f.indicators.join('；')}
            </Text>
          ))}
          <Text className='risk-notice__task'>
            核实任务：{w.assignedUnitName}
            {w.overdue ? '（已超时）' : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
