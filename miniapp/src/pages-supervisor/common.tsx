import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { SessionReply } from '@mashang/shared/contracts/common';
import * as api from '../services/api.ts';
import { toApiError, type ReportExport } from '../services/api.ts';
import { downloadReport } from '../lib/supervisor-export.ts';
import { AlertBell } from '../pages-staff/components/AlertBell.tsx';

/**
 * What the supervisor pages share: their URLs, the sign-in guard, the header
 * with the page tabs, the wide-screen switch and the Excel export button.
 * Lives in the subpackage so none of it lands in the main package.
 */

export const HOME_URL = '/pages-supervisor/home/index';
export const LIST_URL = '/pages-supervisor/list/index';
export const RANKING_URL = '/pages-supervisor/ranking/index';
export const BREACHES_URL = '/pages-supervisor/breaches/index';
export const LOGIN_URL = '/pages-staff/login/index';
export const INBOX_URL = '/pages-staff/inbox/index';
export const TICKET_URL = '/pages-staff/ticket/index';
export const DUTY_URL = '/pages-staff/duty/index';

/** Opens a request in the staff detail page (full history, clocks, actions). */
export function openTicket(id: string): void {
  void Taro.navigateTo({ url: `${TICKET_URL}?id=${encodeURIComponent(id)}` });
}

/** True when the signed-in staff member may use the supervisors' pages. */
export function isSupervisor(session: SessionReply | undefined): boolean {
  if (!session) return false;
  return session.actor.role === 'supervisor' || session.actor.role === 'admin' || (session.staff?.roles.includes('supervisor') ?? false);
}

/**
 * The stored staff session, checked once per page: without one the page goes
 * to the staff sign-in; `allowed` is false for staff who are not supervisors.
 */
export function useSupervisor(): { session: SessionReply | undefined; allowed: boolean } {
  const [session] = useState(() => api.sessions.staff());
  useEffect(() => {
    if (!session) void Taro.redirectTo({ url: LOGIN_URL });
  }, [session]);
  return { session, allowed: isSupervisor(session) };
}

/** The Chinese message of an error; a lost session goes back to sign-in. */
export function errorMessage(err: unknown): string {
  const e = toApiError(err);
  if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
  return e.message;
}

/** A page's data: loading, failed with a Chinese message, or ready. */
export type Loaded<T> = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; value: T };

/**
 * Loads a supervisor page's data when the viewer may see it, again whenever
 * `deps` change, and on pull-down refresh. `reload(true)` keeps the current
 * content on screen while it fetches. A fetch that throws shows its message.
 */
export function useSupervisorLoad<T>(allowed: boolean, fetch: () => Promise<T>, deps: readonly unknown[]): { load: Loaded<T>; reload: (quiet?: boolean) => Promise<void> } {
  const [load, setLoad] = useState<Loaded<T>>({ phase: 'loading' });
  // `fetch` is a new closure each render; `deps` say when it really changed.
  const stable = useCallback(fetch, deps);
  const reload = useCallback(
    async (quiet = false) => {
      if (!allowed) return;
      if (!quiet) setLoad({ phase: 'loading' });
      try {
        setLoad({ phase: 'ready', value: await stable() });
      } catch (err) {
        setLoad({ phase: 'error', message: errorMessage(err) });
      }
    },
    [allowed, stable],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  return { load, reload };
}

const WIDE_QUERY = '(min-width: 1024px)';

/** True on the wide-screen H5 view (≥ 1024 CSS px); always false in the mini-program. */
export function useWideScreen(): boolean {
  const [wide, setWide] = useState(() => process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && window.matchMedia(WIDE_QUERY).matches);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
    const mq = window.matchMedia(WIDE_QUERY);
    const onChange = () => setWide(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return wide;
}

type Tab = 'home' | 'ranking' | 'breaches';
const TABS: Array<{ tab: Tab; label: string; url: string }> = [
  { tab: 'home', label: '统计月报', url: HOME_URL },
  { tab: 'ranking', label: '红黑榜', url: RANKING_URL },
  { tab: 'breaches', label: '超时督办', url: BREACHES_URL },
];

/** Who is signed in, the three supervisor pages as tabs, the inbox (for those who also handle requests) and sign-out. */
export function SupervisorHeader({ session, current }: { session: SessionReply | undefined; current: Tab }) {
  const logout = () => {
    api.sessions.staffLogout();
    void Taro.redirectTo({ url: LOGIN_URL });
  };
  const handles = session?.staff?.roles.some((r) => r !== 'supervisor') ?? false;
  return (
    <View className='sv-header'>
      <View className='sv-header__top'>
        <View className='sv-header__who'>
          <Text className='sv-header__unit' id='sv-unit'>
            {session?.staff?.unit.name ?? '督办'}
          </Text>
          <Text className='sv-header__name'>{session?.staff?.name ?? session?.actor.name ?? ''} · 督办工作台</Text>
        </View>
        <View className='sv-header__links'>
          {handles ? (
            <Text className='sv-header__link' id='sv-inbox' onClick={() => void Taro.navigateTo({ url: INBOX_URL })}>
              待办诉求
            </Text>
          ) : null}
          <Text className='sv-header__link' id='sv-duty' onClick={() => void Taro.navigateTo({ url: DUTY_URL })}>
            值班表
          </Text>
          <AlertBell />
          <Text className='sv-header__link' id='sv-logout' onClick={logout}>
            退出
          </Text>
        </View>
      </View>
      <View className='sv-tabs'>
        {TABS.map((t) => (
          <View
            key={t.tab}
            id={`tab-${t.tab}`}
            className={`sv-tab ${t.tab === current ? 'sv-tab--active' : ''}`}
            onClick={() => {
              if (t.tab !== current) void Taro.redirectTo({ url: t.url });
            }}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** Shown to staff who are not supervisors. */
export function NotSupervisor() {
  return (
    <View className='state state--error' id='not-supervisor'>
      <Text className='state__title'>仅限督办人员</Text>
      <Text className='state__message'>统计报表、红黑榜和超时督办只对督办人员开放。</Text>
      <Button className='btn btn--ghost' onClick={() => void Taro.redirectTo({ url: INBOX_URL })}>
        返回待办诉求
      </Button>
    </View>
  );
}

/** "导出Excel": downloads the report (H5) or opens it in WeChat's document viewer (mini-program). */
export function ExportButton({ id, report, query, filename, label = '导出Excel' }: { id: string; report: ReportExport; query: Record<string, string | undefined>; filename: string; label?: string }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await downloadReport(report, query, filename);
      void Taro.showToast({ title: process.env.TARO_ENV === 'h5' ? '已开始下载' : '已打开', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button id={id} className={`sv-export ${busy ? 'sv-export--busy' : ''}`} disabled={busy || undefined} onClick={() => void run()}>
      {busy ? '正在导出…' : label}
    </Button>
  );
}
