import { describe, expect, it } from 'vitest';
import type { Unit } from '@mashang/shared/org';
import { buildFilingInput, emptyDeskForm, gridsOf, streetsFor } from './desk.ts';

const form = (over: Partial<ReturnType<typeof emptyDeskForm>> = {}, role: 'grid_worker' | 'operator' = 'operator') => ({ ...emptyDeskForm(role), ...over });

describe('buildFilingInput', () => {
  it('an operator files a hotline call for a grid and a place', () => {
    const res = buildFilingInput('operator', form({ gridId: 'g1', place: ' 东街12号 ', categoryCode: 'traffic', description: '路面塌陷，车辆难以通行', phone: '13700001111' }), 'tok-12345678');
    expect(res).toEqual({
      ok: true,
      input: { clientToken: 'tok-12345678', channel: 'hotline_12345', gridId: 'g1', place: '东街12号', categoryCode: 'traffic', description: '路面塌陷，车辆难以通行', phone: '13700001111', anonymous: false, urgent: false, photos: [] },
    });
  });

  it('a QR location needs no grid and no place', () => {
    const res = buildFilingInput('operator', form({ channel: 'police_110', locationId: 'loc-1', gridId: 'g1', categoryCode: 'traffic', description: '路口信号灯故障' }), 'tok-12345678');
    expect(res.ok && res.input).toMatchObject({ channel: 'police_110', locationId: 'loc-1' });
    expect(res.ok && 'gridId' in res.input).toBe(false);
  });

  it('a grid worker always files as 网格上报 and may handle it on the spot', () => {
    const res = buildFilingInput('grid_worker', form({ channel: 'visit', place: '小广场', categoryCode: 'sanitation', description: '共享单车倒在盲道上', onSpot: true, feedback: '已现场扶正', result: 'basic' }, 'grid_worker'), 'tok-12345678');
    expect(res.ok && res.input).toMatchObject({ channel: 'grid', onSpot: { feedback: '已现场扶正', result: 'basic' } });
  });

  it('a 12345 call carries its work-order number and the caller’s earlier requests it refers to; other channels drop the number', () => {
    const base = { gridId: 'g1', place: '东街12号', categoryCode: 'traffic', description: '路面塌陷，车辆难以通行', workOrderNo: ' GS2026113000123 ', relatedTicketIds: ['2611181234567'] };
    const res = buildFilingInput('operator', form(base), 'tok-12345678');
    expect(res.ok && res.input).toMatchObject({ workOrderNo: 'GS2026113000123', relatedTicketIds: ['2611181234567'] });
    const letter = buildFilingInput('operator', form({ ...base, channel: 'letter' }), 'tok-12345678');
    expect(letter.ok && 'workOrderNo' in letter.input).toBe(false);
    expect(buildFilingInput('operator', form({ ...base, workOrderNo: '工单#1' }), 'tok-12345678')).toEqual({ ok: false, fields: { workOrderNo: '工单编号为4至32位字母、数字或“-”' } });
  });

  it('says what is missing, field by field', () => {
    const res = buildFilingInput('operator', form({ description: '短', phone: '123' }), 'tok-12345678');
    expect(res).toEqual({
      ok: false,
      fields: { gridId: '请选择所在网格', place: '请选择地点，或填写具体位置', categoryCode: '请选择诉求类别', description: '请至少用5个字描述问题', phone: '请输入正确的手机号或带区号的固定电话' },
    });
    const spot = buildFilingInput('grid_worker', form({ place: '小广场', categoryCode: 'x', description: '共享单车倒在盲道上', onSpot: true, feedback: '好' }, 'grid_worker'), 'tok-12345678');
    expect(spot).toEqual({ ok: false, fields: { feedback: '请说明现场如何处理（至少5个字）' } });
  });
});

describe('choosing where', () => {
  const units: Unit[] = [
    { id: 'c', name: '区', kind: 'county', path: ['c'] },
    { id: 's1', name: '甲街道', kind: 'street', parentId: 'c', path: ['c', 's1'] },
    { id: 's2', name: '乙街道', kind: 'street', parentId: 'c', path: ['c', 's2'] },
    { id: 'm1', name: '社区', kind: 'community', parentId: 's1', path: ['c', 's1', 'm1'] },
    { id: 'g2', name: '第二网格', kind: 'grid', parentId: 'm1', path: ['c', 's1', 'm1', 'g2'] },
    { id: 'g1', name: '第一网格', kind: 'grid', parentId: 'm1', path: ['c', 's1', 'm1', 'g1'] },
  ];
  it('offers a county operator every street, a street its own, a grid worker the street above', () => {
    expect(streetsFor(units, 'c').map((u) => u.id)).toEqual(['s1', 's2']);
    expect(streetsFor(units, 's2').map((u) => u.id)).toEqual(['s2']);
    expect(streetsFor(units, 'g1').map((u) => u.id)).toEqual(['s1']);
    expect(gridsOf(units, 's1').map((u) => u.name)).toEqual(['第一网格', '第二网格']);
  });
});
