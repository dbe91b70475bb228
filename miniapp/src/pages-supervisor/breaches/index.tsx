import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { CLOCK_LABELS } from '@mashang/shared/sla';
import { issueMessage } from '@mashang/shared/issue-message';
import { URGE_NOTE, URGE_NOTE_MAX_LENGTH } from '@mashang/shared/ticket';
import * as api from '../../services/api.ts';
import { ErrorView, FieldError, Loading } from '../../components/Status.tsx';
import { useNow } from '../../lib/hooks.ts';
import { epochMs, formatTime } from '../../lib/time.ts';
import { formatAge, groupBreaches, overdueSince, sortByOverdue } from '../../lib/supervisor-format.ts';
import { errorMessage, ExportButton, NotSupervisor, openTicket, SupervisorHeader, useSupervisor, useSupervisorLoad, useWideScreen } from '../common.tsx';
import '../supervisor.scss';

/** What is being urged: one request, or every breached request of a unit. */
type Target = { kind: 'ticket'; id: string } | { kind: 'unit'; id: string; name: string };

/** The urge note's longest length, from the shared rule the API checks (`URGE_NOTE`). */
const MAX_NOTE = URGE_NOTE_MAX_LENGTH;

/**
 * 超时督办: the open requests that passed a time limit, oldest breach first,
 * with the unit responsible now; the supervisor urges one request or a whole
 * unit (every breached request in its inbox), and exports the list.
 */
export default function BreachesPage() {
  const { params } = useRouter();
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : undefined;
  const { session, allowed } = useSupervisor();
  const wide = useWideScreen();
  const now = useNow(60_000);
  const [target, setTarget] = useState<Target | undefined>();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const [busy, setBusy] = useState(false);

  const { load, reload } = useSupervisorLoad(allowed, async () => sortByOverdue((await api.reports.breaches(unitId)).items), [unitId]);

  if (!session) return <View className='page' />;
  if (!allowed) {
    return (
      <View className='page sv-page'>
        <NotSupervisor />
      </View>
    );
  }

  const open = (t: Target) => {
    const same = target && target.kind === t.kind && target.id === t.id;
    setTarget(same ? undefined : t);
    setNote('');
    setNoteError('');
  };

  const submit = async () => {
    if (!target || busy) return;
    // The rule the API checks for an urge, one request or a whole unit (shared URGE_NOTE).
    const checked = URGE_NOTE.safeParse(note);
    if (!checked.success) {
      setNoteError(checked.error.issues[0] ? issueMessage(checked.error.issues[0]) : '请填写督办意见（至少2个字）');
      return;
    }
    const text = checked.data;
    setBusy(true);
    setNoteError('');
    try {
      if (target.kind === 'ticket') {
        await api.tickets.urge(target.id, text);
        void Taro.showToast({ title: '已督办', icon: 'success' });
      } else {
        const reply = await api.reports.urgeUnit(target.id, text);
        void Taro.showToast({ title: `已督办 ${reply.urged} 件`, icon: 'success' });
      }
      setTarget(undefined);
      setNote('');
      void reload(true);
    } catch (err) {
      setNoteError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const urgeForm = (placeholder: string) => (
    <View className='sv-urge-form' id='urge-form' onClick={(e) => e.stopPropagation()}>
      <Textarea id='urge-note' className='textarea textarea--short' value={note} maxlength={MAX_NOTE} placeholder={placeholder} onInput={(e) => setNote(e.detail.value)} />
      <FieldError id='urge-error' message={noteError} />
      <Button id='urge-submit' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在提交…' : '确认督办'}
      </Button>
    </View>
  );

  const items = load.phase === 'ready' ? load.value : [];
  const groups = groupBreaches(items);
  const isTarget = (kind: Target['kind'], id: string) => target?.kind === kind && target.id === id;

  const unitsCard = (
    <View className='card' id='breach-units'>
      <Text className='sv-card-title'>按责任单位</Text>
      {groups.length === 0 ? <Text className='muted'>没有超时未办结的诉求</Text> : null}
      {groups.map((g) => (
        <View key={g.unitId} className='sv-group' id={`breach-unit-${g.unitId}`}>
          <View className='sv-group__head'>
            <View className='sv-group__who'>
              <Text className='sv-group__name'>{g.unitName}</Text>
              <Text className='muted'>
                {g.count} 件超时 · 最久已超时 {formatAge(now - epochMs(g.oldestOverdueAt))}
              </Text>
            </View>
            <Button className='sv-urge-btn' id={`urge-unit-${g.unitId}`} onClick={() => open({ kind: 'unit', id: g.unitId, name: g.unitName })}>
              督办该单位
            </Button>
          </View>
          {isTarget('unit', g.unitId) ? urgeForm(`对${g.unitName}全部 ${g.count} 件超时诉求的督办意见（至少2个字）`) : null}
        </View>
      ))}
    </View>
  );

  const listCard = (
    <View id='breach-list'>
      {items.map((item) => (
        <View key={item.id} className='row row--red sv-breach' id={`breach-${item.id}`}>
          <View className='row__top'>
            <Text className='row__id'>{item.id}</Text>
            <Text className={`badge badge--${item.status}`}>{item.statusLabel}</Text>
          </View>
          <View className='row__tags'>
            <Text className='tag'>{item.categoryName}</Text>
            {item.breachedClocks.map((c) => (
              <Text key={c} className='tag tag--red'>
                {CLOCK_LABELS[c]}超时
              </Text>
            ))}
            {item.supervisionLevel > 0 ? <Text className='tag tag--yellow'>督办 {item.supervisionLevel} 级</Text> : null}
          </View>
          <Text className='row__summary'>{item.summary}</Text>
          <View className='kv'>
            <Text className='kv__k'>责任单位</Text>
            <Text className='kv__v sv-breach__unit'>
              {item.currentUnitName}
              {item.handlerName ? `（${item.handlerName}）` : ''}
            </Text>
          </View>
          <View className='kv'>
            <Text className='kv__k'>已超时</Text>
            <Text className='kv__v mark--red sv-breach__age'>{formatAge(now - epochMs(overdueSince(item)))}</Text>
          </View>
          <View className='kv'>
            <Text className='kv__k'>受理</Text>
            <Text className='kv__v'>
              {formatTime(item.receivedAt)}（{formatAge(now - epochMs(item.receivedAt))}前）
            </Text>
          </View>
          <View className='kv'>
            <Text className='kv__k'>地点</Text>
            <Text className='kv__v'>{item.locationName}</Text>
          </View>
          <View className='sv-breach__actions'>
            <Button className='sv-urge-btn sv-urge-btn--ghost' id={`open-${item.id}`} onClick={() => openTicket(item.id)}>
              查看详情
            </Button>
            <Button className='sv-urge-btn' id={`urge-${item.id}`} onClick={() => open({ kind: 'ticket', id: item.id })}>
              督办
            </Button>
          </View>
          {isTarget('ticket', item.id) ? urgeForm('督办意见，将通知承办人员（至少2个字）') : null}
        </View>
      ))}
    </View>
  );

  return (
    <View className={`page sv-page ${wide ? 'sv-page--wide' : ''}`} id='sv-breaches'>
      <SupervisorHeader session={session} current='breaches' />
      <View className='card'>
        <View className='sv-card-head'>
          <Text className='sv-card-title'>超时未办结</Text>
          <ExportButton id='export-breaches' report='breaches' query={{ unitId }} filename='超时诉求.xlsx' />
        </View>
        <Text className='sv-breach-card__count' id='breach-count'>
          {load.phase === 'ready' ? `${items.length} 件` : '—'}
        </Text>
        <Text className='muted'>仍在办理、已超过响应、分类、办结或回访时限的诉求，超时最久的排在最前。</Text>
      </View>
      {load.phase === 'loading' ? <Loading /> : null}
      {load.phase === 'error' ? <ErrorView title='加载失败' message={load.message} onRetry={() => void reload()} /> : null}
      {load.phase === 'ready' ? (
        <View className='sv-columns'>
          <View className='sv-col sv-col--narrow'>{unitsCard}</View>
          <View className='sv-col'>{listCard}</View>
        </View>
      ) : null}
    </View>
  );
}
