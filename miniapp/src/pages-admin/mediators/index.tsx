import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import type { Unit } from '@mashang/shared/org';
import type { Mediator } from '@mashang/shared/admin-org';
import * as api from '../../services/api.ts';
import { requireStaff } from '../../pages-staff/session.ts';
import { AdminNav } from '../nav.tsx';
import { useAction } from '../hooks.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

/** Mediation teams (调解组织) the county lists; residents may choose one on dispute categories. */
export default function MediatorsPage() {
  const { busy, error, fields, run } = useAction();
  const [items, setItems] = useState<Mediator[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitIndex, setUnitIndex] = useState(0);
  const [form, setForm] = useState({ name: '', specialty: '', contact: '' });

  const load = () =>
    run(async () => {
      const [m, u] = await Promise.all([api.admin.mediators.list(), api.admin.units.list()]);
      setItems(m.items);
      setUnits(u.items.filter((x) => !x.disabled && x.kind !== 'grid'));
      return true;
    });
  useLoad(() => {
    if (requireStaff()) void load();
  });

  const create = async () => {
    const res = await run(() => api.admin.mediators.create({ ...form, unitId: units[unitIndex]?.id ?? '' }));
    if (res) {
      setForm({ name: '', specialty: '', contact: '' });
      await load();
    }
  };

  return (
    <View className='page admin-mediators'>
      <AdminNav current='mediators' />
      <View className='card'>
        <Text className='field__label'>新增调解组织</Text>
        <Input id='mediator-name' className='input' value={form.name} maxlength={30} placeholder='名称，如：皋兰路元大妈工作室' onInput={(e) => setForm({ ...form, name: e.detail.value })} />
        {fields.name ? <Text className='form-error'>{fields.name}</Text> : null}
        <Picker mode='selector' range={units.map((u) => u.name)} onChange={(e) => setUnitIndex(Number(e.detail.value))}>
          <View className='input'>所属单位：{units[unitIndex]?.name ?? '请选择'}</View>
        </Picker>
        <Input id='mediator-specialty' className='input' value={form.specialty} maxlength={60} placeholder='擅长：邻里纠纷、家庭矛盾…' onInput={(e) => setForm({ ...form, specialty: e.detail.value })} />
        {fields.specialty ? <Text className='form-error'>{fields.specialty}</Text> : null}
        <Input id='mediator-contact' className='input' value={form.contact} maxlength={60} placeholder='联系电话或地址' onInput={(e) => setForm({ ...form, contact: e.detail.value })} />
        {fields.contact ? <Text className='form-error'>{fields.contact}</Text> : null}
        <Button id='mediator-create' className='btn btn--primary' disabled={busy || undefined} onClick={() => void create()}>
          新增
        </Button>
      </View>
      {error ? <Text className='form-error'>{error}</Text> : null}
      <View className='card'>
        {items.map((m) => (
          <View key={m.id} className={`tree__row ${m.disabled ? 'tree__row--disabled' : ''}`}>
            <View>
              <Text>{m.name}</Text>
              <Text className='muted'>{` ${m.unitName} · ${m.specialty} · ${m.contact}${m.disabled ? ' · 已停止' : ''}`}</Text>
            </View>
            {m.disabled ? null : (
              <Text className='link' onClick={() => void run(() => api.admin.mediators.deactivate(m.id)).then((r) => r && load())}>
                停止
              </Text>
            )}
          </View>
        ))}
        {items.length === 0 ? <Text className='muted'>还没有调解组织</Text> : null}
      </View>
    </View>
  );
}
