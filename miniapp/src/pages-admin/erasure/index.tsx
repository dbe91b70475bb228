import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { TicketDetail } from '@mashang/shared/contracts/common';
import type { InboxSearchReply } from '@mashang/shared/inbox-search';
import { EraseTicketInputSchema } from '@mashang/shared/erasure';
import { issueMessage } from '@mashang/shared/issue-message';
import { maskPhonesInText } from '@mashang/shared/mask';
import * as api from '../../services/api.ts';
import { confirmsTicket, erasurePlan, erasureResultText, parseErasureLookup } from '../../lib/erasure-plan.ts';
import { formatTime } from '../../lib/time.ts';
import { adminUrl, AdminHeader, ErrorText, useAdmin } from '../common.tsx';
import { useAction } from '../hooks.ts';
import '../admin.scss';

type Step = 'find' | 'review' | 'confirm' | 'done';

/**
 * 删除居民个人信息: a resident asked the county (by phone or at the counter) to erase their data
 * from one request. The admin finds the request by its number (or lists the resident's requests
 * by their whole phone number, GET /api/staff/search, and picks one), reads what goes (phone, name,
 * photos, their words to the staff, the link to their identity) and what stays (the request in
 * every statistic), gives a reason, confirms twice (the button, then the number typed again), and
 * reads the result (POST /api/admin/tickets/{id}/erase; recorded in 操作记录).
 */
export default function AdminErasurePage() {
  useAdmin();
  const { busy, error, fields, run, setError } = useAction();
  const [number, setNumber] = useState('');
  const [numberError, setNumberError] = useState('');
  const [detail, setDetail] = useState<TicketDetail | undefined>();
  const [found, setFound] = useState<InboxSearchReply['items'] | undefined>();
  const [step, setStep] = useState<Step>('find');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState('');

  const open = async (id: string) => {
    setDetail(undefined);
    setResult('');
    setStep('find');
    const read = await run(() => api.tickets.getAsStaff(id));
    if (read) {
      setDetail(read);
      setReason('');
      setTyped('');
      setStep('review');
    }
  };

  const find = async () => {
    const lookup = parseErasureLookup(number);
    setNumberError(lookup.kind === 'invalid' ? lookup.message : '');
    setFound(undefined);
    setDetail(undefined);
    setResult('');
    setStep('find');
    if (lookup.kind === 'id') await open(lookup.id);
    if (lookup.kind === 'phone') {
      const reply = await run(() => api.staff.search(lookup.phone));
      if (reply) setFound(reply.items);
    }
  };

  // First confirmation: the reason is checked here, so the second step only asks for the number.
  const ask = () => {
    const parsed = EraseTicketInputSchema.safeParse({ reason });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0] ? issueMessage(parsed.error.issues[0]) : '请填写删除原因');
      return;
    }
    setReasonError('');
    setError('');
    setTyped('');
    setStep('confirm');
  };

  const erase = async () => {
    if (!detail || !confirmsTicket(typed, detail.id)) return;
    const reply = await run(() => api.admin.tickets.erase(detail.id, reason.trim()));
    if (!reply) return;
    setResult(erasureResultText(detail.id, reply, formatTime));
    setStep('done');
    // The request as it is now: still there, without the resident's data.
    const after = await run(() => api.tickets.getAsStaff(detail.id));
    if (after) setDetail(after);
  };

  const plan = detail ? erasurePlan(detail) : undefined;
  return (
    <View className='page admin-erasure'>
      <AdminHeader title='删除居民个人信息' />
      <View className='card'>
        <Text className='muted'>
          居民依法要求删除个人信息时使用。删除后诉求仍保留，照常计入统计和时限考核，但不再含有居民的电话、称呼、照片和留言，也不再与居民关联。此操作不能撤销，并记入操作记录。
        </Text>
        <Text className='field__label'>诉求编号或居民的电话号码</Text>
        <Input id='erase-number' className='input' value={number} maxlength={20} placeholder='13位诉求编号，或完整电话号码' onInput={(e) => setNumber(e.detail.value)} onConfirm={() => void find()} />
        <ErrorText id='erase-number-error' message={numberError} />
        <Button id='erase-find' className='btn btn--ghost' disabled={busy || undefined} onClick={() => void find()}>
          查找诉求
        </Button>
      </View>
      <ErrorText id='erase-error' message={error} />

      {found && !detail ? (
        <View className='card' id='erase-found'>
          <Text className='field__label'>该电话号码反映的诉求（{found.length} 件）</Text>
          {found.length === 0 ? (
            <Text className='muted' id='erase-found-none'>
              没有找到：可能号码不同，或这些诉求的个人信息已删除。
            </Text>
          ) : null}
          {found.map((t) => (
            <View key={t.id} className='admin-link admin-erase-row' id={`erase-found-${t.id}`} onClick={() => void open(t.id)}>
              <Text className='admin-link__title'>
                {t.id} · {t.statusLabel}
              </Text>
              <Text className='muted'>
                {formatTime(t.receivedAt)} · {t.categoryName} · {t.locationName}
              </Text>
              <Text>{t.summary}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {detail && plan ? (
        <>
          <View className='card' id='erase-ticket'>
            <Text className='field__label'>
              诉求 {detail.id} · {detail.statusLabel}
            </Text>
            <Text className='muted'>
              {formatTime(detail.receivedAt)} · {detail.categoryName} · {detail.locationName}
            </Text>
            <Text id='erase-description'>{maskPhonesInText(detail.description)}</Text>
          </View>
          <View className='card' id='erase-plan'>
            <Text className='field__label'>{step === 'done' ? '删除后' : '将删除'}</Text>
            {step === 'done' ? null : plan.erased.map((l) => <Line key={l.key} id={`erase-item-${l.key}`} label={l.label} value={l.value} />)}
            {step !== 'done' && !plan.visible ? (
              <Text className='muted' id='erase-nothing-visible'>
                该诉求已看不到电话、称呼或照片（可能此前已删除，或居民未留下）。
              </Text>
            ) : null}
            {step === 'done' ? (
              <>
                <Line id='erase-after-phone' label='电话' value={detail.phone ?? '无'} />
                <Line id='erase-after-name' label='称呼' value={detail.contactName ?? '无'} />
                <Line id='erase-after-photos' label='照片' value={`${detail.photos.length} 张`} />
              </>
            ) : null}
            <Text className='field__label'>保留</Text>
            {plan.kept.map((l) => (
              <Line key={l.key} id={`erase-keep-${l.key}`} label={l.label} value={l.value} />
            ))}
          </View>
        </>
      ) : null}

      {detail && step === 'review' ? (
        <View className='card' id='erase-reason-card'>
          <Text className='field__label'>删除原因（记入操作记录）</Text>
          <Textarea id='erase-reason' className='textarea' value={reason} maxlength={200} placeholder='如：居民本人来电要求删除个人信息' onInput={(e) => setReason(e.detail.value)} />
          <ErrorText id='erase-reason-error' message={reasonError || fields.reason || ''} />
          <Button id='erase-ask' className='btn btn--primary' disabled={busy || undefined} onClick={ask}>
            删除个人信息…
          </Button>
        </View>
      ) : null}

      {detail && step === 'confirm' ? (
        <View className='card admin-warn' id='erase-confirm'>
          <Text className='admin-warn__title'>再次确认</Text>
          <Text>删除后不能恢复。请再输入一次诉求编号 {detail.id} 以确认删除。</Text>
          <Input id='erase-confirm-number' className='input' value={typed} maxlength={20} placeholder='再次输入诉求编号' onInput={(e) => setTyped(e.detail.value)} />
          <Button id='erase-submit' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || !confirmsTicket(typed, detail.id) || undefined} onClick={() => void erase()}>
            确认删除
          </Button>
          <Button id='erase-cancel' className='btn btn--ghost' disabled={busy || undefined} onClick={() => setStep('review')}>
            取消
          </Button>
        </View>
      ) : null}

      {step === 'done' ? (
        <View className='card' id='erase-result'>
          <Text className='notice' id='erase-result-text'>
            {result}
          </Text>
          <Text className='link' id='erase-audit' onClick={() => void Taro.navigateTo({ url: adminUrl('audit') })}>
            查看操作记录 ›
          </Text>
        </View>
      ) : null}
    </View>
  );
}

function Line({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View className='admin-kv' id={id}>
      <Text>{label}</Text>
      <Text>{value}</Text>
    </View>
  );
}
