import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import * as api from '../services/api.ts';
import { toApiError } from '../services/api.ts';
import { FieldError } from './Status.tsx';

/**
 * 我的 → 删除我的个人信息: after a confirmation, the backend removes this resident's phone,
 * name, photos, words to the staff and the link to their requests (POST /api/me/erase);
 * the requests stay, without them, in the statistics.
 */
export function ErasePersonalData({ onDone }: { onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const erase = async () => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '删除我的个人信息',
      content: '将删除您留下的电话、称呼、照片、与工作人员的往来留言，以及这部手机与诉求的关联。诉求本身仍保留在统计中，但您将无法再查看或评价。此操作不能撤销。',
      confirmText: '确认删除',
      confirmColor: '#c0392b',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    setError('');
    try {
      const reply = await api.me.erase();
      setDone(`已删除：${reply.requests}件诉求中的个人信息，${reply.joined}件“我也遇到”的关联`);
      onDone();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' id='erase'>
      <Text className='field__label'>删除我的个人信息</Text>
      <Text className='muted'>诉求会保留在统计中，但不再包含您的电话、称呼、照片和留言，也不再与您关联。</Text>
      <FieldError id='erase-error' message={error} />
      {done ? (
        <Text className='muted' id='erase-done'>
          {done}
        </Text>
      ) : null}
      <Button className='btn btn--ghost' id='erase-submit' disabled={busy || undefined} onClick={() => void erase()}>
        删除我的个人信息
      </Button>
    </View>
  );
}
