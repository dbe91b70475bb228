import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import type { Category } from '@mashang/shared/categories';
import type { LocationView, TicketDetail } from '@mashang/shared/contracts/common';
import { type ClientConfig, MEDIATION_CATEGORIES, type PlaceView, type PromisedDeadlines, type SimilarTicket } from '@mashang/shared/contracts/resident';
import { MAX_PHOTOS } from '@mashang/shared/photos';
import * as api from '../../services/api.ts';
import { ApiError, toApiError } from '../../services/api.ts';
import { ErrorView, FieldError, Loading } from '../../components/Status.tsx';
import { ElderToggle } from '../../components/ElderToggle.tsx';
import { Emergency } from '../../components/Emergency.tsx';
import { PhotoPicker } from '../../components/PhotoPicker.tsx';
import { PlacePicker } from '../../components/PlacePicker.tsx';
import { NearbyOpen } from '../../components/NearbyOpen.tsx';
import { PrivacyPopup } from '../../components/PrivacyPopup.tsx';
import { pointDraftId, pointLocation, type PickedPoint } from '../../lib/near.ts';
import { ensurePrivacy } from '../../lib/privacy-runtime.ts';
import type { NearbyOpenReply, PointRouteReply } from '@mashang/shared/near';
import { SimilarList } from '../../components/SimilarList.tsx';
import { MediatorPicker } from '../../components/MediatorPicker.tsx';
import { CLOCK_PROMISES, sortCategories } from '../../lib/categories.ts';
import { movedDeadlines, type DeadlineLike } from '../../lib/promise.ts';
import { askConsent } from '../../lib/consent.ts';
import { draftKey, hasContent, parseDraft } from '../../lib/draft.ts';
import { pageClass } from '../../lib/elder.ts';
import { buildCreateInput, type ReportForm } from '../../lib/form.ts';
import { locationIdFromParams } from '../../lib/launch.ts';
import { formatDue } from '../../lib/time.ts';
import { newClientToken } from '../../lib/token.ts';
import { usePhotoPicker } from '../../lib/usePhotoPicker.ts';
import { useElderMode } from '../../lib/use-elder.ts';
import { PHONE_KEY, urgentNextSteps } from '../../lib/urgent.ts';
import '../../styles/resident.scss';
import './index.scss';

const MAX_DESCRIPTION = 1000;

/** The form's fields top to bottom, each with the element to bring into view when it has an error. */
const FIELD_ANCHORS: Array<[string, string]> = [
  ['categoryCode', 'categories'],
  ['description', 'description'],
  ['photos', 'photos'],
  ['phone', 'phone'],
  ['contactName', 'contact-name'],
  // Filed without a QR code (issue 13): the street office and the typed place.
  ['officeId', 'office-list'],
  ['place', 'point-place'],
];

/** Brings the first field with an error into view, so the message above the fold is not missed. */
function scrollToFirstError(fields: Record<string, string>): void {
  const anchor = FIELD_ANCHORS.find(([field]) => fields[field])?.[1];
  if (!anchor) return;
  if (process.env.TARO_ENV === 'h5') {
    // Taro's H5 pages scroll inside their own container: let the browser find it.
    const pages = Array.from(document.querySelectorAll<HTMLElement>(`.taro_page #${anchor}`)).filter((el) => el.offsetParent !== null);
    pages[0]?.scrollIntoView({ block: 'center' });
    return;
  }
  Taro.pageScrollTo({ selector: `#${anchor}`, duration: 200, offsetTop: -80 }).catch(() => undefined);
}
const URGENT_CATEGORY = 'safety_hazard';
const URGENT_TEXT = '现场有安全隐患，请尽快派人处置（一键紧急上报）';

const EMPTY_FORM: ReportForm = { categoryCode: '', description: '', phone: '', contactName: '', anonymous: false, urgent: false };

type Load =
  | { phase: 'loading' }
  | { phase: 'pick' }
  | { phase: 'error'; title: string; message: string; retry: boolean }
  | { phase: 'ready'; location: LocationView; categories: Category[]; route?: PointRouteReply };

type Deadlines = { code: string; data?: PromisedDeadlines; error?: string };

const goTicket = (id: string, extra = '') => void Taro.navigateTo({ url: `/pages/ticket/index?id=${encodeURIComponent(id)}${extra}` });
/** Minutes the urgent category gives to respond (10 by default policy). */
function urgentMinutes(categories: Category[]): number {
  return categories.find((c) => c.code === URGENT_CATEGORY)?.policy?.respondMinutes ?? 10;
}

/** Minutes between receipt and the response deadline of a filed request. */
function respondMinutes(ticket: TicketDetail): number {
  const respond = ticket.clocks.find((c) => c.clock === 'respond');
  return respond ? Math.round((Date.parse(respond.dueAt) - Date.parse(ticket.receivedAt)) / 60_000) : 30;
}

const goMine = () => void Taro.navigateTo({ url: '/pages/mine/index' });

/** The number the resident gave last time, remembered on this phone for the urgent report. */
function rememberedPhone(): string {
  try {
    const v: unknown = Taro.getStorageSync(PHONE_KEY);
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

function rememberPhone(phone: string | undefined): void {
  try {
    if (phone?.trim()) Taro.setStorageSync(PHONE_KEY, phone.trim());
  } catch {
    // storage full or disabled: the report itself went through
  }
}

/** The draft's key: the QR location's id, or a point report's own (lib/near.ts). */
const draftIdOf = (load: { location: LocationView; route?: PointRouteReply }): string => (load.route ? pointDraftId(load.route) : load.location.id);

/** What a point report still lacks before it can go (the server checks the same). */
function pointProblems(route: PointRouteReply | undefined, officeId: string | undefined, place: string): Record<string, string> {
  if (!route || route.nearest) return {};
  return {
    ...(officeId ? {} : { officeId: '附近没有“码上办”地点，请选择街道' }),
    ...(place.trim().length >= 2 ? {} : { place: '请填写具体位置，便于工作人员找到' }),
  };
}

function readDraft(locationId: string) {
  try {
    return parseDraft(Taro.getStorageSync(draftKey(locationId)), Date.now());
  } catch {
    return undefined;
  }
}

/**
 * The resident's page: where am I (from the QR code, or picked), what is wrong,
 * photos, what will happen by when; "me too" when the same problem is already
 * being handled; a one-tap urgent report and 110 for emergencies.
 */
export default function ReportPage() {
  const router = useRouter();
  // `loc` from our own links (and /q/<id> rewritten in app.tsx), or WeChat's scanned `q`.
  const fromLink = locationIdFromParams(router.params);
  const [picked, setPicked] = useState<string | undefined>();
  // No QR code: a point picked on the map or the phone's position (issue 13), routed by the server.
  const [point, setPoint] = useState<PickedPoint | undefined>();
  const [officeId, setOfficeId] = useState<string | undefined>();
  const [pointPlace, setPointPlace] = useState('');
  const [nearbyOpen, setNearbyOpen] = useState<NearbyOpenReply | undefined>();
  const locationId = fromLink ?? picked;
  const [elder, setElder] = useElderMode();

  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [config, setConfig] = useState<ClientConfig | undefined>();
  const [form, setForm] = useState<ReportForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [deadlines, setDeadlines] = useState<Deadlines | undefined>();
  const [similar, setSimilar] = useState<{ code: string; items: SimilarTicket[] } | undefined>();
  const [joining, setJoining] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<{ ticket: TicketDetail; created: boolean } | undefined>();
  // The promise the resident read when tapping submit, to say on the success page if the stored dates differ.
  const [shownPromise, setShownPromise] = useState<DeadlineLike[] | undefined>();
  const [restored, setRestored] = useState(false);
  // The urgent report's own short sheet: phone (remembered), an optional photo, one button.
  const [urgentOpen, setUrgentOpen] = useState(false);
  // One token per form fill: a retry or a double tap re-sends the same one (kept with the draft across reloads).
  const clientToken = useRef(newClientToken());
  const selectedCode = useRef('');
  // A second tap before React re-renders must not send a second request.
  const inFlight = useRef(false);
  // Photos: picked, checked and uploaded at once; a pick's problems are shown with the form's field errors.
  const picker = usePhotoPicker({ onProblem: (message) => setErrors((e) => ({ ...e, photos: message })) });
  const { photos } = picker;

  const fetchPage = useCallback(async () => {
    if (!locationId && point) {
      setLoad({ phase: 'loading' });
      try {
        const [route, categories] = await Promise.all([api.places.route(point.lat, point.lng, point.datum), api.reference.categories()]);
        setLoad({ phase: 'ready', location: pointLocation(route, undefined), categories: sortCategories(categories.items), route });
      } catch (err) {
        setLoad({ phase: 'error', title: '没能确定由哪个街道受理', message: toApiError(err).message, retry: true });
      }
      return;
    }
    if (!locationId) {
      setLoad({ phase: 'pick' });
      return;
    }
    setLoad({ phase: 'loading' });
    try {
      const [location, categories] = await Promise.all([api.places.location(locationId), api.reference.categories()]);
      setLoad({ phase: 'ready', location, categories: sortCategories(categories.items) });
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'LOCATION_NOT_FOUND') {
        setLoad({ phase: 'error', title: '未找到该二维码对应的地点', message: '二维码可能已经失效或被更换。请扫描附近其他“码上办”二维码，或在下方选择地点。', retry: false });
      } else {
        setLoad({ phase: 'error', title: '地点信息加载失败', message: e.message, retry: true });
      }
    }
  }, [locationId, point]);

  useEffect(() => {
    void fetchPage();
  }, [fetchPage]);

  // Open problems at and near this place, so a resident can join one instead of filing it again.
  const nearbyPlaceId = load.phase === 'ready' && load.location.id !== 'point' ? load.location.id : undefined;
  const loadNearbyOpen = useCallback(async () => {
    setNearbyOpen(undefined);
    if (!nearbyPlaceId) return;
    try {
      setNearbyOpen(await api.places.nearbyOpen(nearbyPlaceId));
    } catch {
      // A help, never a blocker: without it the resident simply files.
    }
  }, [nearbyPlaceId]);
  useEffect(() => {
    void loadNearbyOpen();
  }, [loadNearbyOpen]);

  useEffect(() => {
    api.reference.clientConfig().then(setConfig, () => undefined);
  }, []);

  const loadDeadlines = useCallback(async (code: string) => {
    setDeadlines({ code });
    try {
      const data = await api.reference.deadlines(code);
      if (selectedCode.current === code) setDeadlines({ code, data });
    } catch (err) {
      if (selectedCode.current === code) setDeadlines({ code, error: toApiError(err).message });
    }
  }, []);

  const loadSimilar = useCallback(
    async (code: string) => {
      if (!nearbyPlaceId) return;
      try {
        const { items } = await api.places.similar(nearbyPlaceId, code);
        if (selectedCode.current === code) setSimilar({ code, items });
      } catch {
        // "Me too" is a help, never a blocker: without it the resident simply files.
      }
    },
    [nearbyPlaceId],
  );

  // A newly picked place has its own draft.
  useEffect(() => setRestored(false), [locationId, point]);

  // Restore what was typed here before (a reload, a dropped connection), with its client token.
  useEffect(() => {
    if (load.phase !== 'ready' || restored) return;
    setRestored(true);
    const draft = readDraft(draftIdOf(load));
    if (!draft) return;
    clientToken.current = draft.clientToken;
    setForm(draft.form);
    if (draft.form.categoryCode) {
      selectedCode.current = draft.form.categoryCode;
      void loadDeadlines(draft.form.categoryCode);
      void loadSimilar(draft.form.categoryCode);
    }
  }, [load, restored, loadDeadlines, loadSimilar]);

  // Keep the draft as the resident types.
  useEffect(() => {
    if (load.phase !== 'ready' || !restored || done) return;
    const key = draftKey(draftIdOf(load));
    try {
      if (hasContent(form)) Taro.setStorageSync(key, JSON.stringify({ form, clientToken: clientToken.current, savedAt: Date.now() }));
      else Taro.removeStorageSync(key);
    } catch {
      // storage unavailable: the form still works
    }
  }, [form, load, restored, done]);

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
    void loadSimilar(c.code);
  };

  // ---- submitting -------------------------------------------------------------

  const templateIds = config?.subscribeTemplates.map((t) => t.id) ?? [];

  // The mediation team chosen on a dispute category (sent with the request, checked by the server).
  const [mediatorId, setMediatorId] = useState<string | undefined>();

  const submit = async (override?: Partial<ReportForm>) => {
    if (inFlight.current || load.phase !== 'ready') return;
    setFormError('');
    if (picker.pending) {
      setFormError('照片还在上传，请稍等几秒再提交');
      return;
    }
    if (picker.failed) {
      setFormError('有照片没有上传成功：点照片重试，或点 × 删除后再提交');
      return;
    }
    const values = { ...form, ...override };
    const keys = picker.keys;
    const checked = buildCreateInput(values, load.location.id, clientToken.current, { photos: keys });
    const missing = pointProblems(load.route, officeId, pointPlace);
    if (!checked.ok || Object.keys(missing).length) {
      const fields = { ...(checked.ok ? {} : checked.fields), ...missing };
      setErrors(fields);
      setFormError('请按提示修改后再提交');
      scrollToFirstError(fields);
      return;
    }
    setErrors({});
    inFlight.current = true;
    setSubmitting(true);
    const shown = deadlines?.code === values.categoryCode ? deadlines.data?.deadlines : undefined;
    try {
      // The promise may be minutes old (fetched at 23:58, submitted at 00:03): refresh it first
      // so the form never keeps showing a stale date; a failure here does not block filing.
      await loadDeadlines(values.categoryCode);
      // Asked right at the tap (WeChat requires it); refusing changes nothing about filing.
      const subscriptions = await askConsent(templateIds);
      const built = buildCreateInput(values, load.location.id, clientToken.current, { photos: keys, subscriptions });
      if (!built.ok) return;
      let reply;
      if (load.route && point) {
        // No QR code: the server routes it again from the point (nearest QR location, or the chosen office).
        const { locationId: _l, mediatorId: _m, ...rest } = built.input;
        reply = await api.tickets.fileAtPoint({ ...rest, lat: point.lat, lng: point.lng, datum: point.datum, ...(pointPlace.trim() ? { place: pointPlace.trim() } : {}), ...(officeId ? { officeId } : {}) });
      } else {
        reply = await api.tickets.create(mediatorId && MEDIATION_CATEGORIES.includes(built.input.categoryCode) ? { ...built.input, mediatorId } : built.input);
      }
      try {
        Taro.removeStorageSync(draftKey(draftIdOf(load)));
      } catch {
        // nothing to clean
      }
      rememberPhone(built.input.phone);
      setShownPromise(shown);
      setDone(reply);
      setUrgentOpen(false);
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (err) {
      const e = toApiError(err);
      if (e instanceof ApiError && e.fields.length) setErrors(e.fieldMap());
      // The draft and its client token stay: tapping submit again cannot create a second request.
      setFormError(e.status === 0 ? `${e.message}。您填写的内容已保存，网络恢复后再点“提交”即可，不会重复提交。` : e.message);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  /** Opens the urgent sheet with the number remembered on this phone. */
  const urgent = () => {
    if (load.phase !== 'ready') return;
    if (!form.phone) {
      const remembered = rememberedPhone();
      if (remembered) setForm((f) => ({ ...f, phone: remembered }));
    }
    setUrgentOpen(true);
  };

  /** One tap: files the safety hazard as urgent, with the phone and any photo taken. */
  const sendUrgent = async () => {
    if (load.phase !== 'ready') return;
    const category = load.categories.find((c) => c.code === URGENT_CATEGORY) ? URGENT_CATEGORY : 'other';
    selectedCode.current = category;
    const description = form.description.trim().length >= 5 ? form.description : URGENT_TEXT;
    setForm((f) => ({ ...f, categoryCode: category, urgent: true, description }));
    await submit({ categoryCode: category, urgent: true, description });
  };

  const join = async (id: string) => {
    if (joining) return;
    // Joining replaces filing one's own request: asked, never done by a stray tap.
    const sure = await Taro.showModal({
      title: '我也遇到这个问题',
      content: `加入编号 ${id} 的诉求，和其他居民一起跟进办理进度，不再单独提交。您填写的内容不会提交。`,
      confirmText: '确认加入',
      cancelText: '再看看',
    });
    if (!sure.confirm) return;
    setJoining(id);
    try {
      const subscriptions = await askConsent(templateIds);
      await api.tickets.join(id, subscriptions);
      if (load.phase === 'ready') {
        try {
          Taro.removeStorageSync(draftKey(draftIdOf(load)));
        } catch {
          // nothing to clean
        }
      }
      goTicket(id, '&joined=1');
    } catch (err) {
      void Taro.showToast({ title: toApiError(err).message, icon: 'none', duration: 3000 });
    } finally {
      setJoining(undefined);
    }
  };

  const startAgain = () => {
    clientToken.current = newClientToken();
    selectedCode.current = '';
    picker.clear();
    setForm(EMPTY_FORM);
    setDeadlines(undefined);
    setSimilar(undefined);
    setErrors({});
    setFormError('');
    setDone(undefined);
  };

  const top = (
    <>
      <ElderToggle on={elder} onChange={setElder} />
      <PrivacyPopup />
    </>
  );

  /** A point was picked (map or position): the form opens with the office the server routes it to. */
  const pickPoint = (p: PickedPoint) => {
    setPicked(undefined);
    setOfficeId(undefined);
    setPointPlace(p.place ?? '');
    setPoint(p);
  };
  const changePlace = () => {
    setPicked(undefined);
    setPoint(undefined);
    setOfficeId(undefined);
  };
  /** WeChat's privacy check before the resident gives a phone number (weapp; H5 passes at once). */
  const phoneFocus = () => {
    void ensurePrivacy().then((ok) => {
      if (!ok) setErrors((e) => ({ ...e, phone: '未同意隐私保护指引，不能留电话；不留电话也可以反映，但工作人员无法回电' }));
    });
  };

  if (load.phase === 'loading') return <View className={pageClass(elder)}><Loading text='正在读取地点信息…' /></View>;
  if (load.phase === 'pick' || load.phase === 'error') {
    return (
      <View className={pageClass(elder, 'report')}>
        {top}
        {load.phase === 'error' ? <ErrorView title={load.title} message={load.message} onRetry={load.retry ? () => void fetchPage() : undefined} /> : null}
        <PlacePicker
          onPick={(p: PlaceView) => {
            setPoint(undefined);
            setPicked(p.id);
          }}
          onPoint={pickPoint}
        />
        <View className='links'>
          <Text className='link' id='link-mine' onClick={goMine}>
            查看我的诉求
          </Text>
        </View>
      </View>
    );
  }

  const { location, categories } = load;
  // A point report far from every QR location goes to the office the resident chooses.
  const centreName = load.route ? pointLocation(load.route, officeId).centreName : location.centreName;

  if (done) {
    const clocks = done.ticket.clocks.filter((c) => !c.metAt);
    return (
      <View className={pageClass(elder)}>
        <View className='success' id='success'>
          <Text className='success__icon'>✓</Text>
          <Text className='success__title'>{done.created ? '诉求已提交' : '该诉求已提交过'}</Text>
          {done.ticket.urgent ? (
            <Text className='notice notice--urgent' id='urgent-next'>
              {urgentNextSteps({ centreName: centreName || done.ticket.currentUnitName, respondMinutes: respondMinutes(done.ticket), phone: done.ticket.phone })}
            </Text>
          ) : null}
          <Text className='success__caption'>诉求编号</Text>
          <Text className='success__number' id='ticket-number' userSelect>
            {done.ticket.id}
          </Text>
          <Text className='success__hint'>请记下编号。{centreName || done.ticket.currentUnitName}将在以下时限内联系您、办理并反馈结果：</Text>
          {movedDeadlines(shownPromise, done.ticket.clocks).length ? (
            <Text className='notice' id='deadlines-moved'>
              办理时限按提交时间计算，与提交前显示的日期不同（{movedDeadlines(shownPromise, done.ticket.clocks).map((c) => (c === 'resolve' ? '办结' : '回访')).join('、')}），以下方日期为准。
            </Text>
          ) : null}
          <View className='success__clocks' id='success-deadlines'>
            {clocks.map((c) => (
              <View key={c.clock} className='promise'>
                <Text className='promise__text'>{CLOCK_PROMISES[c.clock] ?? c.label}</Text>
                <Text className='promise__due'>
                  {c.provisional ? '预计 ' : '最晚 '}
                  {formatDue(c.dueAt)}
                </Text>
              </View>
            ))}
          </View>
          <Button className='btn btn--primary' id='follow-ticket' onClick={() => goTicket(done.ticket.id)}>
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
  const similarItems = similar && similar.code === form.categoryCode ? similar.items : [];
  const uploading = picker.pending;

  return (
    <View className={pageClass(elder, 'report')}>
      {top}
      <View className='place card' id='place'>
        <Text className='place__name' id='place-name'>
          {location.name}
        </Text>
        {location.address ? <Text className='place__address'>{location.address}</Text> : null}
        {location.communityName ? (
          <Text className='place__meta'>
            {location.communityName} · {location.gridName}
          </Text>
        ) : null}
        {load.route && !load.route.nearest ? (
          <View id='office-list' className='office-list'>
            <Text className='muted'>附近{(load.route.maxMetres / 1000).toFixed(1)}公里内没有“码上办”地点。请选择问题所在的街道（乡镇）：</Text>
            {load.route.offices.map((o) => (
              <Button
                key={o.id}
                id={`office-${o.id}`}
                className={`btn ${officeId === o.id ? 'btn--primary' : 'btn--ghost'} office-list__item`}
                onClick={() => {
                  setOfficeId(o.id);
                  setErrors((e) => ({ ...e, officeId: '' }));
                }}
              >
                {o.name}
              </Button>
            ))}
            <FieldError id='officeId-error' message={errors.officeId} />
          </View>
        ) : null}
        {centreName ? (
          <Text className='place__centre' id='place-centre'>
            本诉求由 {centreName} 受理
          </Text>
        ) : null}
        {load.route ? (
          <>
            <Text className='field__label'>具体位置{load.route.nearest ? '（选填）' : ''}</Text>
            <Input
              id='point-place'
              className='input'
              maxlength={60}
              value={pointPlace}
              placeholder='如：东岗西路123号门口'
              onInput={(e) => {
                setPointPlace(e.detail.value);
                if (errors.place) setErrors((er) => ({ ...er, place: '' }));
              }}
            />
            <FieldError id='place-error' message={errors.place} />
          </>
        ) : null}
        {!fromLink ? (
          <Text className='link place__change' id='place-change' onClick={changePlace}>
            换个地点
          </Text>
        ) : null}
      </View>

      <Emergency onUrgent={urgent} busy={submitting} />
      {urgentOpen ? (
        <View className='card urgent-sheet' id='urgent-sheet'>
          <Text className='field__label'>紧急上报安全隐患</Text>
          <Text className='muted'>将立即通知{centreName || '所选街道'}，按紧急诉求{urgentMinutes(load.categories)}分钟内联系您。</Text>
          <Text className='field__label'>您的电话（工作人员用它联系您）</Text>
          <Input id='urgent-phone' className='input' type='number' maxlength={13} value={form.phone} placeholder='手机号或固定电话' onInput={(e) => update('phone', e.detail.value)} />
          <FieldError id='urgent-phone-error' message={errors.phone} />
          <Text className='field__hint'>号码只保存在这部手机上，下次不用再输。不留电话也能上报，但无法回电。</Text>
          <Button className='btn btn--ghost' id='urgent-photo' onClick={() => void picker.add(true)}>
            📷 拍下现场（选填{photos.length ? `，已拍${photos.length}张` : ''}）
          </Button>
          <FieldError id='urgent-photos-error' message={errors.photos} />
          <Button className={`btn btn--urgent ${submitting ? 'btn--busy' : ''}`} id='urgent-submit' disabled={submitting || uploading || undefined} onClick={() => void sendUrgent()}>
            {submitting ? '正在上报…' : uploading ? '照片上传中…' : '立即上报'}
          </Button>
          <Text className='link' id='urgent-cancel' onClick={() => setUrgentOpen(false)}>
            取消
          </Text>
          {formError ? (
            <Text className='form-error' id='urgent-error'>
              {formError}
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className='card'>
        <Text className='field__label'>
          遇到了什么问题？<Text className='required'>*</Text>
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

      {nearbyOpen ? <NearbyOpen items={nearbyOpen.items} radiusM={nearbyOpen.radiusM} busyId={joining} onJoin={(id) => void join(id)} onOpen={(id) => goTicket(id)} /> : null}
      <SimilarList items={similarItems} busyId={joining} onJoin={(id) => void join(id)} onOpen={(id) => goTicket(id)} />
      {MEDIATION_CATEGORIES.includes(form.categoryCode) && !load.route ? <MediatorPicker locationId={load.location.id} value={mediatorId} onChange={setMediatorId} /> : null}

      <View className='card'>
        <Text className='field__label'>
          请说说具体情况<Text className='required'>*</Text>
        </Text>
        <Textarea
          id='description'
          className='textarea'
          value={form.description}
          // Pasted text is never cut silently: the box takes more, the counter and the error say what is over.
          maxlength={MAX_DESCRIPTION * 3}
          placeholder='什么问题、在哪个位置、持续多久（至少5个字）'
          autoHeight={false}
          onInput={(e) => update('description', e.detail.value)}
        />
        <View className={`counter ${form.description.trim().length > MAX_DESCRIPTION ? 'counter--over' : ''}`}>
          <Text id='description-count'>
            {form.description.length}/{MAX_DESCRIPTION}
          </Text>
        </View>
        <FieldError
          id='description-error'
          message={form.description.trim().length > MAX_DESCRIPTION ? `描述不能超过${MAX_DESCRIPTION}字，现在${form.description.trim().length}字，请删减${form.description.trim().length - MAX_DESCRIPTION}字` : errors.description}
        />
        <Text className='field__label'>拍张照片（选填，最多{MAX_PHOTOS}张）</Text>
        <PhotoPicker photos={photos} max={MAX_PHOTOS} onAdd={() => void picker.add()} onRemove={picker.remove} onRetry={picker.retry} />
        <FieldError id='photos-error' message={errors.photos} />
      </View>

      <View className='card'>
        <Text className='field__label'>联系电话（选填）</Text>
        <Input
          id='phone'
          className='input'
          type='number'
          maxlength={13}
          value={form.phone}
          placeholder='手机号或固定电话'
          onFocus={phoneFocus}
          onInput={(e) => update('phone', e.detail.value)}
        />
        <Text className='field__hint' id='phone-hint'>
          便于工作人员联系您，只有办理人员能看到
        </Text>
        <FieldError id='phone-error' message={errors.phone} />
        {elder ? null : (
          <>
            <Text className='field__label'>怎么称呼您（选填）</Text>
            <Input id='contact-name' className='input' maxlength={20} value={form.contactName} placeholder='如：王阿姨' onInput={(e) => update('contactName', e.detail.value)} />
            <FieldError id='contactName-error' message={errors.contactName} />
            <View className='switch-row'>
              <View className='switch-row__text'>
                <Text className='switch-row__title'>匿名反映</Text>
                <Text className='switch-row__hint'>办理结果仍会告诉您，但不公开您的称呼</Text>
              </View>
              <Switch id='anonymous' checked={form.anonymous} color='#c8161d' onChange={(e) => update('anonymous', e.detail.value)} />
            </View>
          </>
        )}
      </View>

      {form.categoryCode ? (
        <View className='card promises' id='deadlines'>
          <Text className='field__label'>提交后我们承诺</Text>
          {!deadlineView || (!deadlineView.data && !deadlineView.error) ? <Text className='muted'>正在计算办理时限…</Text> : null}
          {deadlineView?.error ? <Text className='field__error'>{deadlineView.error}</Text> : null}
          {deadlineView?.data?.deadlines.map((d) => (
            <View key={d.clock} className='promise' id={`deadline-${d.clock}`}>
              <Text className='promise__text'>{d.promise}</Text>
              <Text className='promise__due'>
                {d.provisional ? '预计 ' : '最晚 '}
                {formatDue(d.dueAt)}
              </Text>
            </View>
          ))}
          {deadlineView?.data?.calendarMissingYears.length ? (
            <Text className='muted' id='deadlines-provisional'>
              {deadlineView.data.calendarMissingYears.join('、')} 年节假日安排尚未加载，标“预计”的期限按周一至周五推算，加载后以正式日历为准。
            </Text>
          ) : null}
        </View>
      ) : null}

      {formError ? (
        <Text className='form-error' id='form-error'>
          {formError}
        </Text>
      ) : null}
      <Button className={`btn btn--primary btn--submit ${submitting ? 'btn--busy' : ''}`} id='submit' disabled={submitting || undefined} onClick={() => void submit()}>
        {submitting ? '正在提交…' : uploading ? '照片上传中…' : '提交诉求'}
      </Button>
      <View className='links'>
        <Text className='link' id='link-mine' onClick={goMine}>
          查看我的诉求
        </Text>
        <Text className='link' id='link-privacy' onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
          隐私保护指引
        </Text>
      </View>
    </View>
  );
}
