import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { AlertSettingsInput, AlertSettingsReply } from '@mashang/shared/alert-settings';
import * as api from '../../services/api.ts';
import { AdminHeader, ErrorText, useAdminLoad } from '../common.tsx';
import { useAction } from '../hooks.ts';
import '../admin.scss';

type Field = { group: keyof AlertSettingsInput; key: string; label: string; unit: string; hint: string };

/** The settings an admin may change, in the order the page shows them. */
const FIELDS: Field[] = [
  { group: 'alerts', key: 'unrespondedMinutes', label: '未响应提醒督办', unit: '分钟', hint: '诉求提交后这么久仍无人响应，同时提醒本单位督办人员（5–120）' },
  { group: 'alerts', key: 'escalateAfterRedCards', label: '红牌提请上级督办', unit: '张', hint: '同一诉求累计红牌达到这个数，提醒上一级督办（区县督办，1–5）' },
  { group: 'alerts', key: 'escalateAfterHours', label: '超时提请上级督办', unit: '小时', hint: '时限超过这么久仍未办理，提醒上一级督办（1–168）' },
  { group: 'ranking', key: 'minRequests', label: '红黑榜最少诉求数', unit: '件/月', hint: '当月诉求少于这个数的单位不参与排名' },
  { group: 'ranking', key: 'responseWeight', label: '响应率权重', unit: '%', hint: '三项权重之和应为 100' },
  { group: 'ranking', key: 'resolveWeight', label: '解决率权重', unit: '%', hint: '' },
  { group: 'ranking', key: 'satisfactionWeight', label: '满意率权重', unit: '%', hint: '' },
  { group: 'ranking', key: 'basicFactor', label: '基本满意折算', unit: '', hint: '满意率 =（满意 + 折算 × 基本满意）÷ 评价数（0–1）' },
];

const textsOf = (s: AlertSettingsInput): Record<string, string> =>
  Object.fromEntries(FIELDS.map((f) => [`${f.group}.${f.key}`, String((s[f.group] as Record<string, number>)[f.key])]));

/**
 * 提醒与红黑榜设置 (county admins): when an unanswered request also reaches the supervisors,
 * when the county 督办 is brought in, and the red/black list's minimum and 三率 weights. The
 * formula with the weights in force is shown as the ranking page publishes it.
 */
export default function AlertSettingsPage() {
  const { value, error } = useAdminLoad(() => api.admin.alertSettings.get());
  const [settings, setSettings] = useState<AlertSettingsReply | undefined>();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState('');
  const { busy, error: saveError, fields, run } = useAction();

  useEffect(() => {
    if (value) {
      setSettings(value);
      setTexts(textsOf(value));
    }
  }, [value]);

  const input = (): AlertSettingsInput => {
    const pick = (group: keyof AlertSettingsInput) =>
      Object.fromEntries(FIELDS.filter((f) => f.group === group).map((f) => [f.key, Number((texts[`${group}.${f.key}`] ?? '').trim() || Number.NaN)]));
    return { alerts: pick('alerts'), ranking: pick('ranking') } as AlertSettingsInput;
  };

  const save = async () => {
    setSaved('');
    const reply = await run(() => api.admin.alertSettings.put(input()));
    if (reply) {
      setSettings(reply);
      setTexts(textsOf(reply));
      setSaved('已保存，新的设置立即生效');
    }
  };

  const restore = () => {
    if (settings) setTexts(textsOf(settings.defaults));
  };

  return (
    <View className='page admin' id='alert-settings'>
      <AdminHeader title='提醒与红黑榜设置' />
      {error ? <ErrorText id='alert-settings-error' message={error} /> : null}
      {settings ? (
        <>
          <View className='card'>
            {FIELDS.map((f) => {
              const name = `${f.group}.${f.key}`;
              return (
                <View key={name} className='field'>
                  <Text className='field__label'>
                    {f.label}
                    {f.unit ? `（${f.unit}）` : ''}
                  </Text>
                  <Input
                    id={`setting-${f.key}`}
                    className='input'
                    type='digit'
                    value={texts[name] ?? ''}
                    maxlength={6}
                    onInput={(e) => setTexts((t) => ({ ...t, [name]: e.detail.value }))}
                  />
                  {fields[name] ? <ErrorText id={`setting-${f.key}-error`} message={fields[name]!} /> : null}
                  {f.hint ? <Text className='muted'>{f.hint}</Text> : null}
                </View>
              );
            })}
            <ErrorText id='alert-settings-save-error' message={saveError} />
            {saved ? (
              <Text className='notice' id='alert-settings-saved'>
                {saved}
              </Text>
            ) : null}
            <View className='admin-row'>
              <Button id='alert-settings-save' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void save()}>
                保存
              </Button>
              <Button id='alert-settings-defaults' className='btn btn--ghost' size='mini' onClick={restore}>
                填入默认值
              </Button>
            </View>
            {settings.updatedAt ? <Text className='muted'>最近修改：{settings.updatedBy} · {settings.updatedAt.slice(0, 10)}</Text> : null}
          </View>
          <View className='card'>
            <Text className='field__label'>红黑榜公布的计算方法</Text>
            <Text className='muted' id='alert-settings-formula'>
              {settings.formula}
            </Text>
          </View>
        </>
      ) : null}
    </View>
  );
}
