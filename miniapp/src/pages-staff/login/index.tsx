import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { SessionReply } from '@mashang/shared/contracts/common';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { landingUrl } from '../session.ts';
import '../staff.scss';

const go = (session: SessionReply) => void Taro.redirectTo({ url: landingUrl(session.actor.role) });

/** A fresh `wx.login` code (each one is good for a single exchange). */
async function wxCode(): Promise<string> {
  const { code } = await Taro.login();
  return code;
}

/**
 * Staff sign in. In the mini-program: with their WeChat identity, bound once with an
 * invite code from an admin. In H5 (the operator desk, local demos): with the account
 * and password their unit gave them.
 */
export default function StaffLoginPage() {
  const weapp = process.env.TARO_ENV === 'weapp';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [inviteCode, setInviteCode] = useState('');
  const [needsInvite, setNeedsInvite] = useState(false);
  const [usePassword, setUsePassword] = useState(!weapp);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    const session = api.sessions.staff();
    if (session) go(session);
  });

  const run = async (attempt: () => Promise<SessionReply>) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      go(await attempt());
    } catch (err) {
      const e = toApiError(err);
      // Not bound yet is not a failure: the page asks for the invite code instead.
      if (e.code === 'STAFF_NOT_BOUND') setNeedsInvite(true);
      else setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = () => {
    if (!username.trim() || !password) {
      setError(!username.trim() ? '请输入账号' : '请输入密码');
      return;
    }
    void run(() => api.sessions.staffLogin(username.trim(), password));
  };

  const submitInvite = () => {
    if (!/^[A-Za-z2-9]{8}$/.test(inviteCode.trim())) {
      setError('邀请码为8位字母或数字，请向单位管理员索取');
      return;
    }
    void run(async () => api.sessions.bindStaffWechat(inviteCode.trim().toUpperCase(), await wxCode()));
  };

  return (
    <View className='page staff-login'>
      <View className='card'>
        <Text className='staff-login__title'>码上办 · 工作台</Text>
        {weapp && !usePassword ? (
          <>
            {needsInvite ? (
              <>
                <Text className='notice'>首次使用请输入单位管理员发给您的邀请码，绑定后即可用微信直接登录。</Text>
                <Text className='field__label'>邀请码</Text>
                <Input id='invite-code' className='input' value={inviteCode} maxlength={8} placeholder='8位邀请码' onInput={(e) => setInviteCode(e.detail.value)} />
                <Button id='invite-submit' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={submitInvite}>
                  {busy ? '正在绑定…' : '绑定并登录'}
                </Button>
              </>
            ) : (
              <Button id='wechat-login' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void run(async () => api.sessions.staffWechat(await wxCode()))}>
                {busy ? '正在登录…' : '微信一键登录'}
              </Button>
            )}
            {error ? (
              <Text className='form-error' id='login-error'>
                {error}
              </Text>
            ) : null}
            <Text className='link' id='use-password' onClick={() => setUsePassword(true)}>
              使用账号密码登录
            </Text>
          </>
        ) : (
          <>
            <Text className='field__label'>账号</Text>
            <Input id='login-username' className='input' value={username} maxlength={40} placeholder='请输入账号' onInput={(e) => setUsername(e.detail.value)} />
            <Text className='field__label'>密码</Text>
            <Input
              id='login-password'
              className='input'
              password
              value={password}
              maxlength={200}
              placeholder='请输入密码'
              onInput={(e) => setPassword(e.detail.value)}
              onConfirm={submitPassword}
            />
            {error ? (
              <Text className='form-error' id='login-error'>
                {error}
              </Text>
            ) : null}
            <Button id='login-submit' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={submitPassword}>
              {busy ? '正在登录…' : '登录'}
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
