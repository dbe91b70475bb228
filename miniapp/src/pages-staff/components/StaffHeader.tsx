import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@mashang/shared/org';
import * as api from '../../services/api.ts';
import type { StaffChanges } from '@mashang/shared/contracts/staff';
import { INBOX_URL, LOGIN_URL } from '../session.ts';
import { AlertBell } from './AlertBell.tsx';

/**
 * The staff pages' header: who is signed in (unit, name, role), a way back, the 消息 badge
 * with the unread count (it polls the cheap change marker; `onChanges` hands the markers to
 * the page) and a way out. In H5 there is no WeChat navigation bar with a back button, so
 * the page has one.
 */
export function StaffHeader({ back = false, backLabel = '返回', bell = true, onChanges }: { back?: boolean; backLabel?: string; bell?: boolean; onChanges?: (c: StaffChanges) => void }) {
  const session = api.sessions.staff();
  const role = session?.actor.role;
  const goBack = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: INBOX_URL });
  };
  const logout = () => {
    api.sessions.staffLogout();
    void Taro.reLaunch({ url: LOGIN_URL });
  };
  return (
    <View className='staff-header' id='staff-header'>
      {back ? (
        <Text className='link staff-header__back' id='staff-back' onClick={goBack}>
          ‹ {backLabel}
        </Text>
      ) : null}
      <View className='staff-header__who' id='staff-who'>
        <Text className='staff-header__unit'>{session?.staff?.unit.name ?? ''}</Text>
        <Text className='staff-header__name'>
          {session?.staff?.name ?? session?.actor.name ?? ''}
          {role && role !== 'resident' && role !== 'system' ? ` · ${ROLE_LABELS[role]}` : ''}
        </Text>
      </View>
      {bell ? <AlertBell onChanges={onChanges} /> : null}
      <Text className='link staff-header__logout' id='staff-logout' onClick={logout}>
        退出
      </Text>
    </View>
  );
}
