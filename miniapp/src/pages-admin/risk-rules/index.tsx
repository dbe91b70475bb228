import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import { RISK_LEVEL_LABELS, RISK_LEVELS, RISK_RULE_KIND_LABELS, type RiskRuleSet } from '@mashang/shared/risk';
import * as api from '../../services/api.ts';
import { requireStaff } from '../../pages-staff/session.ts';
import { AdminNav } from '../nav.tsx';
import { useAction } from '../hooks.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

type Rule = RiskRuleSet['rules'][number];

/**
 * Risk early-warning rules (the existing PUT /api/risk/rules): switch rules on and off,
 * set their level, keywords, windows and response times. Saving sends the version read,
 * so an edit made meanwhile by another admin is a 409, not a silent overwrite.
 */
export default function RiskRulesPage() {
  const { busy, error, run } = useAction();
  const [set, setSet] = useState<RiskRuleSet | undefined>();
  const [notice, setNotice] = useState('');
  useLoad(() => {
    if (requireStaff()) void run(() => api.risk.rules()).then((r) => r && setSet(r));
  });
  if (!set) return <View className='page'>{error ? <Text className='form-error'>{error}</Text> : <Text className='muted'>加载中…</Text>}</View>;

  const update = (i: number, patch: Partial<Rule>) => setSet({ ...set, rules: set.rules.map((r, j) => (j === i ? ({ ...r, ...patch } as Rule) : r)) });
  const list = (s: string) => s.split(/[，,、\s]+/).map((x) => x.trim()).filter(Boolean);
  const save = async () => {
    const saved = await run(() => api.risk.saveRules({ expectedVersion: set.version, responseMinutes: set.responseMinutes, rules: set.rules }));
    if (saved) {
      setSet(saved);
      setNotice(`已保存（第 ${saved.version} 版），新提交和重新办理的诉求按新规则预警`);
    }
  };

  return (
    <View className='page admin-risk-rules'>
      <AdminNav current='risk-rules' />
      <View className='card'>
        <Text className='field__label'>默认响应时限（分钟）</Text>
        <Input id='risk-response' className='input' type='number' value={String(set.responseMinutes)} onInput={(e) => setSet({ ...set, responseMinutes: Number(e.detail.value) })} />
        <Text className='muted'>{`第 ${set.version} 版${set.updatedBy ? `，${set.updatedBy} 修改` : ''}`}</Text>
      </View>
      {set.rules.map((r, i) => (
        <View key={r.id} className='card' id={`risk-rule-${r.id}`}>
          <View className='tree__row'>
            <Text>{`${r.name}（${RISK_RULE_KIND_LABELS[r.kind]}）`}</Text>
            <Switch checked={r.enabled} onChange={(e) => update(i, { enabled: e.detail.value })} />
          </View>
          <View className='admin-nav'>
            {RISK_LEVELS.map((l) => (
              <Text key={l} className={`chip chip--small ${r.level === l ? 'chip--active' : ''}`} onClick={() => update(i, { level: l })}>
                {RISK_LEVEL_LABELS[l]}
              </Text>
            ))}
          </View>
          {r.kind === 'keywords' ? (
            <Input className='input' id={`risk-keywords-${r.id}`} value={r.keywords.join('，')} placeholder='关键词，用逗号分隔' onInput={(e) => update(i, { keywords: list(e.detail.value) })} />
          ) : null}
          {r.kind === 'repeat_person' || r.kind === 'repeat_place' ? (
            <View className='admin-actions'>
              <Input className='input' type='number' value={String(r.windowDays)} onInput={(e) => update(i, { windowDays: Number(e.detail.value) })} />
              <Text className='muted'>天内达到</Text>
              <Input className='input' type='number' value={String(r.minCount)} onInput={(e) => update(i, { minCount: Number(e.detail.value) })} />
              <Text className='muted'>次</Text>
            </View>
          ) : null}
        </View>
      ))}
      {error ? (
        <Text className='form-error' id='risk-error'>
          {error}
        </Text>
      ) : null}
      {notice && !error ? <Text className='muted'>{notice}</Text> : null}
      <Button id='risk-save' className='btn btn--primary' disabled={busy || undefined} onClick={() => void save()}>
        保存规则
      </Button>
    </View>
  );
}
