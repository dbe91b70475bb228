import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import type { Category } from '@mashang/shared/categories';
import type { LocationView, PromisedDeadlines, TicketDetail } from '@mashang/shared/contracts';
import { api, ApiError, toApiError } from '../../services/api.ts';
import { ErrorView, FieldError, Loading } from '../../components/Status.tsx';
import { locationIdFromParams } from '../../lib/launch.ts';
import { buildCreateInput, type ReportForm } from '../../lib/form.ts';
import { newClientToken } from '../../lib/token.ts';
import { formatDue } from '../../lib/time.ts';
import './index.scss';

const MAX_DESCRIPTION = 1000;

const EMPTY_FORM: ReportForm = { categoryCode: '', description: '', phone: '', contactName: '', anonymous: false, urgent: false };

type Load =
  | { phase: 'loading' }
  | { phase: 'error'; title: string; message: string; retry: boolean }
  | { phase: 'ready'; location: LocationView; categories: Category[] };

type Deadlines = { code: string; data?: PromisedDeadlines; error?: string };

/** The resident's QR landing page: where am I, what is wrong, what will happen by when. */
export default function ReportPage() {
  const router = useRouter();
  // `loc` from our own links (and /q/<id> rewritten in app.tsx), or WeChat's scanned `q`.
  const locationId = locationIdFromParams(router.params);

  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [form, setForm] = useState<ReportForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [deadlines, setDeadlines] = useState<Deadlines | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<{ ticket: TicketDetail; created: boolean } | undefined>();
  // One token per form fill: a retry or a double tap re-sends the same one.
  const clientToken = useRef(newClientToken());
  const selectedCode = useRef('');
  // A second tap before React re-renders must not send a second request.
  const inFlight = useRef(false);

  const fetchPage = useCallback(async () => {
    if (!locationId) {
      setLoad({ phase: 'error', title: '没有识别到地点', message: '请用微信扫描街道上张贴的“码上办”二维码后再反映问题。', retry: false });
      return;
    }
    setLoad({ phase: 'loading' });
    try {
      const [location, categories] = await Promise.all([api.location(locationId), api.categories()]);
      setLoad({ phase: 'ready', location, categories: categories.items });
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'LOCATION_NOT_FOUND') {
        setLoad({ phase: 'error', title: '未找到该二维码对应的地点', message: '二维码可能已经失效或被更换。请扫描附近其他“码上办”二维码，或拨打 12345 反映。', retry: false });
      } else {
        setLoad({ phase: 'error', title: '地点信息加载失败', message: e.message, retry: true });
      }
    }
  }, [locationId]);

  useEffect(() => {
    void fetchPage();
  }, [fetchPage]);

  const loadDeadlines = useCallback(async (code: string) => {
    setDeadlines({ code });
    try {
      const data = await api.deadlines(code);
      if (selectedCode.current === code) setDeadlines({ code, data });
    } catch (err) {
      if (selectedCode.current === code) setDeadlines({ code, error: toApiError(err).message });
    }
  }, []);

  const update = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: '' }));
    if (formError) setFormError('');
  };

  const chooseCategory = (c: Category) => {
    selectedCode.current = c.code;
    setForm((f) => ({ ...f, categoryCode: c.code, urgent: c.urgent === true }));
    setErrors((e) => ({ ...e, categoryCode: '' }));
    void loadDeadlines(c.code);
  };

  const submit = async () => {
    if (inFlight.current || load.phase !== 'ready') return;
    setFormError('');
    const built = buildCreateInput(form, load.location.id, clientToken.current);
    if (!built.ok) {
      setErrors(built.fields);
      setFormError('请按提示修改后再提交');
      return;
    }
    setErrors({});
    inFlight.current = true;
    setSubmitting(true);
    try {
      const reply = await api.createTicket(built.input);
      setDone(reply);
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (err) {
      const e = toApiError(err);
      if (e instanceof ApiError && e.fields.length) setErrors(e.fieldMap());
      setFormError(e.message);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const startAgain = () => {
    clientToken.current = newClientToken();
    selectedCode.current = '';
    setForm(EMPTY_FORM);
    setDeadlines(undefined);
    setErrors({});
    setFormError('');
    setDone(undefined);
  };

  if (load.phase === 'loading') return <View className='page'><Loading text='正在读取地点信息…' /></View>;
  if (load.phase === 'error') {
    return (
      <View className='page'>
        <ErrorView title={load.title} message={load.message} onRetry={load.retry ? () => void fetchPage() : undefined} />
        <View className='links'>
          <Text className='link' id='link-mine' onClick={() => void Taro.navigateTo({ url: '/pages/mine/index' })}>
            查看我的诉求
          </Text>
        </View>
      </View>
    );
  }

  const { location, categories } = load;

  if (done) {
    return (
      <View className='page'>
        <View className='success' id='success'>
          <Text className='success__icon'>✓</Text>
          <Text className='success__title'>{done.created ? '诉求已提交' : '该诉求已提交过'}</Text>
          <Text className='success__caption'>诉求编号</Text>
          <Text className='success__number' id='ticket-number' userSelect>
            {done.ticket.id}
          </Text>
          <Text className='success__hint'>请记下编号。{location.centreName}将在规定时限内联系您、办理并反馈结果。</Text>
          <Button className='btn btn--primary' id='follow-ticket' onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${encodeURIComponent(done.ticket.id)}` })}>
            查看办理进度
          </Button>
          <Button className='btn btn--ghost' id='report-another' onClick={startAgain}>
            再反映一个问题
          </Button>
        </View>
      </View>
    );
  }

  const deadlineView = deadlines && deadlines.code === form.categoryCode ? deadlines : undefined;

  return (
    <View className='page report'>
      <View className='place card' id='place'>
        <Text className='place__name' id='place-name'>{location.name}</Text>
        {location.address ? <Text className='place__address'>{location.address}</Text> : null}
        <Text className='place__meta'>
          {location.communityName} · {location.gridName}
        </Text>
        <Text className='place__centre' id='place-centre'>
          本诉求由 {location.centreName} 受理
        </Text>
      </View>

      <View className='card'>
        <Text className='field__label'>
          问题类别<Text className='required'>*</Text>
        </Text>
        <View className='chips' id='categories'>
          {categories.map((c) => (
            <View
              key={c.code}
              id={`category-${c.code}`}
              className={`chip ${form.categoryCode === c.code ? 'chip--active' : ''} ${c.urgent ? 'chip--urgent' : ''}`}
              onClick={() => chooseCategory(c)}
            >
              <Text className='chip__name'>{c.name}</Text>
              {c.hint ? <Text className='chip__hint'>{c.hint}</Text> : null}
            </View>
          ))}
        </View>
        <FieldError id='categoryCode-error' message={errors.categoryCode} />
        {form.urgent ? <Text className='notice notice--urgent'>紧急安全隐患将优先处理。如有人身危险，请立即拨打 110 / 119 / 120。</Text> : null}
      </View>

      <View className='card'>
        <Text className='field__label'>
          问题描述<Text className='required'>*</Text>
        </Text>
        <Textarea
          id='description'
          className='textarea'
          value={form.description}
          maxlength={MAX_DESCRIPTION}
          placeholder='请说明什么问题、在哪里、持续多久（至少5个字）'
          autoHeight={false}
          onInput={(e) => update('description', e.detail.value)}
        />
        <View className='counter'>
          <Text id='description-count'>
            {form.description.length}/{MAX_DESCRIPTION}
          </Text>
        </View>
        <FieldError id='description-error' message={errors.description} />
      </View>

      <View className='card'>
        <Text className='field__label'>联系电话（选填）</Text>
        <Input
          id='phone'
          className='input'
          type='number'
          maxlength={13}
          value={form.phone}
          placeholder='便于工作人员联系您'
          onInput={(e) => update('phone', e.detail.value)}
        />
        <FieldError id='phone-error' message={errors.phone} />
        <Text className='field__label'>怎么称呼您（选填）</Text>
        <Input
          id='contact-name'
          className='input'
          maxlength={20}
          value={form.contactName}
          placeholder='如：王阿姨'
          onInput={(e) => update('contactName', e.detail.value)}
        />
        <FieldError id='contactName-error' message={errors.contactName} />
        <View className='switch-row'>
          <View className='switch-row__text'>
            <Text className='switch-row__title'>匿名反映</Text>
            <Text className='switch-row__hint'>办理结果仍会告诉您，但不公开您的称呼</Text>
          </View>
          <Switch id='anonymous' checked={form.anonymous} color='#c8161d' onChange={(e) => update('anonymous', e.detail.value)} />
        </View>
      </View>

      {form.categoryCode ? (
        <View className='card promises' id='deadlines'>
          <Text className='field__label'>提交后我们承诺</Text>
          {!deadlineView || (!deadlineView.data && !deadlineView.error) ? <Text className='muted'>正在计算办理时限…</Text> : null}
          {deadlineView?.error ? <Text className='field__error'>{deadlineView.error}</Text> : null}
          {deadlineView?.data?.deadlines.map((d) => (
            <View key={d.clock} className='promise' id={`deadline-${d.clock}`}>
              <Text className='promise__text'>{d.promise}</Text>
              <Text className='promise__due'>最晚 {formatDue(d.dueAt)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {formError ? (
        <Text className='form-error' id='form-error'>
          {formError}
        </Text>
      ) : null}
      <Button className={`btn btn--primary btn--submit ${submitting ? 'btn--busy' : ''}`} id='submit' disabled={submitting || undefined} onClick={() => void submit()}>
        {submitting ? '正在提交…' : '提交诉求'}
      </Button>
      <View className='links'>
        <Text className='link' id='link-mine' onClick={() => void Taro.navigateTo({ url: '/pages/mine/index' })}>
          查看我的诉求
        </Text>
      </View>
    </View>
  );
}
