import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { StaffSubscriptionReply } from '@mashang/shared/alert-settings';
import { askConsent } from '../../lib/consent.ts';
import * as api from '../../services/api.ts';

/**
 * WeChat alerts for staff in the mini-program, asked like the residents' consent: each tap on
 * 接收微信提醒 opens WeChat's subscription dialog (it must run in the tap handler) and each
 * acceptance lets the dispatcher send one alert (新诉求, 红牌 …) to this WeChat. Shown only in
 * the mini-program, when the stage has a staff template; an account not bound to WeChat is
 * told to bind it with an admin's invite first. In H5 there is nothing to ask.
 */
export function WeChatAlertConsent() {
  const [state, setState] = useState<StaffSubscriptionReply | undefined>();
  const [note, setNote] = useState('');
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    api.staff.subscriptions().then(setState, () => undefined);
  }, []);
  if (!state || state.templateIds.length === 0) return null;
  if (!state.wechatBound) {
    return (
      <View className='card' id='wechat-alert-consent'>
        <Text className='muted'>本账号尚未绑定微信：请用管理员发给您的邀请码在登录页绑定，之后可在微信中接收新诉求和超时提醒。</Text>
      </View>
    );
  }
  const ask = async () => {
    const accepted = await askConsent(state.templateIds);
    if (!accepted.length) {
      setNote('未开启：可在微信“设置—通知”中允许本小程序的订阅消息');
      return;
    }
    try {
      setState(await api.staff.subscribe(accepted));
      setNote('');
    } catch {
      setNote('保存失败，请稍后再试');
    }
  };
  return (
    <View className='card' id='wechat-alert-consent'>
      <Text className='muted'>微信提醒：还可接收 {state.credits} 条（每同意一次可接收一条新诉求、未响应、黄牌、红牌等提醒）</Text>
      <Button className='btn btn--ghost' id='wechat-alert-consent-ask' onClick={() => void ask()}>
        接收微信提醒
      </Button>
      {note ? <Text className='form-error'>{note}</Text> : null}
    </View>
  );
}
