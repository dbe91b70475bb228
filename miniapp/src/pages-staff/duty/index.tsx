import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { DutyRoster } from '@mashang/shared/duty';
import type { DutyReply } from '@mashang/shared/alert-settings';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { ErrorView, Loading } from '../../components/Status.tsx';
import { addShift, namesOf, onDutyNow, removeException, removeWeekly, shiftTime, sortRoster, WEEKDAY_LABELS, type ShiftDraft } from '../../lib/duty-edit.ts';
import { StaffHeader } from '../components/StaffHeader.tsx';
import { requireStaff } from '../session.ts';
import '../staff.scss';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * 值班表: who of a unit is on duty when — a weekly pattern plus dated exceptions (holidays,
 * swaps) that replace that day's pattern. Alerts about a new request go to whoever is on
 * duty; with nobody on duty, to all the unit's handlers and its supervisors. Every staff
 * member of the unit sees it; its supervisors and admins edit it (`PUT /api/units/{id}/duty`).
 */
export default function DutyPage() {
  const { params } = useRouter();
  const session = api.sessions.staff();
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : session?.staff?.unit.id ?? session?.actor.unitId ?? '';
  const role = session?.actor.role;
  const canEdit = role === 'supervisor' || role === 'admin';
  const [reply, setReply] = useState<DutyReply | undefined>();
  const [roster, setRoster] = useState<DutyRoster>({ weekly: [], exceptions: [] });
  const [loadError, setLoadError] = useState('');
  const [dirty, setDirty] = useState(false);
  const [mode, setMode] = useState<'weekly' | 'dated'>('weekly');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [from, setFrom] = useState('08:30');
  const [to, setTo] = useState('17:30');
  const [chosen, setChosen] = useState<string[]>([]);
  const [formError, setFormError] = useState('');
  const [saveError, setSaveError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!requireStaff()) return;
    try {
      const r = await api.units.duty(unitId);
      setReply(r);
      setRoster(sortRoster(r.roster));
      setLoadError('');
    } catch (err) {
      setLoadError(toApiError(err).message);
    }
  }, [unitId]);
  useEffect(() => void load(), [load]);

  const staff = reply?.staff ?? [];
  const change = (next: DutyRoster) => {
    setRoster(next);
    setDirty(true);
    setSaved('');
  };
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const add = () => {
    const draft: ShiftDraft = mode === 'weekly' ? { kind: 'weekly', weekdays } : { kind: 'dated', date, note };
    const r = addShift(roster, draft, { from, to, staffIds: chosen });
    if ('error' in r) {
      setFormError(r.error);
      return;
    }
    setFormError('');
    change(r.roster);
  };

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setSaveError('');
    try {
      const r = await api.units.putDuty(unitId, roster);
      setRoster(sortRoster(r.roster));
      setDirty(false);
      setSaved('值班表已保存，提醒按新的值班安排发送');
    } catch (err) {
      setSaveError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <View className='page duty'>
        <StaffHeader back />
        <ErrorView title='无法打开值班表' message={loadError} onRetry={() => void load()} />
      </View>
    );
  }
  if (!reply) {
    return (
      <View className='page duty'>
        <StaffHeader back />
        <Loading />
      </View>
    );
  }

  const now = onDutyNow(roster, staff, new Date().toISOString());
  const chip = (id: string, active: boolean, label: string, onClick: () => void) => (
    <View key={id} id={id} className={`chip chip--small ${active ? 'chip--active' : ''}`} onClick={onClick}>
      <Text className='chip__name'>{label}</Text>
    </View>
  );

  return (
    <View className='page duty' id='duty-page'>
      <StaffHeader back />
      <View className='card'>
        <Text className='inbox__unit'>值班表</Text>
        <Text className='muted' id='duty-now'>
          {now ? `现在值班：${now}` : '现在无人值班：新诉求提醒发给本单位全部承办人员和督办人员'}
        </Text>
        {!canEdit ? <Text className='muted'>值班表由本单位督办人员或管理员维护。</Text> : null}
      </View>

      <View className='card' id='duty-weekly'>
        <Text className='field__label'>每周安排</Text>
        {roster.weekly.length === 0 ? <Text className='muted'>尚未安排</Text> : null}
        {roster.weekly.map((s, i) => (
          <View key={`w${i}`} className='admin-row duty__shift' id={`duty-weekly-${i}`}>
            <Text>
              {WEEKDAY_LABELS[s.weekday]} {shiftTime(s)} {namesOf(s.staffIds, staff)}
            </Text>
            {canEdit ? (
              <Text className='link' id={`duty-weekly-${i}-remove`} onClick={() => change(removeWeekly(roster, i))}>
                删除
              </Text>
            ) : null}
          </View>
        ))}
      </View>

      <View className='card' id='duty-exceptions'>
        <Text className='field__label'>特殊日期（节假日、调班，当天只按这里的安排）</Text>
        {roster.exceptions.length === 0 ? <Text className='muted'>暂无</Text> : null}
        {roster.exceptions.map((s, i) => (
          <View key={`e${i}`} className='admin-row duty__shift' id={`duty-exception-${i}`}>
            <Text>
              {s.date}
              {s.note ? `（${s.note}）` : ''} {shiftTime(s)} {namesOf(s.staffIds, staff)}
            </Text>
            {canEdit ? (
              <Text className='link' id={`duty-exception-${i}-remove`} onClick={() => change(removeException(roster, i))}>
                删除
              </Text>
            ) : null}
          </View>
        ))}
      </View>

      {canEdit ? (
        <View className='card' id='duty-form'>
          <Text className='field__label'>添加班次</Text>
          <View className='chips'>
            {chip('duty-mode-weekly', mode === 'weekly', '每周', () => setMode('weekly'))}
            {chip('duty-mode-dated', mode === 'dated', '特殊日期', () => setMode('dated'))}
          </View>
          {mode === 'weekly' ? (
            <View className='chips' id='duty-weekdays'>
              {WEEKDAYS.map((d) => chip(`duty-weekday-${d}`, weekdays.includes(d), WEEKDAY_LABELS[d]!, () => setWeekdays(toggle(weekdays, d))))}
            </View>
          ) : (
            <View>
              <Input id='duty-date' className='input' value={date} maxlength={10} placeholder='日期，如 2027-01-01' onInput={(e) => setDate(e.detail.value)} />
              <Input id='duty-note' className='input' value={note} maxlength={50} placeholder='说明（可选），如 元旦' onInput={(e) => setNote(e.detail.value)} />
            </View>
          )}
          <View className='admin-row'>
            <Input id='duty-from' className='input' value={from} maxlength={5} placeholder='开始 08:30' onInput={(e) => setFrom(e.detail.value)} />
            <Text>至</Text>
            <Input id='duty-to' className='input' value={to} maxlength={5} placeholder='结束 17:30' onInput={(e) => setTo(e.detail.value)} />
          </View>
          <Text className='muted'>结束早于开始的班次到次日结束（如 17:30 至 08:30）。</Text>
          <View className='chips' id='duty-staff'>
            {staff.map((s) => chip(`duty-staff-${s.id}`, chosen.includes(s.id), s.name, () => setChosen(toggle(chosen, s.id))))}
          </View>
          {formError ? (
            <Text className='form-error' id='duty-form-error'>
              {formError}
            </Text>
          ) : null}
          <Button id='duty-add' className='btn btn--ghost' onClick={add}>
            添加
          </Button>
        </View>
      ) : null}

      {canEdit ? (
        <View className='card'>
          {saveError ? (
            <Text className='form-error' id='duty-save-error'>
              {saveError}
            </Text>
          ) : null}
          {saved ? (
            <Text className='notice' id='duty-saved'>
              {saved}
            </Text>
          ) : null}
          <Button id='duty-save' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || !dirty || undefined} onClick={() => void save()}>
            保存值班表
          </Button>
        </View>
      ) : null}
    </View>
  );
}
