import { createElement, useEffect, useMemo, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { CalendarYearReply, JobView } from '@mashang/shared/admin-contracts';
import * as api from '../../services/api.ts';
import { toApiError } from '../../services/api.ts';
import { formatTime } from '../../lib/time.ts';
import { AdminHeader, ErrorText, hhmm, minutesOf, useAdminLoad } from '../common.tsx';
import '../admin.scss';

type Day = CalendarYearReply['days'][number];

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];
const STATUS_TEXT: Record<CalendarYearReply['status'], string> = {
  admin: '已加载（管理员导入）',
  bundled: '已加载（系统内置国务院安排）',
  missing: '未加载：按周一至周五推算，节假日期间的期限不准确',
};

/** Which year to open: from November on, next year (the one to load). */
function defaultYear(): number {
  const now = new Date(Date.now() + 8 * 3600_000); // Shanghai
  return now.getUTCMonth() >= 10 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
}

/** Monday-first weeks of a month, empty cells as undefined. */
function weeksOf(days: Day[]): Array<Array<Day | undefined>> {
  const first = new Date(`${days[0]!.date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const cells: Array<Day | undefined> = [...Array.from({ length: (first + 6) % 7 }, () => undefined), ...days];
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

function dayClass(d: Day): string {
  const listed = d.source === 'override' || d.source === 'official';
  const kind = listed ? (d.working ? 'admin-day--workday' : 'admin-day--holiday') : d.working ? '' : 'admin-day--off';
  return `admin-day ${kind}${d.source === 'fallback' ? ' admin-day--fallback' : ''}`;
}

/**
 * The working-day calendar of one year as a month grid: load the whole year (a form or a
 * CSV/JSON file), correct one day, set the end-of-day cut-off. Every change re-derives the
 * open requests' deadlines; the page shows that job until it is done.
 */
export default function AdminCalendarPage() {
  const [year, setYear] = useState(defaultYear);
  const { value: view, error, setValue } = useAdminLoad(() => api.admin.calendar.year(year), [year]);
  const [job, setJob] = useState<JobView | undefined>();
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const [loadError, setLoadError] = useState('');
  const [selected, setSelected] = useState<string | undefined>();
  const [dayName, setDayName] = useState('');
  const [cutoff, setCutoff] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => setJob(view?.job), [view]);
  useEffect(() => {
    if (view) setCutoff(hhmm(view.cutoffMinutes));
  }, [view]);

  // While the re-derivation runs, advance it slice by slice and show where it stands.
  useEffect(() => {
    if (job?.status !== 'running') return undefined;
    const timer = setTimeout(() => {
      api.admin.calendar.runJob().then(
        (r) => {
          setJob(r.job);
          if (r.job?.status === 'done') void api.admin.calendar.year(year).then(setValue);
        },
        () => undefined,
      );
    }, 1200);
    return () => clearTimeout(timer);
  }, [job, year, setValue]);

  const months = useMemo(() => {
    if (!view) return [];
    return Array.from({ length: 12 }, (_, m) => view.days.filter((d) => Number(d.date.slice(5, 7)) === m + 1));
  }, [view]);

  const act = async (what: () => Promise<{ job: JobView; year?: CalendarYearReply }>, done: string, onError: (m: string) => void) => {
    if (busy) return;
    setBusy(true);
    setMessage('');
    onError('');
    try {
      const reply = await what();
      if (reply.year) setValue(reply.year);
      setJob(reply.job);
      setMessage(done);
    } catch (err) {
      const e = toApiError(err);
      onError(e.message);
    } finally {
      setBusy(false);
    }
  };

  const looksLikeList = text.trim().length > 0;
  const load = () =>
    act(() => api.admin.calendar.loadYear({ year, fileText: text, ...(source.trim() ? { source: source.trim() } : {}) }), `${year} 年节假日安排已加载`, setLoadError);

  const correct = (kind: 'holiday' | 'workday' | 'default') =>
    selected ? act(() => api.admin.calendar.correctDay(selected, kind, dayName.trim() || undefined), `${selected} 已更正`, setLoadError) : undefined;

  const saveCutoff = () => {
    const minutes = minutesOf(cutoff);
    if (minutes === undefined) {
      setLoadError('截止时间格式应为 HH:MM，如 17:30 或 24:00');
      return;
    }
    void act(() => api.admin.calendar.setCutoff(minutes), `每日截止时间已改为 ${hhmm(minutes)}`, setLoadError);
  };

  // A file picked in the browser fills the text box (CSV or JSON; checked again by the server).
  const filePicker =
    process.env.TARO_ENV === 'h5'
      ? createElement('input', {
          id: 'load-file',
          type: 'file',
          accept: '.csv,.json,.txt,text/csv,application/json',
          onChange: (e: { target: { files?: FileList | null } }) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setText);
          },
        })
      : null;

  return (
    <View className='page admin-calendar'>
      <AdminHeader title='节假日日历' />
      <View className='card'>
        <View className='admin-row'>
          <Button className='btn btn--ghost' id='year-prev' size='mini' onClick={() => setYear(year - 1)}>
            ‹ {year - 1}
          </Button>
          <Text className='admin-head__title' id='year-title'>
            {year} 年
          </Text>
          <Button className='btn btn--ghost' id='year-next' size='mini' onClick={() => setYear(year + 1)}>
            {year + 1} ›
          </Button>
        </View>
        <Text id='year-status' className={view?.status === 'missing' ? 'admin-warn__title' : 'muted'}>
          {view ? STATUS_TEXT[view.status] : '正在读取…'}
          {view?.loadedAt ? `，${formatTime(view.loadedAt)} 由 ${view.loadedBy ?? ''} 加载` : ''}
          {view?.source ? `（${view.source}）` : ''}
        </Text>
        <ErrorText id='calendar-error' message={error} />
      </View>

      {job ? (
        <View className='card' id='job'>
          <Text id='job-status'>
            时限重算{job.status === 'done' ? '已完成' : '进行中'}：{job.reason}，已检查 {job.scanned} 件在办诉求，调整 {job.changed} 件
          </Text>
        </View>
      ) : null}
      {message ? (
        <Text className='notice' id='calendar-message'>
          {message}
        </Text>
      ) : null}
      <ErrorText id='load-error' message={loadError} />

      <View className='card' id='load-form'>
        <Text className='field__label'>加载 {year} 年全年安排（整年替换）</Text>
        <Text className='muted'>每行一天：日期,类型,名称。类型写“休”（放假）或“班”（调休上班）；未列出的日子按周一至周五上班。也可选择 CSV 或 JSON 文件（含 chinese-days 数据格式）。</Text>
        {filePicker}
        <Textarea
          id='load-text'
          className='textarea'
          value={text}
          maxlength={200000}
          placeholder={`${year}-01-01,休,元旦\n${year}-02-20,班,春节`}
          onInput={(e) => setText(e.detail.value)}
        />
        <Input id='load-source' className='input' value={source} maxlength={100} placeholder='依据，如：国务院办公厅通知' onInput={(e) => setSource(e.detail.value)} />
        <Button id='load-submit' className={`btn btn--primary ${busy ? 'btn--busy' : ''}`} disabled={busy || !looksLikeList || undefined} onClick={() => void load()}>
          加载 {year} 年
        </Button>
      </View>

      <View className='card'>
        <Text className='field__label'>每日截止时间（办结、回访期限在工作日的这一时刻到期）</Text>
        <View className='admin-row'>
          <Input id='cutoff-input' className='input' value={cutoff} maxlength={5} placeholder='24:00' onInput={(e) => setCutoff(e.detail.value)} />
          <Button id='cutoff-save' className='btn btn--ghost' size='mini' disabled={busy || undefined} onClick={saveCutoff}>
            保存
          </Button>
        </View>
        <Text className='muted'>范围 01:00–24:00，修改后在办诉求的期限按新时间重算。</Text>
      </View>

      {selected ? (
        <View className='card' id='correct-panel'>
          <Text className='field__label'>更正 {selected}</Text>
          <Input id='correct-name' className='input' value={dayName} maxlength={40} placeholder='名称或原因（可选）' onInput={(e) => setDayName(e.detail.value)} />
          <View className='admin-row'>
            <Button id='correct-holiday' className='btn btn--ghost' size='mini' onClick={() => void correct('holiday')}>
              设为放假
            </Button>
            <Button id='correct-workday' className='btn btn--ghost' size='mini' onClick={() => void correct('workday')}>
              设为上班
            </Button>
            <Button id='correct-default' className='btn btn--ghost' size='mini' onClick={() => void correct('default')}>
              恢复默认
            </Button>
          </View>
        </View>
      ) : null}

      <View className='card admin-months' id='month-grid'>
        {months.map((days, m) => (
          <View key={m} className='admin-month'>
            <Text className='admin-month__title'>{m + 1} 月</Text>
            <View className='admin-week'>
              {WEEK.map((w) => (
                <Text key={w} className='admin-day muted'>
                  {w}
                </Text>
              ))}
            </View>
            {weeksOf(days).map((week, i) => (
              <View key={i} className='admin-week'>
                {week.map((d, j) =>
                  d ? (
                    <View
                      key={d.date}
                      id={`day-${d.date}`}
                      className={`${dayClass(d)} ${selected === d.date ? 'admin-day--selected' : ''}`}
                      data-working={d.working ? '1' : '0'}
                      data-source={d.source}
                      onClick={() => {
                        setSelected(d.date);
                        setDayName(d.name ?? '');
                      }}
                    >
                      <Text>{Number(d.date.slice(8))}</Text>
                      {d.name && (d.source === 'official' || d.source === 'override') ? <Text className='admin-day__name'>{d.working ? '班' : d.name.slice(0, 2)}</Text> : null}
                    </View>
                  ) : (
                    <View key={`e${j}`} className='admin-day' />
                  ),
                )}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
