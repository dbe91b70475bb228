import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { HotspotsReply, RiskWarningsReply } from '@mashang/shared/contracts/signals';
import * as api from '../services/api.ts';
import { formatTime } from '../lib/time.ts';
import { errorMessage, openTicket } from './common.tsx';

/**
 * The supervisor home's two early-signal sections, from the supervision routes
 * (functions/src/handlers/supervision.ts): hotspots — several residents, maybe
 * through different channels, about the same thing — and risk early warnings.
 * Each loads on its own, so a failure here never hides the report.
 */

const HOTSPOT_DAYS = 7;
const RISK_DAYS = 30;
const SHOWN = 5;
const MEMBERS_SHOWN = 3;

type Load<T> = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; data: T };

function useLoad<T>(fetch: () => Promise<T>, deps: unknown[]): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ phase: 'loading' });
  useEffect(() => {
    let live = true;
    setLoad({ phase: 'loading' });
    fetch()
      .then((data) => {
        if (live) setLoad({ phase: 'ready', data });
      })
      .catch((err: unknown) => {
        if (live) setLoad({ phase: 'error', message: errorMessage(err) });
      });
    return () => {
      live = false;
    };
    // `fetch` closes over exactly `deps`, which the caller lists.
  }, deps);
  return load;
}

/** 热点诉求: the unit's hotspots of the last week, largest first, each with its first requests. */
export function HotspotsCard({ unitId }: { unitId: string }) {
  const load = useLoad<HotspotsReply>(() => api.hotspots.list(unitId, HOTSPOT_DAYS), [unitId]);
  const items = load.phase === 'ready' ? [...load.data.items].sort((a, b) => b.size - a.size).slice(0, SHOWN) : [];
  return (
    <View className='card' id='sv-hotspots'>
      <Text className='sv-card-title'>热点诉求（近 {HOTSPOT_DAYS} 天）</Text>
      <Text className='muted sv-hint'>多人、多渠道反映的同一问题，按反映人数排列；点诉求查看详情</Text>
      {load.phase === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
      {load.phase === 'error' ? <Text className='form-error'>热点加载失败：{load.message}</Text> : null}
      {load.phase === 'ready' && items.length === 0 ? <Text className='muted'>近 {HOTSPOT_DAYS} 天没有发现热点</Text> : null}
      {items.map((h) => (
        <View key={h.id} className='sv-signal sv-hotspot' id={`hotspot-${h.id}`}>
          <View className='sv-signal__head'>
            <Text className='sv-signal__size'>{h.size} 件</Text>
            <Text className='sv-signal__title'>{h.keywords.slice(0, 4).join(' · ') || h.categories[0]?.name || '同类诉求'}</Text>
          </View>
          <Text className='sv-signal__meta'>
            {h.places.slice(0, 2).join('、')}
            {h.channels.length ? ` · ${h.channels.map((c) => `${c.label} ${c.count}`).join('，')}` : ''}
          </Text>
          <Text className='sv-signal__meta'>
            {formatTime(h.firstAt)} 至 {formatTime(h.lastAt)}
          </Text>
          {h.members.slice(0, MEMBERS_SHOWN).map((m) => (
            <Text key={m.id} className='sv-signal__member' onClick={() => openTicket(m.id)}>
              {m.summary}
            </Text>
          ))}
          {h.members.length > MEMBERS_SHOWN || h.hiddenCount > 0 ? (
            <Text className='sv-signal__meta'>
              {h.members.length > MEMBERS_SHOWN ? `另有 ${h.members.length - MEMBERS_SHOWN} 件` : ''}
              {h.hiddenCount > 0 ? `${h.members.length > MEMBERS_SHOWN ? '，' : ''}${h.hiddenCount} 件属其他单位` : ''}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

const LEVEL_CLASS: Record<string, string> = { high: 'sv-level--high', medium: 'sv-level--medium', low: 'sv-level--low' };
const LEVEL_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

/** 风险预警: the unit's risk early warnings of the last month, open and highest level first. */
export function RiskCard({ unitId }: { unitId: string }) {
  const load = useLoad<RiskWarningsReply>(() => api.risk.warnings(unitId, RISK_DAYS), [unitId]);
  const all = load.phase === 'ready' ? load.data.items : [];
  const open = all.filter((w) => w.status === 'open').length;
  const items = [...all]
    .sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open') || (LEVEL_ORDER[a.level] ?? 3) - (LEVEL_ORDER[b.level] ?? 3) || b.createdAt.localeCompare(a.createdAt))
    .slice(0, SHOWN);
  return (
    <View className='card' id='sv-risks'>
      <Text className='sv-card-title'>风险预警（近 {RISK_DAYS} 天）</Text>
      {load.phase === 'ready' ? (
        <Text className='muted sv-hint'>
          共 {all.length} 条，待核实 {open} 条；点预警查看诉求
        </Text>
      ) : null}
      {load.phase === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
      {load.phase === 'error' ? <Text className='form-error'>预警加载失败：{load.message}</Text> : null}
      {load.phase === 'ready' && all.length === 0 ? <Text className='muted'>近 {RISK_DAYS} 天没有风险预警</Text> : null}
      {items.map((w) => (
        <View key={w.id} className='sv-signal sv-risk' id={`risk-${w.id}`} onClick={() => openTicket(w.ticketId)}>
          <View className='sv-signal__head'>
            <Text className={`sv-level ${LEVEL_CLASS[w.level] ?? ''}`}>{w.levelLabel}</Text>
            <Text className='sv-signal__title'>{w.summary}</Text>
          </View>
          <Text className='sv-signal__meta'>{w.fired.flatMap((f) => f.indicators).join('；')}</Text>
          <Text className='sv-signal__meta'>
            {w.categoryName} · {w.locationName} · 由{w.assignedUnitName}核实
          </Text>
          <Text className={`sv-signal__meta ${w.overdue ? 'mark--red' : ''}`}>
            {w.statusLabel}
            {w.overdue ? '（已超时）' : ''} · {formatTime(w.createdAt)}
          </Text>
        </View>
      ))}
    </View>
  );
}
