import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type Actor, type TicketEvent, type Unit } from '@mashang/shared';
import { plainEventLabel } from './plain.ts';

const units = new Map<string, Unit>([
  ['gaolanlu', { id: 'gaolanlu', name: '皋兰路街道', kind: 'street', path: ['chengguan', 'gaolanlu'] }],
  ['dept-zhujian', { id: 'dept-zhujian', name: '区住建局', kind: 'department', path: ['chengguan', 'dept-zhujian'] }],
  ['chengguan', { id: 'chengguan', name: '城关区', kind: 'county', path: ['chengguan'] }],
]);
const me: Actor = { id: 'dev-me', role: 'resident' };
const ev = (type: TicketEvent['type'], over: Partial<TicketEvent> = {}): TicketEvent => ({
  ticketId: '2611180000001',
  seq: 2,
  type,
  at: '2026-11-18T02:00:00.000Z',
  actor: { id: 'zhujian-handler', role: 'handler', unitId: 'dept-zhujian' },
  ...over,
});

describe('the timeline in plain words for residents', () => {
  it('names the unit instead of the jargon of dispatching and reporting in', () => {
    expect(plainEventLabel(ev('dispatched', { data: { unitId: 'dept-zhujian' } }), me, units)).toBe('已交由区住建局办理');
    expect(plainEventLabel(ev('accepted'), me, units)).toBe('区住建局已接单，正在办理');
    expect(plainEventLabel(ev('escalated', { data: { toUnitId: 'chengguan' } }), me, units)).toBe('已上报城关区协调办理');
  });

  it('says which promise a yellow or red card is about', () => {
    expect(plainEventLabel(ev('sla_warning', { data: { clock: 'respond' } }), me, units)).toBe('临近联系您时限，已提醒承办单位');
    expect(plainEventLabel(ev('sla_breach', { data: { clock: 'resolve' } }), me, units)).toBe('超过办结时限，已提请上级督办');
  });

  it('tells "you joined" from "another resident joined"', () => {
    expect(plainEventLabel(ev('joined', { actor: me }), me, units)).toContain('您也反映了');
    expect(plainEventLabel(ev('joined', { actor: { id: 'dev-other', role: 'resident' } }), me, units)).toBe('又有居民反映了同一问题');
  });

  it('a caller the desk added (来电附议) is another person reporting it, by the channel they used', () => {
    const operator = { id: 'desk-operator', role: 'operator' as const, unitId: 'chengguan', name: '刘静' };
    expect(plainEventLabel(ev('joined', { actor: operator, data: { followerCount: 1, channel: 'hotline_12345', channelLabel: '12345热线' } }), me, units)).toBe('又有群众通过12345热线反映了同一问题');
    expect(plainEventLabel(ev('joined', { actor: operator, data: undefined }), me, units)).toBe('又有群众反映了同一问题');
  });

  it('has Chinese words for every event type, even with its data missing', () => {
    for (const type of EVENT_TYPES) expect(plainEventLabel(ev(type, { data: undefined }), me, units)).toMatch(/^[\u4e00-\u9fff]/);
  });
});
