import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { TicketDetail } from '@mashang/shared/contracts/common';
import type { ClientConfig } from '@mashang/shared/contracts/resident';
import { maskPhone } from '@mashang/shared/mask';
import { RATING_LABELS, RATINGS, type Rating } from '@mashang/shared/ticket';
import { checkCommand } from '@mashang/shared/commands/validate';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { ClockList } from '../../components/ClockList.tsx';
import { ElderToggle } from '../../components/ElderToggle.tsx';
import { PhotoGrid } from '../../components/PhotoGrid.tsx';
import { Timeline } from '../../components/Timeline.tsx';
import { TicketSummary } from '../../components/TicketSummary.tsx';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { liveClock } from '../../lib/clocks.ts';
import { CLOCK_PROMISES } from '../../lib/categories.ts';
import { askConsent } from '../../lib/consent.ts';
import { pageClass } from '../../lib/elder.ts';
import { useNow } from '../../lib/hooks.ts';
import { useElderMode } from '../../lib/use-elder.ts';
import '../../styles/resident.scss';
import './index.scss';

type Load = { phase: 'loading' } | { phase: 'error'; message: string; notFound: boolean } | { phase: 'ready'; detail: TicketDetail; fetchedAt: number };

const RATING_HINT: Record<Rating, string> = {
  satisfied: '问题解决了，办得好',
  basic: '基本解决，还有小问题',
  unsatisfied: '没有解决：提交评价后可以申请重新办理',
};

/** The next promise still open, counted down live: what the resident waits for now. */
function NextStep({ detail, fetchedAt }: { detail: TicketDetail; fetchedAt: number }) {
  const now = useNow(30_000);
  if (['closed', 'rejected', 'merged'].includes(detail.status)) return null;
  const next = [...detail.clocks].filter((c) => !c.metAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (!next) return null;
  const live = liveClock(next, fetchedAt, now);
  const tone = live.tone === 'grey' ? 'green' : live.tone;
  return (
    <View className={`next-step next-step--${tone}`} id='next-step'>
      <Text className='next-step__label'>下一步：{CLOCK_PROMISES[next.clock] ?? next.label}</Text>
      <Text className='next-step__text'>{live.text}</Text>
    </View>
  );
}

/** The resident's view of one request: status, the next deadline, photos, the outcome, rating, and every step in plain words. */
export default function TicketPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [elder, setElder] = useElderMode();
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState('');
  const [rating, setRating] = useState<Rating | undefined>();
  const [comment, setComment] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [config, setConfig] = useState<ClientConfig | undefined>();

  const fetchDetail = useCallback(
    async (quiet = false) => {
      if (!id) {
        setLoad({ phase: 'error', message: '缺少诉求编号', notFound: true });
        return;
      }
      if (!quiet) setLoad({ phase: 'loading' });
      try {
        const detail = await api.tickets.get(id);
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
    if (params.joined === '1') void Taro.showToast({ title: '已加入，一起跟进', icon: 'success' });
  }, [fetchDetail, params.joined]);

  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') api.reference.clientConfig().then(setConfig, () => undefined);
  }, []);

  usePullDownRefresh(() => {
    void fetchDetail(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (load.phase === 'loading') return <View className={pageClass(elder)}><Loading /></View>;
  if (load.phase === 'error') {
    return (
      <View className={pageClass(elder)}>
        <ErrorView title={load.notFound ? '查不到这条诉求' : '加载失败'} message={load.notFound ? '没有找到这条诉求，或它不是在这部手机上反映的。' : load.message} onRetry={() => void fetchDetail()} />
        {load.notFound && id ? (
          // Filed on another phone: the number and the phone given with it are enough to read it.
          <Button className='btn btn--primary' id='lookup-by-phone' onClick={() => void Taro.navigateTo({ url: `/pages/mine/index?lookup=${encodeURIComponent(id)}` })}>
            用编号和电话查询
          </Button>
        ) : null}
      </View>
    );
  }

  const { detail, fetchedAt } = load;

  const run = async (command: Parameters<typeof api.tickets.command>[2], done: string) => {
    if (busy) return;
    // The rules the API parses the command with (a reason of at least 2 characters, …), checked here first.
    const checked = checkCommand(command);
    if (!checked.ok) {
      setActionError(Object.values(checked.fields)[0] ?? '');
      return;
    }
    setBusy(true);
    setActionError('');
    try {
      const next = await api.tickets.command(detail.id, detail.version, command);
      setLoad({ phase: 'ready', detail: next, fetchedAt: Date.now() });
      setReopenReason('');
      setComment('');
      setRating(undefined);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (err) {
      const e = toApiError(err);
      setActionError(e.message);
      if (e.status === 409) void fetchDetail(true);
    } finally {
      setBusy(false);
    }
  };

  const subscribe = async () => {
    const ids = config?.subscribeTemplates.map((t) => t.id) ?? [];
    const accepted = await askConsent(ids);
    if (accepted.length === 0) return;
    try {
      await api.tickets.subscribe(detail.id, accepted);
      void Taro.showToast({ title: '有进展会通知您', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none' });
    }
  };

  const canRate = detail.actions.includes('rate');
  // While the rating is open, reopening follows a 不满意 rating (which counts as the follow-up) rather than competing with it.
  const canReopen = detail.actions.includes('reopen') && !canRate;
  const others = detail.followerCount ?? 0;

  return (
    <View className={pageClass(elder, 'ticket')}>
      <ElderToggle on={elder} onChange={setElder} />
      {detail.following ? (
        <Text className='banner' id='following-banner'>
          您也反映了这个问题（我也遇到），办理进度会显示在“我的诉求”里。
        </Text>
      ) : null}
      <NextStep detail={detail} fetchedAt={fetchedAt} />
      <TicketSummary detail={detail}>
        {detail.phone ? (
          <View className='kv'>
            <Text className='kv__k'>联系电话</Text>
            <Text className='kv__v' id='ticket-phone'>
              {maskPhone(detail.phone)}
            </Text>
          </View>
        ) : null}
        {others > 0 ? (
          <View className='kv'>
            <Text className='kv__k'>反映人数</Text>
            <Text className='kv__v' id='ticket-followers'>
              共 {others + 1} 位居民反映了此问题
            </Text>
          </View>
        ) : null}
      </TicketSummary>

      {detail.photos.length || detail.feedbackPhotos?.length ? (
        <View className='card'>
          <PhotoGrid urls={detail.photos} title='反映时的照片' id='ticket-photos' />
          <PhotoGrid urls={detail.feedbackPhotos ?? []} title='办理后的照片' id='feedback-photos' />
        </View>
      ) : null}

      {detail.mergedInto ? (
        <Button className='btn btn--ghost' id='open-merged' onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${encodeURIComponent(detail.mergedInto!)}` })}>
          查看合并后的诉求进度
        </Button>
      ) : null}

      {canRate ? (
        <View className='card' id='rate'>
          <Text className='field__label'>问题解决了吗？请您评价</Text>
          <View className='rate-row'>
            {RATINGS.map((r) => (
              <View key={r} id={`rate-${r}`} className={`rate-choice rate-choice--${r} ${rating === r ? 'rate-choice--active' : ''}`} onClick={() => setRating(r)}>
                <Text className='rate-choice__label'>{RATING_LABELS[r]}</Text>
              </View>
            ))}
          </View>
          {rating ? (
            <Text className='muted' id='rate-hint'>
              {RATING_HINT[rating]}
            </Text>
          ) : null}
          <Textarea
            id='rate-comment'
            className='textarea textarea--short'
            value={comment}
            maxlength={500}
            placeholder='还想说点什么？（选填）'
            onInput={(e) => setComment(e.detail.value)}
          />
          <Button
            id='rate-submit'
            className='btn btn--primary'
            disabled={!rating || busy || undefined}
            onClick={() => rating && void run({ type: 'rate', rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }, '感谢您的评价')}
          >
            {rating ? `提交评价：${RATING_LABELS[rating]}` : '请先选择评价'}
          </Button>
        </View>
      ) : null}

      {canReopen ? (
        <View className='card card--reopen' id='reopen'>
          <Text className='field__label'>问题没有解决？申请重新办理</Text>
          <Text className='muted'>说明哪里还没解决，原办理单位会重新办理，时限重新计算。</Text>
          <Textarea
            id='reopen-reason'
            className='textarea textarea--short'
            value={reopenReason}
            maxlength={500}
            placeholder='例如：垃圾清走了，但第二天又堆满了'
            onInput={(e) => setReopenReason(e.detail.value)}
          />
          <Button id='reopen-submit' className='btn btn--primary' disabled={busy || undefined} onClick={() => void run({ type: 'reopen', reason: reopenReason }, '已申请重新办理')}>
            申请重新办理
          </Button>
        </View>
      ) : null}
      {actionError ? (
        <Text className='form-error' id='action-error'>
          {actionError}
        </Text>
      ) : null}

      {config?.subscribeTemplates.length && !['closed', 'rejected', 'merged'].includes(detail.status) ? (
        <Button className='btn btn--ghost' id='subscribe' onClick={() => void subscribe()}>
          有进展时微信通知我
        </Button>
      ) : null}

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
      <View className='links'>
        <Text className='link' id='link-mine' onClick={() => void Taro.navigateTo({ url: '/pages/mine/index' })}>
          我的全部诉求
        </Text>
      </View>
    </View>
  );
}
