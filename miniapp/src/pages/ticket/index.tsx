import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { TicketDetail } from '@mashang/shared/contracts';
import { RATING_LABELS, RATINGS, type Rating } from '@mashang/shared/ticket';
import { api, toApiError } from '../../services/api.ts';
import { ClockList } from '../../components/ClockList.tsx';
import { Timeline } from '../../components/Timeline.tsx';
import { TicketSummary } from '../../components/TicketSummary.tsx';
import { ErrorView, Loading } from '../../components/Status.tsx';
import './index.scss';

type Load = { phase: 'loading' } | { phase: 'error'; message: string; notFound: boolean } | { phase: 'ready'; detail: TicketDetail; fetchedAt: number };

/** The resident's view of one request: status, the four time limits, the outcome and every step. */
export default function TicketPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState('');
  const [reopenReason, setReopenReason] = useState('');

  const fetchDetail = useCallback(
    async (quiet = false) => {
      if (!id) {
        setLoad({ phase: 'error', message: '缺少诉求编号', notFound: true });
        return;
      }
      if (!quiet) setLoad({ phase: 'loading' });
      try {
        const detail = await api.ticket(id);
        setLoad({ phase: 'ready', detail, fetchedAt: Date.now() });
      } catch (err) {
        const e = toApiError(err);
        setLoad({ phase: 'error', message: e.message, notFound: e.status === 404 || e.status === 403 });
      }
    },
    [id],
  );

  useEffect(() => {
    void fetchDetail();
  }, [fetchDetail]);

  usePullDownRefresh(() => {
    void fetchDetail(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (load.phase === 'loading') return <View className='page'><Loading /></View>;
  if (load.phase === 'error') {
    return (
      <View className='page'>
        <ErrorView title={load.notFound ? '查不到这条诉求' : '加载失败'} message={load.message} onRetry={() => void fetchDetail()} />
      </View>
    );
  }

  const { detail, fetchedAt } = load;

  const run = async (command: Parameters<typeof api.residentCommand>[2]) => {
    if (busy) return;
    setBusy(true);
    setActionError('');
    try {
      const next = await api.residentCommand(detail.id, detail.version, command);
      setLoad({ phase: 'ready', detail: next, fetchedAt: Date.now() });
      setReopenReason('');
      void Taro.showToast({ title: '已提交', icon: 'success' });
    } catch (err) {
      const e = toApiError(err);
      setActionError(e.message);
      if (e.status === 409) void fetchDetail(true);
    } finally {
      setBusy(false);
    }
  };

  const canRate = detail.actions.includes('rate');
  const canReopen = detail.actions.includes('reopen');

  return (
    <View className='page ticket'>
      <TicketSummary detail={detail} />

      {canRate ? (
        <View className='card' id='rate'>
          <Text className='field__label'>您对办理结果满意吗？</Text>
          <View className='rate-row'>
            {RATINGS.map((r: Rating) => (
              <Button key={r} id={`rate-${r}`} className={`btn btn--rate btn--rate-${r}`} disabled={busy || undefined} onClick={() => void run({ type: 'rate', rating: r })}>
                {RATING_LABELS[r]}
              </Button>
            ))}
          </View>
        </View>
      ) : null}

      {canReopen ? (
        <View className='card' id='reopen'>
          <Text className='field__label'>问题没有解决？申请重新办理</Text>
          <Textarea id='reopen-reason' className='textarea textarea--short' value={reopenReason} maxlength={500} placeholder='请说明哪里还没解决' onInput={(e) => setReopenReason(e.detail.value)} />
          <Button id='reopen-submit' className='btn btn--ghost' disabled={busy || undefined} onClick={() => void run({ type: 'reopen', reason: reopenReason })}>
            申请重新办理
          </Button>
        </View>
      ) : null}
      {actionError ? <Text className='form-error' id='action-error'>{actionError}</Text> : null}

      <View className='section-title'>
        <Text>办理时限</Text>
      </View>
      <ClockList clocks={detail.clocks} fetchedAt={fetchedAt} />

      <View className='section-title'>
        <Text>办理过程</Text>
      </View>
      <Timeline events={detail.events} />

      <Button className='btn btn--ghost' id='refresh' onClick={() => void fetchDetail(true)}>
        刷新
      </Button>
    </View>
  );
}
