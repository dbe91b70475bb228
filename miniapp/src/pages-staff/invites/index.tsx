import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { InviteReply } from '@mashang/shared/contracts/staff';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { FieldError } from '../../components/Status.tsx';
import { formatTime } from '../../lib/time.ts';
import { LOGIN_URL, requireStaff } from '../session.ts';
import { StaffHeader } from '../components/StaffHeader.tsx';
import '../staff.scss';

/**
 * Admins issue a one-time code (valid 72 hours) with which a staff member of their
 * units binds their WeChat once; from then on they sign in to the mini-program with WeChat.
 */
export default function InvitesPage() {
  const [username, setUsername] = useState('');
  const [invite, setInvite] = useState<InviteReply | undefined>();
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [busy, setBusy] = useState(false);
  const session = api.sessions.staff();

  useLoad(() => {
    requireStaff();
  });

  const submit = async () => {
    if (busy) return;
    if (!username.trim()) {
      setFieldError('请输入工作人员的账号');
      return;
    }
    setBusy(true);
    setError('');
    setFieldError('');
    try {
      setInvite(await api.admin.invites.create(username.trim()));
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
      setFieldError(e.fieldMap().username ?? '');
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  const logout = () => {
    api.sessions.staffLogout();
    void Taro.redirectTo({ url: LOGIN_URL });
  };

  return (
    <View className='page invites'>
      <StaffHeader back />
      <View className='inbox__head card'>
        <View className='inbox__who'>
          <Text className='inbox__unit'>{session?.staff?.unit.name ?? '本单位'}</Text>
          <Text className='inbox__name'>{session?.staff?.name ?? ''} · 管理员</Text>
        </View>
        <Text className='link' id='logout' onClick={logout}>
          退出
        </Text>
      </View>
      <View className='card links' id='admin-links'>
        {/* The organisation's admin pages (pages-admin). */}
        <Text className='link' id='admin-link-units' onClick={() => void Taro.navigateTo({ url: '/pages-admin/units/index' })}>
          单位管理
        </Text>
        <Text className='link' onClick={() => void Taro.navigateTo({ url: '/pages-admin/staff/index' })}>
          人员账号
        </Text>
        <Text className='link' onClick={() => void Taro.navigateTo({ url: '/pages-admin/locations/index' })}>
          二维码地点
        </Text>
        <Text className='link' onClick={() => void Taro.navigateTo({ url: '/pages-admin/posters/index' })}>
          二维码海报
        </Text>
      </View>
      <View className='card'>
        <Text className='field__label'>工作人员账号</Text>
        <Input id='invite-username' className='input' value={username} maxlength={40} placeholder='如：gll-handler' onInput={(e) => setUsername(e.detail.value)} />
        <FieldError id='invite-username-error' message={fieldError} />
        {error && !fieldError ? (
          <Text className='form-error' id='invite-error'>
            {error}
          </Text>
        ) : null}
        <Button id='invite-submit' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在生成…' : '生成邀请码'}
        </Button>
      </View>
      {invite ? (
        <View className='card' id='invite-result'>
          <Text className='field__label'>
            {invite.name}（{invite.username}）的邀请码
          </Text>
          <Text className='desk__number' id='invite-code' userSelect>
            {invite.code}
          </Text>
          <Text className='muted'>有效期至 {formatTime(invite.expiresAt)}，只能使用一次。请当面或电话告知本人：在小程序“工作台”用微信登录后输入此码完成绑定。</Text>
        </View>
      ) : null}
    </View>
  );
}
