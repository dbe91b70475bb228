import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { TicketDetail, TicketListItem } from '@mashang/shared/contracts/common';
import type { TransferCodeReply } from '@mashang/shared/contracts/resident';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { FieldError } from '../../components/Status.tsx';
import { TicketSummary } from '../../components/TicketSummary.tsx';
import { Timeline } from '../../components/Timeline.tsx';
import { formatTime } from '../../lib/time.ts';
import { ElderToggle } from '../../components/ElderToggle.tsx';
import { TicketRow } from '../../components/TicketRow.tsx';
import { ErasePersonalData } from '../../components/ErasePersonalData.tsx';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { pageClass } from '../../lib/elder.ts';
import { useNow } from '../../lib/hooks.ts';
import { useElderMode } from '../../lib/use-elder.ts';
import '../../styles/resident.scss';
import './index.scss';

interface ListState {
  items: TicketListItem[];
  nextCursor?: string;
  loaded: boolean;
  error?: string;
}

/** 我的诉求: the requests this phone has filed or joined ("me too"), newest first. */
export default function MinePage() {
  const [elder, setElder] = useElderMode();
  const [list, setList] = useState<ListState>({ items: [], loaded: false });
  const [loadingMore, setLoadingMore] = useState(false);
  const now = useNow(60_000);
  const { params } = useRouter();
  // Another phone's request: by number and phone; or this phone's requests carried to a new one.
  const [lookupId, setLookupId] = useState(params.lookup ? decodeURIComponent(params.lookup) : '');
  const [lookupPhone, setLookupPhone] = useState('');
  const [lookupError, setLookupError] = useState('');
  const [lookedUp, setLookedUp] = useState<TicketDetail | undefined>();
  const [transfer, setTransfer] = useState<TransferCodeReply | undefined>();
  const [transferInput, setTransferInput] = useState('');
  const [transferError, setTransferError] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const reply = await api.me.tickets();
      setList({ items: reply.items, nextCursor: reply.nextCursor, loaded: true });
    } catch (err) {
      setList((l) => ({ ...l, loaded: true, error: toApiError(err).message }));
    }
  }, []);

  useDidShow(() => {
    void refresh();
  });
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  const more = async () => {
    if (!list.nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const reply = await api.me.tickets(list.nextCursor);
      setList((l) => ({ items: [...l.items, ...reply.items], nextCursor: reply.nextCursor, loaded: true }));
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };

  const lookup = async () => {
    if (busy) return;
    setBusy(true);
    setLookupError('');
    try {
      setLookedUp(await api.me.lookup(lookupId.trim(), lookupPhone.trim()));
    } catch (err) {
      setLookedUp(undefined);
      setLookupError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const makeTransfer = async () => {
    if (busy) return;
    setBusy(true);
    setTransferError('');
    try {
      setTransfer(await api.me.transferCode());
    } catch (err) {
      setTransferError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const receive = async () => {
    if (busy) return;
    setBusy(true);
    setTransferError('');
    try {
      await api.sessions.redeemTransfer(transferInput);
      setTransferInput('');
      void Taro.showToast({ title: '已转到这部手机', icon: 'success' });
      await refresh();
    } catch (err) {
      setTransferError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const open = (id: string) => void Taro.navigateTo({ url: `/pages/ticket/index?id=${encodeURIComponent(id)}` });
  const report = () => void Taro.navigateTo({ url: '/pages/report/index' });

  if (!list.loaded) return <View className={pageClass(elder)}><Loading /></View>;
  if (list.error && list.items.length === 0) {
    return (
      <View className={pageClass(elder)}>
        <ErrorView title='加载失败' message={list.error} onRetry={() => void refresh()} />
      </View>
    );
  }
  return (
    <View className={pageClass(elder, 'mine')}>
      <ElderToggle on={elder} onChange={setElder} />
      {list.items.length === 0 ? (
        <View className='state' id='mine-empty'>
          <Text>您还没有反映过诉求。扫描街道上的“码上办”二维码，或点下面的按钮选择地点即可反映。</Text>
        </View>
      ) : (
        <View id='mine-list'>
          {list.items.map((item) => (
            <TicketRow key={item.id} item={item} now={now} className='mine-item' onOpen={open} />
          ))}
        </View>
      )}
      {list.nextCursor ? (
        <Button className='btn btn--ghost' id='mine-more' disabled={loadingMore || undefined} onClick={() => void more()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
      <Button className='btn btn--primary' id='mine-report' onClick={report}>
        反映新问题
      </Button>

      <View className='card' id='lookup'>
        <Text className='field__label'>在别的手机上反映过？用编号和电话查询</Text>
        <Input id='lookup-id' className='input' type='number' maxlength={13} value={lookupId} placeholder='13位诉求编号' onInput={(e) => setLookupId(e.detail.value)} />
        <Input id='lookup-phone' className='input' type='number' maxlength={13} value={lookupPhone} placeholder='提交时留的电话' onInput={(e) => setLookupPhone(e.detail.value)} />
        <FieldError id='lookup-error' message={lookupError} />
        <Button className='btn btn--ghost' id='lookup-submit' disabled={busy || undefined} onClick={() => void lookup()}>
          查询办理进度
        </Button>
        {lookedUp ? (
          <View id='lookup-result'>
            <TicketSummary detail={lookedUp} />
            <Timeline events={lookedUp.events} />
          </View>
        ) : null}
      </View>

      <View className='card' id='transfer'>
        <Text className='field__label'>换手机了？把这些诉求转到新手机</Text>
        <Text className='muted'>在这部手机上生成转移码，24小时内在新手机的“我的诉求”里输入一次即可。</Text>
        <Button className='btn btn--ghost' id='transfer-create' disabled={busy || undefined} onClick={() => void makeTransfer()}>
          生成转移码
        </Button>
        {transfer ? (
          <View className='transfer-code'>
            <Text className='desk__number' id='transfer-code' userSelect>
              {transfer.code}
            </Text>
            <Text className='muted'>有效期至 {formatTime(transfer.expiresAt)}，只能使用一次</Text>
          </View>
        ) : null}
        <Input id='transfer-input' className='input' maxlength={8} value={transferInput} placeholder='在新手机上输入转移码' onInput={(e) => setTransferInput(e.detail.value)} />
        <FieldError id='transfer-error' message={transferError} />
        <Button className='btn btn--ghost' id='transfer-redeem' disabled={busy || undefined} onClick={() => void receive()}>
          在这部手机上接收
        </Button>
      </View>

      <ErasePersonalData onDone={() => void refresh()} />
    </View>
  );
}
