import { describe, expect, it } from 'vitest';
import { buildCommand, EMPTY_ACTION_FORM, offeredActions } from './commands.ts';

describe('buildCommand', () => {
  it.each([
    ['respond', {}, { type: 'respond', via: 'call' }],
    ['respond', { via: 'visit', note: ' 已上门 ' }, { type: 'respond', via: 'visit', note: '已上门' }],
    ['respond', { via: 'message', note: '您好，已收到' }, { type: 'respond', via: 'message', note: '您好，已收到' }],
    ['dispatch', { unitId: 'u-cg' }, { type: 'dispatch', unitId: 'u-cg' }],
    ['dispatch', { unitId: 'u-cg', categoryCode: 'traffic' }, { type: 'dispatch', unitId: 'u-cg', categoryCode: 'traffic' }],
    ['accept', {}, { type: 'accept' }],
    ['return', { reason: '不属于本单位' }, { type: 'return', reason: '不属于本单位' }],
    ['resolve', { feedback: '垃圾已清运完毕' }, { type: 'resolve', feedback: '垃圾已清运完毕' }],
    ['follow_up', { result: 'basic' }, { type: 'follow_up', result: 'basic' }],
    ['request_extension', { workingDays: '3', reason: '需要协调多个部门' }, { type: 'request_extension', workingDays: 3, reason: '需要协调多个部门' }],
    ['decide_extension', { approve: false }, { type: 'decide_extension', approve: false }],
    ['urge', { note: '请尽快办理' }, { type: 'urge', note: '请尽快办理' }],
    ['merge', { intoTicketId: ' T1 ' }, { type: 'merge', intoTicketId: 'T1' }],
    // A note marked for the resident carries the mark; an empty one has nothing to show.
    ['dispatch', { unitId: 'u-cg', note: '已请住建局三天内维修', forResident: true }, { type: 'dispatch', unitId: 'u-cg', note: '已请住建局三天内维修', forResident: true }],
    ['accept', { note: '', forResident: true }, { type: 'accept' }],
    ['follow_up', { result: 'satisfied', note: '电话回访', forResident: true }, { type: 'follow_up', result: 'satisfied', note: '电话回访', forResident: true }],
    // Issue 13: resolution photos go with the feedback; 转交 names the colleague and a note.
    ['resolve', { feedback: '垃圾已清运完毕', photos: ['p/gll-handler/a.jpg'] }, { type: 'resolve', feedback: '垃圾已清运完毕', photos: ['p/gll-handler/a.jpg'] }],
    ['hand_over', { toStaffId: 'gll-night', note: ' 我明天休假，请接手 ' }, { type: 'hand_over', toStaffId: 'gll-night', note: '我明天休假，请接手' }],
    // 来电附议: the channel, a 12345 call's work-order number, an internal note.
    ['caller_join', {}, { type: 'caller_join', channel: 'hotline_12345' }],
    ['caller_join', { workOrderNo: ' GS2026113000123 ', note: ' 来电人住东岗路 ' }, { type: 'caller_join', channel: 'hotline_12345', workOrderNo: 'GS2026113000123', note: '来电人住东岗路' }],
    ['caller_join', { channel: 'visit', workOrderNo: 'GS2026113000123' }, { type: 'caller_join', channel: 'visit' }],
  ] as const)('%s %j', (action, values, command) => {
    expect(buildCommand(action, { ...EMPTY_ACTION_FORM, ...values })).toEqual({ ok: true, command });
  });

  it.each([
    ['dispatch', {}, { unitId: '请选择承办单位' }],
    ['respond', { via: 'message', note: '  ' }, { note: '请填写发送给群众的消息' }],
    ['reject', { reason: '无' }, { reason: '请填写原因（至少2个字）' }],
    ['resolve', { feedback: '好' }, { feedback: '办理反馈至少5个字' }],
    ['request_extension', { workingDays: '0', reason: '需要协调' }, { workingDays: '延期天数须为1到20个工作日' }],
    ['urge', { note: '快' }, { note: '请填写督办意见（至少2个字）' }],
    ['hand_over', { note: '请接手' }, { toStaffId: '请选择转交给哪位同事' }],
    ['hand_over', { toStaffId: 'gll-night', note: '交' }, { note: '请填写转交说明（至少2个字）' }],
    ['caller_join', { workOrderNo: '工单1' }, { workOrderNo: '工单编号为4至32位字母、数字或“-”' }],
  ] as const)('%s %j is refused with a field message', (action, values, fields) => {
    expect(buildCommand(action, { ...EMPTY_ACTION_FORM, ...values })).toEqual({ ok: false, fields });
  });
});

describe('offeredActions', () => {
  it('keeps the staff actions the API offers, in button order, and drops the others', () => {
    expect(offeredActions(['reject', 'rate', 'respond', 'record_checkpoint', 'dispatch'])).toEqual(['respond', 'dispatch', 'reject']);
    expect(offeredActions(['caller_join'])).toEqual(['caller_join']);
  });
});
