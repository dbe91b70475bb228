import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';

/**
 * The emergency row: a one-tap urgent report of a safety hazard, and a call to
 * 110 for anything endangering people right now.
 */
export function Emergency({ onUrgent, busy }: { onUrgent: () => void; busy: boolean }) {
  return (
    <View className='emergency' id='emergency'>
      <Button className='btn btn--urgent' id='urgent-report' disabled={busy || undefined} onClick={onUrgent}>
        ⚠ 一键上报安全隐患
      </Button>
      <View className='emergency__row'>
        <Text className='emergency__hint'>有人受伤、起火、燃气泄漏等危险，请立即报警</Text>
        {process.env.TARO_ENV === 'h5' ? (
          <a className='btn btn--tel' id='call-110' href='tel:110'>
            拨打 110
          </a>
        ) : (
          <Button className='btn btn--tel' id='call-110' onClick={() => void Taro.makePhoneCall({ phoneNumber: '110' })}>
            拨打 110
          </Button>
        )}
      </View>
    </View>
  );
}
