import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

const LINKS = [
  ['home', '管理首页'],
  ['units', '单位'],
  ['staff', '人员'],
  ['locations', '二维码地点'],
  ['posters', '海报'],
  ['mediators', '调解组织'],
  ['risk-rules', '风险规则'],
  ['integrations', '系统对接'],
  ['synonyms', '同义词表'],
] as const;

/** The admin pages of the organisation, one tap apart. */
export function AdminNav({ current }: { current: (typeof LINKS)[number][0] }) {
  return (
    <View className='admin-nav'>
      {LINKS.map(([page, label]) => (
        <Text
          key={page}
          id={`admin-nav-${page}`}
          className={`chip chip--small ${page === current ? 'chip--active' : ''}`}
          onClick={() => page !== current && void Taro.redirectTo({ url: `/pages-admin/${page}/index` })}
        >
          {label}
        </Text>
      ))}
    </View>
  );
}
