import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { InboxSearchReply } from '@mashang/shared/inbox-search';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { InboxRow } from './InboxRow.tsx';

const MATCHED: Record<InboxSearchReply['matchedBy'], string> = {
  id: '按诉求编号',
  phone_tail: '按电话后4位',
  phone: '按完整电话',
  words: '按关键词',
  work_order: '按12345工单号',
};

/**
 * The inbox's search box: a request number, the last four digits of the resident's phone,
 * a whole phone number, a 12345 work-order number, or words of the text — within what the
 * signed-in staff member may see. Results replace nothing: they show above the inbox.
 */
export function InboxSearchBox({ now, me, onOpen }: { now: number; me?: string; onOpen: (id: string) => void }) {
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [reply, setReply] = useState<InboxSearchReply | undefined>();

  const run = async () => {
    const text = q.trim();
    if (busy) return;
    if (text.length < 2) {
      setError('请输入诉求编号、电话后4位或关键词（至少2个字）');
      return;
    }
    setBusy(true);
    setError('');
    try {
      setReply(await api.staff.search(text));
    } catch (err) {
      setReply(undefined);
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const clear = () => {
    setQ('');
    setReply(undefined);
    setError('');
  };

  return (
    <View className='card inbox-search' id='inbox-search'>
      <View className='inbox-search__bar'>
        <Input
          id='search-input'
          className='input inbox-search__input'
          value={q}
          maxlength={40}
          confirmType='search'
          placeholder='诉求编号 / 电话后4位 / 12345工单号 / 关键词'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => void run()}
        />
        <Button id='search-submit' className={`btn btn--tool ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void run()}>
          搜索
        </Button>
      </View>
      {error ? (
        <Text className='form-error' id='search-error'>
          {error}
        </Text>
      ) : null}
      {reply ? (
        <View id='search-results'>
          <View className='inbox__stats'>
            <Text id='search-summary'>
              {MATCHED[reply.matchedBy]}找到 {reply.items.length} 件{reply.truncated ? '（只查了最近的诉求，请输入更具体的内容）' : ''}
            </Text>
            <Text className='link' id='search-clear' onClick={clear}>
              清除
            </Text>
          </View>
          {reply.items.length === 0 ? <Text className='muted' id='search-empty'>本单位可见范围内没有找到</Text> : null}
          {reply.items.map((item) => (
            <View key={item.id}>
              <InboxRow item={item} now={now} me={me} onOpen={onOpen} />
              <Text className='muted search-where'>
                现在：{item.currentUnitName}
                {item.workOrderNo ? ` · 工单 ${item.workOrderNo}` : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
