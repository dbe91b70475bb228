import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { pageClass } from '../../lib/elder.ts';
import { useElderMode } from '../../lib/use-elder.ts';
import '../../styles/resident.scss';

/** What 码上办 collects, why, who sees it and how long it is kept: the same points as the 用户隐私保护指引 filed with WeChat. */
const SECTIONS: Array<[string, string]> = [
  ['我们收集什么', '您反映的问题描述、类别和地点；您选择上传的照片；您自愿留下的电话和称呼。小程序用微信登录识别您是谁（只取得微信提供的标识，不取得昵称、头像）；浏览器中使用本机生成的匿名标识。'],
  ['为什么收集', '把问题交给负责的街道和部门办理，按时联系您、反馈结果、请您评价。位置只在您点“附近的地点”时使用，用来找到最近的反映地点；相机和相册只在您拍照或选照片时使用。'],
  ['谁能看到', '只有办理您诉求的工作人员能看到完整电话，每次查看都会记录在办理过程里；其他工作人员、列表和导出中只显示 138****1234 这样的号码。其他居民看不到您的电话和称呼。'],
  ['保存多久', '诉求及其办理过程作为政务服务记录保存，按档案管理规定期限保存；照片随诉求保存。您可以匿名反映。'],
  ['您的权利', '您可以查看自己反映的全部诉求和办理过程；可以拒绝提供电话、位置和照片，仍然可以反映问题；如有疑问请拨打12345。'],
];

/** The privacy notice, in the app itself (linked from the report page and 我的诉求). */
export default function PrivacyPage() {
  const [elder] = useElderMode();
  return (
    <View className={pageClass(elder, 'privacy')}>
      <View className='card' id='privacy'>
        <Text className='field__label'>码上办 用户隐私保护指引</Text>
        {SECTIONS.map(([title, body]) => (
          <View key={title} className='privacy__section'>
            <Text className='privacy__title'>{title}</Text>
            <Text className='privacy__body'>{body}</Text>
          </View>
        ))}
        {process.env.TARO_ENV === 'weapp' ? (
          <Text className='link' id='privacy-contract' onClick={() => void Taro.openPrivacyContract({})}>
            查看微信登记的《用户隐私保护指引》
          </Text>
        ) : null}
      </View>
    </View>
  );
}
