import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@mashang/shared/org';
import { api } from '../../services/api.ts';
import { INBOX_URL, LOGIN_URL } from '../session.ts';

/**
 * The staff pages' header: who is signed in (unit, name, role), a way back and a way
 * out. In H5 there is no WeChat navigation bar with a back button, so the page has one.
 */
export function StaffHeader({ back = false, backLabel = '返回' }: { back?: boolean; backLabel?: string }) {
  const session = api.staff.session();
  const role = session?.actor.role;
  const goBack = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: INBOX_URL });
  };
  const logout = () => {
    api.staff.logout();
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
      <Text className='link staff-header__logout' id='staff-logout' onClick={logout}>
        退出
      </Text>
    </View>
  );
}
