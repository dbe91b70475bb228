import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { Category } from '@mashang/shared/categories';
import type { TicketDetail } from '@mashang/shared/contracts/common';
import type { Unit } from '@mashang/shared/org';
import { dispatchTargetAllowed } from '@mashang/shared/first-use';
import { CHANNEL_LABELS, COMMAND_LABELS, RATING_LABELS, RATINGS } from '@mashang/shared/ticket';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { ClockList } from '../../components/ClockList.tsx';
import { Timeline } from '../../components/Timeline.tsx';
import { TicketSummary } from '../../components/TicketSummary.tsx';
import { PhotoGrid } from '../../components/PhotoGrid.tsx';
import { StaffHeader } from '../components/StaffHeader.tsx';
import { ErrorView, FieldError, Loading } from '../../components/Status.tsx';
import { RiskWarnings } from '../components/RiskWarnings.tsx';
import { ResolvePhotos, type ResolvePhotosState } from '../components/ResolvePhotos.tsx';
import { HandOverPicker } from '../components/HandOverPicker.tsx';
import { sortCategories } from '../../lib/categories.ts';
import { buildCommand, CALLER_CHANNELS, EMPTY_ACTION_FORM, offeredActions, type ActionForm, type StaffAction } from '../../lib/commands.ts';
import { formatTime } from '../../lib/time.ts';
import { LOGIN_URL, requireStaff } from '../session.ts';
import '../staff.scss';

type Load = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; detail: TicketDetail; fetchedAt: number };

const VIA_LABELS: Record<ActionForm['via'], string> = { call: '电话', message: '留言（发给群众）', visit: '上门' };

const REASON_PLACEHOLDER: Partial<Record<StaffAction, string>> = {
  return: '退单原因：为什么不属于本单位办理',
  escalate: '上报原因：本级无法解决的理由',
  reject: '不予受理原因（群众可见）',
  request_extension: '延期原因',
};

/** Opens the phone's dialler: the system call sheet in the mini-program, a tel: link in a browser. */
function dial(phone: string): void {
  if (process.env.TARO_ENV !== 'h5') {
    void Taro.makePhoneCall({ phoneNumber: phone });
    return;
  }
  // A tapped tel: link, as if the number were a link on the page: the browser hands it to the dialler.
  const link = document.createElement('a');
  link.href = `tel:${phone.replace(/[^\d+]/g, '')}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * A handler's view of one request: detail, the time limits, every step, and the actions
 * allowed now. The phone number is masked; the handler working the request taps 拨打 to
 * reveal it (recorded as an event) and call, then logs the contact.
 */
export default function StaffTicketPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [action, setAction] = useState<StaffAction | undefined>();
  const [form, setForm] = useState<ActionForm>(EMPTY_ACTION_FORM);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [actionError, setActionError] = useState('');
  const [busy, setBusy] = useState(false);
  const [units, setUnits] = useState<Unit[] | undefined>();
  const [categories, setCategories] = useState<Category[] | undefined>();
  const [fullPhone, setFullPhone] = useState<string | undefined>();
  const [resolvePhotos, setResolvePhotos] = useState<ResolvePhotosState>({ keys: [], pending: false, failed: false });

  const fetchDetail = useCallback(
    async (quiet = false) => {
      if (!requireStaff()) return;
      if (!id) {
        setLoad({ phase: 'error', message: '缺少诉求编号' });
        return;
      }
      if (!quiet) setLoad({ phase: 'loading' });
      try {
        const detail = await api.tickets.getAsStaff(id);
        setLoad({ phase: 'ready', detail, fetchedAt: Date.now() });
      } catch (err) {
        const e = toApiError(err);
        if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
        setLoad({ phase: 'error', message: e.message });
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

  const loadDispatchOptions = async () => {
    try {
      const [u, c] = await Promise.all([units ? Promise.resolve({ items: units }) : api.units.list(), categories ? Promise.resolve({ items: categories }) : api.reference.categoriesForStaff()]);
      setUnits(u.items);
      setCategories(sortCategories(c.items));
    } catch (err) {
      setActionError(toApiError(err).message);
    }
  };

  const openAction = (a: StaffAction, preset: Partial<ActionForm> = {}) => {
    setAction(a === action && Object.keys(preset).length === 0 ? undefined : a);
    setForm({ ...EMPTY_ACTION_FORM, ...preset });
    setFieldErrors({});
    setActionError('');
    if (a === 'dispatch') void loadDispatchOptions();
  };

  const set = <K extends keyof ActionForm>(key: K, value: ActionForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setFieldErrors((e) => ({ ...e, [key]: '' }));
  };

  if (load.phase === 'loading') return <View className='page'><Loading /></View>;
  if (load.phase === 'error') {
    return (
      <View className='page'>
        <ErrorView title='加载失败' message={load.message} onRetry={() => void fetchDetail()} />
      </View>
    );
  }
  const { detail, fetchedAt } = load;
  const actions = offeredActions(detail.actions);

  const fail = (err: unknown) => {
    const e = toApiError(err);
    if (e.status === 401) {
      void Taro.redirectTo({ url: LOGIN_URL });
      return;
    }
    if (e.fields.length) setFieldErrors(e.fieldMap('command.'));
    setActionError(e.message);
    // Someone else changed the request: show the message and the current state.
    if (e.status === 409) void fetchDetail(true);
  };

  /** One tap: reveal the number (the view is recorded), dial it, and get the contact log ready. */
  const call = async () => {
    if (busy) return;
    if (fullPhone) {
      dial(fullPhone);
      return;
    }
    setBusy(true);
    setActionError('');
    try {
      const reply = await api.tickets.revealPhone(detail.id);
      setFullPhone(reply.phone);
      setLoad({ phase: 'ready', detail: reply.ticket, fetchedAt: Date.now() });
      if (reply.ticket.actions.includes('respond')) openAction('respond', { via: 'call' });
      dial(reply.phone);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!action || busy) return;
    if (action === 'resolve' && (resolvePhotos.pending || resolvePhotos.failed)) {
      setActionError(resolvePhotos.pending ? '照片还在上传，请稍等几秒再提交' : '有照片没有上传成功：点照片重试，或点 × 删除后再提交');
      return;
    }
    const built = buildCommand(action, action === 'resolve' ? { ...form, photos: resolvePhotos.keys } : form);
    if (!built.ok) {
      setFieldErrors(built.fields);
      return;
    }
    setBusy(true);
    setActionError('');
    try {
      const next = await api.tickets.commandAsStaff(detail.id, detail.version, built.command);
      setLoad({ phase: 'ready', detail: next, fetchedAt: Date.now() });
      setAction(undefined);
      void Taro.showToast({ title: `${COMMAND_LABELS[built.command.type]}成功`, icon: 'success' });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const choice = (idAttr: string, active: boolean, label: string, onClick: () => void) => (
    <View key={idAttr} id={idAttr} className={`chip chip--small ${active ? 'chip--active' : ''}`} onClick={onClick}>
      <Text className='chip__name'>{label}</Text>
    </View>
  );

  const noteField = (placeholder: string, shareable = false) => (
    <>
      <Textarea id='action-note' className='textarea textarea--short' value={form.note} maxlength={1000} placeholder={placeholder} onInput={(e) => set('note', e.detail.value)} />
      <FieldError id='note-error' message={fieldErrors.note} />
      {shareable ? (
        // Notes are internal; the author decides when the resident should read one.
        <View id='note-for-resident' className={`check ${form.forResident ? 'check--on' : ''}`} onClick={() => set('forResident', !form.forResident)}>
          <Text className='check__box'>{form.forResident ? '✓' : ''}</Text>
          <Text className='check__label'>群众可见（默认仅内部可见）</Text>
        </View>
      ) : null}
    </>
  );

  const reasonField = (placeholder: string) => (
    <>
      <Textarea id='action-reason' className='textarea textarea--short' value={form.reason} maxlength={500} placeholder={placeholder} onInput={(e) => set('reason', e.detail.value)} />
      <FieldError id='reason-error' message={fieldErrors.reason} />
    </>
  );

  const renderForm = (a: StaffAction) => {
    switch (a) {
      case 'respond':
        return (
          <>
            <Text className='field__label'>联系方式</Text>
            <View className='chips'>{(Object.keys(VIA_LABELS) as ActionForm['via'][]).map((v) => choice(`via-${v}`, form.via === v, VIA_LABELS[v], () => set('via', v)))}</View>
            {form.via === 'message' ? noteField('发送给群众的消息（群众在“我的诉求”中可见）') : noteField('联系情况（选填）', true)}
          </>
        );
      case 'dispatch': {
        // Only where this office may blow the whistle: the district's departments and its own communities.
        const from = units?.find((u) => u.id === detail.currentUnitId);
        const options = (units ?? []).filter((u) => from !== undefined && (u.kind === 'department' || u.kind === 'community') && dispatchTargetAllowed(u, from));
        const groups: Array<[string, Unit[]]> = [
          ['职能部门', options.filter((u) => u.kind === 'department')],
          ['社区（村）', options.filter((u) => u.kind === 'community')],
        ];
        return (
          <>
            <Text className='field__label'>承办单位（吹哨派单）</Text>
            {!units ? <Text className='muted'>正在加载单位…</Text> : null}
            <View id='unit-options'>
              {groups.map(([label, list]) =>
                list.length ? (
                  <View key={label}>
                    <Text className='muted'>{label}</Text>
                    <View className='chips'>{list.map((u) => choice(`unit-${u.id}`, form.unitId === u.id, u.name, () => set('unitId', u.id)))}</View>
                  </View>
                ) : null,
              )}
            </View>
            <FieldError id='unitId-error' message={fieldErrors.unitId} />
            <Text className='field__label'>确认类别（当前：{detail.categoryName}）</Text>
            <View className='chips' id='dispatch-categories'>
              {(categories ?? []).map((c) =>
                choice(`dispatch-category-${c.code}`, (form.categoryCode || detail.categoryCode) === c.code, c.name, () => set('categoryCode', c.code === detail.categoryCode ? '' : c.code)),
              )}
            </View>
            {form.categoryCode ? <Text className='notice'>改变类别后，未完成的时限将按新类别的标准从受理时起重新计算。</Text> : null}
            {noteField('派单说明（选填）', true)}
          </>
        );
      }
      case 'accept':
        return noteField('承接说明（选填）', true);
      case 'return':
      case 'escalate':
      case 'reject':
        return reasonField(REASON_PLACEHOLDER[a] ?? '原因');
      case 'resolve':
        return (
          <>
            <Textarea id='action-feedback' className='textarea' value={form.feedback} maxlength={2000} placeholder='办理结果（将反馈给群众，至少5个字）' onInput={(e) => set('feedback', e.detail.value)} />
            <FieldError id='feedback-error' message={fieldErrors.feedback} />
            <ResolvePhotos onChange={setResolvePhotos} />
          </>
        );
      case 'hand_over':
        return (
          <>
            <HandOverPicker
              unitId={detail.currentUnitId}
              selfId={api.sessions.staff()?.actor.id}
              assigneeId={detail.assignee?.id}
              value={form.toStaffId}
              onPick={(id) => set('toStaffId', id)}
            />
            <FieldError id='toStaffId-error' message={fieldErrors.toStaffId} />
            {noteField('转交说明：办到哪一步、还需做什么（仅内部可见，至少2个字）')}
          </>
        );
      case 'follow_up':
        return (
          <>
            <Text className='field__label'>回访结果（群众的意见）</Text>
            <View className='chips'>{RATINGS.map((r) => choice(`result-${r}`, form.result === r, RATING_LABELS[r], () => set('result', r)))}</View>
            {noteField('回访记录（选填）', true)}
          </>
        );
      case 'request_extension':
        return (
          <>
            <Text className='field__label'>延期工作日数（1–20）</Text>
            <Input id='action-days' className='input' type='number' maxlength={2} value={form.workingDays} onInput={(e) => set('workingDays', e.detail.value)} />
            <FieldError id='workingDays-error' message={fieldErrors.workingDays} />
            {reasonField(REASON_PLACEHOLDER.request_extension ?? '延期原因')}
          </>
        );
      case 'decide_extension':
        return (
          <>
            {detail.pendingExtension ? (
              <Text className='notice'>
                申请延期 {detail.pendingExtension.workingDays} 个工作日：{detail.pendingExtension.reason}
              </Text>
            ) : null}
            <View className='chips'>
              {choice('approve-yes', form.approve, '批准', () => set('approve', true))}
              {choice('approve-no', !form.approve, '不批准', () => set('approve', false))}
            </View>
            {noteField('审批意见（选填）')}
          </>
        );
      case 'urge':
        return noteField('督办意见（至少2个字）');
      case 'caller_join':
        // 来电附议: the desk's "me too" for a caller reporting this same problem (no duplicate request).
        return (
          <>
            <Text className='muted'>来电群众反映的是同一问题时，记为附议，不再重复登记诉求；附议人数加一，不记录来电人的电话和姓名。</Text>
            <Text className='field__label'>来源渠道</Text>
            <View className='chips' id='caller-channels'>{CALLER_CHANNELS.map((c) => choice(`caller-channel-${c}`, form.channel === c, CHANNEL_LABELS[c], () => set('channel', c)))}</View>
            {form.channel === 'hotline_12345' ? (
              <>
                <Text className='field__label'>12345工单编号（选填）</Text>
                <Input id='action-work-order' className='input' value={form.workOrderNo} maxlength={32} placeholder='12345平台派来的工单编号' onInput={(e) => set('workOrderNo', e.detail.value)} />
                <FieldError id='workOrderNo-error' message={fieldErrors.workOrderNo} />
              </>
            ) : null}
            {noteField('补充说明（选填，仅内部可见）')}
          </>
        );
      case 'merge':
        return (
          <>
            <Text className='field__label'>合并到诉求编号（该诉求须仍在办理中）</Text>
            <Input id='action-into' className='input' type='number' value={form.intoTicketId} maxlength={20} placeholder='13位诉求编号' onInput={(e) => set('intoTicketId', e.detail.value)} />
            <FieldError id='intoTicketId-error' message={fieldErrors.intoTicketId} />
          </>
        );
    }
  };

  const phone = fullPhone ?? detail.phone;
  return (
    <View className='page staff-ticket'>
      <StaffHeader back />
      <RiskWarnings ticketId={detail.id} version={detail.version} />
      <TicketSummary detail={detail}>
        {detail.mediator ? (
          <View className='kv' id='ticket-mediator'>
            <Text className='kv__k'>调解组织</Text>
            <Text className='kv__v'>{`${detail.mediator.name}（${detail.mediator.contact}）`}</Text>
          </View>
        ) : null}
        <View className='kv'>
          <Text className='kv__k'>来源</Text>
          <Text className='kv__v'>{detail.channelLabel}</Text>
        </View>
        {detail.workOrderNo ? (
          <View className='kv'>
            <Text className='kv__k'>12345工单号</Text>
            <Text className='kv__v' id='ticket-work-order'>
              {detail.workOrderNo}
            </Text>
          </View>
        ) : null}
        {detail.relatedTicketIds?.length ? (
          <View className='kv'>
            <Text className='kv__k'>关联诉求</Text>
            <View className='kv__v' id='ticket-related'>
              {detail.relatedTicketIds.map((rid) => (
                <Text key={rid} className='link' id={`related-${rid}`} onClick={() => void Taro.navigateTo({ url: `/pages-staff/ticket/index?id=${encodeURIComponent(rid)}` })}>
                  {rid}{' '}
                </Text>
              ))}
            </View>
          </View>
        ) : null}
        <View className='kv'>
          <Text className='kv__k'>反映人</Text>
          <Text className='kv__v' id='ticket-contact'>
            {detail.anonymous ? '匿名' : detail.contactName || '未留称呼'}
          </Text>
        </View>
        <View className='kv kv--phone'>
          <Text className='kv__k'>电话</Text>
          <View className='kv__v phone'>
            <Text id='ticket-phone' className='phone__number' userSelect={fullPhone !== undefined}>
              {phone ?? '未留电话'}
            </Text>
            {detail.canRevealPhone || fullPhone ? (
              <Button className={`btn btn--call ${busy ? 'btn--busy' : ''}`} id='call-phone' disabled={busy || undefined} onClick={() => void call()}>
                拨打
              </Button>
            ) : null}
          </View>
        </View>
        {detail.canRevealPhone && !fullPhone ? <Text className='muted phone__hint'>号码仅承办人可见；点“拨打”查看完整号码会记入办理过程。</Text> : null}
        <View className='kv'>
          <Text className='kv__k'>承办人</Text>
          <Text className='kv__v' id='ticket-assignee'>
            {detail.assignee ? detail.assignee.name ?? detail.assignee.id : '尚未有人承办'}
          </Text>
        </View>
        {(detail.followerCount ?? 0) > 0 ? (
          <View className='kv'>
            <Text className='kv__k'>我也遇到</Text>
            {/* Residents who tapped 我也遇到 and callers the desk added (来电附议). */}
            <Text className='kv__v' id='ticket-followers'>
              另有 {detail.followerCount} 位群众反映了同一问题（共 {(detail.followerCount ?? 0) + 1} 人）
            </Text>
          </View>
        ) : null}
        {detail.followUpResult ? (
          <View className='kv'>
            <Text className='kv__k'>回访结果</Text>
            <Text className='kv__v' id='ticket-followup'>
              {RATING_LABELS[detail.followUpResult]}
              {detail.followUpNote ? `（${detail.followUpNote}）` : ''}
            </Text>
          </View>
        ) : null}
        {detail.pendingExtension ? (
          <View className='kv'>
            <Text className='kv__k'>延期申请</Text>
            <Text className='kv__v'>
              {detail.pendingExtension.workingDays} 个工作日（{formatTime(detail.pendingExtension.requestedAt)}）
            </Text>
          </View>
        ) : null}
      </TicketSummary>

      {detail.photos.length || detail.feedbackPhotos?.length ? (
        <View className='card' id='staff-photos'>
          <PhotoGrid urls={detail.photos} title={`群众上传的照片（${detail.photos.length}张）`} id='ticket-photos' />
          <PhotoGrid urls={detail.feedbackPhotos ?? []} title='办结反馈照片' id='feedback-photos' />
        </View>
      ) : (
        <Text className='muted' id='no-photos'>
          群众未上传照片
        </Text>
      )}

      <View className='card' id='actions'>
        <Text className='field__label'>办理操作</Text>
        {actions.length === 0 ? <Text className='muted'>当前没有可执行的操作</Text> : null}
        <View className='actions'>
          {actions.map((a) => (
            <Button key={a} id={`action-${a}`} className={`btn btn--action ${action === a ? 'btn--action-active' : ''}`} onClick={() => openAction(a)}>
              {COMMAND_LABELS[a]}
            </Button>
          ))}
        </View>
        {action ? (
          <View className='action-form' id='action-form'>
            <Text className='action-form__title'>{COMMAND_LABELS[action]}</Text>
            {renderForm(action)}
            <Button id='action-submit' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
              {busy ? '正在提交…' : `确认${COMMAND_LABELS[action]}`}
            </Button>
          </View>
        ) : null}
        {actionError ? (
          <Text className='form-error' id='action-error'>
            {actionError}
          </Text>
        ) : null}
      </View>

      <View className='section-title'>
        <Text>办理时限</Text>
      </View>
      <ClockList clocks={detail.clocks} fetchedAt={fetchedAt} />

      <View className='section-title'>
        <Text>办理过程</Text>
      </View>
      <Timeline events={detail.events} showActorName />
    </View>
  );
}
