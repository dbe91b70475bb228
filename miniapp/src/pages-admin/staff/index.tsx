import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Checkbox, CheckboxGroup, Input, Label, Picker, Text, View } from '@tarojs/components';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole, type Unit } from '@mashang/shared/org';
import type { AdminStaff } from '@mashang/shared/admin-org';
import * as api from '../../services/api.ts';
import { INVITES_URL, requireStaff } from '../../pages-staff/session.ts';
import { AdminNav } from '../nav.tsx';
import { useAction } from '../hooks.ts';
import '../../pages-staff/staff.scss';
import '../org.scss';

/**
 * Staff accounts: create (a one-time password shown once), reset a password, deactivate
 * (the account's sessions stop at once), and WeChat invite codes.
 */
export default function StaffPage() {
  const { busy, error, fields, run } = useAction();
  const [items, setItems] = useState<AdminStaff[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [form, setForm] = useState({ username: '', name: '', phone: '' });
  const [unitIndex, setUnitIndex] = useState(0);
  const [roles, setRoles] = useState<StaffRole[]>(['handler']);
  const [secret, setSecret] = useState<{ username: string; password: string } | undefined>();
  const [notice, setNotice] = useState('');

  const load = () =>
    run(async () => {
      const [s, u] = await Promise.all([api.admin.staff.list(), api.admin.units.list()]);
      setItems(s.items);
      setUnits(u.items.filter((x) => !x.disabled));
      return true;
    });
  useLoad(() => {
    if (requireStaff()) void load();
  });

  const create = async () => {
    const unit = units[unitIndex];
    const res = await run(() => api.admin.staff.create({ username: form.username.trim(), name: form.name.trim(), unitId: unit?.id ?? '', roles, phone: form.phone.trim() || undefined }));
    if (res) {
      setSecret({ username: res.staff.username, password: res.password });
      setForm({ username: '', name: '', phone: '' });
      await load();
    }
  };
  const reset = async (s: AdminStaff) => {
    const res = await run(() => api.admin.staff.resetPassword(s.username));
    if (res) setSecret({ username: res.staff.username, password: res.password });
  };
  const deactivate = async (s: AdminStaff) => {
    const res = await run(() => api.admin.staff.deactivate(s.username));
    if (res) {
      setNotice(`已停用 ${res.staff.name}（${res.staff.username}），其登录立即失效`);
      await load();
    }
  };

  return (
    <View className='page admin-staff'>
      <AdminNav current='staff' />
      <View className='card'>
        <Text className='field__label'>新建账号</Text>
        <Input id='staff-username' className='input' value={form.username} maxlength={32} placeholder='账号，如：gll-handler2' onInput={(e) => setForm({ ...form, username: e.detail.value })} />
        {fields.username ? <Text className='form-error'>{fields.username}</Text> : null}
        <Input id='staff-name' className='input' value={form.name} maxlength={20} placeholder='姓名' onInput={(e) => setForm({ ...form, name: e.detail.value })} />
        <Input id='staff-phone' className='input' type='number' value={form.phone} maxlength={11} placeholder='手机号（可选）' onInput={(e) => setForm({ ...form, phone: e.detail.value })} />
        <Picker mode='selector' range={units.map((u) => u.name)} onChange={(e) => setUnitIndex(Number(e.detail.value))}>
          <View className='input' id='staff-unit'>所属单位：{units[unitIndex]?.name ?? '请选择'}</View>
        </Picker>
        <CheckboxGroup onChange={(e) => setRoles(e.detail.value as StaffRole[])}>
          {STAFF_ROLES.map((r) => (
            <Label key={r} className='chip chip--small'>
              <Checkbox value={r} checked={roles.includes(r)} />
              {ROLE_LABELS[r]}
            </Label>
          ))}
        </CheckboxGroup>
        {fields.roles || fields.unitId ? <Text className='form-error'>{fields.roles ?? fields.unitId}</Text> : null}
        <Button id='staff-create' className='btn btn--primary' disabled={busy || undefined} onClick={() => void create()}>
          新建账号
        </Button>
      </View>
      {error ? (
        <Text className='form-error' id='staff-error'>
          {error}
        </Text>
      ) : null}
      {notice && !error ? <Text className='muted'>{notice}</Text> : null}
      {secret ? (
        <View className='card' id='staff-password'>
          <Text className='field__label'>{secret.username} 的一次性密码（只显示这一次）</Text>
          <Text className='password' userSelect>
            {secret.password}
          </Text>
        </View>
      ) : null}
      <View className='card'>
        <Text className='link' onClick={() => void Taro.navigateTo({ url: INVITES_URL })}>
          生成微信绑定邀请码 →
        </Text>
        {items.map((s) => (
          <View key={s.username} className={`tree__row ${s.disabled ? 'tree__row--disabled' : ''}`} id={`staff-${s.username}`}>
            <View>
              <Text>{`${s.name}（${s.username}）`}</Text>
              <Text className='muted'>{` ${s.unitName} · ${s.roles.map((r) => ROLE_LABELS[r]).join('、')}${s.disabled ? ' · 已停用' : ''}${s.wechatBound ? ' · 已绑定微信' : ''}`}</Text>
            </View>
            {s.disabled ? null : (
              <View className='admin-actions'>
                <Text className='link' onClick={() => void reset(s)}>
                  重置密码
                </Text>
                <Text className='link' onClick={() => void deactivate(s)}>
                  停用
                </Text>
              </View>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
