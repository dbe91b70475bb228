import { describe, expect, it } from 'vitest';
import { fit, statusMessage } from './notifications.ts';
import { publicSummary } from '../residents/resident.ts';

describe('the progress subscription message', () => {
  const message = statusMessage({
    openid: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE',
    templateId: 'tmpl-status-001',
    ticket: { id: '2611181234567', status: 'rejected' },
    text: '您的诉求不予受理：经核实该路段属于省道，由省交通运输厅负责，请拨打12328反映',
    at: '2026-11-18T02:05:00.000Z',
  });

  it('keeps every field within WeChat’s limits (thing ≤ 20, phrase ≤ 5 characters)', () => {
    expect([...message.data.thing3!.value].length).toBeLessThanOrEqual(20);
    expect(message.data.thing3!.value.endsWith('…')).toBe(true);
    expect(message.data.phrase2!.value).toBe('不予受理');
    expect([...message.data.phrase2!.value].length).toBeLessThanOrEqual(5);
  });

  it('shows Shanghai time and opens the request in the mini-program', () => {
    expect(message.data.time4!.value).toBe('2026年11月18日 10:05');
    expect(message.page).toBe('pages/ticket/index?id=2611181234567');
    expect(message).toMatchObject({ touser: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE', template_id: 'tmpl-status-001', miniprogram_state: 'formal', lang: 'zh_CN' });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(fit('𠮷'.repeat(25), 20)).toHaveLength('𠮷'.repeat(19).length + 1);
    expect(fit('  短  文本 ', 20)).toBe('短 文本');
  });
});

describe('another resident’s request as shown before filing', () => {
  it('masks phone-like numbers and shortens long descriptions', () => {
    expect(publicSummary('下水道堵了，电话13912345678找我')).toBe('下水道堵了，电话139****找我');
    expect([...publicSummary('很'.repeat(60))].length).toBe(41);
  });

  it('masks numbers typed with spaces, dashes or +86 too (they were shown whole)', () => {
    expect(publicSummary('打139 1234 5678或139-1234-5678')).toBe('打139****或139****');
    expect(publicSummary('电话+86 13912345678，座机0931-8765432')).toBe('电话139****，座机093****');
  });
});
