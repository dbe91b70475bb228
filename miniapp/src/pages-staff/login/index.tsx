import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { api, toApiError } from '../../services/api.ts';
import { INBOX_URL } from '../session.ts';
import '../staff.scss';

/** Handlers log in with the account their street office gave them. */
export default function StaffLoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    if (api.staff.session()) void Taro.redirectTo({ url: INBOX_URL });
  });

  const submit = async () => {
    if (busy) return;
    if (!username.trim() || !password) {
      setError(!username.trim() ? '请输入账号' : '请输入密码');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.staff.login(username.trim(), password);
      void Taro.redirectTo({ url: INBOX_URL });
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page staff-login'>
      <View className='card'>
        <Text className='staff-login__title'>码上办 · 工作台</Text>
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
          onConfirm={() => void submit()}
        />
        {error ? (
          <Text className='form-error' id='login-error'>
            {error}
          </Text>
        ) : null}
        <Button id='login-submit' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在登录…' : '登录'}
        </Button>
      </View>
    </View>
  );
}
