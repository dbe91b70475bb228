import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { Category } from '@mashang/shared/categories';
import type { TicketDetail } from '@mashang/shared/contracts/common';
import type { Unit } from '@mashang/shared/org';
import { CHANNEL_LABELS, RATING_LABELS, RATINGS } from '@mashang/shared/ticket';
import { DESK_CHANNELS } from '@mashang/shared/workbench';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { FieldError, Loading } from '../../components/Status.tsx';
import { sortCategories } from '../../lib/categories.ts';
import { buildFilingInput, emptyDeskForm, gridsOf, streetsFor, type DeskForm } from '../../lib/desk.ts';
import { newClientToken } from '../../lib/token.ts';
import { INBOX_URL, LOGIN_URL, requireStaff } from '../session.ts';
import { StaffHeader } from '../components/StaffHeader.tsx';
import { CallerHistory } from '../components/CallerHistory.tsx';
import '../staff.scss';

interface Place {
  id: string;
  name: string;
}

/**
 * Filing for a resident. A grid worker reports what they met on patrol (网格上报) at one
 * of their grid's QR locations or a place they type, and may handle a small matter on the
 * spot (办小事). The operator desk (and a street office's front desk) enters requests that
 * came by the 12345 hotline, a 110 transfer, a letter or a visit, for a grid of its area.
 * Either way the request enters the same lifecycle and clocks, in the street office's inbox.
 */
export default function DeskPage() {
  const session = api.sessions.staff();
  const role = session?.actor.role;
  const grid = role === 'grid_worker';
  const [form, setForm] = useState<DeskForm>(() => emptyDeskForm(role));
  const [token, setToken] = useState(() => newClientToken());
  const [categories, setCategories] = useState<Category[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [streetId, setStreetId] = useState('');
  const [places, setPlaces] = useState<Place[] | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<TicketDetail | undefined>();

  const fail = (err: unknown) => {
    const e = toApiError(err);
    if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
    if (e.fields.length) setFields(e.fieldMap());
    setError(e.message);
  };

  const loadPlaces = async (gridId?: string) => {
    setPlaces(undefined);
    try {
      setPlaces((await api.staff.locations(gridId)).items);
    } catch (err) {
      fail(err);
      setPlaces([]);
    }
  };

  useLoad(() => {
    if (!requireStaff()) return;
    Taro.setNavigationBarTitle({ title: grid ? '网格上报' : '登记诉求' }).catch(() => undefined);
    void (async () => {
      try {
        const [c, u] = await Promise.all([api.reference.categoriesForStaff(), grid ? Promise.resolve({ items: [] }) : api.units.list()]);
        setCategories(sortCategories(c.items));
        setUnits(u.items);
        const streets = streetsFor(u.items, session?.actor.unitId);
        if (streets.length === 1) setStreetId(streets[0]!.id);
        if (grid) await loadPlaces();
      } catch (err) {
        fail(err);
      } finally {
        setLoaded(true);
      }
    })();
  });

  const set = <K extends keyof DeskForm>(key: K, value: DeskForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setFields((e) => ({ ...e, [key]: '' }));
  };

  const chooseGrid = (gridId: string) => {
    setForm((f) => ({ ...f, gridId, locationId: '' }));
    setFields((e) => ({ ...e, gridId: '' }));
    void loadPlaces(gridId);
  };

  const submit = async () => {
    if (busy) return;
    const built = buildFilingInput(role, form, token);
    if (!built.ok) {
      setFields(built.fields);
      setError('请检查标红的内容');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const { ticket } = await api.staff.fileTicket(built.input);
      setDone(ticket);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setForm((f) => ({ ...emptyDeskForm(role), channel: f.channel, gridId: f.gridId }));
    setToken(newClientToken());
    setDone(undefined);
    setFields({});
    setError('');
  };

  const chip = (id: string, active: boolean, label: string, onClick: () => void) => (
    <View key={id} id={id} className={`chip chip--small ${active ? 'chip--active' : ''}`} onClick={onClick}>
      <Text className='chip__name'>{label}</Text>
    </View>
  );

  if (!loaded) return <View className='page'><Loading /></View>;

  if (done) {
    return (
      <View className='page desk'>
        <StaffHeader back={session?.actor.role !== 'operator'} backLabel='待办' />
        <View className='card' id='desk-done'>
          <Text className='staff-login__title'>{done.status === 'closed' ? '已现场办结' : '已登记'}</Text>
          <Text className='field__label'>诉求编号</Text>
          <Text className='desk__number' id='desk-number' userSelect>
            {done.id}
          </Text>
          {done.workOrderNo ? (
            <Text className='muted' id='desk-done-work-order'>
              12345工单 {done.workOrderNo}
            </Text>
          ) : null}
          <Text className='muted'>
            {done.channelLabel} · {done.locationName} · 已转{done.currentUnitName}
            {done.status === 'closed' ? '，四项时限均已完成' : '，30分钟内响应'}
          </Text>
          <Button className='btn btn--primary' id='desk-again' onClick={again}>
            继续登记
          </Button>
          <Button className='btn btn--ghost' id='desk-open' onClick={() => void Taro.navigateTo({ url: `/pages-staff/ticket/index?id=${encodeURIComponent(done.id)}` })}>
            查看该诉求
          </Button>
        </View>
      </View>
    );
  }

  const streets = streetsFor(units, session?.actor.unitId);
  const grids = streetId ? gridsOf(units, streetId) : [];
  return (
    <View className='page desk'>
      <StaffHeader back={session?.actor.role !== 'operator'} backLabel='待办' />
      <View className='card'>
        {grid ? (
          <Text className='notice'>为巡查中遇到的群众代为反映问题；能当场解决的小事可直接“现场办结”。</Text>
        ) : (
          <>
            <Text className='field__label'>来源渠道</Text>
            <View className='chips' id='desk-channels'>
              {DESK_CHANNELS.map((c) => chip(`channel-${c}`, form.channel === c, CHANNEL_LABELS[c], () => set('channel', c)))}
            </View>
            <Text className='field__label'>街道（乡镇）</Text>
            <View className='chips' id='desk-streets'>
              {streets.map((s) => chip(`street-${s.id}`, streetId === s.id, s.name, () => {
                setStreetId(s.id);
                setForm((f) => ({ ...f, gridId: '', locationId: '' }));
                setPlaces(undefined);
              }))}
            </View>
            {streetId ? (
              <>
                <Text className='field__label'>所在网格</Text>
                <View className='chips' id='desk-grids'>
                  {grids.map((g) => chip(`grid-${g.id}`, form.gridId === g.id, g.name, () => chooseGrid(g.id)))}
                </View>
              </>
            ) : null}
            <FieldError id='gridId-error' message={fields.gridId} />
          </>
        )}

        {grid || form.gridId ? (
          <>
            <Text className='field__label'>地点</Text>
            {places === undefined ? <Text className='muted'>正在加载地点…</Text> : null}
            <View className='chips' id='desk-places'>
              {(places ?? []).map((p) => chip(`place-${p.id}`, form.locationId === p.id, p.name, () => set('locationId', form.locationId === p.id ? '' : p.id)))}
            </View>
            <Input id='desk-place' className='input' value={form.place} maxlength={60} placeholder={form.locationId ? '补充具体位置（选填）' : '或填写具体位置，如“东街12号楼下”'} onInput={(e) => set('place', e.detail.value)} />
            <FieldError id='place-error' message={fields.place} />
          </>
        ) : null}

        <Text className='field__label'>诉求类别</Text>
        <View className='chips' id='desk-categories'>
          {categories.map((c) => chip(`desk-category-${c.code}`, form.categoryCode === c.code, c.name, () => set('categoryCode', c.code)))}
        </View>
        <FieldError id='categoryCode-error' message={fields.categoryCode} />

        <Text className='field__label'>问题描述</Text>
        <Textarea id='desk-description' className='textarea' value={form.description} maxlength={1000} placeholder='群众反映的问题（至少5个字）' onInput={(e) => set('description', e.detail.value)} />
        <FieldError id='description-error' message={fields.description} />

        <Text className='field__label'>群众称呼（选填）</Text>
        <Input id='desk-name' className='input' value={form.contactName} maxlength={20} placeholder='如：李先生' onInput={(e) => set('contactName', e.detail.value)} />
        <Text className='field__label'>联系电话（选填，仅承办人可见）</Text>
        <Input id='desk-phone' className='input' type='number' value={form.phone} maxlength={13} placeholder='手机号或固定电话' onInput={(e) => set('phone', e.detail.value)} />
        <FieldError id='phone-error' message={fields.phone} />
        {!grid ? (
          <CallerHistory
            phone={form.phone}
            related={form.relatedTicketIds}
            onToggle={(id) => set('relatedTicketIds', form.relatedTicketIds.includes(id) ? form.relatedTicketIds.filter((r) => r !== id) : [...form.relatedTicketIds, id])}
          />
        ) : null}
        <FieldError id='relatedTicketIds-error' message={fields.relatedTicketIds} />
        {!grid && form.channel === 'hotline_12345' ? (
          <>
            <Text className='field__label'>12345工单编号（选填）</Text>
            <Input id='desk-work-order' className='input' value={form.workOrderNo} maxlength={32} placeholder='12345平台派来的工单编号' onInput={(e) => set('workOrderNo', e.detail.value)} />
            <FieldError id='workOrderNo-error' message={fields.workOrderNo} />
          </>
        ) : null}

        <View className='chips desk__flags'>
          {chip('desk-urgent', form.urgent, '紧急', () => set('urgent', !form.urgent))}
          {grid ? chip('desk-onspot', form.onSpot, '现场办结（办小事）', () => set('onSpot', !form.onSpot)) : null}
        </View>
        {grid && form.onSpot ? (
          <View className='action-form' id='desk-onspot-form'>
            <Text className='field__label'>现场如何处理</Text>
            <Textarea id='desk-feedback' className='textarea textarea--short' value={form.feedback} maxlength={2000} placeholder='如：已现场扶正共享单车并挪出盲道' onInput={(e) => set('feedback', e.detail.value)} />
            <FieldError id='feedback-error' message={fields.feedback} />
            <Text className='field__label'>群众当场的意见</Text>
            <View className='chips'>{RATINGS.map((r) => chip(`desk-result-${r}`, form.result === r, RATING_LABELS[r], () => set('result', r)))}</View>
          </View>
        ) : null}

        {error ? (
          <Text className='form-error' id='desk-error'>
            {error}
          </Text>
        ) : null}
        <Button id='desk-submit' className={`btn btn--primary btn--submit ${busy ? 'btn--busy' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : grid && form.onSpot ? '提交并现场办结' : '提交'}
        </Button>
        <Text className='link' id='desk-inbox' onClick={() => void Taro.navigateTo({ url: INBOX_URL })}>
          查看待办
        </Text>
      </View>
    </View>
  );
}
