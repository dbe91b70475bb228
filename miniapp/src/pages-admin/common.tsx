import { useCallback, useEffect, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import * as api from '../services/api.ts';
import { toApiError } from '../services/api.ts';

export const LOGIN_URL = '/pages-staff/login/index';
export const ADMIN_HOME_URL = '/pages-admin/home/index';

/** The admin pages; `ready` pages exist in this build, the others are linked by their agreed route names. */
export const ADMIN_PAGES: Array<{ name: string; title: string; hint: string }> = [
  { name: 'calendar', title: '节假日日历', hint: '加载年度安排、更正某天、每日截止时间' },
  { name: 'categories', title: '诉求类别与时限', hint: '默认承办部门、四项时限、紧急' },
  { name: 'units', title: '单位', hint: '区县、街道、社区、网格与部门' },
  { name: 'staff', title: '工作人员', hint: '账号、角色、停用' },
  { name: 'locations', title: '二维码点位', hint: '新增、编辑、批量导入' },
  { name: 'posters', title: '二维码海报', hint: '打印 PDF' },
  { name: 'mediators', title: '调解组织', hint: '元大妈工作室等' },
  { name: 'risk-rules', title: '风险预警规则', hint: '关键词与重复诉求' },
  { name: 'risk-tasks', title: '网格员风险任务', hint: '预警任务处置' },
  { name: 'integrations', title: '系统对接', hint: '12345、110 等系统的对接密钥' },
  { name: 'audit', title: '操作记录', hint: '谁在何时改了什么' },
  { name: 'alert-settings', title: '提醒与红黑榜设置', hint: '未响应提醒、上级督办、红黑榜权重' },
  { name: 'synonyms', title: '同义词表', hint: '热点归并时视为同一问题的说法' },
  { name: 'erasure', title: '删除居民个人信息', hint: '按诉求编号删除电话、称呼、照片，诉求仍计入统计' },
];

export const adminUrl = (name: string) => `/pages-admin/${name}/index`;

/** The signed-in admin, or a redirect to sign-in. */
export function useAdmin(): { name: string; unit: string } | undefined {
  const session = api.sessions.staff();
  useLoad(() => {
    if (!session) void Taro.redirectTo({ url: LOGIN_URL });
  });
  if (!session) return undefined;
  return { name: session.staff?.name ?? session.actor.name ?? '', unit: session.staff?.unit.name ?? '' };
}

/** Loads with `fetch`; `reload` runs it again. Errors carry the API's Chinese message; 401 goes to sign-in. */
export function useAdminLoad<T>(fetch: () => Promise<T>, deps: unknown[] = []) {
  const [value, setValue] = useState<T | undefined>();
  const [error, setError] = useState('');
  const reload = useCallback(async () => {
    try {
      setValue(await fetch());
      setError('');
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) void Taro.redirectTo({ url: LOGIN_URL });
      setError(e.message);
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, reload, setValue };
}

export function AdminHeader({ title }: { title: string }) {
  const admin = useAdmin();
  return (
    <View className='card admin-head'>
      <View className='admin-head__who'>
        <Text className='admin-head__title'>{title}</Text>
        <Text className='muted'>
          {admin?.unit} · {admin?.name} · 管理员
        </Text>
      </View>
      <Text className='link' id='admin-home' onClick={() => void Taro.redirectTo({ url: ADMIN_HOME_URL })}>
        管理首页
      </Text>
    </View>
  );
}

export function ErrorText({ id, message }: { id: string; message: string }) {
  return message ? (
    <Text className='form-error' id={id}>
      {message}
    </Text>
  ) : null;
}

/** `1050` → `17:30`. */
export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** `17:30` → 1050, `24:00` → 1440; undefined when not a time. */
export function minutesOf(text: string): number | undefined {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}
