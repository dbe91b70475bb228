import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { INTEGRATION_CHANNELS, INTEGRATION_CHANNEL_LABELS, type ApiKeyView, type IssuedKey } from '@mashang/shared/integration-contracts';
import * as api from '../../services/api.ts';
import { requireStaff } from '../../pages-staff/session.ts';
import { AdminNav } from '../nav.tsx';
import { useAction } from '../hooks.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

const EMPTY = { system: '', name: '', ratePerMinute: '60' };

/**
 * Integration keys for other systems (12345 platform, 110, letters and visits) that file
 * requests through the Open311 API: issue a key (shown once), see who holds one, revoke it.
 */
export default function IntegrationsPage() {
  const { busy, error, fields, run } = useAction();
  const [items, setItems] = useState<ApiKeyView[] | undefined>();
  const [form, setForm] = useState(EMPTY);
  const [channelIndex, setChannelIndex] = useState(0);
  const channel = INTEGRATION_CHANNELS[channelIndex] ?? 'open311';
  const [issued, setIssued] = useState<IssuedKey | undefined>();

  const load = () =>
    run(async () => {
      setItems((await api.admin.integrations.keys()).items);
      return true;
    });
  useLoad(() => {
    if (requireStaff()) void load();
  });

  const issue = async () => {
    const rate = Number(form.ratePerMinute);
    const key = await run(() =>
      api.admin.integrations.issue({ system: form.system, name: form.name, channel, ratePerMinute: Number.isFinite(rate) ? rate : 0 }),
    );
    if (key) {
      const { apiKey: _shownOnce, ...listed } = key;
      setIssued(key);
      setForm(EMPTY);
      setItems([listed, ...(items ?? [])]);
    }
  };

  const revoke = async (k: ApiKeyView) => {
    const { confirm } = await Taro.showModal({ title: '停用密钥', content: `停用“${k.name}”的密钥（尾号 ${k.lastFour}）后，该系统的下一次调用即被拒绝，且不能恢复。`, confirmText: '停用' });
    const revoked = confirm ? await run(() => api.admin.integrations.revoke(k.keyId)) : undefined;
    if (revoked) setItems((items ?? []).map((x) => (x.keyId === revoked.keyId ? revoked : x)));
  };

  return (
    <View className='page admin-integrations'>
      <AdminNav current='integrations' />
      {issued ? (
        <View className='card' id='issued-key'>
          <Text className='field__label'>新密钥（只显示这一次，请立即复制交给对接系统）</Text>
          <Text selectable className='issued-key' id='issued-key-value'>
            {issued.apiKey}
          </Text>
          <Button className='btn' onClick={() => void Taro.setClipboardData({ data: issued.apiKey })}>
            复制密钥
          </Button>
          <Text className='link' onClick={() => setIssued(undefined)}>
            我已保存，关闭
          </Text>
        </View>
      ) : null}
      <View className='card'>
        <Text className='field__label'>为对接系统签发密钥</Text>
        <Input id='key-system' className='input' value={form.system} maxlength={40} placeholder='系统标识，如 hotline-12345' onInput={(e) => setForm({ ...form, system: e.detail.value })} />
        {fields.system ? <Text className='form-error'>{fields.system}</Text> : null}
        <Input id='key-name' className='input' value={form.name} maxlength={40} placeholder='系统名称，如 12345 政务服务便民热线' onInput={(e) => setForm({ ...form, name: e.detail.value })} />
        {fields.name ? <Text className='form-error'>{fields.name}</Text> : null}
        <Picker mode='selector' range={INTEGRATION_CHANNELS.map((c) => INTEGRATION_CHANNEL_LABELS[c])} onChange={(e) => setChannelIndex(Number(e.detail.value))}>
          <View className='input' id='key-channel'>
            诉求渠道：{INTEGRATION_CHANNEL_LABELS[channel]}
          </View>
        </Picker>
        <Input id='key-rate' className='input' type='number' value={form.ratePerMinute} maxlength={4} placeholder='每分钟最多调用次数' onInput={(e) => setForm({ ...form, ratePerMinute: e.detail.value })} />
        {fields.ratePerMinute ? <Text className='form-error'>{fields.ratePerMinute}</Text> : null}
        <Text className='muted'>对接说明：对方按 Open311 GeoReport v2 调用 /open311/v2/，每次带 api_key；只保存密钥的摘要，遗失只能停用后重新签发。</Text>
        <Button id='key-issue' className='btn btn--primary' disabled={busy || undefined} onClick={() => void issue()}>
          签发密钥
        </Button>
      </View>
      {error ? <Text className='form-error'>{error}</Text> : null}
      <View className='card'>
        {(items ?? []).map((k) => (
          <View key={k.keyId} className={`tree__row ${k.revokedAt ? 'tree__row--disabled' : ''}`}>
            <View>
              <Text>{k.name}</Text>
              <Text className='muted'>{` ${k.system} · ${INTEGRATION_CHANNEL_LABELS[k.channel]} · 尾号 ${k.lastFour} · 每分钟 ${k.ratePerMinute} 次${k.revokedAt ? ' · 已停用' : ''}`}</Text>
            </View>
            {k.revokedAt ? null : (
              <Text className='link' onClick={() => void revoke(k)}>
                停用
              </Text>
            )}
          </View>
        ))}
        {items?.length === 0 ? <Text className='muted'>还没有签发密钥</Text> : null}
        {items ? null : <Text className='muted'>加载中…</Text>}
      </View>
    </View>
  );
}
