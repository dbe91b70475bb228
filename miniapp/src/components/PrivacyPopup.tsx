import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { AGREE_BUTTON_ID, privacyPurpose, type PrivacyState } from '../lib/privacy.ts';
import { privacyGate } from '../lib/privacy-runtime.ts';

/**
 * WeChat's privacy pop-up (mini-program only): shown when a privacy API waits for the
 * resident's agreement (wx.onNeedPrivacyAuthorization). The agree button is an
 * `open-type="agreePrivacyAuthorization"` button whose id WeChat checks; the guide opens
 * with wx.openPrivacyContract. Renders nothing in a browser (the gate never opens there).
 */
export function PrivacyPopup() {
  const [state, setState] = useState<PrivacyState>(privacyGate.current);
  useEffect(() => {
    privacyGate.install();
    return privacyGate.subscribe(setState);
  }, []);
  if (!state.open) return null;
  return (
    <View className='privacy-popup' id='privacy-popup'>
      <View className='privacy-popup__box card'>
        <Text className='field__label'>隐私保护提示</Text>
        <Text className='privacy__body'>
          为{privacyPurpose(state.referrer)}，“码上办”需要您同意
          <Text className='link' id='privacy-popup-contract' onClick={() => void privacyGate.openContract()}>
            《码上办用户隐私保护指引》
          </Text>
          。不同意也可以反映问题，只是不能使用该功能。
        </Text>
        <Button className='btn btn--primary' id={AGREE_BUTTON_ID} openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => privacyGate.agree(AGREE_BUTTON_ID)}>
          同意并继续
        </Button>
        <Button className='btn btn--ghost' id='privacy-disagree' onClick={() => privacyGate.disagree()}>
          不同意
        </Button>
      </View>
    </View>
  );
}
